// The faulty-read catalogue on real images: the ThinkPad T440p and W541 recipes of
// the corpus are two-chip flashes (8 + 4 MiB). Each case damages or mixes up their chip reads
// the way a loose clip, a wrong chip setting or a mix-up does, and names the verdict it must
// get. The damage is made here; the expected verdicts come from the damage, not from meclean.
// Also on real images: injecting donor ME regions, and verifying read-backs of the T420 stock
// image (its BIOS region is Lenovo's own, with a real UEFI variable store).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "clean/region_inject.hpp"
#include "flash/compare.hpp"
#include "flash/inject_review.hpp"
#include "flash/join.hpp"
#include "flash/verify.hpp"
#include "meclean.hpp"

namespace meclean {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;
constexpr size_t kChip1 = 8u << 20;

Bytes read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class FlashCorpus : public ::testing::Test {
protected:
    void SetUp() override {
        const char* dir = std::getenv("MECLEAN_CORPUS_INPUTS");
        inputs_ = dir ? fs::path(dir) : fs::path();
        if (inputs_.empty() || !fs::exists(inputs_ / "full_me9.0_lenovo-t440p.bin")) {
            if (std::getenv("CI")) FAIL() << "the assembled corpus images are missing (MECLEAN_CORPUS_INPUTS=" << inputs_ << ")";
            GTEST_SKIP() << "no corpus inputs: run through ctest with ../shared/corpus beside the checkout";
        }
    }
    Bytes image(const char* recipe) const { return read_all(inputs_ / (std::string(recipe) + ".bin")); }
    fs::path inputs_;
};

Bytes first(const Bytes& b, size_t n) { return Bytes(b.begin(), b.begin() + n); }
Bytes after(const Bytes& b, size_t n) { return Bytes(b.begin() + n, b.end()); }

// One catalogue case: the reads given to compare (or to join), and the verdict they must get.
struct Case {
    const char* name;
    const char* what;
    bool join;                            // false: compare
    std::function<std::vector<Bytes>(const Bytes& t440p, const Bytes& w541)> reads;
    State state;
    std::vector<DiffPattern> patterns;    // compare: the patterns, in order of first appearance
    JoinError join_error;                 // join: the refusal (none = joined)
    bool swapped;
};

std::vector<Case> catalogue() {
    auto chip1 = [](const Bytes& t) { return first(t, kChip1); };
    auto chip2 = [](const Bytes& t) { return after(t, kChip1); };
    auto damaged = [chip1](const Bytes& t, const std::function<void(Bytes&)>& damage) {
        Bytes c = chip1(t);
        damage(c);
        return std::vector<Bytes>{chip1(t), c};
    };
    using P = DiffPattern;
    return {
        {"identical_reads", "two good reads of chip 1", false, [chip1](const Bytes& t, const Bytes&) {
             return std::vector<Bytes>{chip1(t), chip1(t)}; }, State::ok, {}, JoinError::none, false},
        {"bit_flips", "five single bits flipped in ME and BIOS", false, [damaged](const Bytes& t, const Bytes&) {
             return damaged(t, [](Bytes& c) { for (size_t at : {0x12345, 0x234567, 0x4abcde, 0x612345, 0x7fff00}) c[at] ^= 0x10; }); },
         State::fail, {P::bit_flips}, JoinError::none, false},
        {"stuck_bit_low", "data bit 2 reads 0 everywhere", false, [damaged](const Bytes& t, const Bytes&) {
             return damaged(t, [](Bytes& c) { for (auto& b : c) b &= ~0x04; }); },
         State::fail, {P::stuck_bit_low}, JoinError::none, false},
        {"stuck_bit_high", "data bit 6 reads 1 everywhere", false, [damaged](const Bytes& t, const Bytes&) {
             return damaged(t, [](Bytes& c) { for (auto& b : c) b |= 0x40; }); },
         State::fail, {P::stuck_bit_high}, JoinError::none, false},
        {"erased_block", "64 KiB of the BIOS region read as 0xFF", false, [damaged](const Bytes& t, const Bytes&) {
             return damaged(t, [](Bytes& c) { std::memset(c.data() + 0x600000, 0xFF, 0x10000); }); },
         State::fail, {P::erased_block}, JoinError::none, false},
        {"zeroed_block", "4 KiB of the ME region read as 0x00", false, [damaged](const Bytes& t, const Bytes&) {
             return damaged(t, [](Bytes& c) { std::memset(c.data() + 0x20000, 0x00, 0x1000); }); },
         State::fail, {P::zeroed_block}, JoinError::none, false},
        {"shifted", "two bytes dropped at 0x700000, the rest moved up", false, [damaged](const Bytes& t, const Bytes&) {
             return damaged(t, [](Bytes& c) { c.erase(c.begin() + 0x700000, c.begin() + 0x700002); c.push_back(0xFF); c.push_back(0xFF); }); },
         State::fail, {P::shifted}, JoinError::none, false},
        {"short_read", "the programmer read 4 MiB of the 8 MiB chip", false, [chip1](const Bytes& t, const Bytes&) {
             return std::vector<Bytes>{chip1(t), first(t, 4u << 20)}; }, State::fail, {P::size_differs}, JoinError::none, false},
        {"wrong_chip", "a read of chip 2 compared with a read of chip 1", false, [chip1, chip2](const Bytes& t, const Bytes&) {
             return std::vector<Bytes>{chip1(t), chip2(t)}; }, State::fail, {P::unrelated, P::other, P::size_differs}, JoinError::none, false},
        {"odd_one_out", "three reads, the first with a flipped bit", false, [chip1](const Bytes& t, const Bytes&) {
             Bytes bad = chip1(t); bad[0x300000] ^= 1; return std::vector<Bytes>{bad, chip1(t), chip1(t)}; },
         State::fail, {P::bit_flips}, JoinError::none, false},
        {"join_in_order", "chip 1 then chip 2", true, [chip1, chip2](const Bytes& t, const Bytes&) {
             return std::vector<Bytes>{chip1(t), chip2(t)}; }, State::ok, {}, JoinError::none, false},
        {"join_wrong_order", "chip 2 given first", true, [chip1, chip2](const Bytes& t, const Bytes&) {
             return std::vector<Bytes>{chip2(t), chip1(t)}; }, State::ok, {}, JoinError::none, true},
        {"join_w541_wrong_order", "W541: chip 2 given first", true, [chip1, chip2](const Bytes&, const Bytes& w) {
             return std::vector<Bytes>{chip2(w), chip1(w)}; }, State::ok, {}, JoinError::none, true},
        {"missing_chip", "chip 2 not read: the clip read nothing (all 0xFF)", true, [chip1](const Bytes& t, const Bytes&) {
             return std::vector<Bytes>{chip1(t), Bytes(4u << 20, 0xFF)}; }, State::fail, {}, JoinError::blank_chip, false},
        {"same_chip_twice", "chip 1 read twice (the clip never moved)", true, [chip1](const Bytes& t, const Bytes&) {
             return std::vector<Bytes>{chip1(t), chip1(t)}; }, State::fail, {}, JoinError::two_descriptors, false},
        {"second_chip_twice", "chip 2 read twice", true, [chip2](const Bytes& t, const Bytes&) {
             return std::vector<Bytes>{chip2(t), chip2(t)}; }, State::fail, {}, JoinError::no_descriptor, false},
        {"chip2_wrong_size", "chip 2 read as a 2 MiB part", true, [chip1](const Bytes& t, const Bytes&) {
             return std::vector<Bytes>{chip1(t), first(after(t, kChip1), 2u << 20)}; }, State::fail, {}, JoinError::size_matches_no_chip, false},
        {"whole_image_again", "the joined image given as a chip read", true, [chip2](const Bytes& t, const Bytes&) {
             return std::vector<Bytes>{t, chip2(t)}; }, State::fail, {}, JoinError::already_whole, false},
    };
}

TEST_F(FlashCorpus, FaultyReadCatalogue) {
    const Bytes t440p = image("full_me9.0_lenovo-t440p"), w541 = image("full_me10.0_lenovo-w541");
    ASSERT_EQ(t440p.size(), 12u << 20);
    ASSERT_EQ(w541.size(), 12u << 20);
    size_t count = 0;
    for (const Case& c : catalogue()) {
        SCOPED_TRACE(c.name);
        std::vector<Bytes> reads = c.reads(t440p, w541);
        std::string verdict;
        if (c.join) {
            JoinResult r = join_chip_reads(reads.at(0), reads.at(1));
            EXPECT_EQ(r.headline.state, c.state);
            EXPECT_EQ(r.error, c.join_error);
            EXPECT_EQ(r.swapped, c.swapped);
            if (c.join_error == JoinError::none) {
                const Bytes& whole = std::string(c.name).find("w541") != std::string::npos ? w541 : t440p;
                EXPECT_TRUE(r.image == whole) << "the joined image is not the original";
            } else {
                EXPECT_TRUE(r.image.empty());
            }
            verdict = std::string(state_name(r.headline.state)) + ", " +
                      (r.problem ? r.problem->code : std::string(r.swapped ? "joined, swapped" : "joined"));
        } else {
            std::vector<std::span<const uint8_t>> spans(reads.begin(), reads.end());
            CompareResult r = compare_reads(spans);
            EXPECT_EQ(r.headline.state, c.state);
            EXPECT_EQ(r.identical, c.state == State::ok);
            EXPECT_EQ(r.patterns, c.patterns);
            verdict = std::string(state_name(r.headline.state)) + ",";
            for (DiffPattern p : r.patterns) verdict += std::string(" ") + diff_pattern_id(p);
            if (r.identical) verdict += " identical";
            if (!r.identical) EXPECT_NE(r.headline.title.find("re-seat the clip and read again; do not clean yet"), std::string::npos);
            if (std::string(c.name) == "odd_one_out") {
                EXPECT_EQ(r.reference, 1u);
                ASSERT_EQ(r.differences.size(), 1u);
                EXPECT_EQ(r.differences[0].read, 0u);
                ASSERT_EQ(r.differences[0].diff.ranges.size(), 1u);
                EXPECT_EQ(r.differences[0].diff.ranges[0].range.offset, 0x300000u);
                EXPECT_EQ(r.differences[0].diff.ranges[0].region, 2);  // ME region 0x3000–0x4FFFFF
            }
        }
        std::printf("catalogue | %-22s | %-52s | %s\n", c.name, c.what, verdict.c_str());
        ++count;
    }
    EXPECT_GE(count, 12u);
}

// Extracts region `index` of a whole image.
Bytes region_of(const Bytes& image, int index) {
    Descriptor d = parse_descriptor(image, *find_descriptor_signature(image));
    const FlashRegion& r = d.regions.at(index);
    return Bytes(image.begin() + r.base, image.begin() + r.limit + 1);
}

InjectReview inject(const Bytes& image, int region, const Bytes& file, Outcome* out = nullptr) {
    Descriptor d = parse_descriptor(image, *find_descriptor_signature(image));
    Plan p = plan_region_inject(d, image, region, file);
    Outcome o = meclean::apply(p, image);
    InjectReview review = review_injection(p, o.problem ? Analysis{} : inspect(o.image), region, file.size());
    if (out) *out = std::move(o);
    return review;
}

TEST_F(FlashCorpus, InjectDonorMeRegions) {
    const Bytes t440p = image("full_me9.0_lenovo-t440p"), w541 = image("full_me10.0_lenovo-w541");
    const Bytes x210 = image("full_me11.8_51nb-x210");
    // Same generation: the W541's ME 10.0 region into the T440p (both Lynx Point).
    Outcome o;
    InjectReview same = inject(t440p, 2, region_of(w541, 2), &o);
    EXPECT_TRUE(same.may_write) << same.headline.title;
    EXPECT_EQ(same.belongs, true);
    EXPECT_EQ(same.firmware, "ME 10.0.35.1012");
    EXPECT_EQ(same.padding, 0u);  // both ME regions are 0x3000–0x4FFFFF
    EXPECT_TRUE(std::equal(o.image.begin() + 0x3000, o.image.begin() + 0x500000, w541.begin() + 0x3000));
    EXPECT_TRUE(std::equal(o.image.begin() + 0x500000, o.image.end(), t440p.begin() + 0x500000));
    // Too large: the T440p's 5 MiB ME region into the X210's 2 MiB one.
    InjectReview big = inject(x210, 2, region_of(t440p, 2));
    EXPECT_FALSE(big.may_write);
    EXPECT_EQ(big.headline.state, State::fail);
    // Wrong generation for the PCH: the X210's ME 11.8 into the T440p (Lynx Point runs ME 9–10).
    InjectReview wrong = inject(t440p, 2, region_of(x210, 2));
    EXPECT_EQ(wrong.belongs, false);
    EXPECT_FALSE(wrong.may_write);
    EXPECT_EQ(wrong.firmware, "ME 11.8.82.3838");
}

TEST_F(FlashCorpus, VerifyReadBacksOfTheT420) {
    const Bytes original = image("full_me7.1_lenovo-t420_stock8mb");
    Options clean;
    clean.soft_disable = true;
    Analysis a = inspect(original);
    const Bytes written = meclean::apply(plan(a, original, clean), original).image;
    ASSERT_EQ(written.size(), original.size());
    // Identical.
    VerifyResult same = verify_readback(written, written);
    EXPECT_EQ(same.outcomes, std::vector<ReadbackOutcome>{ReadbackOutcome::identical});
    // The ME restored (and AltMeDisable with it): the read-back is the original.
    VerifyResult restored = verify_readback(written, original);
    EXPECT_FALSE(restored.me_state_as_written);
    EXPECT_NE(std::find(restored.outcomes.begin(), restored.outcomes.end(), ReadbackOutcome::me_restored), restored.outcomes.end());
    EXPECT_NE(std::find(restored.restored_partitions.begin(), restored.restored_partitions.end(), "EFFS"),
              restored.restored_partitions.end());
    // HAP/AltMeDisable cleared alone.
    Bytes cleared = written;
    cleared[0x128] &= ~0x80;  // PCHSTRP10 bit 7 (FPSBA 0x100)
    VerifyResult bit = verify_readback(written, cleared);
    EXPECT_EQ(bit.outcomes, std::vector<ReadbackOutcome>{ReadbackOutcome::disable_bit_cleared});
    // The variable store changed: the T420 BIOS region (0x500000) holds EFI_SYSTEM_NV_DATA_FV at +0x240000.
    Bytes booted = written;
    for (size_t at : {0x740100, 0x741234, 0x75a000}) booted[at] ^= 0x5A;
    VerifyResult store = verify_readback(written, booted);
    EXPECT_EQ(store.outcomes, std::vector<ReadbackOutcome>{ReadbackOutcome::variable_store_changed});
    EXPECT_TRUE(store.me_state_as_written);
    ASSERT_FALSE(store.variable_stores.empty());
    EXPECT_EQ(store.variable_stores[0].range.offset, 0x740000u);
}

}  // namespace
}  // namespace meclean
