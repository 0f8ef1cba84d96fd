// Which chipset (PCH family) a flash descriptor belongs to, guessed from its contents
// alone (formats.md §1.6 items 3–5). There is no version field: the guess is a table of
// value ranges over map fields, each row with the confidence it deserves.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace meclean {

struct Descriptor;

enum class PchFamily {
    unknown,
    ich8,
    ich9,
    ich10,
    ibex_peak,          // 5-series
    cougar_point,       // 6-series; 7-series (Panther Point) descriptors look the same
    lynx_point,         // 8-series
    wildcat_point,      // 9-series
    bay_trail,
    sunrise_point,      // 100-series; 200-series (Union Point) looks the same
    lewisburg,          // C620
    cannon_point,       // 300-series; 400-series (Comet Point) looks the same
    comet_point,        // never guessed from contents (indistinguishable from Cannon Point)
    tiger_point,        // 500-series
    alder_point_s,      // 600/700-series desktop
    alder_point_p,      // ADL-P / RPL-P mobile
    alder_point_n,      // ADL-N
    meteor_lake,
    panther_lake,
    wildcat_lake,
    nova_lake,
    apollo_lake,
    gemini_lake,
    elkhart_lake,
    jasper_lake,
    emmitsburg,         // C740
};

// Sub-variant where the descriptor tells (desktop H/S vs mobile LP/P matters for the
// HAP strap from CSME 12 on, formats.md §1.8). Alder Point carries it in the family.
enum class PchSku { unknown, not_applicable, h, lp, s, p, n };

// certain: an exact-value rule matched; likely: a range rule (flashrom's v1 table);
// guess: a fallback ("assume 9-series") or a rule whose cross-check failed.
enum class Confidence { guess, likely, certain };

struct PlatformGuess {
    PchFamily family = PchFamily::unknown;
    PchSku sku = PchSku::unknown;
    Confidence confidence = Confidence::guess;
    std::string rule;  // the rule that matched, in words (for the dump and the page)
};

const char* pch_family_name(PchFamily family);  // "Cougar Point (6-series) / Panther Point (7-series)"
const char* pch_family_id(PchFamily family);    // stable JSON id: "cougar_point"
const char* pch_sku_name(PchSku sku);           // "H", "LP", "S", "P", "N", "unknown", "n/a"
const char* confidence_name(Confidence confidence);  // "certain", "likely", "guess"

// The map fields the guess looks at (formats.md §1.2, §1.6).
struct PlatformFeatures {
    unsigned mdtba = 0;    // FLUMAP1[31:24]
    unsigned iccriba = 0;  // FLMAP2[23:16] (CSSL on 500-series and later)
    unsigned msl = 0;      // FLMAP2[15:8]
    unsigned fmsba = 0;    // FLMAP2[7:0] (the raw field, not ×16)
    unsigned ril = 0;      // FLMAP2[31:24]
    unsigned isl = 0;      // FLMAP1[31:24]
    unsigned nm = 0;       // FLMAP1[10:8]
    unsigned csso = 0;     // FLMAP2[11:2]
};
PlatformFeatures platform_features(uint32_t flmap1, uint32_t flmap2, uint32_t flumap1);

// One row of the table: every field within its inclusive range.
struct PlatformRule {
    struct Range {
        unsigned lo = 0, hi = 0xFFFF;
        bool contains(unsigned v) const { return v >= lo && v <= hi; }
    };
    PchFamily family;
    Confidence confidence;
    const char* rule;
    Range mdtba_nonzero{0, 1}, iccriba, msl, fmsba, ril, isl, nm, csso;
    bool matches(const PlatformFeatures& f) const;
};

// The table, in the order flashrom applies it; rows never overlap (tests/unit/platform_test.cpp).
std::span<const PlatformRule> platform_rules();
bool rules_overlap(const PlatformRule& a, const PlatformRule& b);

// The guess for a parsed descriptor (uses FLMAP1/2, FLUMAP1, FLCOMP and PCHSTRP31/52).
// For the HAP location on CSME 12+: trust family+sku only when confidence is
// certain or likely; sku stays unknown where the descriptor does not tell.
PlatformGuess guess_platform(const Descriptor& descriptor);

// Density encoding (formats.md §1.3): 4-bit from Lynx Point on (and on every IFD v2).
bool uses_four_bit_density(PchFamily family, int ifd_version);
// Families with 16 regions / extended master bits (CNL, JSL, TGL, ADL, MTL and later, §1.5).
bool has_extended_regions(PchFamily family);
// 500-series and later: FLMAP3 present, new frequency table.
bool is_500_series_or_later(PchFamily family);

}  // namespace meclean
