// Flash descriptor decoding (formats.md §1): FLREG, maps, regions, masters, signature, IFD version,
// and the full parse of the component section, FLMAP3, the upper map and the VSCC table.
#include <gtest/gtest.h>

#include "ifd/descriptor.hpp"
#include "test_support.hpp"

namespace meclean {
namespace {

using namespace testing_support;

// ---- FLREG (§1.4): base = (FLREG & 0x7FFF) << 12, limit = ((FLREG >> 4) & 0x07FFF000) | 0xFFF.

TEST(Flreg, DecodesT420MeRegion) {
    // t420: ME 0x3000–0x4FFFFF (Appendix A).
    RegionBounds b = decode_flreg(0x04FF0003);
    EXPECT_EQ(b.start, 0x3000u);
    EXPECT_EQ(b.end, 0x500000u);  // exclusive
}

TEST(Flreg, Decodes16MbT420Values) {
    // §2.8.12 verified: FLREG1 0x0FFF0180 = BIOS 0x180000–0xFFFFFF, FLREG2 0x017F0003 = ME 0x3000–0x17FFFF.
    EXPECT_EQ(decode_flreg(0x0FFF0180).start, 0x180000u);
    EXPECT_EQ(decode_flreg(0x0FFF0180).end, 0x1000000u);
    EXPECT_EQ(decode_flreg(0x017F0003).start, 0x3000u);
    EXPECT_EQ(decode_flreg(0x017F0003).end, 0x180000u);
}

TEST(Flreg, UsesFifteenBitFields) {
    // Base field 0x7FFF and limit field 0x7FFF survive (15-bit decode, not 12-bit).
    RegionBounds b = decode_flreg(0x7FFF7000);
    EXPECT_EQ(b.start, 0x7000000u);
    EXPECT_EQ(b.end, 0x8000000u);
}

TEST(Flreg, UnusedEncodingsDecodeWithStartNotBeforeEnd) {
    for (uint32_t raw : {0x00001FFFu, 0x00000FFFu, 0x00007FFFu}) {
        RegionBounds b = decode_flreg(raw);
        EXPECT_GE(b.start, b.end) << std::hex << raw;
    }
    EXPECT_EQ(decode_flreg(0x1FFF).start, 0x1FFF000u);
    EXPECT_EQ(decode_flreg(0x1FFF).end, 0x1000u);
    EXPECT_EQ(decode_flreg(0x7FFF).start, 0x7FFF000u);
}

TEST(Flreg, AllOnesDecodesBaseBelowLimit) {
    // §1.4: 0xFFFFFFFF → base 0x7FFF000, limit 0x7FFFFFF (base ≤ limit!).
    RegionBounds b = decode_flreg(0xFFFFFFFF);
    EXPECT_EQ(b.start, 0x7FFF000u);
    EXPECT_EQ(b.end, 0x8000000u);
}

TEST(Flreg, EncodeMatchesDocumentedValues) {
    // §2.8.12 verified: t420 16 MB with -t: FLREG1 0x0FFF004F, FLREG2 0x004E0003.
    EXPECT_EQ(encode_flreg(0x4F000, 0x1000000), 0x0FFF004Fu);
    EXPECT_EQ(encode_flreg(0x3000, 0x4F000), 0x004E0003u);
    // x210 with -r: FLREG1 0x07FF0059, FLREG2 0x00580001.
    EXPECT_EQ(encode_flreg(0x59000, 0x800000), 0x07FF0059u);
    EXPECT_EQ(encode_flreg(0x1000, 0x59000), 0x00580001u);
    EXPECT_EQ(encode_flreg(0x3000, 0x500000), 0x04FF0003u);
}

TEST(Flreg, EncodeDecodeRoundTrip) {
    for (uint64_t start : {0x0ull, 0x1000ull, 0x3000ull, 0x500000ull, 0x7FFE000ull}) {
        for (uint64_t end : {uint64_t(start + 0x1000), uint64_t(start + 0x4F000), uint64_t(0x8000000)}) {
            if (end > 0x8000000ull) continue;
            RegionBounds b = decode_flreg(encode_flreg(start, end));
            EXPECT_EQ(b.start, start);
            EXPECT_EQ(b.end, end);
        }
    }
}

TEST(Flreg, BuilderAndEngineAgree) {
    for (auto [base, limit] : {std::pair{0x3000u, 0x4FFFFFu}, std::pair{0x1000u, 0x1FFFFFu}, std::pair{0u, 0xFFFu}}) {
        EXPECT_EQ(encode_flreg(base, uint64_t{limit} + 1), synth::encode_flreg(base, limit));
    }
}

// ---- signature (§1.1)

TEST(DescriptorSignature, At0x10OnT420) {
    EXPECT_EQ(find_descriptor_signature(full_gen2().bytes), std::optional<uint64_t>(0x10));
}

TEST(DescriptorSignature, AtZeroOnIch9) {
    EXPECT_EQ(find_descriptor_signature(full_gen1().bytes), std::optional<uint64_t>(0));
}

TEST(DescriptorSignature, AbsentElsewhereOrShort) {
    Bytes b(0x1000, 0xFF);
    EXPECT_FALSE(find_descriptor_signature(b));
    put32(b, 0x20, 0x0FF0A55A);  // only 0 and 0x10 are tested (§1.1, me_cleaner)
    EXPECT_FALSE(find_descriptor_signature(b));
    EXPECT_FALSE(find_descriptor_signature(Bytes{0x5A, 0xA5, 0xF0}));
    EXPECT_FALSE(find_descriptor_signature(Bytes{}));
    Bytes exact = {0x5A, 0xA5, 0xF0, 0x0F};
    EXPECT_EQ(find_descriptor_signature(exact), std::optional<uint64_t>(0));
}

// ---- maps and sections (§1.2)

TEST(DescriptorMaps, T420SectionBases) {
    const Bytes& img = full_gen2().bytes;
    // Appendix A, t420: FLMAP0 03040003, FLMAP1 12100206, FLMAP2 00210120.
    ASSERT_EQ(le32(img, 0x14), 0x03040003u);
    ASSERT_EQ(le32(img, 0x18), 0x12100206u);
    ASSERT_EQ(le32(img, 0x1C), 0x00210120u);
    Descriptor d = parse_descriptor(img, 0x10);
    EXPECT_EQ(d.signature_offset, 0x10u);
    EXPECT_EQ(d.flmap0, 0x03040003u);
    EXPECT_EQ(d.flmap1, 0x12100206u);
    EXPECT_EQ(d.flmap2, 0x00210120u);
    EXPECT_EQ(d.fcba, 0x30u);
    EXPECT_EQ(d.frba, 0x40u);
    EXPECT_EQ(d.fmba, 0x60u);
    EXPECT_EQ(d.fpsba, 0x100u);
    EXPECT_EQ(d.fmsba, 0x200u);
    EXPECT_EQ(d.pch_strap_count, 18u);
    EXPECT_EQ(d.north_strap_count, 1u);
    ASSERT_EQ(d.pch_straps.size(), 18u);
    EXPECT_EQ(d.pch_straps[10], 0x00410044u);
}

TEST(DescriptorMaps, SkylakeSectionBases) {
    const Bytes& img = full_gen3().bytes;
    // Appendix A, x210: FLMAP 00040003 / 42100208 / 00310330.
    ASSERT_EQ(le32(img, 0x14), 0x00040003u);
    ASSERT_EQ(le32(img, 0x18), 0x42100208u);
    ASSERT_EQ(le32(img, 0x1C), 0x00310330u);
    Descriptor d = parse_descriptor(img, 0x10);
    EXPECT_EQ(d.fcba, 0x30u);
    EXPECT_EQ(d.frba, 0x40u);
    EXPECT_EQ(d.fmba, 0x80u);
    EXPECT_EQ(d.fpsba, 0x100u);
    EXPECT_EQ(d.fmsba, 0x300u);
    EXPECT_EQ(d.pch_strap_count, 66u);
    EXPECT_EQ(d.north_strap_count, 3u);
}

TEST(DescriptorMaps, SignatureAtZeroReadsMapAtFour) {
    const Bytes& img = full_gen1().bytes;
    synth::DescriptorSpec spec = synth::ich9_descriptor();
    Descriptor d = parse_descriptor(img, 0);
    EXPECT_EQ(d.signature_offset, 0u);
    EXPECT_EQ(d.flmap0, le32(img, 4));
    EXPECT_EQ(d.fcba, spec.fcba);
    EXPECT_EQ(d.frba, spec.frba);
    EXPECT_EQ(d.fmba, spec.fmba);
    EXPECT_EQ(d.fpsba, spec.fpsba);
    EXPECT_EQ(d.fmsba, spec.fmsba);
}

TEST(DescriptorMaps, NonStandardBasesFollowTheMap) {
    synth::DescriptorSpec spec = synth::t420_descriptor();
    spec.frba = 0x50;
    spec.fmba = 0x80;
    spec.fpsba = 0x200;
    spec.fmsba = 0x300;
    Bytes desc = synth::build_descriptor(spec);
    Descriptor d = parse_descriptor(desc, 0x10);
    EXPECT_EQ(d.frba, 0x50u);
    EXPECT_EQ(d.fmba, 0x80u);
    EXPECT_EQ(d.fpsba, 0x200u);
    EXPECT_EQ(d.fmsba, 0x300u);
    ASSERT_GE(d.regions.size(), 3u);
    EXPECT_EQ(d.regions[2].base, 0x3000u);
    EXPECT_EQ(d.regions[2].limit, 0x4FFFFFu);
}

// ---- regions (§1.4)

TEST(DescriptorRegions, T420RegionsAndUnusedPdr) {
    Descriptor d = parse_descriptor(full_gen2().bytes, 0x10);
    ASSERT_GE(d.regions.size(), 5u);
    EXPECT_TRUE(d.regions[0].used);
    EXPECT_EQ(d.regions[0].base, 0u);
    EXPECT_EQ(d.regions[0].limit, 0xFFFu);
    EXPECT_EQ(d.regions[1].base, 0x500000u);
    EXPECT_EQ(d.regions[1].limit, 0x7FFFFFu);
    EXPECT_EQ(d.regions[2].raw, 0x04FF0003u);
    EXPECT_EQ(d.regions[3].base, 0x1000u);
    EXPECT_EQ(d.regions[3].limit, 0x2FFFu);
    EXPECT_EQ(d.regions[4].raw, 0x00001FFFu);
    EXPECT_FALSE(d.regions[4].used);
}

TEST(DescriptorRegions, V2UnusedAndAllOnesSlots) {
    Descriptor d = parse_descriptor(full_gen3().bytes, 0x10);
    ASSERT_EQ(d.regions.size(), 16u);
    for (int n = 3; n < 10; ++n) {
        EXPECT_EQ(d.regions[n].raw, 0x00007FFFu) << n;
        EXPECT_FALSE(d.regions[n].used) << n;
    }
    for (int n = 10; n < 16; ++n) {
        EXPECT_EQ(d.regions[n].raw, 0xFFFFFFFFu) << n;
        EXPECT_FALSE(d.regions[n].used) << "all-ones slot " << n << " must be unused";
    }
    EXPECT_TRUE(d.regions[2].used);
    EXPECT_EQ(d.regions[2].base, 0x1000u);
    EXPECT_EQ(d.regions[2].limit, 0x1FFFFFu);
}

TEST(DescriptorRegions, SlotCountFollowsTheNextSection) {
    synth::DescriptorSpec spec = synth::t420_descriptor();
    spec.regions.resize(4);
    spec.fmba = 0x50;  // four slots between FRBA 0x40 and FMBA 0x50
    Bytes desc = synth::build_descriptor(spec);
    Descriptor d = parse_descriptor(desc, 0x10);
    EXPECT_EQ(d.ifd_version, 1);
    EXPECT_EQ(d.regions.size(), 4u);
}

// ---- IFD version (§1.6: v2 when FRBA → next section ≥ 0x40 bytes)

TEST(IfdVersion, T420IsV1SkylakeIsV2) {
    EXPECT_EQ(parse_descriptor(full_gen2().bytes, 0x10).ifd_version, 1);
    EXPECT_EQ(parse_descriptor(full_gen3().bytes, 0x10).ifd_version, 2);
    EXPECT_EQ(parse_descriptor(full_gen1().bytes, 0).ifd_version, 1);
}

TEST(IfdVersion, GapOf0x30IsStillV1) {
    synth::DescriptorSpec spec = synth::skylake_descriptor();
    spec.fmba = 0x70;  // 0x30 bytes after FRBA: 12 slots, below the 0x40 of a v2 layout
    spec.regions.resize(12);
    Bytes desc = synth::build_descriptor(spec);
    EXPECT_EQ(parse_descriptor(desc, 0x10).ifd_version, 1);
}

// ---- masters (§1.5)

TEST(Masters, V1ReadWriteBits) {
    Descriptor d = parse_descriptor(full_gen2().bytes, 0x10);
    ASSERT_GE(d.masters.size(), 3u);
    // FLMSTR1 0x0A0B0000: BIOS reads FD, BIOS, GbE; writes BIOS, GbE.
    EXPECT_EQ(d.masters[0].raw, 0x0A0B0000u);
    EXPECT_EQ(d.masters[0].read_regions, 0b1011u);
    EXPECT_EQ(d.masters[0].write_regions, 0b1010u);
    // FLMSTR2 0x0C0D0000: ME reads FD, ME, GbE; writes ME, GbE.
    EXPECT_EQ(d.masters[1].read_regions, 0b1101u);
    EXPECT_EQ(d.masters[1].write_regions, 0b1100u);
    // FLMSTR3 0x08080118: GbE r/w GbE.
    EXPECT_EQ(d.masters[2].read_regions, 0b1000u);
    EXPECT_EQ(d.masters[2].write_regions, 0b1000u);
    EXPECT_EQ(d.masters[1].index, 2);
}

TEST(Masters, V2ReadWriteBits) {
    synth::DescriptorSpec spec = synth::skylake_descriptor();
    spec.masters = {0xFFFFFF00, 0x00400500, 0xFFFFFFFF};
    Bytes desc = synth::build_descriptor(spec);
    Descriptor d = parse_descriptor(desc, 0x10);
    ASSERT_EQ(d.ifd_version, 2);
    ASSERT_GE(d.masters.size(), 3u);
    EXPECT_EQ(d.masters[0].read_regions, 0xFFFu);
    EXPECT_EQ(d.masters[0].write_regions, 0xFFFu);
    // 0x00400500 = ME reads regions 0 and 2, writes region 2 (§2.8.11).
    EXPECT_EQ(d.masters[1].read_regions, 0b101u);
    EXPECT_EQ(d.masters[1].write_regions, 0b100u);
    // Extended bits [3:0]/[7:4] = regions 12–15.
    EXPECT_EQ(d.masters[2].read_regions, 0xFFFFu);
    EXPECT_EQ(d.masters[2].write_regions, 0xFFFFu);
}

TEST(Masters, V2ExtendedBitsOnly) {
    synth::DescriptorSpec spec = synth::skylake_descriptor();
    spec.masters = {0x00000022, 0, 0};  // [3:0] = 2: read region 13; [7:4] = 2: write region 13
    Bytes desc = synth::build_descriptor(spec);
    Descriptor d = parse_descriptor(desc, 0x10);
    EXPECT_EQ(d.masters[0].read_regions, 1u << 13);
    EXPECT_EQ(d.masters[0].write_regions, 1u << 13);
}

// ---- truncated descriptors become FormatErrors, not UB

TEST(DescriptorParse, MapPastTheEndThrows) {
    Bytes b = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
               0x5A, 0xA5, 0xF0, 0x0F, 0x03, 0x00};
    EXPECT_THROW(parse_descriptor(b, 0x10), FormatError);
}


// ---- the full parse (docs/formats.md §1.2–§1.5): component section with 3- and 4-bit densities, one and
// two chips, every region slot (5 to 16), masters in both formats, FLMAP3, the upper map, VSCC.

Descriptor parse(const synth::DescriptorSpec& spec) {
    Bytes bytes = synth::build_descriptor(spec);
    return parse_descriptor(bytes, spec.signature_offset());
}

TEST(IfdParse, T420ComponentSectionThreeBit) {
    Descriptor d = parse(synth::t420_descriptor());  // FLCOMP 0x49900024: 3-bit code 4 = 8 MiB (§1.3)
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
    synth::DescriptorSpec s = synth::t420_descriptor();
    s.nc = 1;
    s.flcomp = 0x49900000 | synth::flcomp_density_3bit(4, 3);  // 8 MiB + 4 MiB
    Descriptor d = parse(s);
    EXPECT_EQ(d.component.chips, 2u);
    EXPECT_EQ(d.component.density[1], 4u << 20);
    EXPECT_EQ(d.component.total_size(), 12u << 20);
}

TEST(IfdParse, LynxPointTwoChipsFourBit) {
    // t440p (§1.3): FLCOMP 0x49900034, NC = 1 → 8 MiB + 4 MiB with the 4-bit layout.
    synth::DescriptorSpec s = synth::t420_descriptor();
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
    Descriptor d = parse(synth::skylake_descriptor());  // FLCOMP 0x324C00F4: codes 4 / 0xF
    EXPECT_EQ(d.ifd_version, 2);
    EXPECT_EQ(d.platform.family, PchFamily::sunrise_point);
    EXPECT_TRUE(d.component.four_bit_density);
    EXPECT_EQ(d.component.density_code[1], 0xFu);
    EXPECT_EQ(d.component.density[1], 0u);
    EXPECT_EQ(d.component.total_size(), 8u << 20);
    EXPECT_EQ(d.regions.size(), 16u);
}

TEST(IfdParse, TwoChipsFourBitV2) {
    synth::DescriptorSpec s = synth::skylake_descriptor();
    s.nc = 1;
    s.flcomp = 0x324C0000 | synth::flcomp_density_4bit(5, 5);  // 16 + 16 MiB
    Descriptor d = parse(s);
    EXPECT_EQ(d.component.chips, 2u);
    EXPECT_EQ(d.component.total_size(), 32u << 20);
}

TEST(IfdParse, RegionSlotsFollowTheGap) {
    EXPECT_EQ(parse(synth::t420_descriptor()).regions.size(), 5u);  // v1 cap
    synth::DescriptorSpec s = synth::skylake_descriptor();
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
    Descriptor d = parse(synth::skylake_descriptor());
    const char* names[16] = {"Flash Descriptor", "BIOS", "Intel ME", "GbE", "Platform Data", "Device Expansion 1",
                             "Secondary BIOS", "Reserved", "EC", "Device Expansion 2", "IE", "10GbE 0",
                             "10GbE 1", "Reserved", "Reserved", "PTT"};  // §1.4 table
    for (int i = 0; i < 16; ++i) EXPECT_EQ(d.regions[i].name, names[i]) << i;
    EXPECT_FALSE(d.regions[10].used);  // all-ones slot
}

TEST(IfdParse, V2MastersIncludeEcAndExtendedBits) {
    synth::DescriptorSpec s = synth::skylake_descriptor();
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
    synth::DescriptorSpec s = synth::t420_descriptor();
    s.flumap1 = 0x000004DF;  // VTBA 0xDF0, VTL 4 dwords = 2 entries
    std::vector<uint8_t> bytes = synth::build_descriptor(s);
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
    synth::DescriptorSpec s = synth::skylake_descriptor();
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
    Descriptor d = parse(synth::ich9_descriptor());
    EXPECT_EQ(d.signature_offset, 0u);
    EXPECT_EQ(d.platform.family, PchFamily::ich9);
    EXPECT_EQ(d.component.total_size(), 4u << 20);  // 3-bit code 3
    EXPECT_EQ(d.masters.size(), 3u);
}

TEST(IfdParse, ShortFileSkipsWhatIsMissing) {
    std::vector<uint8_t> bytes = synth::build_descriptor(synth::t420_descriptor());
    bytes.resize(0x300);
    Descriptor d = parse_descriptor(bytes, 0x10);  // no throw: VSCC and upper map are past the end
    EXPECT_EQ(d.flumap1, 0u);
    EXPECT_TRUE(d.vscc.empty());
    EXPECT_TRUE(d.component.present);
}

}  // namespace
}  // namespace meclean
