// The chipset guess: flashrom's content rules (formats.md §1.6 item 4, with the v1 rules of
// item 3) as a table of disjoint rows, then the FLCOMP cross-check and the ADL-P/N test (item 5).
#include "ifd/platform.hpp"

#include <array>

#include "ifd/descriptor.hpp"
#include "base/text.hpp"

namespace meclean {
namespace {

using F = PchFamily;
using C = Confidence;
using R = PlatformRule::Range;

constexpr R any{0, 0xFFFF};
constexpr R zero{0, 0};
constexpr R nonzero{1, 1};
constexpr R either{0, 1};  // MDTBA zero or not
constexpr R one(unsigned v) { return {v, v}; }
constexpr R span(unsigned lo, unsigned hi) { return {lo, hi}; }

constexpr PlatformRule row(F family, C confidence, const char* rule, R mdtba, R iccriba, R msl, R fmsba, R ril, R isl, R nm,
                 R csso) {
    return PlatformRule{family, confidence, rule, mdtba, iccriba, msl, fmsba, ril, isl, nm, csso};
}

// Columns: MDTBA≠0, ICCRIBA/CSSL, MSL, FMSBA field, RIL, ISL, NM, CSSO.
// constexpr: the table is data in the binary, not ~3 KB of wasm code run at start-up.
constexpr std::array kRules = {
    // ICCRIBA = 0 and ISL > 16 (checked first by flashrom, whatever MDTBA says).
    row(F::apollo_lake, C::certain, "FLMAP2 = 0 and ISL = 19", either, zero, zero, zero, zero, one(19), any, any),
    row(F::gemini_lake, C::certain, "FLMAP2 = 0 and ISL = 23", either, zero, zero, zero, zero, one(23), any, any),
    row(F::emmitsburg, C::likely, "ICCRIBA = 0 and ISL = 0x50", either, zero, any, any, any, one(0x50), any, any),
    // MDTBA = 0, ICCRIBA = 0, FMSBA < 0x30: the ICH rules (item 3).
    row(F::ich8, C::likely, "ICCRIBA = 0, MSL = 0, ISL <= 2", zero, zero, zero, span(0, 0x2F), any, span(0, 2), any, any),
    row(F::ich9, C::likely, "ICCRIBA = 0, MSL > 0, ISL <= 2", zero, zero, span(1, 0xFF), span(0, 0x2F), any,
        span(0, 2), any, any),
    row(F::ich10, C::likely, "ICCRIBA = 0, ISL 3..10", zero, zero, any, span(0, 0x2F), any, span(3, 10), any, any),
    row(F::ibex_peak, C::likely, "ICCRIBA = 0, ISL 11..16", zero, zero, any, span(0, 0x2F), any, span(11, 16), any,
        any),
    // MDTBA = 0, 0 < ICCRIBA < 0x31, FMSBA < 0x30: the PCH rules (item 3).
    row(F::bay_trail, C::likely, "ICCRIBA < 0x31, MSL = 0, ISL <= 17", zero, span(1, 0x30), zero, span(0, 0x2F), any,
        span(0, 17), any, any),
    row(F::cougar_point, C::likely, "ICCRIBA < 0x31, MSL = 1, ISL <= 18", zero, span(1, 0x30), one(1),
        span(0, 0x2F), any, span(0, 18), any, any),
    row(F::cougar_point, C::likely, "ICCRIBA < 0x31, MSL = 0, ISL = 18", zero, span(1, 0x30), zero, span(0, 0x2F),
        any, one(18), any, any),
    row(F::lynx_point, C::likely, "ICCRIBA < 0x31, MSL <= 1, ISL 19..21", zero, span(1, 0x30), span(0, 1),
        span(0, 0x2F), any, span(19, 21), any, any),
    row(F::wildcat_point, C::guess, "ICCRIBA < 0x31, MSL > 1: assumed 9-series", zero, span(1, 0x30), span(2, 0xFF),
        span(0, 0x2F), any, any, any, any),
    row(F::wildcat_point, C::guess, "ICCRIBA < 0x31, MSL <= 1, ISL > 21: assumed 9-series", zero, span(1, 0x30),
        span(0, 1), span(0, 0x2F), any, span(22, 0xFF), any, any),
    // MDTBA = 0, outside the v1 rules.
    row(F::lewisburg, C::likely, "MDTBA = 0, ICCRIBA >= 0x31, NM = 6", zero, span(0x31, 0xFF), any, any, any, any,
        one(6), any),
    row(F::lewisburg, C::likely, "MDTBA = 0, FMSBA >= 0x30, NM = 6", zero, span(1, 0x30), any, span(0x30, 0xFF), any,
        any, one(6), any),
    row(F::sunrise_point, C::certain, "MDTBA = 0, ICCRIBA = 0x31", zero, one(0x31), any, any, any, any, span(0, 5), any),
    row(F::sunrise_point, C::certain, "MDTBA = 0, ICCRIBA = 0x31", zero, one(0x31), any, any, any, any, one(7), any),
    // MDTBA ≠ 0 (Cannon Point and later).
    row(F::cannon_point, C::certain, "MDTBA != 0, ICCRIBA = 0x34", nonzero, one(0x34), any, any, any, any, any, any),
    row(F::tiger_point, C::certain, "MDTBA != 0, CSSL = 0x11, CSSO = 0x68", nonzero, one(0x11), any, any, any, any, any,
        one(0x68)),
    row(F::alder_point_s, C::certain, "MDTBA != 0, CSSL = 0x11, CSSO = 0x5C", nonzero, one(0x11), any, any, any, any,
        any, one(0x5C)),
    row(F::alder_point_s, C::certain, "MDTBA != 0, CSSL = 0x14", nonzero, one(0x14), any, any, any, any, any, any),
    row(F::elkhart_lake, C::certain, "MDTBA != 0, CSSL = 0x03, CSSO = 0x58", nonzero, one(3), any, any, any, any, any,
        one(0x58)),
    row(F::jasper_lake, C::certain, "MDTBA != 0, CSSL = 0x03, CSSO = 0x6C", nonzero, one(3), any, any, any, any, any,
        one(0x6C)),
    row(F::meteor_lake, C::certain, "MDTBA != 0, CSSL = 0x03, CSSO = 0x70", nonzero, one(3), any, any, any, any, any,
        one(0x70)),
    row(F::wildcat_lake, C::certain, "MDTBA != 0, CSSL = 0x03, CSSO = 0x60, ISL = 0x78", nonzero, one(3), any, any,
        any, one(0x78), any, one(0x60)),
    row(F::nova_lake, C::certain, "MDTBA != 0, CSSL = 0x03, CSSO = 0x60, ISL = 0xA9", nonzero, one(3), any, any, any,
        one(0xA9), any, one(0x60)),
    row(F::panther_lake, C::likely, "MDTBA != 0, CSSL = 0x03, CSSO = 0x60", nonzero, one(3), any, any, any,
        span(0, 0x77), any, one(0x60)),
    row(F::panther_lake, C::likely, "MDTBA != 0, CSSL = 0x03, CSSO = 0x60", nonzero, one(3), any, any, any,
        span(0x79, 0xA8), any, one(0x60)),
    row(F::panther_lake, C::likely, "MDTBA != 0, CSSL = 0x03, CSSO = 0x60", nonzero, one(3), any, any, any,
        span(0xAA, 0xFF), any, one(0x60)),
};

bool disjoint(const R& a, const R& b) { return a.hi < b.lo || b.hi < a.lo; }

bool is_v1_era(F f) {
    switch (f) {
        case F::ich8: case F::ich9: case F::ich10: case F::ibex_peak: case F::cougar_point: case F::lynx_point:
        case F::wildcat_point: case F::bay_trail:
            return true;
        default:
            return false;
    }
}

bool is_alder_point(F f) { return f == F::alder_point_s || f == F::alder_point_p || f == F::alder_point_n; }

// Item 5: PCHSTRP52 = 0x300 and (PCHSTRP31 >> 1) & 0xFF = 0x18 → ADL-P, 0x51 → ADL-N.
void refine_alder_point(const Descriptor& d, PlatformGuess& g) {
    if (d.pch_straps.size() > 52 && d.pch_straps[52] == 0x300) {
        unsigned id = (d.pch_straps[31] >> 1) & 0xFF;
        if (id == 0x18 || id == 0x51) {
            g.family = id == 0x18 ? F::alder_point_p : F::alder_point_n;
            g.sku = id == 0x18 ? PchSku::p : PchSku::n;
            g.rule += id == 0x18 ? "; PCHSTRP52 = 0x300 and PCHSTRP31 id 0x18: ADL-P"
                                 : "; PCHSTRP52 = 0x300 and PCHSTRP31 id 0x51: ADL-N";
            return;
        }
    }
    g.family = F::alder_point_s;
    g.sku = PchSku::s;
    g.confidence = C::guess;
    g.rule += "; neither the ADL-P nor the ADL-N strap pattern (PCHSTRP52/PCHSTRP31): assumed the desktop PCH-S";
}

}  // namespace

bool PlatformRule::matches(const PlatformFeatures& f) const {
    return mdtba_nonzero.contains(f.mdtba != 0 ? 1 : 0) && iccriba.contains(f.iccriba) && msl.contains(f.msl) &&
           fmsba.contains(f.fmsba) && ril.contains(f.ril) && isl.contains(f.isl) && nm.contains(f.nm) &&
           csso.contains(f.csso);
}

bool rules_overlap(const PlatformRule& a, const PlatformRule& b) {
    return !(disjoint(a.mdtba_nonzero, b.mdtba_nonzero) || disjoint(a.iccriba, b.iccriba) || disjoint(a.msl, b.msl) ||
             disjoint(a.fmsba, b.fmsba) || disjoint(a.ril, b.ril) || disjoint(a.isl, b.isl) || disjoint(a.nm, b.nm) ||
             disjoint(a.csso, b.csso));
}

std::span<const PlatformRule> platform_rules() { return kRules; }

PlatformFeatures platform_features(uint32_t flmap1, uint32_t flmap2, uint32_t flumap1) {
    PlatformFeatures f;
    f.mdtba = flumap1 >> 24;
    f.iccriba = (flmap2 >> 16) & 0xFF;
    f.msl = (flmap2 >> 8) & 0xFF;
    f.fmsba = flmap2 & 0xFF;
    f.ril = flmap2 >> 24;
    f.isl = flmap1 >> 24;
    f.nm = (flmap1 >> 8) & 7;
    f.csso = (flmap2 >> 2) & 0x3FF;
    return f;
}

PlatformGuess guess_platform(const Descriptor& d) {
    PlatformFeatures f = platform_features(d.flmap1, d.flmap2, d.flumap1);
    PlatformGuess g;
    bool matched = false;
    for (const PlatformRule& r : kRules) {
        if (!r.matches(f)) continue;
        g.family = r.family;
        g.confidence = r.confidence;
        g.rule = r.rule;
        matched = true;
        break;
    }
    if (!matched) {
        if (f.mdtba != 0) {
            g = {F::tiger_point, PchSku::unknown, C::guess, "MDTBA != 0 but no known CSSL/CSSO pair: assumed 500-series"};
        } else if (f.iccriba == 0 && f.fmsba < 0x30) {
            g = {F::ibex_peak, PchSku::not_applicable, C::guess, "ICCRIBA = 0 with a peculiar ISL: assumed 5-series"};
        } else {
            g.rule = "no rule matches ICCRIBA " + hex(f.iccriba) + ", ISL " + decimal(f.isl) + ", NM " + decimal(f.nm);
            return g;
        }
    }
    // Item 4's cross-check: SPT, LBG and APL read at 17 MHz (FLCOMP[19:17] = 6); older parts never do.
    unsigned clock = (d.component.flcomp >> 17) & 7;
    bool wants_six = g.family == F::sunrise_point || g.family == F::lewisburg || g.family == F::apollo_lake;
    if (wants_six && clock != 6) {
        g.confidence = C::guess;
        g.rule += "; but FLCOMP[19:17] is " + decimal(clock) + ", not 6";
    } else if (is_v1_era(g.family) && clock == 6) {
        g.confidence = C::guess;
        g.rule += "; but FLCOMP[19:17] is 6, as only newer chipsets have";
    }
    switch (g.family) {
        case F::cannon_point: case F::comet_point: case F::tiger_point: case F::meteor_lake:
            g.sku = PchSku::unknown;  // H and LP descriptors are not told apart by these rules
            break;
        default:
            g.sku = PchSku::not_applicable;
    }
    if (is_alder_point(g.family)) refine_alder_point(d, g);
    return g;
}

bool uses_four_bit_density(PchFamily family, int ifd_version) {
    switch (family) {
        case F::ich8: case F::ich9: case F::ich10: case F::ibex_peak: case F::cougar_point: case F::bay_trail:
            return false;
        case F::unknown:
            return ifd_version == 2;
        default:
            return true;
    }
}

bool has_extended_regions(PchFamily family) {
    switch (family) {
        case F::cannon_point: case F::comet_point: case F::tiger_point: case F::alder_point_s: case F::alder_point_p:
        case F::alder_point_n: case F::meteor_lake: case F::panther_lake: case F::wildcat_lake: case F::nova_lake:
        case F::jasper_lake:
            return true;
        default:
            return false;
    }
}

bool is_500_series_or_later(PchFamily family) {
    switch (family) {
        case F::tiger_point: case F::alder_point_s: case F::alder_point_p: case F::alder_point_n: case F::meteor_lake:
        case F::panther_lake: case F::wildcat_lake: case F::nova_lake:
            return true;
        default:
            return false;
    }
}

const char* pch_family_name(PchFamily family) {
    switch (family) {
        case F::unknown: return "unknown";
        case F::ich8: return "ICH8";
        case F::ich9: return "ICH9";
        case F::ich10: return "ICH10";
        case F::ibex_peak: return "Ibex Peak (5-series)";
        case F::cougar_point: return "Cougar Point (6-series) / Panther Point (7-series)";
        case F::lynx_point: return "Lynx Point (8-series)";
        case F::wildcat_point: return "Wildcat Point (9-series)";
        case F::bay_trail: return "Bay Trail";
        case F::sunrise_point: return "Sunrise Point (100-series) / Union Point (200-series)";
        case F::lewisburg: return "Lewisburg (C620)";
        case F::cannon_point: return "Cannon Point (300-series) / Comet Point (400-series)";
        case F::comet_point: return "Comet Point (400-series)";
        case F::tiger_point: return "Tiger Point (500-series)";
        case F::alder_point_s: return "Alder Point-S / Raptor Point-S (600/700-series desktop)";
        case F::alder_point_p: return "Alder Point-P (ADL-P/RPL-P mobile)";
        case F::alder_point_n: return "Alder Lake-N";
        case F::meteor_lake: return "Meteor Lake";
        case F::panther_lake: return "Panther Lake";
        case F::wildcat_lake: return "Wildcat Lake";
        case F::nova_lake: return "Nova Lake";
        case F::apollo_lake: return "Apollo Lake";
        case F::gemini_lake: return "Gemini Lake";
        case F::elkhart_lake: return "Elkhart Lake";
        case F::jasper_lake: return "Jasper Lake";
        case F::emmitsburg: return "Emmitsburg (C740)";
    }
    return "unknown";
}

const char* pch_family_id(PchFamily family) {
    switch (family) {
        case F::unknown: return "unknown";
        case F::ich8: return "ich8";
        case F::ich9: return "ich9";
        case F::ich10: return "ich10";
        case F::ibex_peak: return "ibex_peak";
        case F::cougar_point: return "cougar_point";
        case F::lynx_point: return "lynx_point";
        case F::wildcat_point: return "wildcat_point";
        case F::bay_trail: return "bay_trail";
        case F::sunrise_point: return "sunrise_point";
        case F::lewisburg: return "lewisburg";
        case F::cannon_point: return "cannon_point";
        case F::comet_point: return "comet_point";
        case F::tiger_point: return "tiger_point";
        case F::alder_point_s: return "alder_point_s";
        case F::alder_point_p: return "alder_point_p";
        case F::alder_point_n: return "alder_point_n";
        case F::meteor_lake: return "meteor_lake";
        case F::panther_lake: return "panther_lake";
        case F::wildcat_lake: return "wildcat_lake";
        case F::nova_lake: return "nova_lake";
        case F::apollo_lake: return "apollo_lake";
        case F::gemini_lake: return "gemini_lake";
        case F::elkhart_lake: return "elkhart_lake";
        case F::jasper_lake: return "jasper_lake";
        case F::emmitsburg: return "emmitsburg";
    }
    return "unknown";
}

const char* pch_sku_name(PchSku sku) {
    switch (sku) {
        case PchSku::unknown: return "unknown";
        case PchSku::not_applicable: return "n/a";
        case PchSku::h: return "H";
        case PchSku::lp: return "LP";
        case PchSku::s: return "S";
        case PchSku::p: return "P";
        case PchSku::n: return "N";
    }
    return "unknown";
}

const char* confidence_name(Confidence confidence) {
    switch (confidence) {
        case C::guess: return "guess";
        case C::likely: return "likely";
        case C::certain: return "certain";
    }
    return "guess";
}

}  // namespace meclean
