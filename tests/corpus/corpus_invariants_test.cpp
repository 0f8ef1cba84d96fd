// Invariants on every corpus image × every me_cleaner option set the corpus uses:
// the input is never modified; nothing outside the descriptor and the ME region
// changes; the output re-inspects with a valid FTPR signature; plan/apply are
// deterministic. (Byte-identity with me_cleaner is the oracle's job: run_oracle.sh.)
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "meclean.hpp"

namespace meclean {
namespace {

namespace fs = std::filesystem;

struct OptionSet {
    const char* name;
    Options options;
};

Options make(std::initializer_list<const char*> flags) {
    Options o;
    o.separate_output = true;
    for (std::string f : flags) {
        if (f == "-S") o.soft_disable = true;
        if (f == "-s") o.soft_disable_only = true;
        if (f == "-r") o.relocate = true;
        if (f == "-t") o.truncate = true;
        if (f == "-k") o.keep_modules = true;
        if (f == "-d") o.restrict_me_master = true;
        if (f == "-D") o.extract_descriptor = true;
        if (f == "-M") o.extract_me = true;
        if (f == "-wMFS") o.whitelist = std::vector<std::string>{"MFS"};
        if (f == "-bMFS") o.blacklist = std::vector<std::string>{"MFS"};
    }
    return o;
}

std::vector<OptionSet> option_sets(bool full) {
    if (full) {
        return {{"default", make({})},         {"-S", make({"-S"})},         {"-s", make({"-s"})},
                {"-d", make({"-d"})},          {"-S -d", make({"-S", "-d"})}, {"-t -M", make({"-t", "-M"})},
                {"-M", make({"-M"})},          {"-D", make({"-D"})},
                {"-S -r -t -d -D -M", make({"-S", "-r", "-t", "-d", "-D", "-M"})}};
    }
    return {{"default", make({})},   {"-k", make({"-k"})},       {"-r", make({"-r"})},
            {"-t", make({"-t"})},    {"-r -t", make({"-r", "-t"})}, {"-w MFS", make({"-wMFS"})},
            {"-b MFS", make({"-bMFS"})}};
}

std::vector<uint8_t> read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool has_finding(const Plan& p, const std::string& code) {
    for (const Finding& f : p.findings) {
        if (f.code == code) return true;
    }
    return false;
}

fs::path inputs_dir() {
    const char* dir = std::getenv("MECLEAN_CORPUS_INPUTS");
    return dir ? fs::path(dir) : fs::path();
}

TEST(CorpusInvariants, EveryImageAndOptionSet) {
    fs::path dir = inputs_dir();
    if (dir.empty() || !fs::is_directory(dir)) {
        if (std::getenv("CI")) FAIL() << "corpus inputs missing (MECLEAN_CORPUS_INPUTS=" << dir << ")";
        GTEST_SKIP() << "no corpus inputs: run through ctest with ../shared/corpus present";
    }
    size_t cleaned = 0, refused_twice = 0, dropped_twice = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::vector<uint8_t> input = read_all(entry.path());
        const std::vector<uint8_t> pristine = input;
        const Analysis analysis = inspect(input);
        const bool full = analysis.kind == ImageKind::full;
        for (const OptionSet& set : option_sets(full)) {
            SCOPED_TRACE(entry.path().filename().string() + " " + set.name);
            const Plan p = plan(analysis, input, set.options);
            const Outcome out = meclean::apply(p, input);
            ASSERT_EQ(input, pristine) << "the input buffer changed";
            if (p.problem) {
                EXPECT_TRUE(out.problem.has_value());
                EXPECT_TRUE(out.image.empty());
                EXPECT_FALSE(out.descriptor_copy || out.me_copy);
                continue;
            }
            ASSERT_FALSE(out.problem.has_value()) << out.problem->message;
            ++cleaned;
            // Deterministic: carrying the plan out again gives the same bytes.
            EXPECT_EQ(meclean::apply(p, input).image, out.image);
            if (full) {
                ASSERT_EQ(out.image.size(), input.size());
                uint64_t me_start = analysis.me_region_start, me_end = analysis.me_region_end;
                uint64_t fd_end = analysis.descriptor_region_end;
                for (uint64_t i = 0; i < input.size(); ++i) {
                    if (i < fd_end || (i >= me_start && i < me_end)) continue;
                    ASSERT_EQ(out.image[i], input[i]) << "byte changed outside the descriptor and ME region at " << i;
                }
            }
            if (p.verification && p.verification->layout_must_parse) {
                Analysis after = inspect(out.image);
                ASSERT_TRUE(after.me.has_value());
                EXPECT_TRUE(after.me->manifest.signature.me_cleaner_valid);
                EXPECT_EQ(after.me->manifest.version, analysis.me->manifest.version);
            }
            // Cleaning the result again with the same options (README, "Cleaning twice") gives the
            // same bytes; or a clean refusal where me_cleaner's second pass cannot work; or, on a
            // truncated image, me_cleaner's dropping of the FTPR entry, with its warning, after
            // which a third pass refuses.
            const Plan second_plan = plan(inspect(out.image), out.image, set.options);
            const Outcome second = meclean::apply(second_plan, out.image);
            if (second.problem) {
                EXPECT_TRUE(second.image.empty());
                ++refused_twice;
            } else if (has_finding(second_plan, "ftpr_entry_dropped")) {
                EXPECT_TRUE(set.options.truncate) << "FTPR is dropped only from a truncated image";
                const Outcome third = meclean::apply(plan(inspect(second.image), second.image, set.options), second.image);
                ASSERT_TRUE(third.problem);
                EXPECT_EQ(third.problem->code, "ftpr_missing");
                ++dropped_twice;
            } else {
                EXPECT_EQ(second.image, out.image) << "a second pass changed the image";
            }
        }
    }
    EXPECT_GT(cleaned, 100u) << "too few successful cleans: is the corpus complete?";
    EXPECT_LT((refused_twice + dropped_twice) * 4, cleaned) << "most images clean twice to the same bytes";
}

}  // namespace
}  // namespace meclean
