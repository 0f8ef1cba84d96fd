#include "ifd/hap_table.hpp"

namespace meclean {
namespace {

using C = HapConfidence;
using F = PchFamily;
using S = PchSku;

// formats.md §1.8 "HAP on newer platforms"; bytes there assume FPSBA = 0x100.
constexpr HapLocation kLocations[] = {
    {"sunrise_point", "Sunrise Point / Union Point (100/200-series)", F::sunrise_point, S::not_applicable, 0, 0, 11, 11,
     C::high, "me_cleaner and ifdtool (PCHSTRP0 bit 16), verified on many boards"},
    {"comet_lake_v", "Comet Lake-V (400-series \"V\" PCH)", F::unknown, S::unknown, 0, 0, 14, 14, C::medium,
     "Dasharo coreboot me_12.h (COMETLAKE_V)"},
    {"cannon_point_h", "Cannon Point-H (300-series desktop, CFL-H)", F::cannon_point, S::h, 32, 0, 12, 12, C::medium,
     "me_cleaner PR #282 (MSI B360 success report), issue #304 (Coffee Lake-H laptop)"},
    {"cannon_point_lp", "Cannon Point-LP (WHL/CFL-U)", F::cannon_point, S::lp, 28, 0, 12, 12, C::medium,
     "me_cleaner PR #384, issue #444 (ThinkPad hardware)"},
    {"ice_point_lp", "Ice Point-LP (Ice Lake)", F::unknown, S::unknown, 28, 0, 13, 13, C::low,
     "only the me_cleaner_thinkpad fork (datasheet claim)"},
    {"jasper_lake", "Jasper Lake", F::jasper_lake, S::not_applicable, 26, 0, 13, 13, C::medium,
     "Dasharo coreboot me_13.h; MFIT \"CSE HAP mode\" entry at strap offset 0x68 bit 16"},
    {"comet_point_lp", "Comet Point-LP (CML-U)", F::comet_point, S::lp, 28, 0, 14, 14, C::medium_high,
     "Dasharo me_12.h (COMETLAKE_1/2); issue #444 (X13 Gen1 diff)"},
    {"comet_point_h", "Comet Point-H (CML-S desktop)", F::comet_point, S::h, 32, 0, 14, 14, C::medium,
     "Dasharo me_12.h (COMETLAKE_S); PR #384"},
    {"tiger_point_lp", "Tiger Point-LP (TGL UP3/UP4)", F::tiger_point, S::lp, 31, 0, 15, 15, C::medium,
     "Dasharo me_15.h (TIGERLAKE); PR #384"},
    {"tiger_point_h", "Tiger Point-H (500-series desktop, RKL/TGL-H)", F::tiger_point, S::h, 37, 0, 15, 15,
     C::medium_high, "Dasharo me_15.h (TIGERLAKE_PCH_H); PR #384 comments (ASRock B560M, ASUS Z590)"},
    {"alder_point_p", "Alder Point-P/M (ADL-P, RPL-P/H on ADP-P)", F::alder_point_p, S::not_applicable, 31, 0, 16, 16,
     C::medium_high, "me_cleaner issue #403 (MFIT, laptop tested); Dasharo me_16.h (ALDERLAKE_PCH_P)"},
    {"alder_point_n", "Alder Lake-N (N100 and others)", F::alder_point_n, S::not_applicable, 31, 55, 16, 16,
     C::low_medium, "me_cleaner issue #3 quoting a fork: MFIT sets both straps; one N100 board tested"},
    {"alder_point_s", "Alder Point-S / Raptor Point-S (600/700-series desktop)", F::alder_point_s, S::not_applicable, 55,
     0, 16, 16, C::medium_high,
     "Dasharo me_16.h (ALDERLAKE_PCH_S) and tests on MSI PRO Z690-A / Z790-P; PR #384 (ASUS PRIME B660)"},
    {"meteor_lake", "Meteor Lake U/H", F::meteor_lake, S::not_applicable, 71, 0, 18, 18, C::low_medium,
     "Dasharo me_18.h only; other sources say the straps moved"},
};

}  // namespace

const char* hap_confidence_name(HapConfidence confidence) {
    switch (confidence) {
        case C::low: return "low";
        case C::low_medium: return "low-medium";
        case C::medium: return "medium";
        case C::medium_high: return "medium-high";
        case C::high: return "high";
    }
    return "low";
}

std::span<const HapLocation> hap_locations() { return kLocations; }

const HapLocation* find_hap_location(const std::string& id) {
    for (const HapLocation& l : kLocations) {
        if (id == l.id) return &l;
    }
    return nullptr;
}

const HapLocation* hap_location_for(PchFamily family, PchSku sku) {
    for (const HapLocation& l : kLocations) {
        if (l.family == PchFamily::unknown || l.family != family) continue;
        if (l.sku == PchSku::not_applicable || l.sku == sku) return &l;
    }
    return nullptr;
}

}  // namespace meclean
