// The flash chips a descriptor declares (formats.md §1.3: NC and the FLCOMP component
// densities) and what each holds. Boards such as the ThinkPad X230/T430/T440p/W541 carry
// two chips (8 + 4 MiB) that a programmer reads one at a time; the descriptor sits in the first.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/byte_range.hpp"
#include "ifd/descriptor.hpp"

namespace meclean {

struct FlashChip {
    unsigned number = 1;        // 1 = the chip holding the descriptor, 2 = the other
    ByteRange range;            // where the chip's bytes lie in the whole flash image
    std::vector<int> regions;   // used regions with at least one byte in this chip
};

// The chips in address order; empty when the descriptor has no component section or declares
// a density of 0 for a chip it counts.
std::vector<FlashChip> flash_chips(const Descriptor& descriptor);

// The descriptor of a whole image or of a chip read that starts with one; nothing when the
// bytes hold no descriptor or its maps point outside them.
std::optional<Descriptor> read_descriptor(std::span<const uint8_t> bytes);

// "fd, me, gbe" (flashrom layout names), or "none".
std::string region_list_text(const std::vector<int>& regions);

// Every byte 0xFF (an erased chip, or no contact) or every byte 0x00 (a stuck bus).
enum class Blankness { not_blank, all_ff, all_00 };
Blankness blankness(std::span<const uint8_t> bytes);

}  // namespace meclean
