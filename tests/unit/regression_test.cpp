// Regression tests for what the fuzzers (tests/fuzz, scripts/fuzz) found. Each input is
// built here from the synthetic builder plus a few byte edits, so no fuzzer artifact is
// needed to run them; the comment above each test names the finding.
#include <gtest/gtest.h>

#include "meclean.hpp"
#include "test_support.hpp"
#include "common/two_chip_image.hpp"
#include "flash/join.hpp"

namespace meclean {
namespace {

using namespace testing_support;

// The ME 7 builder region with the stored ROMP module (essential: me_cleaner keeps it and
// counts its end into the minimum size) claiming `size` bytes at +0x40 of its $MME header.
// `resign` keeps the FTPR signature valid (me_cleaner checks the key in the manifest itself).
Bytes me7_with_romp_size(uint32_t size, bool resign) {
    Bytes b = me7().bytes;
    const synth::Gen2ModuleLayout* romp = nullptr;
    for (const auto& m : me7().layout.modules) {
        if (m.name == "ROMP") romp = &m;
    }
    EXPECT_NE(romp, nullptr);
    if (!romp) return b;
    EXPECT_EQ(romp->compression, synth::Compression::Stored);
    put32(b, romp->header_offset + 0x40, size);
    if (resign) synth::resign_manifest(b, me7().layout.manifest.offset, synth::SigningKey::Rsa2048E17);
    return b;
}

// Finding (clean_fuzz, option -t on an ME-only image): an essential module whose $MME size
// runs far past the region makes the minimum size huge, and -t "truncates" the image up
// to it. A 152 KiB input with ROMP size 0xFFFFFFF0 made plan() (Workspace::resize, inside
// Cleaner::report_minimum_size) and apply() each allocate a 4 GiB image — libFuzzer:
// "out-of-memory (malloc(4295057408))" — and, with a valid signature, hand it back.
// The engine refuses inputs over kMaxImageBytes (64 MiB); its output must stay within the
// same bound (refused with a Problem, no edits and no image), whether or not the signature
// is valid. Fixed by the truncate_too_large check in Cleaner::report_minimum_size.
TEST(Regression, TruncateNeverGrowsAnImagePastTheInputLimit) {
    const uint64_t limit = kMaxImageBytes;
    for (bool resign : {true, false}) {
        SCOPED_TRACE(resign ? "FTPR re-signed (valid)" : "signature left stale");
        // 128 MiB: twice the limit, small enough that the unfixed engine survives the test.
        const Bytes input = me7_with_romp_size(0x08000000, resign);
        const Bytes before = input;
        Options options;
        options.truncate = true;
        Analysis a = inspect(input);
        ASSERT_EQ(a.kind, ImageKind::me_only);
        ASSERT_FALSE(a.problem) << problem_text(a.problem);
        Plan p = plan(a, input, options);
        ASSERT_TRUE(p.problem) << "-t accepted a 128 MiB minimum size";
        EXPECT_EQ(p.problem->code, "truncate_too_large");
        EXPECT_LE(p.output_size, limit) << "plan() lets -t grow the ME image to " << p.output_size << " bytes";
        for (const Edit& e : p.edits) {
            if (e.kind == EditKind::resize) EXPECT_LE(e.length, limit) << "resize edit to " << e.length << " bytes";
        }
        Outcome out = meclean::apply(p, input);
        EXPECT_LE(out.image.size(), limit) << "apply() handed back a " << out.image.size() << "-byte image";
        EXPECT_EQ(input, before);
        if (p.problem) {
            EXPECT_TRUE(p.edits.empty());
            EXPECT_TRUE(out.problem);
            EXPECT_TRUE(out.image.empty());
        }
    }
}

// The same image without -t is fine: the huge minimum size is only reported.
TEST(Regression, HugeEssentialModuleWithoutTruncateOnlyReportsTheMinimumSize) {
    const Bytes input = me7_with_romp_size(0x08000000, true);
    Analysis a = inspect(input);
    Plan p = plan(a, input, Options{});
    Outcome out = meclean::apply(p, input);
    ASSERT_FALSE(p.problem) << problem_text(p.problem);
    ASSERT_FALSE(out.problem) << problem_text(out.problem);
    EXPECT_EQ(out.image.size(), input.size());
    ASSERT_TRUE(p.minimum_size);
    EXPECT_GT(*p.minimum_size, uint64_t{0x08000000});
}

// Finding (code review during fuzzing): me_cleaner addresses the straps and FLMSTR2 through
// its descriptor window, so when FLREG0 does not start at 0 the section bases count from
// FLREG0's start. inspect already did; -s and -d wrote at the absolute offsets and refused.
TEST(Regression, DescriptorWindowNotAtZeroMovesStrapWrites) {
    Bytes image = full_gen2().bytes;
    const uint32_t frba = 0x40;
    put32(image, frba + 0, 0x00010001);  // FLREG0: 0x1000–0x1fff
    put32(image, frba + 12, 0x00007fff);  // GbE unused (it sat at 0x1000)
    Options o;
    o.soft_disable_only = true;
    o.restrict_me_master = true;
    o.separate_output = true;
    const Result r = run(image, o);
    ASSERT_FALSE(r.plan.problem) << problem_text(r.plan.problem);
    const uint32_t fpsba = 0x100, fmba = 0x60;
    EXPECT_EQ(r.outcome.image.at(0x1000 + fpsba + 0x28) & 0x80, 0x80);        // AltMeDisable, PCHSTRP10 bit 7
    EXPECT_EQ(le32(r.outcome.image, 0x1000 + fmba + 4) & 0xFFFF0000u, 0x04040000u);  // FLMSTR2 per §2.8.11
    for (size_t at : differences(image, r.outcome.image)) {
        EXPECT_TRUE(at >= 0x1000 && at < 0x2000) << "changed outside the descriptor window at " << at;
    }
}

// join_fuzz (clang): join_chip_reads() built its refusal with a by-value result moved from
// the one whose chips the message reads; clang evaluates arguments left to right, so the
// message read a moved-from (empty) chip list: UBSan "offset to null pointer". The messages
// must name the densities and the regions of chip 2.
TEST(Regression, JoinRefusalsReadTheChipsBeforeGivingUpTheResult) {
    using namespace test_common;
    const Bytes& whole = two_chip_image();
    Bytes a = chip1_of(whole), b = chip2_of(whole);
    b.resize(b.size() / 2);
    JoinResult size = join_chip_reads(a, b);
    ASSERT_TRUE(size.problem);
    EXPECT_NE(size.problem->message.find("2 MiB + 1 MiB"), std::string::npos) << size.problem->message;
    JoinResult blank = join_chip_reads(a, Bytes(kChip2Size, 0xFF));
    ASSERT_TRUE(blank.problem);
    EXPECT_NE(blank.problem->message.find("places bios there"), std::string::npos) << blank.problem->message;
}

}  // namespace
}  // namespace meclean
