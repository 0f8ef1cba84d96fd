// Joining two chip reads and splitting a whole image again (core/flash), on the synthetic
// two-chip image (tests/common/two_chip_image.hpp: 2 MiB + 1 MiB, the descriptor in chip 1).
#include <gtest/gtest.h>

#include "common/two_chip_image.hpp"
#include "flash/join.hpp"
#include "flash/split.hpp"

namespace meclean {
namespace {

using namespace test_common;

TEST(FlashChips, TwoChipsFromTheComponentDensities) {
    std::optional<Descriptor> d = read_descriptor(two_chip_image());
    ASSERT_TRUE(d);
    std::vector<FlashChip> chips = flash_chips(*d);
    ASSERT_EQ(chips.size(), 2u);
    EXPECT_EQ(chips[0].range.offset, 0u);
    EXPECT_EQ(chips[0].range.length, kChip1Size);
    EXPECT_EQ(chips[1].range.offset, kChip1Size);
    EXPECT_EQ(chips[1].range.length, kChip2Size);
    EXPECT_EQ(chips[0].regions, (std::vector<int>{0, 1, 2, 3}));
    EXPECT_EQ(chips[1].regions, (std::vector<int>{1}));  // only the BIOS region reaches chip 2
}

TEST(Join, EitherOrderGivesTheSameImage) {
    const Bytes& whole = two_chip_image();
    Bytes a = chip1_of(whole), b = chip2_of(whole);
    JoinResult in_order = join_chip_reads(a, b);
    ASSERT_FALSE(in_order.problem) << in_order.problem->message;
    EXPECT_EQ(in_order.image, whole);
    EXPECT_FALSE(in_order.swapped);
    EXPECT_EQ(in_order.headline.state, State::ok);
    JoinResult swapped = join_chip_reads(b, a);
    ASSERT_FALSE(swapped.problem);
    EXPECT_EQ(swapped.image, whole);
    EXPECT_TRUE(swapped.swapped);
    EXPECT_EQ(swapped.input_of_chip, (std::vector<size_t>{1, 0}));
}

TEST(Join, RefusesTwoReadsOfTheFirstChip) {
    Bytes a = chip1_of(two_chip_image());
    JoinResult r = join_chip_reads(a, a);
    EXPECT_EQ(r.error, JoinError::two_descriptors);
    ASSERT_TRUE(r.problem);
    EXPECT_NE(r.problem->message.find("identical"), std::string::npos);
    EXPECT_TRUE(r.image.empty());
    EXPECT_EQ(r.headline.state, State::fail);
}

TEST(Join, RefusesTwoReadsWithoutDescriptor) {
    Bytes b = chip2_of(two_chip_image());
    EXPECT_EQ(join_chip_reads(b, b).error, JoinError::no_descriptor);
}

TEST(Join, RefusesASizeThatMatchesNoChip) {
    Bytes a = chip1_of(two_chip_image()), b = chip2_of(two_chip_image());
    b.resize(b.size() / 2);  // a read cut short
    JoinResult r = join_chip_reads(a, b);
    EXPECT_EQ(r.error, JoinError::size_matches_no_chip);
    EXPECT_NE(r.problem->message.find("chip 2"), std::string::npos);
    Bytes short_a(a.begin(), a.begin() + a.size() / 2);
    EXPECT_EQ(join_chip_reads(short_a, chip2_of(two_chip_image())).error, JoinError::size_matches_no_chip);
}

TEST(Join, RefusesABlankSecondChip) {
    Bytes a = chip1_of(two_chip_image());
    EXPECT_EQ(join_chip_reads(a, Bytes(kChip2Size, 0xFF)).error, JoinError::blank_chip);
    EXPECT_EQ(join_chip_reads(Bytes(kChip2Size, 0x00), a).error, JoinError::blank_chip);
}

TEST(Join, RefusesTheWholeImageAsOneRead) {
    EXPECT_EQ(join_chip_reads(two_chip_image(), chip2_of(two_chip_image())).error, JoinError::already_whole);
}

TEST(Join, RefusesAOneChipDescriptor) {
    const Bytes& one = full_gen2().bytes;  // t420: NC = 0, 8 MiB
    Bytes half(one.begin(), one.begin() + one.size() / 2), rest(one.begin() + one.size() / 2, one.end());
    JoinResult r = join_chip_reads(half, rest);
    EXPECT_EQ(r.error, JoinError::one_chip_flash);
}

TEST(Join, RefusesRegionsPastTheFlash) {
    synth::FlashImageSpec spec = two_chip_spec();
    // A BIOS region reaching 0x3FFFFF while the chips add up to 3 MiB.
    spec.descriptor.set_region(synth::kRegionBios, synth::RegionSlot::range(kTwoChipBiosBase, 0x3FFFFF));
    Bytes whole = synth::build_flash_image(spec).bytes;
    whole.resize(kChip1Size + kChip2Size);
    JoinResult r = join_chip_reads(chip1_of(whole), chip2_of(whole));
    EXPECT_EQ(r.error, JoinError::regions_do_not_fit);
    EXPECT_EQ(r.problem->offset, 0x40u + 4);  // FLREG1
}

TEST(Split, ChipsAndCommands) {
    const Bytes& whole = two_chip_image();
    SplitRequest request;
    request.base_name = "dir/full";
    SplitResult r = split_flash_image(whole, request);
    ASSERT_FALSE(r.problem);
    ASSERT_EQ(r.files.size(), 2u);
    EXPECT_EQ(r.files[0].name, "dir/full-chip1.bin");
    EXPECT_EQ(r.files[1].name, "dir/full-chip2.bin");
    EXPECT_EQ(r.files[1].chip.range.offset, kChip1Size);
    EXPECT_EQ(r.files[0].write_command, "flashrom -p ch341a_spi -w dir/full-chip1.bin");
    EXPECT_FALSE(r.files[0].changed);
    EXPECT_EQ(r.files[0].sha256.size(), 64u);
}

TEST(Split, AfterACleanOnlyTheChipWithTheMeRegionIsWritten) {
    const Bytes& original = two_chip_image();
    Result cleaned = run(original, Options{});
    ASSERT_FALSE(cleaned.outcome.problem) << cleaned.outcome.problem->message;
    SplitRequest request;
    request.original = original;
    request.programmer = "dummy";
    SplitResult r = split_flash_image(cleaned.outcome.image, request);
    ASSERT_EQ(r.files.size(), 2u);
    EXPECT_EQ(r.files[0].changed, true);
    EXPECT_TRUE(r.files[0].write);
    EXPECT_EQ(r.files[0].write_command, "flashrom -p dummy -w flash-chip1.bin");
    EXPECT_EQ(r.files[1].changed, false);
    EXPECT_FALSE(r.files[1].write);
    EXPECT_TRUE(r.files[1].write_command.empty());
    EXPECT_EQ(r.checks[1].state, State::ok);
    EXPECT_NE(r.checks[1].title.find("do not rewrite"), std::string::npos);
}

TEST(Split, Refusals) {
    EXPECT_EQ(split_flash_image(full_gen2().bytes, {}).error, SplitError::one_chip_flash);
    Bytes cut_short = chip1_of(two_chip_image());
    EXPECT_EQ(split_flash_image(cut_short, {}).error, SplitError::size_differs);
    SplitRequest request;
    Bytes other(100, 0);
    request.original = other;
    EXPECT_EQ(split_flash_image(two_chip_image(), request).error, SplitError::original_size_differs);
    EXPECT_EQ(split_flash_image(Bytes(0x1000, 0xFF), {}).error, SplitError::no_descriptor);
}

}  // namespace
}  // namespace meclean
