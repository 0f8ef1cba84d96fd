// HAP on CSME 12+ by platform (--platform): formats.md §1.8. The corpus ADL/RPL images must
// change in exactly one byte, 0x1DE 0x10 → 0x11 ("Verified current values"); unknown or
// uncertain platforms are refused with the candidate locations.
#include <set>

#include "cse_support.hpp"
#include "ifd/hap_table.hpp"

namespace meclean::cse_test {
namespace {

constexpr const char* kInputs = "MECLEAN_CORPUS_INPUTS";

void expect_only_hap_set(const Bytes& input, const Result& r) {
    ASSERT_FALSE(r.plan.problem) << problem_text(r.plan.problem);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    ASSERT_EQ(r.outcome.image.size(), input.size());
    EXPECT_EQ(input.at(0x1DE), 0x10);  // §1.8: adl/rpl byte 0x1DE = 0x10
    const auto diff = differences(input, r.outcome.image);
    ASSERT_EQ(diff.size(), 1u);
    EXPECT_EQ(diff[0], 0x1DEu);
    EXPECT_EQ(r.outcome.image.at(0x1DE), 0x11);
}

void expect_refused(const Result& r, const std::string& code) {
    ASSERT_TRUE(r.plan.problem) << "expected " << code;
    EXPECT_EQ(r.plan.problem->code, code) << problem_text(r.plan.problem);
    EXPECT_TRUE(r.plan.edits.empty());
    EXPECT_TRUE(r.outcome.problem);
    EXPECT_TRUE(r.outcome.image.empty());
}

// ---- corpus

class HapCorpus : public ::testing::TestWithParam<const char*> {};

TEST_P(HapCorpus, AutoSetsExactlyByte1DE) {
    CSE_CORPUS_OR_SKIP(image, kInputs, GetParam());
    expect_only_hap_set(image, run(image, hap_options("auto")));
}

TEST_P(HapCorpus, ExplicitAlderPointSSetsExactlyByte1DE) {
    CSE_CORPUS_OR_SKIP(image, kInputs, GetParam());
    expect_only_hap_set(image, run(image, hap_options("alder_point_s")));
}

TEST_P(HapCorpus, TigerPointHRefusedForCsme16) {
    CSE_CORPUS_OR_SKIP(image, kInputs, GetParam());
    expect_refused(run(image, hap_options("tiger_point_h")), "platform_firmware_mismatch");
}

TEST_P(HapCorpus, AlderLakeNIsLowConfidence) {
    CSE_CORPUS_OR_SKIP(image, kInputs, GetParam());
    expect_refused(run(image, hap_options("alder_point_n")), "hap_location_uncertain");
}

TEST_P(HapCorpus, CheckOnlyChangesNothing) {
    CSE_CORPUS_OR_SKIP(image, kInputs, GetParam());
    const Result r = run(image, hap_options("auto", /*check_only=*/true));
    ASSERT_FALSE(r.plan.problem) << problem_text(r.plan.problem);
    EXPECT_TRUE(r.plan.edits.empty());
    bool reported = false;
    for (const std::string& line : r.plan.log) reported |= line.find("0x1de") != std::string::npos;
    EXPECT_TRUE(reported) << "the log names the HAP byte";
}

INSTANTIATE_TEST_SUITE_P(Csme16, HapCorpus,
                         ::testing::Values("full_csme16_msi-ms7d25.bin", "full_csme16_msi-ms7e06.bin"));

TEST(HapCorpusRegion, RegionFileNeedsFullImage) {
    CSE_CORPUS_OR_SKIP(image, "MECLEAN_CORPUS", "images/csme16.1.30.2307_msi-ms7d25.bin");
    expect_refused(run(image, hap_options("auto")), "needs_full_image");
}

TEST(HapCorpusRegion, GeminiLakeHasNoKnownLocation) {
    CSE_CORPUS_OR_SKIP(image, kInputs, "full_glk-ifwi_protectli-vp2410.bin");
    const Result r = run(image, hap_options("auto"));
    ASSERT_TRUE(r.plan.problem);  // §1.8: APL/GLK location unknown; §4: unsupported for writes
    EXPECT_TRUE(r.outcome.image.empty());
}

// ---- synthetic

TEST(HapSynthetic, AutoWithBuildRecordConfirmingAdlS) {
    // The synthetic ADL-S descriptor identifies as Alder Point only by elimination; the CDMD's
    // "AlderLake S Chipset" confirms it (§3.9).
    expect_only_hap_set(full_csme16(), run(full_csme16(), hap_options("auto")));
}

TEST(HapSynthetic, AutoRefusedWhenBuildRecordSaysMobile) {
    synth::CseRegionSpec spec = synth::csme16_region_spec();
    spec.data.cdmd_platform = "AlderLake P Chipset - Consumer";
    const Bytes image = full_adl_image(synth::build_cse_region(spec).bytes);
    expect_refused(run(image, hap_options("auto")), "platform_unidentified");
}

TEST(HapSynthetic, UnidentifiedPchRefusedWithCandidates) {
    // v2 descriptor with MDTBA = 0 and an unknown CSSL/ICCRIBA (0x40): no flashrom rule matches.
    synth::DescriptorSpec d = synth::adl_s_descriptor(uint32_t(csme16_region().bytes.size()), kFlashSize);
    d.flumap1 = 0x00FF02DF;
    d.iccriba = 0x40;
    const Bytes image = synth::build_full_cse_image(d, csme16_region().bytes, kFlashSize);
    const Result r = run(image, hap_options("auto"));
    expect_refused(r, "platform_unidentified");
    ASSERT_TRUE(r.plan.problem);
    const std::string& detail = r.plan.problem->detail;
    // Candidate locations with their straps (§1.8), and how to name the platform.
    for (const char* want : {"alder_point_s", "PCHSTRP55", "alder_point_p", "PCHSTRP31", "tiger_point_h",
                             "PCHSTRP37", "cannon_point_h", "PCHSTRP32", "--platform"}) {
        EXPECT_NE(detail.find(want), std::string::npos) << want << " missing from: " << detail;
    }
}

TEST(HapSynthetic, CannonPointWithoutSkuRefused) {
    // MDTBA != 0, ICCRIBA = 0x34: Cannon Point, but H vs LP (0x182 vs 0x172) is not in the descriptor.
    synth::DescriptorSpec d = synth::adl_s_descriptor(uint32_t(csme12_region().bytes.size()), kFlashSize);
    d.iccriba = 0x34;
    const Bytes image = synth::build_full_cse_image(d, csme12_region().bytes, kFlashSize);
    const Result r = run(image, hap_options("auto"));
    expect_refused(r, "platform_unidentified");
    ASSERT_TRUE(r.plan.problem);
    EXPECT_NE(r.plan.problem->detail.find("cannon_point_lp"), std::string::npos);
    // Named explicitly, the medium-confidence entry is written: PCHSTRP32 bit 16 = byte 0x182.
    const Result named = run(image, hap_options("cannon_point_h"));
    ASSERT_FALSE(named.plan.problem) << problem_text(named.plan.problem);
    ASSERT_FALSE(named.outcome.problem) << problem_text(named.outcome.problem);
    const auto diff = differences(image, named.outcome.image);
    ASSERT_EQ(diff.size(), 1u);
    EXPECT_EQ(diff[0], 0x182u);
    EXPECT_EQ(named.outcome.image[0x182], image[0x182] | 1);
}

TEST(HapSynthetic, LowConfidenceEntriesRefused) {
    struct Case { const char* id; uint16_t major; };
    for (const Case& c : {Case{"alder_point_n", 16}, Case{"meteor_lake", 18}, Case{"ice_point_lp", 13}}) {
        SCOPED_TRACE(c.id);
        const Bytes image = full_adl_image(csme_region_with_major(c.major).bytes);
        const Result r = run(image, hap_options(c.id));
        expect_refused(r, "hap_location_uncertain");
        if (r.plan.problem) EXPECT_NE(r.plan.problem->detail.find("Evidence"), std::string::npos);
    }
}

TEST(HapSynthetic, UnknownPlatformIdListsCandidates) {
    const Result r = run(full_csme16(), hap_options("no_such_pch"));
    expect_refused(r, "platform_unknown");
    if (r.plan.problem) EXPECT_NE(r.plan.problem->detail.find("alder_point_s"), std::string::npos);
}

TEST(HapSynthetic, CleaningRefusedWithPlatform) {
    Options o = hap_options("alder_point_s");
    o.soft_disable_only = false;
    o.soft_disable = true;  // -S: would remove partitions
    expect_refused(run(full_csme16(), o), "platform_clean_refused");
}

// ---- the table itself (formats.md §1.8)

TEST(HapTable, IdsUniqueAndOneEntryPerFamilyAndSku) {
    std::set<std::string> ids;
    std::set<std::pair<int, int>> keys;
    for (const HapLocation& l : hap_locations()) {
        EXPECT_TRUE(ids.insert(l.id).second) << "duplicate id " << l.id;
        if (l.family == PchFamily::unknown) continue;  // chosen only by name
        EXPECT_TRUE(keys.insert({int(l.family), int(l.sku)}).second) << "second entry for the family/SKU of " << l.id;
        // A family with per-SKU entries must not also have an any-SKU entry.
        for (const HapLocation& o : hap_locations()) {
            if (&o == &l || o.family != l.family) continue;
            EXPECT_FALSE(l.sku == PchSku::not_applicable || o.sku == PchSku::not_applicable)
                << l.id << " and " << o.id << " both match the same descriptor";
        }
    }
}

TEST(HapTable, BytesMatchFormatsMd) {
    // §1.8 table, FPSBA = 0x100.
    struct Want { const char* id; uint64_t byte; uint64_t second; HapConfidence confidence; };
    const Want wants[] = {
        {"sunrise_point", 0x102, 0, HapConfidence::high},
        {"comet_lake_v", 0x102, 0, HapConfidence::medium},
        {"cannon_point_h", 0x182, 0, HapConfidence::medium},
        {"cannon_point_lp", 0x172, 0, HapConfidence::medium},
        {"ice_point_lp", 0x172, 0, HapConfidence::low},
        {"jasper_lake", 0x16A, 0, HapConfidence::medium},
        {"comet_point_lp", 0x172, 0, HapConfidence::medium_high},
        {"comet_point_h", 0x182, 0, HapConfidence::medium},
        {"tiger_point_lp", 0x17E, 0, HapConfidence::medium},
        {"tiger_point_h", 0x196, 0, HapConfidence::medium_high},
        {"alder_point_p", 0x17E, 0, HapConfidence::medium_high},
        {"alder_point_n", 0x17E, 0x1DE, HapConfidence::low_medium},
        {"alder_point_s", 0x1DE, 0, HapConfidence::medium_high},
        {"meteor_lake", 0x21E, 0, HapConfidence::low_medium},
    };
    EXPECT_EQ(hap_locations().size(), std::size(wants));
    for (const Want& w : wants) {
        SCOPED_TRACE(w.id);
        const HapLocation* l = find_hap_location(w.id);
        ASSERT_TRUE(l);
        EXPECT_EQ(hap_byte_offset(0x100, l->strap), w.byte);
        if (w.second) EXPECT_EQ(hap_byte_offset(0x100, l->second_strap), w.second);
        else EXPECT_EQ(l->second_strap, 0u);
        EXPECT_EQ(l->confidence, w.confidence);
        EXPECT_NE(std::string(l->sources), "");
    }
    // The automatic choice for an identified ADP-S is the 0x1DE entry.
    const HapLocation* s = hap_location_for(PchFamily::alder_point_s, PchSku::s);
    ASSERT_TRUE(s);
    EXPECT_STREQ(s->id, "alder_point_s");
    EXPECT_EQ(hap_location_for(PchFamily::cannon_point, PchSku::unknown), nullptr);
    EXPECT_EQ(hap_location_for(PchFamily::gemini_lake, PchSku::not_applicable), nullptr);
}

}  // namespace
}  // namespace meclean::cse_test
