// Intel Flash Descriptor: where it is, its maps, regions, masters and straps (formats.md §1).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "analysis.hpp"

namespace meclean {

inline constexpr uint32_t kDescriptorSignature = 0x0FF0A55A;  // FLVALSIG, bytes 5A A5 F0 0F (§1.1)

// 0x0 (ICH8–10) or 0x10 (5-series on); nothing when neither holds the signature.
std::optional<uint64_t> find_descriptor_signature(std::span<const uint8_t> image);

// Reads the descriptor whose signature is at `signature_offset`. Throws FormatError
// when the maps point outside the image.
Descriptor parse_descriptor(std::span<const uint8_t> image, uint64_t signature_offset);

// FLREG encoding with 15-bit fields (§1.4); `end` is exclusive, as me_cleaner keeps it.
struct RegionBounds {
    uint64_t start = 0;
    uint64_t end = 0;
};
RegionBounds decode_flreg(uint32_t flreg);
uint32_t encode_flreg(uint64_t start, uint64_t end_exclusive);

const char* region_name(int index);
const char* master_name(int index);

}  // namespace meclean
