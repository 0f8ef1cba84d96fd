// Triage: what people drop instead of a plain flash dump, and what they can do about it.
// me_cleaner answers "Unknown image" (or silently works on a dump of the wrong size); these
// name the file and, where a plain image sits inside it, say where (Triage::embedded).
#pragma once

#include <optional>
#include <span>

#include "analysis.hpp"

namespace meclean {

// For a file with neither a descriptor nor an $FPT where me_cleaner looks (0x0 / 0x10).
// Kinds: "empty", "blank", "capsule", "archive", "program", "not_firmware",
// "descriptor_at_offset", "me_update", "bios_region". Nothing when the file is none of these.
std::optional<Triage> triage_foreign_file(std::span<const uint8_t> file);

// For a full image whose size differs from the flash size its descriptor declares.
// Kinds: "first_chip_only", "mirrored_dump", "padded_dump", "oversized_dump", "truncated_dump".
// Nothing when the sizes agree or the descriptor declares no size.
std::optional<Triage> triage_dump_size(const Descriptor& descriptor, std::span<const uint8_t> image);

}  // namespace meclean
