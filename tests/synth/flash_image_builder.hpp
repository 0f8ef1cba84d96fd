// Whole SPI flash images: descriptor at 0, region contents at the bases the
// descriptor names (formats.md Appendix B assembles the full-image vectors
// the same way).
#pragma once

#include <cstdint>
#include <vector>

#include "synth/builder_basics.hpp"
#include "synth/descriptor_builder.hpp"

namespace meclean::synth {

struct FlashImageSpec {
    DescriptorSpec descriptor = t420_descriptor();
    std::vector<uint8_t> me_region;    // copied to the ME region base; the rest of the region is gap_fill
    std::vector<uint8_t> gbe_region;   // copied to the GbE region base; empty → filler pattern
    uint32_t flash_size = 0;           // 0 → one past the highest used region limit
    uint8_t gap_fill = 0xFF;           // bytes outside every used region, and unwritten region tails
    bool random_bios = true;           // BIOS region: deterministic pseudo-random bytes, never 0xFF
    // Copied to the end of the BIOS region (the part mapped just below 4 GiB, where a FIT pointer
    // lives: synth/fit_builder.hpp); the rest of the region keeps its filler.
    std::vector<uint8_t> bios_region;
    uint32_t bios_seed = 0x1BADB002;
};

struct FlashImage {
    std::vector<uint8_t> bytes;
    ByteRange descriptor;  // [0, 0x1000)
    ByteRange bios;        // from FLREG1; empty if unused
    ByteRange me;          // from FLREG2; empty if unused
    ByteRange gbe;         // from FLREG3; empty if unused
};

// Writes, in order: gap fill, BIOS bytes, other used regions (pattern or
// given content), the ME region, the descriptor — so on overlapping layouts
// (z77: BIOS covers everything) the later ones win. Regions running past
// flash_size are clipped. Throws std::invalid_argument when me_region is
// given but the ME region is unused or too small.
FlashImage build_flash_image(const FlashImageSpec& spec);

// The byte the BIOS filler puts at `index` (for tests that check the BIOS
// region is untouched without keeping a copy).
uint8_t bios_filler_byte(uint32_t seed, uint32_t index);

}  // namespace meclean::synth
