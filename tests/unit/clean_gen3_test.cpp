// Cleaning generation-3 images (ME 11): formats.md §2.8.6, §2.8.8, §2.8.9, §2.8.10, §2.8.11.
#include <gtest/gtest.h>

#include <map>

#include "clean_support.hpp"

namespace meclean {
namespace {

using namespace testing_support;

bool gen3_essential(const std::string& name) {
    for (const char* p : {"rbe", "kernel", "syslib", "bup"})
        if (name.rfind(p, 0) == 0) return true;
    return false;
}
bool metadata(const std::string& name) {
    return name.size() >= 4 && (name.compare(name.size() - 4, 4, ".man") == 0 || name.compare(name.size() - 4, 4, ".met") == 0);
}

// [a, b) of each $CPD item as me_cleaner computes it: from its offset to the next larger
// item offset, the last one to the FTPR end (§2.8.8). Region offsets.
std::map<std::string, std::pair<uint64_t, uint64_t>> cpd_ranges(const synth::Gen3Layout& L, uint64_t ftpr_length) {
    std::vector<std::pair<uint64_t, std::string>> items;
    for (const auto& e : L.entries) items.push_back({e.data_offset, e.name});
    std::sort(items.begin(), items.end());
    std::map<std::string, std::pair<uint64_t, uint64_t>> out;
    for (size_t i = 0; i < items.size(); ++i) {
        uint64_t b = i + 1 < items.size() ? items[i + 1].first : L.cpd_offset + ftpr_length;
        out[items[i].second] = {items[i].first, b};
    }
    return out;
}

uint64_t me11_default_end() {
    const auto& L = me11().layout;
    auto ranges = cpd_ranges(L, L.fpt.find("FTPR")->length_field);
    uint64_t end = 0;
    for (const auto& [name, r] : ranges)
        if (metadata(name) || gen3_essential(name)) end = std::max(end, r.second);
    return end;
}

TEST(CleanGen3, PartitionsRemovedAndPlaceholdersDropped) {
    const Bytes& in = me11().bytes;
    Result r = run(in);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    const auto& F = me11().layout.fpt;
    for (const auto& p : F.partitions) {
        if (p.name == "FTPR" || p.data.empty()) continue;
        EXPECT_TRUE(all_ff(out, p.data.offset, p.data.size)) << p.name;
    }
    for (const PartVerdict& v : r.plan.partitions) {
        if (v.name == "ROMB" || v.name == "ISHC") EXPECT_EQ(v.action, PartAction::no_data) << v.name;
    }
    EXPECT_TRUE(has_line(r.plan.log, " ROMB (      no data here      , 0x00000000 total bytes): nothing to remove"));
    EXPECT_EQ(le32(out, 0x14), 1u);
    const auto* ftpr = F.find("FTPR");
    EXPECT_TRUE(std::equal(out.begin() + 0x30, out.begin() + 0x50, in.begin() + ftpr->entry_offset));
    EXPECT_TRUE(all_ff(out, 0x50, 0x20 * (F.partitions.size() - 1)));
}

TEST(CleanGen3, ChecksumCoversOnlyFptHeader) {
    Result r = run(me11().bytes);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    EXPECT_EQ(sum8(out, 0x10, 0x20), 0u);
    EXPECT_NE(sum8(out, 0x00, 0x30), 0u);  // the builder's ROM bypass bytes are not zero
    EXPECT_TRUE(same_bytes(out, me11().bytes, 0, 0x10));
}

TEST(CleanGen3, EffsFlagCleared) {
    synth::Gen3RegionSpec spec = synth::me11_region_spec();
    spec.fpt.flags = 0x5;  // EFFS bit plus another bit
    synth::Gen3Region reg = synth::build_gen3_region(spec);
    Result r = run(reg.bytes);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(le32(r.outcome.image, 0x24), 0x4u);
    EXPECT_EQ(sum8(r.outcome.image, 0x10, 0x20), 0u);
}

TEST(CleanGen3, ModulesKeptAndRemoved) {
    const Bytes& in = me11().bytes;
    const auto& L = me11().layout;
    Result r = run(in);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    auto ranges = cpd_ranges(L, L.fpt.find("FTPR")->length_field);
    int kept = 0, removed = 0;
    for (const auto& e : L.entries) {
        SCOPED_TRACE(e.name);
        auto [a, b] = ranges.at(e.name);
        if (metadata(e.name) || gen3_essential(e.name)) {
            EXPECT_TRUE(same_bytes(out, in, e.data_offset, e.data_size));
            ++kept;
        } else {
            EXPECT_TRUE(all_ff(out, a, b - a));
            ++removed;
        }
    }
    EXPECT_EQ(removed, 4);  // pm, vfs, fptemp, policy
    EXPECT_GT(kept, 4);
    // The $CPD directory itself is intact.
    EXPECT_TRUE(same_bytes(out, in, L.cpd_offset, L.cpd_header_length + 0x18 * L.entries.size()));
    ASSERT_TRUE(r.plan.minimum_size);
    EXPECT_EQ(*r.plan.minimum_size, rounded_minimum(me11_default_end()));
    EXPECT_TRUE(has_line(r.plan.log, "Checking the FTPR RSA signature... VALID"));
}

TEST(CleanGen3, PrefixMatchKeepsSimilarNames) {
    // §2.9 item 13: "kernelx" starts with "kernel" → kept; "xbup" does not → removed.
    synth::Gen3RegionSpec spec = synth::me11_region_spec();
    spec.ftpr.modules.push_back({"kernelx", 0x1000});
    spec.ftpr.modules.push_back({"xbup", 0x1000});
    synth::Gen3Region reg = synth::build_gen3_region(spec);
    Result r = run(reg.bytes);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const auto* kx = reg.layout.find("kernelx");
    const auto* xb = reg.layout.find("xbup");
    EXPECT_TRUE(same_bytes(r.outcome.image, reg.bytes, kx->data_offset, kx->data_size));
    EXPECT_TRUE(all_ff(r.outcome.image, xb->data_offset, xb->data_size));
}

TEST(CleanGen3, KeepModules) {
    const Bytes& in = me11().bytes;
    Options o;
    o.keep_modules = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const auto* ftpr = me11().layout.fpt.find("FTPR");
    EXPECT_TRUE(same_bytes(r.outcome.image, in, ftpr->offset_field, ftpr->length_field));
    EXPECT_EQ(*r.plan.minimum_size, rounded_minimum(ftpr->offset_field + ftpr->length_field));
}

TEST(CleanGen3, RelocationTo0x400) {
    const Bytes& in = me11().bytes;
    const auto& L = me11().layout;
    const auto* ftpr = L.fpt.find("FTPR");
    const uint64_t old_off = ftpr->offset_field, size = ftpr->length_field;
    const int64_t diff = 0x400 - int64_t(old_off);
    Options o;
    o.relocate = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    EXPECT_EQ(le32(out, 0x38), 0x400u);
    // The moved directory and manifest are byte-identical to the originals.
    EXPECT_TRUE(std::equal(in.begin() + old_off, in.begin() + old_off + L.cpd_header_length + 0x18 * L.entries.size(),
                           out.begin() + 0x400));
    EXPECT_TRUE(std::equal(in.begin() + L.manifest.offset, in.begin() + L.manifest.end(),
                           out.begin() + (int64_t(L.manifest.offset) + diff)));
    EXPECT_TRUE(all_ff(out, 0x400 + size, old_off - 0x400));
    Analysis after = inspect(out);
    ASSERT_TRUE(after.me) << problem_text(after.problem);
    EXPECT_EQ(after.me->ftpr_offset, 0x400u);
    EXPECT_TRUE(after.me->manifest.signature.me_cleaner_valid);
    EXPECT_TRUE(after.me->manifest.signature.strict_valid);
    EXPECT_EQ(*r.plan.minimum_size, rounded_minimum(uint64_t(int64_t(me11_default_end()) + diff)));
}

TEST(CleanGen3, RelocateAndTruncateMeImage) {
    Options o;
    o.relocate = o.truncate = true;
    Result r = run(me11().bytes, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    int64_t diff = 0x400 - int64_t(me11().layout.cpd_offset);
    EXPECT_EQ(r.outcome.image.size(), rounded_minimum(uint64_t(int64_t(me11_default_end()) + diff)));
    Analysis after = inspect(r.outcome.image);
    ASSERT_TRUE(after.me) << problem_text(after.problem);
    EXPECT_TRUE(after.me->manifest.signature.me_cleaner_valid);
}

TEST(CleanGen3Full, SoftDisableSetsHapOnly) {
    const Bytes& in = full_gen3().bytes;
    Options o;
    o.soft_disable = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    EXPECT_EQ(le32(out, 0x100), 0x00000002u | (1u << 16));
    Bytes din(in.begin(), in.begin() + 0x1000), dout(out.begin(), out.begin() + 0x1000);
    EXPECT_EQ(differences(din, dout), std::vector<size_t>{0x102});
    EXPECT_TRUE(same_bytes(out, in, 0x200000, 0x600000));
}

TEST(CleanGen3Full, SoftDisableOnlyChangesOneBit) {
    const Bytes& in = full_gen3().bytes;
    Options o;
    o.soft_disable_only = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(differences(in, r.outcome.image), std::vector<size_t>{0x102});
    EXPECT_EQ(r.outcome.image[0x102], 0x01);
}

TEST(CleanGen3Full, RestrictMeMasterWritesConstant) {
    Options o;
    o.restrict_me_master = true;
    Result r = run(full_gen3().bytes, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(le32(r.outcome.image, 0x84), 0x00400500u);  // §2.8.11, x210 verified
    EXPECT_EQ(le32(r.outcome.image, 0x80), 0xFFFFFF00u);
    EXPECT_EQ(le32(r.outcome.image, 0x88), 0xFFFFFF00u);
}

TEST(CleanGen3Full, DescriptorAndMeCopiesWithRelocateTruncate) {
    const Bytes& in = full_gen3().bytes;
    const uint32_t R = full_gen3().me.offset;
    Options o;
    o.soft_disable = o.restrict_me_master = o.relocate = o.truncate = true;
    o.extract_descriptor = o.extract_me = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    int64_t diff = 0x400 - int64_t(me11().layout.cpd_offset);
    uint64_t min = rounded_minimum(uint64_t(int64_t(me11_default_end()) + diff));
    ASSERT_TRUE(r.outcome.descriptor_copy);
    ASSERT_TRUE(r.outcome.me_copy);
    EXPECT_EQ(le32(*r.outcome.descriptor_copy, 0x44), synth::encode_flreg(uint32_t(R + min), 0x7FFFFF));
    EXPECT_EQ(le32(*r.outcome.descriptor_copy, 0x48), synth::encode_flreg(R, uint32_t(R + min - 1)));
    EXPECT_EQ(le32(*r.outcome.descriptor_copy, 0x84), 0x00400500u);
    EXPECT_EQ(r.outcome.me_copy->size(), min);
    EXPECT_EQ(r.outcome.image.size(), in.size());
    Options alone;
    alone.relocate = alone.truncate = true;
    Result me_only = run(me11().bytes, alone);
    EXPECT_EQ(*r.outcome.me_copy, me_only.outcome.image);
}

TEST(CleanGen3Invariants, PlanApplyReplay) {
    struct Case {
        const char* label;
        const Bytes* image;
        std::function<void(Options&)> set;
    };
    const std::vector<Case> cases = {
        {"me11 default", &me11().bytes, [](Options&) {}},
        {"me11 -r -t", &me11().bytes, [](Options& o) { o.relocate = o.truncate = true; }},
        {"me11 -k -t", &me11().bytes, [](Options& o) { o.keep_modules = o.truncate = true; }},
        {"me11 -b MFS", &me11().bytes, [](Options& o) { o.blacklist = std::vector<std::string>{"MFS"}; }},
        {"full -S -d -r -t -D -M", &full_gen3().bytes,
         [](Options& o) {
             o.soft_disable = o.restrict_me_master = o.relocate = o.truncate = true;
             o.extract_descriptor = o.extract_me = true;
         }},
        {"full -s -d", &full_gen3().bytes, [](Options& o) { o.soft_disable_only = o.restrict_me_master = true; }},
        {"full -c -D -M", &full_gen3().bytes,
         [](Options& o) { o.check_only = o.extract_descriptor = o.extract_me = true; }},
    };
    for (const Case& c : cases) {
        Options o;
        c.set(o);
        expect_plan_invariants(*c.image, o, c.label);
    }
}

TEST(CleanGen3, CheckOnlyWithCopiesChangesNothing) {
    const Bytes& in = full_gen3().bytes;
    Options o;
    o.check_only = o.extract_descriptor = o.extract_me = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(r.outcome.image, in);
    ASSERT_TRUE(r.outcome.descriptor_copy);
    EXPECT_EQ(*r.outcome.descriptor_copy, Bytes(in.begin(), in.begin() + 0x1000));
    ASSERT_TRUE(r.outcome.me_copy);
    EXPECT_EQ(r.outcome.me_copy->size(), full_gen3().me.size);
}

}  // namespace
}  // namespace meclean
