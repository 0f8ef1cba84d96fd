// The §1.9 checks (core/ifd/descriptor_checks.cpp): a sound image passes every one, and each
// check fires on a descriptor built wrong on purpose.
#include <gtest/gtest.h>

#include <algorithm>

#include "ifd/descriptor.hpp"
#include "ifd/descriptor_checks.hpp"
#include "synth/flash_image_builder.hpp"
#include "test_support.hpp"

namespace meclean {
namespace {

using namespace synth;
using testing_support::Bytes;

std::vector<DescriptorCheck> run(const Bytes& image) {
    auto signature = find_descriptor_signature(image);
    EXPECT_TRUE(signature.has_value());
    return check_descriptor(parse_descriptor(image, *signature), image);
}

Bytes full_image(const DescriptorSpec& d, bool with_me = true) {
    FlashImageSpec spec;
    spec.descriptor = d;
    if (with_me) spec.me_region = testing_support::me7().bytes;
    spec.flash_size = 8u << 20;
    return build_flash_image(spec).bytes;
}

std::vector<Finding> findings_with(const std::vector<DescriptorCheck>& checks, const std::string& code) {
    std::vector<Finding> out;
    for (const Finding& f : descriptor_findings(checks)) {
        if (f.code == code) out.push_back(f);
    }
    return out;
}

const DescriptorCheck& check(const std::vector<DescriptorCheck>& checks, const std::string& code) {
    auto it = std::find_if(checks.begin(), checks.end(), [&](const DescriptorCheck& c) { return c.code == code; });
    EXPECT_NE(it, checks.end()) << code;
    return *it;
}

TEST(IfdChecks, SoundImagePassesEveryCheck) {
    auto checks = run(full_image(t420_descriptor()));
    EXPECT_EQ(checks.size(), 9u);
    for (const DescriptorCheck& c : checks) {
        EXPECT_TRUE(c.passed()) << c.code << ": "
                                << (c.findings.empty() ? c.skipped_because : c.findings[0].message);
    }
}

TEST(IfdChecks, DescriptorOnlySkipsImageChecks) {
    auto checks = run(build_descriptor(t420_descriptor()));
    EXPECT_FALSE(check(checks, "ifd_image_size").applicable);
    EXPECT_FALSE(check(checks, "ifd_me_region_content").applicable);
    EXPECT_TRUE(descriptor_findings(checks).empty());
}

TEST(IfdChecks, SignaturePosition) {
    DescriptorSpec ich = ich9_descriptor();
    ich.signature_at_zero = false;  // ICH9 maps with the signature at 0x10
    ich.fcba = 0x30;
    auto f = findings_with(run(build_descriptor(ich)), "ifd_signature_position");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].severity, Severity::warning);
    DescriptorSpec t420 = t420_descriptor();
    t420.signature_at_zero = true;
    EXPECT_EQ(findings_with(run(build_descriptor(t420)), "ifd_signature_position").size(), 1u);
}

TEST(IfdChecks, ShortFile) {
    Bytes d = build_descriptor(t420_descriptor());
    d.resize(0x400);
    EXPECT_EQ(findings_with(run(d), "ifd_file_short").size(), 1u);
}

TEST(IfdChecks, SectionOutsideTheDescriptor) {
    DescriptorSpec s = t420_descriptor();
    s.fpsba = 0xE00;
    s.isl = 0x80;  // 0xE00 + 0x200 runs past 0xEFC
    auto f = findings_with(run(build_descriptor(s)), "ifd_section_outside");
    ASSERT_FALSE(f.empty());
    EXPECT_EQ(f[0].severity, Severity::error);
    EXPECT_EQ(f[0].offset, 0x18u);  // FLMAP1
}

TEST(IfdChecks, SectionsOverlap) {
    DescriptorSpec s = t420_descriptor();
    s.fmsba = 0x110;  // inside the PCH straps (0x100–0x147)
    EXPECT_FALSE(findings_with(run(build_descriptor(s)), "ifd_sections_overlap").empty());
}

TEST(IfdChecks, Flreg0MustBeTheDescriptor) {
    DescriptorSpec s = t420_descriptor();
    s.regions[0] = RegionSlot::range(0, 0x1FFF);
    auto checks = run(build_descriptor(s));
    EXPECT_EQ(findings_with(checks, "ifd_flreg0").size(), 1u);
    EXPECT_FALSE(findings_with(checks, "regions_overlap").empty());  // it now covers the GbE region
}

TEST(IfdChecks, RegionPastTheFileAndTheFlash) {
    Bytes image = full_image(t420_descriptor());
    image.resize(6u << 20);
    auto checks = run(image);
    auto f = findings_with(checks, "region_outside_file");
    ASSERT_EQ(f.size(), 1u);  // BIOS 0x500000–0x7fffff
    EXPECT_EQ(f[0].offset, 0x44u);
    EXPECT_EQ(findings_with(checks, "ifd_image_size").size(), 1u);

    DescriptorSpec s = t420_descriptor();
    s.flcomp = 0x49900000 | flcomp_density_3bit(3, 0);  // 4 MiB declared, BIOS ends at 8 MiB
    auto g = findings_with(run(build_descriptor(s)), "ifd_region_outside_flash");
    ASSERT_EQ(g.size(), 2u);  // BIOS (ends 0x7fffff) and ME (ends 0x4fffff) both pass 0x3fffff
    EXPECT_EQ(g[0].severity, Severity::error);
}

TEST(IfdChecks, OverlapsAreReportedNotRejected) {
    DescriptorSpec s = t420_descriptor();  // z77-style: BIOS 0–0x7fffff
    s.regions[1] = RegionSlot::range(0, 0x7FFFFF);
    auto f = findings_with(run(build_descriptor(s)), "regions_overlap");
    EXPECT_EQ(f.size(), 3u);  // with FD, ME, GbE
    for (const Finding& x : f) EXPECT_EQ(x.severity, Severity::warning);
}

TEST(IfdChecks, ImplausibleSizes) {
    DescriptorSpec s = t420_descriptor();
    s.regions[3] = RegionSlot::range(0x1000, 0x1FFF);   // GbE 4 KiB
    s.regions[2] = RegionSlot::range(0x3000, 0x7FFF);   // ME 20 KiB
    s.regions[1] = RegionSlot::range(0x500000, 0x500FFF);  // BIOS 4 KiB
    EXPECT_EQ(findings_with(run(build_descriptor(s)), "ifd_region_size").size(), 3u);
    DescriptorSpec shrunk = t420_descriptor();
    shrunk.regions[2] = RegionSlot::range(0x3000, 0x1AFFF);  // xx30: 96 KiB after -t -D
    EXPECT_EQ(findings_with(run(build_descriptor(shrunk)), "ifd_me_region_small").size(), 1u);
}

TEST(IfdChecks, ImageSizeAgainstTwoChips) {
    DescriptorSpec s = t420_descriptor();
    s.nc = 1;
    s.flcomp = 0x49900000 | flcomp_density_3bit(4, 3);  // 12 MiB declared, image 8 MiB
    auto f = findings_with(run(full_image(s)), "ifd_image_size");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].offset, 0x30u);
}

TEST(IfdChecks, MasterWithoutItsOwnRegion) {
    DescriptorSpec s = t420_descriptor();
    s.masters[0] = 0x080B0000;  // BIOS writes only GbE
    auto f = findings_with(run(build_descriptor(s)), "ifd_master_own_region");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].offset, 0x60u);
}

TEST(IfdChecks, MeMustReadTheDescriptor) {
    DescriptorSpec s = t420_descriptor();
    s.masters[1] = 0x0C0C0000;  // ME reads ME + GbE only
    auto f = findings_with(run(build_descriptor(s)), "ifd_descriptor_read");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].offset, 0x64u);
}

TEST(IfdChecks, UnlockedDescriptorAndMeWritingBios) {
    DescriptorSpec s = t420_descriptor();
    s.masters[0] = 0x0B0B0000;  // BIOS may write FD
    s.masters[1] = 0x0E0D0000;  // ME may write BIOS
    auto checks = run(build_descriptor(s));
    auto w = findings_with(checks, "descriptor_writable");
    ASSERT_EQ(w.size(), 1u);
    EXPECT_EQ(w[0].severity, Severity::info);
    EXPECT_EQ(findings_with(checks, "ifd_me_writes_bios").size(), 1u);
}

TEST(IfdChecks, MeRegionContent) {
    auto erased = findings_with(run(full_image(t420_descriptor(), false)), "ifd_me_region_content");
    ASSERT_EQ(erased.size(), 1u);
    EXPECT_EQ(erased[0].offset, 0x3000u);
    EXPECT_NE(erased[0].message.find("erased"), std::string::npos);

    Bytes junk = full_image(t420_descriptor(), false);
    std::fill_n(junk.begin() + 0x3000, 0x100, 0x42);
    EXPECT_EQ(findings_with(run(junk), "ifd_me_region_content").size(), 1u);
}

TEST(IfdChecks, UnusedMeRegionIsInformation) {
    DescriptorSpec s = t420_descriptor();
    s.regions[2] = RegionSlot::unused(kFlregUnusedV1);
    auto f = findings_with(run(build_descriptor(s)), "ifd_me_region_unused");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].severity, Severity::info);
}

TEST(IfdChecks, InspectCarriesTheChecks) {
    Bytes image = full_image(t420_descriptor());
    Analysis a = inspect(image);
    EXPECT_EQ(a.descriptor_checks.size(), 9u);
    std::string json = analysis_json(a);
    EXPECT_NE(json.find("\"descriptor_checks\""), std::string::npos);
    EXPECT_NE(json.find("\"family\":\"cougar_point\""), std::string::npos);
}

}  // namespace
}  // namespace meclean
