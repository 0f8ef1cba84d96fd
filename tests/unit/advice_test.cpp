// Advice from known outcomes: the table's consistency, and which rows an image matches.
#include <gtest/gtest.h>

#include <array>
#include <utility>
#include <set>
#include <string>

#include "advice/match.hpp"
#include "test_support.hpp"

namespace meclean {
namespace {

using namespace testing_support;

std::set<std::string> ids(const std::vector<AdviceMatch>& matches, AdviceMatchBasis basis) {
    std::set<std::string> out;
    for (const AdviceMatch& m : matches) {
        if (m.basis == basis) out.insert(m.outcome->id);
    }
    return out;
}

synth::Gen2Region me_with_version(std::array<uint16_t, 4> version) {
    auto spec = synth::me7_region_spec();
    spec.ftpr.manifest.version = version;
    return synth::build_gen2_region(spec);
}

Bytes on_t420(const Bytes& me) {
    synth::FlashImageSpec spec;
    spec.descriptor = synth::t420_descriptor();
    spec.me_region = me;
    return synth::build_flash_image(spec).bytes;
}

TEST(KnownOutcomes, EveryRowIsSourcedAndOffersSomething) {
    std::set<std::string> seen;
    for (const KnownOutcome& o : known_outcomes()) {
        EXPECT_TRUE(seen.insert(o.id).second) << "duplicate id " << o.id;
        EXPECT_NE(std::string(o.source), "") << o.id;
        EXPECT_NE(std::string(o.platform), "") << o.id;
        EXPECT_NE(std::string(o.symptom), "") << o.id;
        EXPECT_NE(std::string(o.helped), "") << o.id;
        EXPECT_TRUE(o.flags.soft_disable_only || o.flags.whitelist) << o.id << " names no flag that helped";
        EXPECT_LE(uint32_t{o.min.major} << 16 | o.min.minor, uint32_t{o.max.major} << 16 | o.max.minor) << o.id;
        EXPECT_NE(o.families[0], PchFamily::unknown) << o.id << " names no chipset family";
    }
}

TEST(Advice, MatchesPlatformAndVersion) {
    auto me81 = me_with_version({8, 1, 72, 3002});
    Analysis a = inspect(on_t420(me81.bytes));
    ASSERT_FALSE(a.problem) << problem_text(a.problem);
    EXPECT_EQ(ids(a.advice, AdviceMatchBasis::platform_and_version), std::set<std::string>{"t902_timed_shutdown"});
    EXPECT_NE(analysis_json(a).find("\"id\":\"t902_timed_shutdown\",\"match\":\"platform_and_version\""), std::string::npos);
    EXPECT_NE(analysis_json(a).find("\"whitelist\":\"FOVD,EFFS,NFTP\""), std::string::npos);
    // The row names one family; its second slot is unused and must not be listed.
    EXPECT_NE(analysis_json(a).find("\"families\":[\"cougar_point\"],\"versions\":\"8.0–8.1\""), std::string::npos)
        << analysis_json(a);
}

TEST(Advice, TheRangeIncludesBothEnds) {
    // The T902 row covers ME 8.0 to 8.1: 8.0.0 and 8.1.x match, 7.1 and 8.2 do not.
    for (auto [version, matches] : {std::pair{std::array<uint16_t, 4>{8, 0, 0, 1}, true},
                                    std::pair{std::array<uint16_t, 4>{8, 1, 99, 9999}, true},
                                    std::pair{std::array<uint16_t, 4>{7, 1, 99, 9999}, false},
                                    std::pair{std::array<uint16_t, 4>{8, 2, 0, 1}, false}}) {
        Analysis a = inspect(on_t420(me_with_version(version).bytes));
        EXPECT_EQ(ids(a.advice, AdviceMatchBasis::platform_and_version).count("t902_timed_shutdown"), matches ? 1u : 0u)
            << version[0] << "." << version[1];
    }
}

TEST(Advice, AnMeRegionAloneMatchesByVersionOnly) {
    auto me81 = me_with_version({8, 1, 72, 3002});
    Analysis a = inspect(me81.bytes);
    EXPECT_EQ(ids(a.advice, AdviceMatchBasis::version_only), std::set<std::string>{"t902_timed_shutdown"});
    EXPECT_TRUE(ids(a.advice, AdviceMatchBasis::platform_and_version).empty());
}

TEST(Advice, OtherVersionsAndPlatformsDoNotMatch) {
    EXPECT_TRUE(inspect(full_gen2().bytes).advice.empty());  // ME 7.1 on Cougar Point
    // ME 9.1 on a Cougar Point descriptor: the version fits the Haswell row, the chipset does not.
    auto me91 = me_with_version({9, 1, 20, 1000});
    EXPECT_TRUE(inspect(on_t420(me91.bytes)).advice.empty());
}

TEST(Advice, MatchesFromTheTwoFactsAlone) {
    using V = std::array<uint16_t, 4>;
    EXPECT_TRUE(match_advice(std::nullopt, PchFamily::cougar_point).empty());  // no firmware version: no match
    EXPECT_EQ(ids(match_advice(V{8, 0, 0, 0}, PchFamily::cougar_point), AdviceMatchBasis::platform_and_version),
              std::set<std::string>{"t902_timed_shutdown"});  // the range's lower bound is inclusive
    EXPECT_TRUE(match_advice(V{8, 2, 0, 0}, PchFamily::cougar_point).empty());  // above the range
    EXPECT_TRUE(match_advice(V{8, 1, 0, 0}, PchFamily::lynx_point).empty());    // another chipset
    EXPECT_EQ(ids(match_advice(V{8, 1, 0, 0}, std::nullopt), AdviceMatchBasis::version_only),
              std::set<std::string>{"t902_timed_shutdown"});
}

TEST(Advice, SkylakeImageMatchesTheSunrisePointRows) {
    Analysis a = inspect(full_gen3().bytes);  // Sunrise Point descriptor, ME 11.8
    EXPECT_EQ(ids(a.advice, AdviceMatchBasis::platform_and_version),
              (std::set<std::string>{"skylake_kabylake_ethernet_missing", "z170_no_post_with_S"}));
    size_t findings = 0;
    for (const Finding& f : a.findings) findings += f.code == "known_outcome";
    EXPECT_EQ(findings, 2u);
}

}  // namespace
}  // namespace meclean
