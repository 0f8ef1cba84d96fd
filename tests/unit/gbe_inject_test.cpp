// The GbE region checks (core/gbe) and replacing a region (core/clean/region_inject,
// core/flash/inject_review), on synthetic images whose GbE banks and ME regions are made here.
#include <gtest/gtest.h>

#include "clean/region_inject.hpp"
#include "common/two_chip_image.hpp"
#include "flash/chips.hpp"
#include "flash/inject_review.hpp"
#include "gbe/gbe.hpp"

namespace meclean {
namespace {

using namespace test_common;

Bytes with_gbe(const Bytes& region) {
    Bytes image = two_chip_image();
    std::copy(region.begin(), region.end(), image.begin() + 0x1000);
    return image;
}

const CheckLine* check(const GbeInfo& g, const std::string& id) {
    for (const CheckLine& c : g.checks) {
        if (c.id == id) return &c;
    }
    return nullptr;
}

TEST(Gbe, ValidBankAndOwnMac) {
    Analysis a = inspect(two_chip_image());
    ASSERT_TRUE(a.gbe);
    EXPECT_EQ(a.gbe->region.offset, 0x1000u);
    EXPECT_EQ(a.gbe->mac_text, "00:1f:16:12:34:56");
    EXPECT_EQ(a.gbe->mac_kind, MacKind::unique);
    EXPECT_EQ(a.gbe->active_bank, 0u);
    ASSERT_EQ(a.gbe->banks.size(), 2u);
    EXPECT_TRUE(a.gbe->banks[0].checksum_ok);
    EXPECT_FALSE(a.gbe->banks[1].valid);
    EXPECT_TRUE(a.gbe->findings.empty());
}

TEST(Gbe, TheSecondBankIsUsedWhenTheFirstIsStale) {
    Bytes region = gbe_bank({0x00, 0x1F, 0x16, 1, 2, 3}, false);
    Bytes valid = gbe_bank({0x00, 0x1F, 0x16, 4, 5, 6}, true);
    region.insert(region.end(), valid.begin(), valid.end());
    std::optional<GbeInfo> g = read_gbe(with_gbe(region), *read_descriptor(two_chip_image()));
    ASSERT_TRUE(g);
    EXPECT_EQ(g->active_bank, 1u);
    EXPECT_EQ(g->mac_text, "00:1f:16:04:05:06");
}

TEST(Gbe, WrongChecksum) {
    Bytes region = gbe_bank({0x00, 0x1F, 0x16, 1, 2, 3}, true, false);
    region.resize(0x2000, 0xFF);
    std::optional<GbeInfo> g = read_gbe(with_gbe(region), *read_descriptor(two_chip_image()));
    ASSERT_TRUE(g);
    const CheckLine* c = check(*g, "gbe_checksum");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->state, State::warn);
    EXPECT_EQ(c->offset, 0x1000u + 0x7E);
    ASSERT_EQ(g->findings.size(), 1u);
    EXPECT_EQ(g->findings[0].code, "gbe_checksum");
}

TEST(Gbe, PlaceholderAndBlankMacs) {
    const Descriptor d = *read_descriptor(two_chip_image());
    struct Case {
        std::array<uint8_t, 6> mac;
        MacKind kind;
    } cases[] = {
        {{0x88, 0x88, 0x88, 0x88, 0x87, 0x88}, MacKind::placeholder},
        {{0x00, 0xF5, 0xF0, 0x40, 0x71, 0xFE}, MacKind::placeholder},
        {{0, 0, 0, 0, 0, 0}, MacKind::all_zero},
        {{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, MacKind::all_ff},
        {{0x01, 0x00, 0x5E, 0, 0, 1}, MacKind::multicast},
    };
    for (const Case& c : cases) {
        std::optional<GbeInfo> g = read_gbe(with_gbe(gbe_region(c.mac)), d);
        ASSERT_TRUE(g);
        EXPECT_EQ(g->mac_kind, c.kind) << g->mac_text;
        ASSERT_TRUE(check(*g, "gbe_mac"));
        EXPECT_EQ(check(*g, "gbe_mac")->state, State::warn) << g->mac_text;
    }
    Analysis a = inspect(with_gbe(gbe_region({0x88, 0x88, 0x88, 0x88, 0x87, 0x88})));
    EXPECT_TRUE(std::any_of(a.findings.begin(), a.findings.end(), [](const Finding& f) { return f.code == "gbe_mac"; }));
}

TEST(Gbe, NoValidBank) {
    Bytes region = gbe_bank({0x00, 0x1F, 0x16, 1, 2, 3}, false);
    region.resize(0x2000, 0xFF);
    std::optional<GbeInfo> g = read_gbe(with_gbe(region), *read_descriptor(two_chip_image()));
    ASSERT_TRUE(g);
    EXPECT_FALSE(g->active_bank);
    ASSERT_TRUE(check(*g, "gbe_no_valid_bank"));
}

TEST(Gbe, NoneWithoutAGbeRegion) {
    EXPECT_FALSE(inspect(full_gen3().bytes).gbe);  // the skylake preset has no GbE region
}

TEST(Inject, RegionNames) {
    EXPECT_EQ(region_index_by_name("ME"), 2);
    EXPECT_EQ(region_index_by_name("me"), 2);
    EXPECT_EQ(region_index_by_name("Descriptor"), 0);
    EXPECT_EQ(region_index_by_name("fd"), 0);
    EXPECT_EQ(region_index_by_name("GbE"), 3);
    EXPECT_EQ(region_index_by_name("pd"), 4);
    EXPECT_EQ(region_index_by_name("9"), 9);
    EXPECT_FALSE(region_index_by_name("nvram"));
    EXPECT_FALSE(region_index_by_name(""));
}

TEST(Inject, SmallerFileIsPaddedWithFF) {
    const Bytes& image = full_gen2().bytes;  // t420 descriptor, ME region 0x3000–0x4FFFFF
    Descriptor d = *read_descriptor(image);
    const Bytes& me = me7().bytes;
    Plan p = plan_region_inject(d, image, 2, me);
    ASSERT_FALSE(p.problem);
    ASSERT_EQ(p.edits.size(), 2u);
    EXPECT_EQ(p.edits[0].offset, 0x3000u);
    EXPECT_EQ(p.edits[1].kind, EditKind::fill);
    EXPECT_EQ(p.edits[1].offset, 0x3000u + me.size());
    EXPECT_EQ(p.edits[1].offset + p.edits[1].length, 0x500000u);
    ASSERT_EQ(p.findings.size(), 1u);
    EXPECT_EQ(p.findings[0].code, "inject_padded");
    Outcome o = meclean::apply(p, image);
    ASSERT_FALSE(o.problem);
    EXPECT_TRUE(std::equal(me.begin(), me.end(), o.image.begin() + 0x3000));
    EXPECT_EQ(o.image[0x4FFFFF], 0xFF);
    EXPECT_EQ(o.image[0x500000], image[0x500000]);  // BIOS untouched
    InjectReview review = review_injection(p, inspect(o.image), 2, me.size());
    EXPECT_TRUE(review.may_write);
    EXPECT_EQ(review.belongs, true);  // ME 7 on Cougar Point
    EXPECT_EQ(review.padding, 0x500000u - 0x3000 - me.size());
}

TEST(Inject, RefusesALargerFileAndAnUnusedRegion) {
    const Bytes& image = full_gen2().bytes;
    Descriptor d = *read_descriptor(image);
    Bytes big(0x500000 - 0x3000 + 1, 0xAA);
    Plan p = plan_region_inject(d, image, 2, big);
    ASSERT_TRUE(p.problem);
    EXPECT_EQ(p.problem->code, "inject_file_too_large");
    EXPECT_EQ(p.problem->offset, 0x3000u);
    EXPECT_TRUE(p.edits.empty());
    Plan unused = plan_region_inject(d, image, 4, Bytes(16, 0));
    ASSERT_TRUE(unused.problem);
    EXPECT_EQ(unused.problem->code, "inject_region_unused");
}

TEST(Inject, FirmwareOfAnotherGenerationDoesNotBelong) {
    const Bytes& image = full_gen2().bytes;  // Cougar Point
    Descriptor d = *read_descriptor(image);
    Plan p = plan_region_inject(d, image, 2, me11().bytes);
    ASSERT_FALSE(p.problem);
    Outcome o = meclean::apply(p, image);
    InjectReview review = review_injection(p, inspect(o.image), 2, me11().bytes.size());
    EXPECT_EQ(review.belongs, false);
    EXPECT_FALSE(review.may_write);
    EXPECT_EQ(review.headline.state, State::fail);
}

}  // namespace
}  // namespace meclean
