// The FIT reader on the corpus's real data (../shared/corpus/fit, see its README): a Kaby Lake
// BIOS region whose FIT lists four microcode updates and no Boot Guard manifests, and a real
// Boot Guard 1.0 Boot Policy Manifest from a vendor BIOS placed in a builder image. The expected
// values are the README's. Without the corpus the tests skip, or fail when CI is set.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "report/preset_warning.hpp"
#include "common/corpus_files.hpp"
#include "meclean.hpp"
#include "synth/image_builder.hpp"

namespace meclean {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

// The file, or empty (the test then skips; with CI set it has failed).
Bytes corpus_file(const char* variable, const char* name) {
    fs::path dir = test_common::env_dir(variable);
    if (!test_common::have(dir, variable)) return {};
    Bytes bytes = test_common::read_all(dir / name);
    if (bytes.empty() && std::getenv("CI")) ADD_FAILURE() << name << " is missing in " << dir;
    return bytes;
}

TEST(CorpusFit, KabyLakeBiosRegionWithoutBootGuard) {
    Bytes bios = corpus_file("MECLEAN_CORPUS_FIT", "GALAGOPRO3.fd");
    if (bios.empty()) GTEST_SKIP() << "no corpus FIT data";
    ASSERT_EQ(bios.size(), 6160384u);
    Analysis a = inspect(bios);
    ASSERT_TRUE(a.triage);
    EXPECT_EQ(a.triage->kind, TriageKind::bios_region);
    ASSERT_TRUE(a.fit);
    const FitReport& f = *a.fit;
    ASSERT_TRUE(f.found);
    EXPECT_EQ(f.pointer, 0xFFFFCE40u);
    EXPECT_EQ(f.table_offset, 0x5DCE40u);
    EXPECT_EQ(f.declared_entries, 5u);
    EXPECT_EQ(f.header_version, 0x0100);
    EXPECT_EQ(f.checksum_ok, true);
    const std::pair<uint32_t, uint32_t> expected[] = {{0x406E8, 0x26}, {0x406E3, 0xA0}, {0x806E9, 0x30}, {0x806EA, 0xB4}};
    ASSERT_EQ(f.entries.size(), 5u);
    for (size_t i = 0; i < 4; ++i) {
        const FitEntry& e = f.entries[1 + i];
        EXPECT_EQ(e.type, FitEntryType::microcode);
        ASSERT_TRUE(e.microcode) << i;
        EXPECT_EQ(e.microcode->processor_signature, expected[i].first);
        EXPECT_EQ(e.microcode->revision, expected[i].second);
    }
    EXPECT_EQ(f.provisioning, BootGuardProvisioning::none);
    for (const Finding& finding : f.findings) EXPECT_NE(finding.severity, Severity::warning) << finding.message;
}

TEST(CorpusFit, RealBootGuard1BootPolicyManifest) {
    Bytes bpm = corpus_file("MECLEAN_CORPUS", "fit/bpm3_gigabyte-p34g-v2_xmg-c404_bios-B06.bin");
    if (bpm.empty()) GTEST_SKIP() << "no corpus BPM";
    ASSERT_EQ(bpm.size(), 699u);
    synth::FitSpec spec;
    spec.manifests = synth::FitManifests::boot_guard_1;  // the builder's Key Manifest beside the real BPM
    spec.boot_policy_bytes = bpm;
    auto region = synth::build_fit_region(spec);
    synth::FlashImageSpec image;
    image.descriptor = synth::t420_descriptor();
    image.bios_region = region.bytes;
    Bytes flash = synth::build_flash_image(image).bytes;
    Analysis a = inspect(flash);
    ASSERT_TRUE(a.fit && a.fit->found);
    const FitEntry& e = a.fit->entries.back();
    ASSERT_EQ(e.type, FitEntryType::boot_policy_manifest);
    ASSERT_TRUE(e.boot_policy);
    const BootPolicyManifest& b = *e.boot_policy;
    EXPECT_EQ(b.structure_version, 0x10);
    EXPECT_EQ(b.generation, ManifestGeneration::boot_guard_1);
    EXPECT_EQ(b.acm_svn, 3);
    EXPECT_EQ(b.entry_point, 0xFFFFFFF0u);
    ASSERT_EQ(b.ibb.size(), 1u);
    EXPECT_EQ(b.ibb[0].base, 0xFFF40000u);
    EXPECT_EQ(b.ibb[0].size, 0xC0000u);
    EXPECT_EQ(b.signature_offset, *e.target + 0xA1);
    EXPECT_EQ(a.fit->provisioning, BootGuardProvisioning::both);
    for (const Finding& finding : a.fit->findings) EXPECT_NE(finding.code, "fit_boot_policy_malformed") << finding.message;
    EXPECT_TRUE(boot_guard_preset_warning(a, Options{}));
}

}  // namespace
}  // namespace meclean
