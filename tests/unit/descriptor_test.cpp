// Flash descriptor decoding (formats.md §1): FLREG, maps, masters, signature, IFD version.
#include <gtest/gtest.h>

#include "descriptor.hpp"
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

TEST(DescriptorRegions, SlotCountV1IsCappedAtFive) {
    // §1.4: distance FRBA 0x40 → FMBA 0x60 = 8 dwords, capped at 5 for v1.
    EXPECT_EQ(parse_descriptor(full_gen2().bytes, 0x10).regions.size(), 5u);
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

}  // namespace
}  // namespace meclean
