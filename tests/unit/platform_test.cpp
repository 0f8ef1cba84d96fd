// The chipset guess (formats.md §1.6): the table's self-check (as flashrom's selfcheck does
// for its own tables), the documented sample values of §1.2, and the ADL-P/N test of item 5.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "inspect/analysis.hpp"
#include "ifd/platform.hpp"

namespace meclean {
namespace {

Descriptor maps(uint32_t flmap1, uint32_t flmap2, uint32_t flumap1, uint32_t flcomp = 0) {
    Descriptor d;
    d.flmap1 = flmap1;
    d.flmap2 = flmap2;
    d.flumap1 = flumap1;
    d.component.flcomp = flcomp;
    return d;
}

TEST(PlatformTable, RowsNeverOverlap) {
    auto rules = platform_rules();
    ASSERT_GT(rules.size(), 20u);
    for (size_t i = 0; i < rules.size(); ++i) {
        for (size_t j = i + 1; j < rules.size(); ++j) {
            EXPECT_FALSE(rules_overlap(rules[i], rules[j]))
                << "rows " << i << " (" << rules[i].rule << ") and " << j << " (" << rules[j].rule << ")";
        }
    }
}

TEST(PlatformTable, RowsAreWellFormedAndNamed) {
    std::set<std::string> ids, names;
    for (const PlatformRule& r : platform_rules()) {
        for (const PlatformRule::Range& range : {r.mdtba_nonzero, r.iccriba, r.msl, r.fmsba, r.ril, r.isl, r.nm, r.csso}) {
            EXPECT_LE(range.lo, range.hi) << r.rule;
        }
        EXPECT_LE(r.mdtba_nonzero.hi, 1u) << r.rule;
        EXPECT_NE(r.family, PchFamily::unknown) << r.rule;
        EXPECT_FALSE(std::string(r.rule).empty());
    }
    // Every family has its own id and name.
    for (int f = 0; f <= static_cast<int>(PchFamily::emmitsburg); ++f) {
        EXPECT_TRUE(ids.insert(pch_family_id(static_cast<PchFamily>(f))).second) << f;
        EXPECT_TRUE(names.insert(pch_family_name(static_cast<PchFamily>(f))).second) << f;
    }
}

TEST(PlatformTable, OverlapDetectorWorks) {
    PlatformRule a = platform_rules()[0];
    PlatformRule b = a;
    EXPECT_TRUE(rules_overlap(a, b));  // a duplicate row would be caught
    b.isl = {a.isl.hi + 1, a.isl.hi + 1};
    EXPECT_FALSE(rules_overlap(a, b));
}

// §1.2's verified map values and §1.6's "flashrom results on the samples".
TEST(PlatformGuess, DocumentedSamples) {
    struct Case {
        const char* sample;
        uint32_t flmap1, flmap2, flumap1, flcomp;
        PchFamily family;
    };
    const Case cases[] = {
        {"x201", 0x10100206, 0x00000020, 0x00000aed, 0x0990001C, PchFamily::ibex_peak},
        {"t420", 0x12100206, 0x00210120, 0x000012df, 0x49900024, PchFamily::cougar_point},
        {"z77", 0x12100206, 0x00210120, 0x00000edf, 0x09300024, PchFamily::cougar_point},
        {"mbp", 0x12100206, 0x00210120, 0x00000adf, 0x64900024, PchFamily::cougar_point},
        {"t440p", 0x15100206, 0x00210120, 0x000016df, 0x49900034, PchFamily::lynx_point},
        {"byt", 0x0b100206, 0x00210020, 0x000014df, 0x24900024, PchFamily::bay_trail},
        {"x210", 0x42100208, 0x00310330, 0x000002df, 0x324C00F4, PchFamily::sunrise_point},
        {"glk", 0x17100208, 0x00000000, 0x000002df, 0x125802F4, PchFamily::gemini_lake},
        {"adl", 0x73100208, 0x00140170, 0xc0ff02df, 0x0930F0F6, PchFamily::alder_point_s},
    };
    for (const Case& c : cases) {
        PlatformGuess g = guess_platform(maps(c.flmap1, c.flmap2, c.flumap1, c.flcomp));
        EXPECT_EQ(g.family, c.family) << c.sample << ": " << g.rule;
        EXPECT_FALSE(g.rule.empty()) << c.sample;
    }
    EXPECT_EQ(guess_platform(maps(0x42100208, 0x00310330, 0x2df, 0x324C00F4)).confidence, Confidence::certain);
    EXPECT_EQ(guess_platform(maps(0x12100206, 0x00210120, 0x12df, 0x49900024)).confidence, Confidence::likely);
}

TEST(PlatformGuess, IchRulesByStrapCount) {
    // §1.6 item 3, ICCRIBA = 0.
    EXPECT_EQ(guess_platform(maps(0x02100206, 0x00000020, 0)).family, PchFamily::ich8);   // MSL 0, ISL 2
    EXPECT_EQ(guess_platform(maps(0x02100206, 0x00000120, 0)).family, PchFamily::ich9);   // MSL 1, ISL 2
    EXPECT_EQ(guess_platform(maps(0x0a100206, 0x00000120, 0)).family, PchFamily::ich10);  // ISL 10
    EXPECT_EQ(guess_platform(maps(0x0b100206, 0x00000120, 0)).family, PchFamily::ibex_peak);  // ISL 11
    PlatformGuess peculiar = guess_platform(maps(0x11100206, 0x00000120, 0));  // ISL 17: "assume Ibex Peak"
    EXPECT_EQ(peculiar.family, PchFamily::ibex_peak);
    EXPECT_EQ(peculiar.confidence, Confidence::guess);
}

TEST(PlatformGuess, PchRulesByStrapCount) {
    EXPECT_EQ(guess_platform(maps(0x11100206, 0x00210020, 0)).family, PchFamily::bay_trail);     // MSL 0, ISL 17
    EXPECT_EQ(guess_platform(maps(0x12100206, 0x00210020, 0)).family, PchFamily::cougar_point);  // MSL 0, ISL 18
    EXPECT_EQ(guess_platform(maps(0x15100206, 0x00210120, 0)).family, PchFamily::lynx_point);    // ISL 21
    PlatformGuess nine = guess_platform(maps(0x16100206, 0x00210120, 0));                         // ISL 22
    EXPECT_EQ(nine.family, PchFamily::wildcat_point);
    EXPECT_EQ(nine.confidence, Confidence::guess);
    EXPECT_EQ(guess_platform(maps(0x40100608, 0x00310330, 0, 6u << 17)).family, PchFamily::lewisburg);  // NM 6
}

TEST(PlatformGuess, NewerChipsetsByCssoCssl) {
    auto family = [](uint32_t flmap2, uint32_t isl = 0x50) {
        return guess_platform(maps(isl << 24 | 0x00100208, flmap2, 0xc0ff02df)).family;
    };
    // FLMAP2: CSSL in [23:16], CSSO in [11:2] (so CSSO 0x68 = 0x1A0 in the low bits).
    EXPECT_EQ(family(0x00340330), PchFamily::cannon_point);
    EXPECT_EQ(family(0x001101A0), PchFamily::tiger_point);
    EXPECT_EQ(family(0x00110170), PchFamily::alder_point_s);  // CSSL 0x11, CSSO 0x5C
    EXPECT_EQ(family(0x00030160), PchFamily::elkhart_lake);   // CSSO 0x58
    EXPECT_EQ(family(0x000301B0), PchFamily::jasper_lake);    // CSSO 0x6C
    EXPECT_EQ(family(0x000301C0), PchFamily::meteor_lake);    // CSSO 0x70
    EXPECT_EQ(family(0x00030180, 0x78), PchFamily::wildcat_lake);
    EXPECT_EQ(family(0x00030180, 0xA9), PchFamily::nova_lake);
    EXPECT_EQ(family(0x00030180, 0x60), PchFamily::panther_lake);
    PlatformGuess fallback = guess_platform(maps(0x50100208, 0x00990000, 0xc0ff02df));
    EXPECT_EQ(fallback.family, PchFamily::tiger_point);  // "otherwise assume 500-series"
    EXPECT_EQ(fallback.confidence, Confidence::guess);
    EXPECT_EQ(guess_platform(maps(0x42100208, 0x00500330, 0)).family, PchFamily::unknown);
}

TEST(PlatformGuess, ApolloLake) {
    EXPECT_EQ(guess_platform(maps(0x13100208, 0, 0x2df, 6u << 17)).family, PchFamily::apollo_lake);
}

TEST(PlatformGuess, ReadClockCrossCheckLowersConfidence) {
    // Item 4: Sunrise Point must have FLCOMP[19:17] = 6; older parts must not.
    PlatformGuess spt = guess_platform(maps(0x42100208, 0x00310330, 0x2df, 0x00000004));
    EXPECT_EQ(spt.family, PchFamily::sunrise_point);
    EXPECT_EQ(spt.confidence, Confidence::guess);
    PlatformGuess cpt = guess_platform(maps(0x12100206, 0x00210120, 0x12df, 6u << 17));
    EXPECT_EQ(cpt.confidence, Confidence::guess);
}

TEST(PlatformGuess, AlderLakePAndN) {
    // Item 5: PCHSTRP52 = 0x300 and ((PCHSTRP31 >> 1) & 0xFF) = 0x18 → ADL-P, 0x51 → ADL-N.
    Descriptor d = maps(0x73100208, 0x00140170, 0xc0ff02df);
    d.pch_straps.assign(115, 0);
    d.pch_straps[52] = 0x300;
    d.pch_straps[31] = 0x18 << 1;
    PlatformGuess p = guess_platform(d);
    EXPECT_EQ(p.family, PchFamily::alder_point_p);
    EXPECT_EQ(p.sku, PchSku::p);
    EXPECT_EQ(p.confidence, Confidence::certain);
    d.pch_straps[31] = 0x51 << 1;
    EXPECT_EQ(guess_platform(d).family, PchFamily::alder_point_n);
    d.pch_straps[52] = 0x10081008;  // adl_ifd's value: neither
    PlatformGuess s = guess_platform(d);
    EXPECT_EQ(s.family, PchFamily::alder_point_s);
    EXPECT_EQ(s.sku, PchSku::s);
    EXPECT_EQ(s.confidence, Confidence::guess);
}

TEST(PlatformGuess, DensityEncodingFollowsFamily) {
    // §1.3: 3-bit up to 7-series and Bay Trail, 4-bit from Lynx Point on and on every v2.
    EXPECT_FALSE(uses_four_bit_density(PchFamily::cougar_point, 1));
    EXPECT_FALSE(uses_four_bit_density(PchFamily::bay_trail, 1));
    EXPECT_TRUE(uses_four_bit_density(PchFamily::lynx_point, 1));
    EXPECT_TRUE(uses_four_bit_density(PchFamily::gemini_lake, 2));
    EXPECT_FALSE(uses_four_bit_density(PchFamily::unknown, 1));
    EXPECT_TRUE(uses_four_bit_density(PchFamily::unknown, 2));
}

}  // namespace
}  // namespace meclean
