// Whether a full image is as large as the flash its descriptor declares, and if not, what
// the difference most likely is (one chip of two, a mirrored or padded read, a cut-short read).
// The descriptor checks report it; the triage offers the plain image inside.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "base/byte_range.hpp"
#include "ifd/descriptor.hpp"

namespace meclean {

enum class DumpSizeMismatch { first_chip_only, truncated, mirrored, padded, oversized };

struct DumpSizeJudgement {
    DumpSizeMismatch mismatch = DumpSizeMismatch::truncated;
    std::string what;    // for the person holding the file: what the read seems to be
    std::string advice;  // what to do about it
    std::optional<ByteRange> flash;  // the flash image at the start of the file, when the file holds more
};

// Nothing when the sizes agree or the descriptor declares no size.
std::optional<DumpSizeJudgement> judge_dump_size(const Descriptor& descriptor, std::span<const uint8_t> image);

}  // namespace meclean
