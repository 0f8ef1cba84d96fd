// Comparing reads and verifying a read-back (core/flash) on the synthetic two-chip image: each
// damage is made here by hand, so the expected pattern, range and region are known.
#include <gtest/gtest.h>

#include <cstring>

#include "common/two_chip_image.hpp"
#include "flash/compare.hpp"
#include "flash/verify.hpp"

namespace meclean {
namespace {

using namespace test_common;

CompareResult compare(const std::vector<Bytes>& reads) {
    std::vector<std::span<const uint8_t>> spans(reads.begin(), reads.end());
    return compare_reads(spans);
}

ReadDiff only_diff(const CompareResult& r) {
    EXPECT_EQ(r.differences.size(), 1u);
    return r.differences.at(0).diff;
}

TEST(Compare, IdenticalReadsAgree) {
    CompareResult r = compare({two_chip_image(), two_chip_image(), two_chip_image()});
    EXPECT_TRUE(r.identical);
    EXPECT_EQ(r.headline.state, State::ok);
    EXPECT_TRUE(r.differences.empty());
}

TEST(Compare, OneReadIsNotEnough) {
    EXPECT_EQ(compare({two_chip_image()}).headline.state, State::fail);
}

TEST(Compare, IsolatedBitFlips) {
    Bytes bad = two_chip_image();
    bad[0x1000 + 0x200] ^= 0x04;  // GbE region
    bad[0x250000] ^= 0x80;        // BIOS region, chip 2
    CompareResult r = compare({two_chip_image(), bad});
    EXPECT_FALSE(r.identical);
    EXPECT_EQ(r.headline.state, State::fail);
    EXPECT_NE(r.headline.title.find("re-seat the clip"), std::string::npos);
    ReadDiff d = only_diff(r);
    EXPECT_EQ(d.bytes_differ, 2u);
    ASSERT_EQ(d.ranges.size(), 2u);
    EXPECT_EQ(d.ranges[0].range.offset, 0x1200u);
    EXPECT_EQ(d.ranges[0].region, 3);
    EXPECT_EQ(d.ranges[1].region, 1);
    EXPECT_EQ(d.patterns, (std::vector<DiffPattern>{DiffPattern::bit_flips}));
}

TEST(Compare, StuckBitLowAndHigh) {
    Bytes low = two_chip_image(), high = two_chip_image();
    for (auto& b : low) b &= ~0x08;
    for (auto& b : high) b |= 0x20;
    ReadDiff l = only_diff(compare({two_chip_image(), low}));
    EXPECT_EQ(l.patterns, (std::vector<DiffPattern>{DiffPattern::stuck_bit_low}));
    EXPECT_EQ(l.ranges.at(0).bit, 3);
    ReadDiff h = only_diff(compare({two_chip_image(), high}));
    EXPECT_EQ(h.patterns, (std::vector<DiffPattern>{DiffPattern::stuck_bit_high}));
    EXPECT_EQ(h.ranges.at(0).bit, 5);
}

TEST(Compare, ErasedAndZeroedBlocks) {
    Bytes erased = two_chip_image(), zeroed = two_chip_image();
    std::memset(erased.data() + 0x210000, 0xFF, 0x8000);  // BIOS (random filler, never 0xFF)
    std::memset(zeroed.data() + 0x210000, 0x00, 0x8000);
    ReadDiff e = only_diff(compare({two_chip_image(), erased}));
    EXPECT_EQ(e.patterns, (std::vector<DiffPattern>{DiffPattern::erased_block}));
    ASSERT_EQ(e.ranges.size(), 1u);
    EXPECT_GE(e.ranges[0].range.offset, 0x210000u);
    EXPECT_LE(e.ranges[0].range.end(), 0x218000u);
    ReadDiff z = only_diff(compare({two_chip_image(), zeroed}));
    EXPECT_EQ(z.patterns, (std::vector<DiffPattern>{DiffPattern::zeroed_block}));
}

TEST(Compare, ShiftedData) {
    const Bytes& good = two_chip_image();
    Bytes shifted = good;
    shifted.erase(shifted.begin() + 0x200000, shifted.begin() + 0x200003);  // three bytes dropped
    shifted.insert(shifted.end(), 3, 0xFF);
    ReadDiff d = only_diff(compare({good, shifted}));
    ASSERT_FALSE(d.ranges.empty());
    EXPECT_EQ(d.ranges[0].range.offset, 0x200000u);
    EXPECT_EQ(d.ranges[0].pattern, DiffPattern::shifted);
    EXPECT_EQ(d.ranges[0].shift, 3);
}

TEST(Compare, ReadOfADifferentSize) {
    const Bytes& good = two_chip_image();
    Bytes short_read(good.begin(), good.begin() + kChip1Size);
    ReadDiff d = only_diff(compare({good, short_read}));
    EXPECT_TRUE(d.size_differs);
    EXPECT_EQ(d.bytes_differ, 0u);
    EXPECT_EQ(d.patterns, (std::vector<DiffPattern>{DiffPattern::size_differs}));
    EXPECT_EQ(d.ranges.back().range.offset, kChip1Size);
}

TEST(Compare, UnrelatedReads) {
    const Bytes& good = two_chip_image();
    Bytes other(good.size());
    for (size_t i = 0; i < other.size(); ++i) other[i] = uint8_t(good[i] + 1 + (i % 7));
    ReadDiff d = only_diff(compare({good, other}));
    EXPECT_EQ(d.patterns.front(), DiffPattern::unrelated);
}

TEST(Compare, RangesAreCutAtRegionBoundaries) {
    Bytes bad = two_chip_image();
    std::memset(bad.data() + kTwoChipBiosBase - 0x100, 0x00, 0x200);  // the last ME bytes and the first BIOS bytes
    ReadDiff d = only_diff(compare({two_chip_image(), bad}));
    ASSERT_EQ(d.ranges.size(), 2u);
    EXPECT_EQ(d.ranges[0].region, 2);
    EXPECT_EQ(d.ranges[0].range.end(), kTwoChipBiosBase);
    EXPECT_EQ(d.ranges[1].region, 1);
    EXPECT_EQ(d.ranges[1].range.offset, kTwoChipBiosBase);
}

TEST(Compare, TheMajorityIsTheReference) {
    Bytes bad = two_chip_image();
    bad[0x5000] ^= 1;
    CompareResult r = compare({bad, two_chip_image(), two_chip_image()});
    EXPECT_EQ(r.reference, 1u);
    ASSERT_EQ(r.differences.size(), 1u);
    EXPECT_EQ(r.differences[0].read, 0u);
    EXPECT_EQ(r.reads[2].same_as, 1u);
}

// ---- verify

const Bytes& cleaned_two_chip() {
    static const Bytes image = [] {
        Options soft;
        soft.soft_disable = true;  // -S: remove partitions and set AltMeDisable
        Result r = run(two_chip_image(), soft);
        EXPECT_FALSE(r.outcome.problem);
        return r.outcome.image;
    }();
    return image;
}

bool has(const VerifyResult& r, ReadbackOutcome o) {
    return std::find(r.outcomes.begin(), r.outcomes.end(), o) != r.outcomes.end();
}

TEST(Verify, Identical) {
    VerifyResult r = verify_readback(cleaned_two_chip(), cleaned_two_chip());
    EXPECT_TRUE(r.me_state_as_written);
    EXPECT_EQ(r.outcomes, (std::vector<ReadbackOutcome>{ReadbackOutcome::identical}));
    EXPECT_EQ(r.headline.state, State::ok);
}

TEST(Verify, TheOriginalFirmwareCameBack) {
    VerifyResult r = verify_readback(cleaned_two_chip(), two_chip_image());
    EXPECT_FALSE(r.me_state_as_written);
    EXPECT_TRUE(has(r, ReadbackOutcome::me_restored));
    EXPECT_TRUE(has(r, ReadbackOutcome::disable_bit_cleared));
    EXPECT_FALSE(has(r, ReadbackOutcome::descriptor_restored));
    // me7_region_spec's partitions other than FTPR come back (tests/synth).
    EXPECT_FALSE(r.restored_partitions.empty());
    EXPECT_EQ(std::count(r.restored_partitions.begin(), r.restored_partitions.end(), "FTPR"), 0);
    ASSERT_EQ(r.cleared_bits.size(), 1u);
    EXPECT_EQ(r.cleared_bits[0].name, "AltMeDisable");
    EXPECT_EQ(r.cleared_bits[0].offset, 0x100u + 4 * 10);  // PCHSTRP10
    EXPECT_EQ(r.headline.state, State::fail);
}

TEST(Verify, OnlyTheDisableBitWasCleared) {
    Bytes readback = cleaned_two_chip();
    readback[0x100 + 4 * 10] &= ~0x80;
    VerifyResult r = verify_readback(cleaned_two_chip(), readback);
    EXPECT_EQ(r.outcomes, (std::vector<ReadbackOutcome>{ReadbackOutcome::disable_bit_cleared}));
}

TEST(Verify, DescriptorRestored) {
    Bytes readback = cleaned_two_chip();
    readback[0x60 + 3] = 0xFF;  // FLMSTR1's write bits
    VerifyResult r = verify_readback(cleaned_two_chip(), readback);
    EXPECT_TRUE(has(r, ReadbackOutcome::descriptor_restored));
    EXPECT_FALSE(r.me_state_as_written);
}

// A firmware volume with EFI_SYSTEM_NV_DATA_FV_GUID inside the BIOS region.
Bytes with_variable_store(Bytes image, uint64_t at, uint64_t length) {
    std::memset(image.data() + at, 0x00, 16);
    const uint8_t guid[16] = {0x8D, 0x2B, 0xF1, 0xFF, 0x96, 0x76, 0x8B, 0x4C, 0xA9, 0x85, 0x27, 0x47, 0x07, 0x5B, 0x4F, 0x50};
    std::memcpy(image.data() + at + 0x10, guid, 16);
    put32(image, at + 0x20, uint32_t(length));
    put32(image, at + 0x24, 0);
    std::memcpy(image.data() + at + 0x28, "_FVH", 4);
    return image;
}

TEST(Verify, OnlyTheVariableStoreChanged) {
    Bytes written = with_variable_store(cleaned_two_chip(), 0x220000, 0x10000);
    Bytes readback = written;
    readback[0x220000 + 0x2000] ^= 0xFF;
    readback[0x220000 + 0x9000] ^= 0x0F;
    VerifyResult r = verify_readback(written, readback);
    ASSERT_EQ(r.variable_stores.size(), 1u);
    EXPECT_EQ(r.variable_stores[0].range.offset, 0x220000u);
    EXPECT_EQ(r.variable_stores[0].range.length, 0x10000u);
    EXPECT_EQ(r.outcomes, (std::vector<ReadbackOutcome>{ReadbackOutcome::variable_store_changed}));
    EXPECT_TRUE(r.me_state_as_written);
    EXPECT_EQ(r.headline.state, State::ok);
    readback[0x240000] ^= 1;  // outside the store
    VerifyResult other = verify_readback(written, readback);
    EXPECT_TRUE(has(other, ReadbackOutcome::other_changed));
    EXPECT_EQ(other.headline.state, State::warn);
}

TEST(Verify, ReadBackOfAnotherSize) {
    Bytes readback = chip1_of(cleaned_two_chip());
    VerifyResult r = verify_readback(cleaned_two_chip(), readback);
    EXPECT_EQ(r.outcomes, (std::vector<ReadbackOutcome>{ReadbackOutcome::size_differs}));
    EXPECT_FALSE(r.me_state_as_written);
}

}  // namespace
}  // namespace meclean
