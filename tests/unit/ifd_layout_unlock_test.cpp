// flashrom layouts, region comparison and the ifdtool -u style unlock through plan/apply
// (formats.md §1.4 names, §1.5 "Unlock" values).
#include <gtest/gtest.h>

#include "ifd/descriptor.hpp"
#include "clean/descriptor_edit.hpp"
#include "ifd/flash_layout.hpp"
#include "meclean.hpp"
#include "synth/descriptor_builder.hpp"
#include "synth/flash_image_builder.hpp"

namespace meclean {
namespace {

using namespace synth;
using Bytes = std::vector<uint8_t>;

Descriptor parse(const Bytes& b) { return parse_descriptor(b, *find_descriptor_signature(b)); }

TEST(IfdLayout, T420LayoutInAddressOrder) {
    Descriptor d = parse(build_descriptor(t420_descriptor()));
    EXPECT_EQ(flashrom_layout(d),
              "00000000:00000fff fd\n"
              "00001000:00002fff gbe\n"
              "00003000:004fffff me\n"
              "00500000:007fffff bios\n");
}

TEST(IfdLayout, NamesAsIfdtoolAndFlashromUseThem) {
    EXPECT_STREQ(region_layout_name(0), "fd");
    EXPECT_STREQ(region_layout_name(1), "bios");
    EXPECT_STREQ(region_layout_name(2), "me");
    EXPECT_STREQ(region_layout_name(3), "gbe");
    EXPECT_STREQ(region_layout_name(4), "pd");
    EXPECT_STREQ(region_layout_name(8), "ec");
    // The corpus's T420 files carry ifdtool's extract names (README: flashregion_0_flashdescriptor.bin …).
    EXPECT_EQ(region_file_name(0), "flashregion_0_flashdescriptor.bin");
    EXPECT_EQ(region_file_name(1), "flashregion_1_bios.bin");
    EXPECT_EQ(region_file_name(3), "flashregion_3_gbe.bin");
}

TEST(IfdLayout, CompareNamesChangedRegions) {
    FlashImageSpec spec;
    spec.flash_size = 8u << 20;
    Bytes before = build_flash_image(spec).bytes;
    Descriptor d = parse(before);
    Bytes after = before;
    EXPECT_TRUE(compare_regions(d, before, after).changed.empty());
    after[0x128] ^= 0x80;    // PCHSTRP10 (descriptor)
    after[0x10000] ^= 0xFF;  // inside the ME region
    RegionDiff diff = compare_regions(d, before, after);
    EXPECT_EQ(diff.changed, (std::vector<int>{0, 2}));
    EXPECT_EQ(diff.unchanged, (std::vector<int>{1, 3}));
    EXPECT_EQ(diff.bytes_outside, 0u);
    EXPECT_EQ(flashrom_write_command(diff.changed, "x.layout", "clean.bin"),
              "flashrom -p internal -l x.layout -i fd -i me -N -w clean.bin");
}

TEST(IfdLayout, CompareCountsBytesOutsideEveryRegion) {
    FlashImageSpec spec;
    spec.descriptor.regions[1] = RegionSlot::range(0x600000, 0x7FFFFF);  // gap 0x500000–0x5fffff
    spec.flash_size = 8u << 20;
    Bytes before = build_flash_image(spec).bytes;
    Bytes after = before;
    after[0x500010] ^= 1;
    RegionDiff diff = compare_regions(parse(before), before, after);
    EXPECT_TRUE(diff.changed.empty());
    EXPECT_EQ(diff.bytes_outside, 1u);
    EXPECT_EQ(diff.first_outside, 0x500010u);
}

uint32_t master_word(const Bytes& b, uint32_t fmba, int index) {
    uint32_t at = fmba + 4 * (index - 1);
    return b[at] | b[at + 1] << 8 | b[at + 2] << 16 | uint32_t(b[at + 3]) << 24;
}

TEST(IfdUnlock, V1ValuesAsIfdtool) {
    Bytes image = build_descriptor(t420_descriptor());
    Plan p = plan_descriptor_unlock(parse(image), image);
    ASSERT_EQ(p.edits.size(), 2u);  // FLMSTR3 already holds 0x08080118
    for (const Edit& e : p.edits) {
        EXPECT_EQ(e.kind, EditKind::write);
        EXPECT_FALSE(e.reason.empty());
    }
    Outcome out = meclean::apply(p, image);
    ASSERT_FALSE(out.problem);
    // §1.5: FLMSTR1 = FLMSTR2 = 0xFFFF0000, FLMSTR3 = 0x08080000 with its requester ID (0x118) kept.
    EXPECT_EQ(master_word(out.image, 0x60, 1), 0xFFFF0000u);
    EXPECT_EQ(master_word(out.image, 0x60, 2), 0xFFFF0000u);
    EXPECT_EQ(master_word(out.image, 0x60, 3), 0x08080118u);
    Descriptor after = parse(out.image);
    EXPECT_EQ(after.masters[0].write_regions, 0xFFu);
    // Nothing else changed.
    for (size_t i = 0; i < image.size(); ++i) {
        if (i < 0x60 || i >= 0x6C) EXPECT_EQ(image[i], out.image[i]) << i;
    }
    // A second unlock has nothing to do.
    Plan again = plan_descriptor_unlock(after, out.image);
    EXPECT_TRUE(again.edits.empty());
    ASSERT_EQ(again.findings.size(), 1u);
    EXPECT_EQ(again.findings[0].code, "ifd_already_unlocked");
}

TEST(IfdUnlock, V2KeepsTheLowByteWithoutExtendedRegions) {
    DescriptorSpec s = skylake_descriptor();
    s.masters = {0x00A0B012, 0x00C0D034, 0x00808056, 0x0, 0x00000078};
    Bytes image = build_descriptor(s);
    Outcome out = meclean::apply(plan_descriptor_unlock(parse(image), image), image);
    ASSERT_FALSE(out.problem);
    EXPECT_EQ(master_word(out.image, 0x80, 1), 0xFFFFFF12u);
    EXPECT_EQ(master_word(out.image, 0x80, 2), 0xFFFFFF34u);
    EXPECT_EQ(master_word(out.image, 0x80, 3), 0xFFFFFF56u);
    EXPECT_EQ(master_word(out.image, 0x80, 4), 0x00000000u);  // device expansion: left alone
    EXPECT_EQ(master_word(out.image, 0x80, 5), 0xFFFFFF78u);
}

TEST(IfdUnlock, V2AllOnesWithExtendedRegions) {
    DescriptorSpec s = skylake_descriptor();  // turned into adl's maps: CSSL 0x14, MDTBA != 0
    s.iccriba = 0x14;
    s.fmsba = 0x700;
    s.north_straps.assign(1, 0);
    s.flumap1 = 0xC0FF02DF;
    s.masters = {0x00A0B000, 0x00C0D000, 0x00808000, 0x0, 0x0};
    Bytes image = build_descriptor(s);
    Descriptor d = parse(image);
    ASSERT_TRUE(has_extended_regions(d.platform.family));
    Outcome out = meclean::apply(plan_descriptor_unlock(d, image), image);
    for (int k : {1, 2, 3, 5}) EXPECT_EQ(master_word(out.image, 0x80, k), 0xFFFFFFFFu) << k;
}

}  // namespace
}  // namespace meclean

#include "ifd/descriptor_dump.hpp"

namespace meclean {
namespace {

TEST(IfdDump, ShowsEverySection) {
    Bytes image = synth::build_descriptor(synth::t420_descriptor());
    std::string text = descriptor_dump_text(parse(image));
    for (const char* want : {"IFD v1", "Cougar Point", "FLMAP0   0x03040003", "FLCOMP   0x49900024", "8 MiB",
                             "FLILL", "FLPB", "0x00500000  0x007fffff", "FLMSTR1  0x0a0b0000", "FLMSTR3  0x08080118",
                             "PCHSTRP10   0x00410044  AltMeDisable (bit 7) = 0", "PROCSTRP0", "FLUMAP1  0x000012df",
                             "ME VSCC table"}) {
        EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
    }
}

}  // namespace
}  // namespace meclean
