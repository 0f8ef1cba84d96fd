// me_cleaner's option rules (formats.md §2.8.1) with its exact messages, and the list splitter.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace meclean {
namespace {

using namespace testing_support;

const char* kCheckConflict = "-c can't be used with -S, -s, -r, -d, -t or -O";
const char* kSoftOnlyConflict = "-s can't be used with -r or -t";
const char* kRelocateList = "Relocation is not yet supported with custom whitelist or blacklist";
const char* kNeedsFull = "-d, -D, -M, -S and -s require a full dump";

std::string conflict(const Options& o) {
    auto p = check_option_conflicts(o);
    return p ? p->message : std::string();
}

TEST(OptionRules, NoOptionsIsFine) { EXPECT_FALSE(check_option_conflicts(Options{})); }

TEST(OptionRules, CheckWithEachForbiddenFlag) {
    std::vector<std::pair<const char*, void (*)(Options&)>> flags = {
        {"-S", [](Options& o) { o.soft_disable = true; }},
        {"-s", [](Options& o) { o.soft_disable_only = true; }},
        {"-r", [](Options& o) { o.relocate = true; }},
        {"-d", [](Options& o) { o.restrict_me_master = true; }},
        {"-t", [](Options& o) { o.truncate = true; }},
        {"-O", [](Options& o) { o.separate_output = true; }},
    };
    for (auto [name, set] : flags) {
        Options o;
        o.check_only = true;
        set(o);
        EXPECT_EQ(conflict(o), kCheckConflict) << name;
        EXPECT_EQ(check_option_conflicts(o)->code, "check_conflict") << name;
    }
}

TEST(OptionRules, CheckWithAllowedFlags) {
    std::vector<std::pair<const char*, void (*)(Options&)>> flags = {
        {"-D", [](Options& o) { o.extract_descriptor = true; }},
        {"-M", [](Options& o) { o.extract_me = true; }},
        {"-k", [](Options& o) { o.keep_modules = true; }},
        {"-w", [](Options& o) { o.whitelist = std::vector<std::string>{"EFFS"}; }},
        {"-b", [](Options& o) { o.blacklist = std::vector<std::string>{"EFFS"}; }},
    };
    for (auto [name, set] : flags) {
        Options o;
        o.check_only = true;
        set(o);
        EXPECT_FALSE(check_option_conflicts(o)) << name;
    }
}

TEST(OptionRules, SoftDisableOnlyWithRelocateOrTruncate) {
    Options r;
    r.soft_disable_only = r.relocate = true;
    EXPECT_EQ(conflict(r), kSoftOnlyConflict);
    Options t;
    t.soft_disable_only = t.truncate = true;
    EXPECT_EQ(conflict(t), kSoftOnlyConflict);
    Options ok;
    ok.soft_disable_only = ok.restrict_me_master = true;
    EXPECT_FALSE(check_option_conflicts(ok));
}

TEST(OptionRules, RelocateWithLists) {
    Options w;
    w.relocate = true;
    w.whitelist = std::vector<std::string>{"EFFS"};
    EXPECT_EQ(conflict(w), kRelocateList);
    Options b;
    b.relocate = true;
    b.blacklist = std::vector<std::string>{"NFTP"};
    EXPECT_EQ(conflict(b), kRelocateList);
    Options t;
    t.truncate = true;
    t.whitelist = std::vector<std::string>{"EFFS"};
    EXPECT_FALSE(check_option_conflicts(t));
}

TEST(OptionRules, RuleOrderCheckBeforeSoftOnly) {
    // §2.8.1: rules apply in order; -c -s -r hits rule 2 first.
    Options o;
    o.check_only = o.soft_disable_only = o.relocate = true;
    EXPECT_EQ(conflict(o), kCheckConflict);
    Options p;
    p.soft_disable_only = p.relocate = true;
    p.whitelist = std::vector<std::string>{"X"};
    EXPECT_EQ(conflict(p), kSoftOnlyConflict);
}

TEST(OptionRules, MutuallyExclusivePairsAreRefused) {
    Options s;
    s.soft_disable = s.soft_disable_only = true;
    EXPECT_TRUE(check_option_conflicts(s));
    Options wb;
    wb.whitelist = std::vector<std::string>{"A"};
    wb.blacklist = std::vector<std::string>{"B"};
    EXPECT_TRUE(check_option_conflicts(wb));
}

TEST(OptionRules, NeedsFullImage) {
    EXPECT_FALSE(needs_full_image(Options{}));
    std::vector<void (*)(Options&)> full_only = {
        [](Options& o) { o.restrict_me_master = true; }, [](Options& o) { o.extract_descriptor = true; },
        [](Options& o) { o.extract_me = true; },         [](Options& o) { o.soft_disable = true; },
        [](Options& o) { o.soft_disable_only = true; },
    };
    for (auto set : full_only) {
        Options o;
        set(o);
        EXPECT_TRUE(needs_full_image(o));
        // On an ME-only image the plan refuses with me_cleaner's message and no edits.
        Result r = run(me7().bytes, o);
        ASSERT_TRUE(r.plan.problem);
        EXPECT_EQ(r.plan.problem->message, kNeedsFull);
        EXPECT_EQ(r.plan.problem->code, "needs_full_image");
        EXPECT_TRUE(r.plan.edits.empty());
        EXPECT_TRUE(r.outcome.image.empty());
        EXPECT_FALSE(r.outcome.descriptor_copy);
        EXPECT_FALSE(r.outcome.me_copy);
    }
    for (auto set : std::vector<void (*)(Options&)>{[](Options& o) { o.relocate = true; },
                                                    [](Options& o) { o.truncate = true; },
                                                    [](Options& o) { o.keep_modules = true; }}) {
        Options o;
        set(o);
        EXPECT_FALSE(needs_full_image(o));
    }
}

TEST(OptionRules, PlanRefusesConflictsBeforeLookingAtTheImage) {
    Options o;
    o.check_only = o.soft_disable = true;
    Result r = run(full_gen2().bytes, o);
    ASSERT_TRUE(r.plan.problem);
    EXPECT_EQ(r.plan.problem->message, kCheckConflict);
    EXPECT_TRUE(r.outcome.image.empty());
    // Even on garbage.
    Result g = run(Bytes(16, 0), o);
    ASSERT_TRUE(g.plan.problem);
    EXPECT_EQ(g.plan.problem->message, kCheckConflict);
}

TEST(SplitPartitionList, Basic) {
    EXPECT_EQ(split_partition_list("EFFS"), (std::vector<std::string>{"EFFS"}));
    EXPECT_EQ(split_partition_list("EFFS,MFS,NFTP"), (std::vector<std::string>{"EFFS", "MFS", "NFTP"}));
}

TEST(SplitPartitionList, PythonSplitSemantics) {
    // Python's "a,,b".split(",") keeps empty items; "".split(",") is [""].
    EXPECT_EQ(split_partition_list("A,,B"), (std::vector<std::string>{"A", "", "B"}));
    EXPECT_EQ(split_partition_list(""), (std::vector<std::string>{""}));
    EXPECT_EQ(split_partition_list("A,"), (std::vector<std::string>{"A", ""}));
    EXPECT_EQ(split_partition_list(" EFFS"), (std::vector<std::string>{" EFFS"}));  // no trimming
}

}  // namespace
}  // namespace meclean
