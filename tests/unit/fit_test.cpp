// The FIT reader (core/fit) on builder regions: with and without Boot Guard manifests (Boot Guard
// 1.0 and CBnT structure versions), broken pointers, a table running past the image, wrong
// checksums and damaged components. Expected values come from the builder's spec and layout.
#include <gtest/gtest.h>

#include <algorithm>

#include "fit/fit.hpp"
#include "test_support.hpp"

namespace meclean {
namespace {

using namespace testing_support;
using synth::FitManifests;
using synth::FitSpec;

ByteRange whole(const Bytes& b) { return ByteRange{0, b.size()}; }

bool has_finding(const FitReport& r, const std::string& code, Severity severity) {
    return std::any_of(r.findings.begin(), r.findings.end(),
                       [&](const Finding& f) { return f.code == code && f.severity == severity; });
}

const FitEntry* entry_of(const FitReport& r, FitEntryType type) {
    for (const FitEntry& e : r.entries) {
        if (e.type == type) return &e;
    }
    return nullptr;
}

TEST(Fit, WithoutManifests) {
    FitSpec spec;
    auto region = synth::build_fit_region(spec);
    FitReport r = read_fit(region.bytes, whole(region.bytes));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.pointer_offset, region.layout.pointer);
    EXPECT_EQ(r.table_offset, region.layout.table);
    EXPECT_EQ(r.pointer, synth::fit_physical_address(spec.region_size, spec.table_offset));
    EXPECT_EQ(r.declared_entries, region.layout.entries);
    EXPECT_EQ(r.header_version, 0x0100);
    EXPECT_EQ(r.checksum_ok, true);
    ASSERT_EQ(r.entries.size(), region.layout.entries);
    for (size_t i = 0; i < spec.microcode_cpuids.size(); ++i) {
        const FitEntry& e = r.entries[1 + i];
        EXPECT_EQ(e.type, FitEntryType::microcode);
        EXPECT_EQ(e.target, region.layout.microcode[i]);
        ASSERT_TRUE(e.microcode);
        EXPECT_EQ(e.microcode->processor_signature, spec.microcode_cpuids[i]);
        EXPECT_EQ(e.microcode->revision, 0x20u + i);
    }
    const FitEntry* acm = entry_of(r, FitEntryType::startup_acm);
    ASSERT_TRUE(acm && acm->acm);
    EXPECT_EQ(acm->target, region.layout.acm);
    EXPECT_EQ(acm->acm->size, 0x1000u);
    EXPECT_EQ(acm->acm->vendor, 0x8086u);
    EXPECT_EQ(r.provisioning, BootGuardProvisioning::none);
    EXPECT_EQ(r.headline.state, State::ok);
    EXPECT_TRUE(has_finding(r, "fit_found", Severity::info));
    EXPECT_FALSE(has_finding(r, "boot_guard_manifests", Severity::warning));
}

TEST(Fit, BootGuard1Manifests) {
    FitSpec spec;
    spec.manifests = FitManifests::boot_guard_1;
    auto region = synth::build_fit_region(spec);
    FitReport r = read_fit(region.bytes, whole(region.bytes));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.provisioning, BootGuardProvisioning::both);
    const FitEntry* km = entry_of(r, FitEntryType::key_manifest);
    ASSERT_TRUE(km && km->key_manifest);
    EXPECT_EQ(km->size_field, region.layout.key_manifest_size);
    EXPECT_EQ(km->key_manifest->generation, ManifestGeneration::boot_guard_1);
    EXPECT_EQ(km->key_manifest->svn, spec.km_svn);
    EXPECT_EQ(km->key_manifest->id, spec.km_id);
    const FitEntry* bpm = entry_of(r, FitEntryType::boot_policy_manifest);
    ASSERT_TRUE(bpm && bpm->boot_policy);
    const BootPolicyManifest& b = *bpm->boot_policy;
    EXPECT_EQ(b.generation, ManifestGeneration::boot_guard_1);
    EXPECT_EQ(b.structure_version, 0x10);
    EXPECT_EQ(b.bpm_svn, spec.bpm_svn);
    EXPECT_EQ(b.acm_svn, spec.acm_svn);
    EXPECT_EQ(b.entry_point, spec.entry_point);
    ASSERT_EQ(b.ibb.size(), spec.ibb.size());
    for (size_t i = 0; i < spec.ibb.size(); ++i) {
        EXPECT_EQ(b.ibb[i].base, spec.ibb[i].first);
        EXPECT_EQ(b.ibb[i].size, spec.ibb[i].second);
        EXPECT_TRUE(b.ibb[i].hashed());
    }
    EXPECT_EQ(b.signature_offset, region.layout.boot_policy + 0x94 + 1 + 12 * spec.ibb.size());
    EXPECT_EQ(r.headline.state, State::warn);
    EXPECT_TRUE(has_finding(r, "boot_guard_manifests", Severity::warning));
    EXPECT_EQ(fit_address_to_offset(spec.ibb[0].first, whole(region.bytes)),
              spec.ibb[0].first - synth::fit_physical_address(spec.region_size, 0));
}

class FitCbnt : public ::testing::TestWithParam<uint8_t> {};

TEST_P(FitCbnt, ManifestsAndIbb) {
    FitSpec spec;
    spec.manifests = FitManifests::cbnt;
    spec.cbnt_version = GetParam();
    spec.ibb = {{0xFFF00000, 0x40000}, {0xFFF60000, 0x20000}, {0xFFFFF000, 0x1000}};
    auto region = synth::build_fit_region(spec);
    FitReport r = read_fit(region.bytes, whole(region.bytes));
    EXPECT_EQ(r.provisioning, BootGuardProvisioning::both);
    const FitEntry* km = entry_of(r, FitEntryType::key_manifest);
    ASSERT_TRUE(km && km->key_manifest);
    EXPECT_EQ(km->key_manifest->generation, ManifestGeneration::cbnt);
    EXPECT_EQ(km->key_manifest->svn, spec.km_svn);
    const FitEntry* bpm = entry_of(r, FitEntryType::boot_policy_manifest);
    ASSERT_TRUE(bpm && bpm->boot_policy);
    EXPECT_EQ(bpm->boot_policy->structure_version, GetParam());
    EXPECT_EQ(bpm->boot_policy->generation, ManifestGeneration::cbnt);
    EXPECT_EQ(bpm->boot_policy->bpm_svn, spec.bpm_svn);
    EXPECT_EQ(bpm->boot_policy->acm_svn, spec.acm_svn);
    EXPECT_EQ(bpm->boot_policy->entry_point, spec.entry_point);
    ASSERT_EQ(bpm->boot_policy->ibb.size(), 3u);
    EXPECT_EQ(bpm->boot_policy->ibb[1].base, 0xFFF60000u);
    EXPECT_EQ(bpm->boot_policy->ibb[1].size, 0x20000u);
    EXPECT_TRUE(bpm->boot_policy->signature_offset);
    EXPECT_FALSE(has_finding(r, "fit_boot_policy_malformed", Severity::warning));
}

INSTANTIATE_TEST_SUITE_P(StructureVersions, FitCbnt, ::testing::Values(0x21, 0x23, 0x24, 0x25));

TEST(Fit, ErasedPointerMeansNoFit) {
    auto region = synth::build_fit_region(FitSpec{});
    std::fill_n(region.bytes.begin() + region.layout.pointer, 8, 0xFF);
    FitReport r = read_fit(region.bytes, whole(region.bytes));
    EXPECT_FALSE(r.found);
    EXPECT_TRUE(r.entries.empty());
    EXPECT_TRUE(has_finding(r, "fit_absent", Severity::info));
    EXPECT_EQ(r.headline.state, State::ok);
}

TEST(Fit, PointerOutsideTheImage) {
    auto region = synth::build_fit_region(FitSpec{});
    put32(region.bytes, region.layout.pointer, 0x80000000);  // far below the 1 MiB window
    FitReport r = read_fit(region.bytes, whole(region.bytes));
    EXPECT_FALSE(r.found);
    EXPECT_TRUE(has_finding(r, "fit_absent", Severity::info));
}

TEST(Fit, PointerToSomethingElse) {
    auto region = synth::build_fit_region(FitSpec{});
    region.bytes[region.layout.table] = 'X';
    FitReport r = read_fit(region.bytes, whole(region.bytes));
    EXPECT_FALSE(r.found);
    EXPECT_TRUE(has_finding(r, "fit_absent", Severity::info));
}

TEST(Fit, UpperPointerBitsAreNotAnAddress) {
    auto region = synth::build_fit_region(FitSpec{});
    put32(region.bytes, region.layout.pointer + 4, 1);
    EXPECT_FALSE(read_fit(region.bytes, whole(region.bytes)).found);
}

TEST(Fit, UnalignedTableIsReadWithAWarning) {
    FitSpec spec;
    auto region = synth::build_fit_region(spec);
    // Move the table 8 bytes up and point there.
    Bytes moved = region.bytes;
    std::copy_n(region.bytes.begin() + region.layout.table, 16 * region.layout.entries, moved.begin() + region.layout.table + 8);
    put32(moved, region.layout.pointer, synth::fit_physical_address(spec.region_size, region.layout.table + 8));
    FitReport r = read_fit(moved, whole(moved));
    ASSERT_TRUE(r.found);
    EXPECT_TRUE(has_finding(r, "fit_unaligned", Severity::warning));
    EXPECT_EQ(r.entries.size(), region.layout.entries);
}

TEST(Fit, TableRunningPastTheImage) {
    // The builder cannot place components after such a table: build normally, then move the header.
    FitSpec normal;
    normal.startup_acm = false;
    normal.microcode_cpuids = {0x906EA};
    auto region = synth::build_fit_region(normal);
    Bytes b = region.bytes;
    const uint32_t near_end = normal.region_size - 0x20;  // two 16-byte slots before the end
    std::copy_n(region.bytes.begin() + region.layout.table, 16, b.begin() + near_end);
    put32(b, near_end + 8, 40);  // the header declares 40 entries
    put32(b, region.layout.pointer, synth::fit_physical_address(normal.region_size, near_end));
    FitReport r = read_fit(b, whole(b));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.declared_entries, 40u);
    EXPECT_TRUE(has_finding(r, "fit_truncated", Severity::warning));
    EXPECT_EQ(r.entries.size(), 2u);
}

TEST(Fit, AbsurdEntryCountIsCapped) {
    auto region = synth::build_fit_region(FitSpec{});
    put32(region.bytes, region.layout.table + 8, 0xFFFFFF);
    FitReport r = read_fit(region.bytes, whole(region.bytes));
    EXPECT_TRUE(has_finding(r, "fit_too_many_entries", Severity::warning));
    EXPECT_LE(r.entries.size(), 256u);
}

TEST(Fit, WrongChecksum) {
    auto region = synth::build_fit_region(FitSpec{});
    region.bytes[region.layout.entry_offset(1) + 13] ^= 0x01;  // one entry's version byte
    FitReport r = read_fit(region.bytes, whole(region.bytes));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.checksum_ok, false);
    EXPECT_TRUE(has_finding(r, "fit_checksum", Severity::warning));
}

TEST(Fit, NoChecksumAskedNoChecksumJudged) {
    FitSpec spec;
    spec.checksum = false;
    auto region = synth::build_fit_region(spec);
    FitReport r = read_fit(region.bytes, whole(region.bytes));
    EXPECT_FALSE(r.checksum_ok);
    EXPECT_FALSE(has_finding(r, "fit_checksum", Severity::warning));
}

TEST(Fit, EntryPointingOutsideIsAFinding) {
    FitSpec spec;
    spec.manifests = FitManifests::boot_guard_1;
    auto region = synth::build_fit_region(spec);
    const uint32_t km_entry = region.layout.entry_offset(region.layout.entries - 2);
    put32(region.bytes, km_entry, 0x10000000);
    synth::refresh_fit_checksum(region.bytes, region.layout);
    FitReport r = read_fit(region.bytes, whole(region.bytes));
    EXPECT_TRUE(has_finding(r, "fit_entry_outside", Severity::warning));
    EXPECT_EQ(r.provisioning, BootGuardProvisioning::boot_policy_only);
    EXPECT_EQ(r.checksum_ok, true);
}

TEST(Fit, DamagedManifestsAreFindings) {
    FitSpec spec;
    spec.manifests = FitManifests::boot_guard_1;
    auto region = synth::build_fit_region(spec);
    Bytes km_gone = region.bytes;
    km_gone[region.layout.key_manifest] = 'x';
    EXPECT_TRUE(has_finding(read_fit(km_gone, whole(km_gone)), "fit_key_manifest_tag", Severity::warning));
    Bytes bpm_gone = region.bytes;
    bpm_gone[region.layout.boot_policy + 1] = 'x';
    EXPECT_TRUE(has_finding(read_fit(bpm_gone, whole(bpm_gone)), "fit_boot_policy_tag", Severity::warning));
    // A manifest whose FIT size ends inside its IBB element.
    Bytes short_bpm = region.bytes;
    put32(short_bpm, region.layout.entry_offset(region.layout.entries - 1) + 8, 0x40);
    FitReport r = read_fit(short_bpm, whole(short_bpm));
    EXPECT_TRUE(has_finding(r, "fit_boot_policy_malformed", Severity::warning));
    // Absurd segment count.
    Bytes many = region.bytes;
    many[region.layout.boot_policy + 0x94] = 200;
    EXPECT_TRUE(has_finding(read_fit(many, whole(many)), "fit_boot_policy_malformed", Severity::warning));
    // A structure version that is neither 1.0 nor CBnT.
    Bytes odd = region.bytes;
    odd[region.layout.boot_policy + 8] = 0x33;
    EXPECT_TRUE(has_finding(read_fit(odd, whole(odd)), "fit_manifest_version", Severity::warning));
}

TEST(Fit, DamagedMicrocodeAndAcmAreFindings) {
    auto region = synth::build_fit_region(FitSpec{});
    Bytes b = region.bytes;
    put32(b, region.layout.microcode[0], 7);   // header version
    put32(b, region.layout.acm + 16, 0x1234);  // vendor
    FitReport r = read_fit(b, whole(b));
    EXPECT_TRUE(has_finding(r, "fit_microcode_header", Severity::warning));
    EXPECT_TRUE(has_finding(r, "fit_acm_header", Severity::warning));
}

TEST(Fit, WindowTooSmallOrOutsideTheFile) {
    Bytes tiny(0x20, 0);
    EXPECT_FALSE(read_fit(tiny, whole(tiny)).found);
    EXPECT_FALSE(read_fit(tiny, ByteRange{0x10, 0x1000}).found);
}

}  // namespace
}  // namespace meclean
