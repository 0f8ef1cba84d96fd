// The full descriptor parse (issue 4; formats.md §1.2–§1.5): component section with 3- and
// 4-bit densities, one and two chips, every region slot (5 to 16), masters in both formats,
// FLMAP3, the upper map and the VSCC table. Descriptors come from core/synth.
#include <gtest/gtest.h>

#include "descriptor.hpp"
#include "synth/descriptor_builder.hpp"

namespace meclean {
namespace {

using namespace synth;

Descriptor parse(const DescriptorSpec& spec) {
    std::vector<uint8_t> bytes = build_descriptor(spec);
    return parse_descriptor(bytes, spec.signature_offset());
}

TEST(IfdParse, T420ComponentSectionThreeBit) {
    Descriptor d = parse(t420_descriptor());  // FLCOMP 0x49900024: 3-bit code 4 = 8 MiB (§1.3)
    EXPECT_EQ(d.platform.family, PchFamily::cougar_point);
    ASSERT_TRUE(d.component.present);
    EXPECT_EQ(d.component.flcomp, 0x49900024u);
    EXPECT_FALSE(d.component.four_bit_density);
    EXPECT_EQ(d.component.chips, 1u);
    EXPECT_EQ(d.component.density[0], 8u << 20);
    EXPECT_EQ(d.component.total_size(), 8u << 20);
    EXPECT_FALSE(d.flmap3.has_value());
}

TEST(IfdParse, TwoChipsThreeBit) {
    DescriptorSpec s = t420_descriptor();
    s.nc = 1;
    s.flcomp = 0x49900000 | flcomp_density_3bit(4, 3);  // 8 MiB + 4 MiB
    Descriptor d = parse(s);
    EXPECT_EQ(d.component.chips, 2u);
    EXPECT_EQ(d.component.density[1], 4u << 20);
    EXPECT_EQ(d.component.total_size(), 12u << 20);
}

TEST(IfdParse, LynxPointTwoChipsFourBit) {
    // t440p (§1.3): FLCOMP 0x49900034, NC = 1 → 8 MiB + 4 MiB with the 4-bit layout.
    DescriptorSpec s = t420_descriptor();
    s.nc = 1;
    s.pch_straps.assign(21, 0);  // ISL 21 → Lynx Point (§1.6)
    s.flcomp = 0x49900034;
    Descriptor d = parse(s);
    EXPECT_EQ(d.platform.family, PchFamily::lynx_point);
    EXPECT_TRUE(d.component.four_bit_density);
    EXPECT_EQ(d.component.density[0], 8u << 20);
    EXPECT_EQ(d.component.density[1], 4u << 20);
    EXPECT_EQ(d.component.total_size(), 12u << 20);
}

TEST(IfdParse, SkylakeFourBitOneChip) {
    Descriptor d = parse(skylake_descriptor());  // FLCOMP 0x324C00F4: codes 4 / 0xF
    EXPECT_EQ(d.ifd_version, 2);
    EXPECT_EQ(d.platform.family, PchFamily::sunrise_point);
    EXPECT_TRUE(d.component.four_bit_density);
    EXPECT_EQ(d.component.density_code[1], 0xFu);
    EXPECT_EQ(d.component.density[1], 0u);
    EXPECT_EQ(d.component.total_size(), 8u << 20);
    EXPECT_EQ(d.regions.size(), 16u);
}

TEST(IfdParse, TwoChipsFourBitV2) {
    DescriptorSpec s = skylake_descriptor();
    s.nc = 1;
    s.flcomp = 0x324C0000 | flcomp_density_4bit(5, 5);  // 16 + 16 MiB
    Descriptor d = parse(s);
    EXPECT_EQ(d.component.chips, 2u);
    EXPECT_EQ(d.component.total_size(), 32u << 20);
}

TEST(IfdParse, RegionSlotsFollowTheGap) {
    EXPECT_EQ(parse(t420_descriptor()).regions.size(), 5u);  // v1 cap
    DescriptorSpec s = skylake_descriptor();
    s.regions.resize(8);
    s.fpsba = 0x60;  // next section 0x20 bytes after FRBA: 8 slots
    s.pch_straps.assign(8, 0);
    EXPECT_EQ(parse(s).regions.size(), 8u);
    s.fpsba = 0x70;  // 12 slots
    s.regions.resize(12);
    s.pch_straps.assign(4, 0);
    Descriptor d = parse(s);
    EXPECT_EQ(d.regions.size(), 12u);
    EXPECT_EQ(d.ifd_version, 2);
}

TEST(IfdParse, EveryRegionSlotHasItsName) {
    Descriptor d = parse(skylake_descriptor());
    const char* names[16] = {"Flash Descriptor", "BIOS", "Intel ME", "GbE", "Platform Data", "Device Expansion 1",
                             "Secondary BIOS", "Reserved", "EC", "Device Expansion 2", "IE", "10GbE 0",
                             "10GbE 1", "Reserved", "Reserved", "PTT"};  // §1.4 table
    for (int i = 0; i < 16; ++i) EXPECT_EQ(d.regions[i].name, names[i]) << i;
    EXPECT_FALSE(d.regions[10].used);  // all-ones slot
}

TEST(IfdParse, V2MastersIncludeEcAndExtendedBits) {
    DescriptorSpec s = skylake_descriptor();
    s.masters = {0xFFFFFFFF, 0x00D00D00, 0xFFFFFF00, 0x00000000, 0x10010100};
    Descriptor d = parse(s);
    ASSERT_EQ(d.masters.size(), 5u);
    EXPECT_EQ(d.masters[0].read_regions, 0xFFFFu);  // [19:8] + [3:0] for 12–15 (§1.5)
    EXPECT_EQ(d.masters[0].write_regions, 0xFFFFu);
    EXPECT_EQ(d.masters[1].read_regions, 0b1101u);
    EXPECT_EQ(d.masters[1].write_regions, 0b1101u);
    EXPECT_EQ(d.masters[4].name, "EC");
    EXPECT_EQ(d.masters[4].read_regions, 0x101u);   // FD + EC
    EXPECT_EQ(d.masters[4].write_regions, 0x100u);  // EC
}

TEST(IfdParse, UpperMapAndVsccTable) {
    DescriptorSpec s = t420_descriptor();
    s.flumap1 = 0x000004DF;  // VTBA 0xDF0, VTL 4 dwords = 2 entries
    std::vector<uint8_t> bytes = build_descriptor(s);
    const uint32_t entries[4] = {0x001720C2, 0x20052005, 0x001740EF, 0x20152015};
    for (int i = 0; i < 4; ++i) {
        for (int b = 0; b < 4; ++b) bytes[0xDF0 + 4 * i + b] = uint8_t(entries[i] >> (8 * b));
    }
    Descriptor d = parse_descriptor(bytes, 0x10);
    EXPECT_EQ(d.flumap1, 0x000004DFu);
    EXPECT_EQ(d.vtba, 0xDF0u);
    EXPECT_EQ(d.vtl, 4u);
    ASSERT_EQ(d.vscc.size(), 2u);
    EXPECT_EQ(d.vscc[0].jid, 0x001720C2u);
    EXPECT_EQ(d.vscc[1].vscc, 0x20152015u);
}

TEST(IfdParse, Flmap3On500SeriesAndLater) {
    // adl_ifd's maps (§1.2): FLMAP2 0x00140170 (CSSL 0x14), FLUMAP1 0xc0ff02df.
    DescriptorSpec s = skylake_descriptor();
    s.iccriba = 0x14;
    s.fmsba = 0x700;  // FMSBA field 0x70
    s.north_straps.assign(1, 0);
    s.pch_straps.assign(115, 0);
    s.pch_straps[52] = 0x10081008;
    s.flumap1 = 0xC0FF02DF;
    s.flmap3 = 0x00200000;
    s.fcba = 0x30;
    Descriptor d = parse(s);
    EXPECT_EQ(d.flmap2, 0x00140170u);
    EXPECT_EQ(d.platform.family, PchFamily::alder_point_s);
    ASSERT_TRUE(d.flmap3.has_value());
    EXPECT_EQ(*d.flmap3, 0x00200000u);
}

TEST(IfdParse, Ich9SignatureAtZero) {
    Descriptor d = parse(ich9_descriptor());
    EXPECT_EQ(d.signature_offset, 0u);
    EXPECT_EQ(d.platform.family, PchFamily::ich9);
    EXPECT_EQ(d.component.total_size(), 4u << 20);  // 3-bit code 3
    EXPECT_EQ(d.masters.size(), 3u);
}

TEST(IfdParse, ShortFileSkipsWhatIsMissing) {
    std::vector<uint8_t> bytes = build_descriptor(t420_descriptor());
    bytes.resize(0x300);
    Descriptor d = parse_descriptor(bytes, 0x10);  // no throw: VSCC and upper map are past the end
    EXPECT_EQ(d.flumap1, 0u);
    EXPECT_TRUE(d.vscc.empty());
    EXPECT_TRUE(d.component.present);
}

}  // namespace
}  // namespace meclean
