// A synthetic two-chip flash (as on the ThinkPad X230/T440p, scaled down): a Cougar Point
// descriptor declaring NC = 2 with 3-bit densities, chip 1 = 2 MiB holding the descriptor, GbE
// and ME 7 regions and the start of BIOS, chip 2 = 1 MiB holding the rest of BIOS. The GbE
// region carries a chosen MAC in a valid bank 0 (checksum 0xBABA) and a stale bank 1.
#pragma once

#include <array>

#include "common/synth_images.hpp"

namespace meclean::test_common {

inline constexpr uint32_t kChip1Size = 0x200000, kChip2Size = 0x100000;
inline constexpr uint32_t kTwoChipMeBase = 0x3000, kTwoChipBiosBase = 0x1C0000;

inline Bytes gbe_bank(const std::array<uint8_t, 6>& mac, bool valid, bool fix_checksum = true) {
    return synth::build_gbe_bank(mac, valid, fix_checksum);
}
inline Bytes gbe_region(const std::array<uint8_t, 6>& mac) { return synth::build_gbe_region(mac); }

inline synth::FlashImageSpec two_chip_spec() {
    synth::FlashImageSpec spec;
    spec.descriptor = synth::t420_descriptor();
    spec.descriptor.nc = 1;  // two components
    const unsigned code1 = synth::density_code_for(kChip1Size), code2 = synth::density_code_for(kChip2Size);
    spec.descriptor.flcomp = (spec.descriptor.flcomp & ~0x3Fu) | synth::flcomp_density_3bit(code1, code2);
    spec.descriptor.set_region(synth::kRegionMe, synth::RegionSlot::range(kTwoChipMeBase, kTwoChipBiosBase - 1));
    spec.descriptor.set_region(synth::kRegionBios,
                               synth::RegionSlot::range(kTwoChipBiosBase, kChip1Size + kChip2Size - 1));
    spec.me_region = me7().bytes;
    spec.gbe_region = gbe_region({0x00, 0x1F, 0x16, 0x12, 0x34, 0x56});
    spec.flash_size = kChip1Size + kChip2Size;
    return spec;
}

inline const Bytes& two_chip_image() {
    static const Bytes image = synth::build_flash_image(two_chip_spec()).bytes;
    return image;
}
inline Bytes chip1_of(const Bytes& image) { return Bytes(image.begin(), image.begin() + kChip1Size); }
inline Bytes chip2_of(const Bytes& image) { return Bytes(image.begin() + kChip1Size, image.end()); }

}  // namespace meclean::test_common
