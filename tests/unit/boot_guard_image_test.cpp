// Boot Guard in the analysis (inspect → Analysis::fit, findings, the JSON report) and the warning
// for a preset that removes ME firmware from a board whose image carries Boot Guard manifests.
#include <gtest/gtest.h>

#include <algorithm>

#include "report/preset_warning.hpp"
#include "test_support.hpp"

namespace meclean {
namespace {

using namespace testing_support;

Bytes full_image_with(synth::FitManifests manifests) {
    synth::FitSpec fit;
    fit.manifests = manifests;
    fit.region_size = 0x100000;
    synth::FlashImageSpec spec;
    spec.descriptor = synth::t420_descriptor();
    spec.me_region = me7().bytes;
    spec.bios_region = synth::build_fit_region(fit).bytes;
    return synth::build_flash_image(spec).bytes;
}

// A UEFI firmware volume header (PI specification: "_FVH" at 0x28, header length at 0x30, the
// 16-bit words of the header summing to zero) so the triage names the file a BIOS region.
void put_firmware_volume(Bytes& b, size_t at) {
    std::fill_n(b.begin() + at, 0x48, 0);
    put32(b, at + 0x20, 0x100000);  // volume length (low dword)
    b[at + 0x28] = '_', b[at + 0x29] = 'F', b[at + 0x2A] = 'V', b[at + 0x2B] = 'H';
    put16(b, at + 0x30, 0x48);
    unsigned sum = 0;
    for (size_t i = 0; i < 0x48; i += 2) sum += le16(b, at + i);
    put16(b, at + 0x32, uint16_t(0x10000 - (sum & 0xFFFF)));
}

bool has_code(const Analysis& a, const std::string& code) {
    return std::any_of(a.findings.begin(), a.findings.end(), [&](const Finding& f) { return f.code == code; });
}

TEST(BootGuardImage, FullImageWithManifests) {
    Bytes image = full_image_with(synth::FitManifests::boot_guard_1);
    Analysis a = inspect(image);
    ASSERT_FALSE(a.problem) << problem_text(a.problem);
    ASSERT_TRUE(a.fit);
    EXPECT_TRUE(a.fit->found);
    EXPECT_EQ(a.fit->mapped.offset, a.bios_region_start);
    EXPECT_EQ(a.fit->mapped.end(), a.bios_region_end);
    EXPECT_EQ(a.fit->provisioning, BootGuardProvisioning::both);
    EXPECT_TRUE(has_code(a, "boot_guard_manifests"));
    std::string json = analysis_json(a);
    EXPECT_NE(json.find("\"fit\":{\"found\":true"), std::string::npos);
    EXPECT_NE(json.find("\"provisioning\":\"both\""), std::string::npos);
}

TEST(BootGuardImage, FullImageWithoutFitSaysSo) {
    Analysis a = inspect(full_gen2().bytes);  // the BIOS region is pseudo-random filler
    ASSERT_TRUE(a.fit);
    EXPECT_FALSE(a.fit->found);
    EXPECT_TRUE(has_code(a, "fit_absent"));
    EXPECT_EQ(a.fit->provisioning, BootGuardProvisioning::none);
}

TEST(BootGuardImage, MeOnlyImageHasNoFit) {
    Analysis a = inspect(me7().bytes);
    EXPECT_FALSE(a.fit);
    EXPECT_NE(analysis_json(a).find("\"fit\":null"), std::string::npos);
}

TEST(BootGuardImage, BiosRegionFileOnItsOwn) {
    synth::FitSpec fit;
    fit.manifests = synth::FitManifests::cbnt;
    Bytes region = synth::build_fit_region(fit).bytes;
    put_firmware_volume(region, 0);
    Analysis a = inspect(region);
    ASSERT_TRUE(a.triage);
    ASSERT_EQ(a.triage->kind, TriageKind::bios_region);
    ASSERT_TRUE(a.fit);
    EXPECT_TRUE(a.fit->found);
    EXPECT_EQ(a.fit->mapped.offset, 0u);
    EXPECT_EQ(a.fit->mapped.length, region.size());
    EXPECT_EQ(a.fit->provisioning, BootGuardProvisioning::both);
}

TEST(BootGuardPreset, WarnsWhenRemovingFirmwareFromAProvisionedImage) {
    Analysis a = inspect(full_image_with(synth::FitManifests::boot_guard_1));
    auto clean = boot_guard_preset_warning(a, Options{});
    ASSERT_TRUE(clean);
    EXPECT_EQ(clean->line.id, "boot_guard_preset");
    EXPECT_EQ(clean->line.state, State::warn);
    EXPECT_TRUE(clean->offer_soft_disable_only);
    EXPECT_TRUE(boot_guard_preset_warning(a, opts([](Options& o) { o.soft_disable = true; })));
    EXPECT_FALSE(boot_guard_preset_warning(a, opts([](Options& o) { o.soft_disable_only = true; })));
    EXPECT_FALSE(boot_guard_preset_warning(a, opts([](Options& o) { o.check_only = true; })));
}

TEST(BootGuardPreset, NothingWithoutManifests) {
    Analysis none = inspect(full_image_with(synth::FitManifests::none));
    EXPECT_FALSE(boot_guard_preset_warning(none, Options{}));
    EXPECT_FALSE(boot_guard_preset_warning(inspect(me7().bytes), Options{}));
}

}  // namespace
}  // namespace meclean
