// The malformed-input catalogue (common/bad_input_catalogue.cpp) natively: each case ends in
// its specific Problem, with no output and no crash. scripts/test-sanitize runs it under
// ASan + UBSan; wasm/test/bad_input.test.mjs runs the same cases in the WebAssembly module.
#include <gtest/gtest.h>

#include "common/bad_input_catalogue.hpp"
#include "test_support.hpp"

namespace meclean {
namespace {

using namespace testing_support;

std::ostream& operator<<(std::ostream& os, const BadCase& c) { return os << c.name; }

class BadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInput, RefusedWithSpecificProblem) {
    const BadCase& c = GetParam();
    Bytes input = c.make();
    const Bytes before = input;
    Result r = run(input, c.options);
    EXPECT_EQ(input, before);
    ASSERT_TRUE(r.outcome.problem) << "accepted; plan problem " << problem_text(r.plan.problem);
    const Problem& p = *r.outcome.problem;
    EXPECT_EQ(p.code, c.code) << problem_text(r.outcome.problem);
    EXPECT_FALSE(p.message.empty());
    std::string text = p.message + " " + p.detail;
    EXPECT_NE(text.find(c.keyword), std::string::npos) << "\"" << c.keyword << "\" not named in: " << text;
    if (c.offset) {
        ASSERT_TRUE(p.offset) << "no offset in " << problem_text(r.outcome.problem);
        EXPECT_EQ(*p.offset, *c.offset) << std::hex << "0x" << *p.offset << " vs 0x" << *c.offset << ": " << text;
    }
    EXPECT_TRUE(r.outcome.image.empty());
    EXPECT_FALSE(r.outcome.descriptor_copy);
    EXPECT_FALSE(r.outcome.me_copy);
    EXPECT_TRUE(r.plan.edits.empty());
    // The JSON reports must still be produced without throwing.
    EXPECT_FALSE(analysis_json(r.analysis).empty());
    EXPECT_FALSE(plan_json(r.plan).empty());
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInput, ::testing::ValuesIn(bad_input_catalogue()),
                         [](const ::testing::TestParamInfo<BadCase>& info) { return info.param.name; });

TEST(BadInputCatalogue, HasAtLeastTwentyCases) { EXPECT_GE(bad_input_catalogue().size(), 20u); }

// Every prefix of a small image, at 0x10-byte steps around the structures, is refused or
// handled without crashing; none may yield an output that fails to parse.
TEST(BadInputSweep, EveryTruncationOfTheMeImage) {
    const Bytes& full = me7().bytes;
    std::vector<size_t> cuts;
    for (size_t n = 0; n < 0x200; ++n) cuts.push_back(n);
    for (size_t n = 0x200; n < full.size(); n += 0x1F3) cuts.push_back(n);
    for (size_t n : cuts) {
        Bytes b = cut(full, n);
        Result r = run(b);
        if (!r.outcome.problem) {
            // Either the result parses, or me_cleaner itself dropped the FTPR entry because
            // it runs past the (truncated) file (§2.8.6 "no data" rule) — then the table is empty.
            Analysis after = inspect(r.outcome.image);
            if (after.problem) {
                EXPECT_EQ(after.problem->code, "ftpr_missing") << "cut at 0x" << std::hex << n;
                EXPECT_EQ(le32(r.outcome.image, 0x14), 0u) << "cut at 0x" << std::hex << n;
            }
        } else {
            EXPECT_TRUE(r.outcome.image.empty()) << n;
        }
    }
}

TEST(BadInputSweep, EveryTruncationOfTheGen3Image) {
    const Bytes& full = me11().bytes;
    for (size_t n = 0; n < full.size(); n += 0xFB) {
        Result r = run(cut(full, n));
        if (r.outcome.problem) EXPECT_TRUE(r.outcome.image.empty()) << n;
    }
}

}  // namespace
}  // namespace meclean
