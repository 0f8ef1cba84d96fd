// Triage: what people drop instead of a plain flash dump, and what they can do about it.
// me_cleaner answers "Unknown image" (or silently works on a dump of the wrong size); these
// name the file and, where a plain image sits inside it, say where (Triage::embedded).
#pragma once

#include <optional>
#include <span>
#include <string>

#include "base/byte_range.hpp"
#include "ifd/dump_size.hpp"

namespace meclean {

enum class TriageKind {
    // a file with neither a descriptor nor an $FPT where me_cleaner looks
    empty, blank, capsule, archive, program, not_firmware, descriptor_at_offset, me_update, bios_region,
    // a full image whose size differs from the flash its descriptor declares
    first_chip_only, truncated_dump, mirrored_dump, padded_dump, oversized_dump,
};
// Stable names for the report: "capsule", "mirrored_dump", ...
const char* triage_kind_name(TriageKind kind);

// What a file seems to be; both sentences are written for the person holding the file.
struct Triage {
    TriageKind kind = TriageKind::empty;
    std::string what;    // what the file seems to be
    std::string advice;  // what to do about it
    std::optional<ByteRange> embedded;  // a plain flash image (descriptor first) meclean can work on instead
    bool told_by_problem = false;       // the analysis's problem already says `what` and `advice`
};

// Nothing when the file is none of the foreign kinds.
std::optional<Triage> triage_foreign_file(std::span<const uint8_t> file);

// The triage of a full image of the wrong size (ifd/dump_size.hpp).
Triage triage_of(const DumpSizeJudgement& judgement);

}  // namespace meclean
