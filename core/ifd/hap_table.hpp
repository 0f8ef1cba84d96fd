// Where the HAP ("High Assurance Platform") bit lives on each PCH family, as data, with
// the evidence for each location (formats.md §1.8). The location moved per family and
// per SKU from the 300-series on; writing the wrong strap can silently do nothing or
// change an unrelated setting, so each entry says how sure we are and why.
#pragma once

#include <span>
#include <string>

#include "ifd/platform.hpp"
#include "ifd/straps.hpp"

namespace meclean {

enum class HapConfidence { low, low_medium, medium, medium_high, high };
const char* hap_confidence_name(HapConfidence confidence);

struct HapLocation {
    const char* id;        // what --platform takes: "alder_point_s"
    const char* name;      // "Alder Point-S / Raptor Point-S (600/700-series desktop)"
    PchFamily family;      // for the automatic choice; unknown = only by name
    PchSku sku;            // PchSku::not_applicable: any SKU of the family
    unsigned strap;        // PCHSTRPn holding HAP in bit 16
    unsigned second_strap; // 0 = none; Alder Lake-N sets two straps
    unsigned csme_major_min, csme_major_max;  // firmware that belongs on this PCH
    HapConfidence confidence;
    const char* sources;
};

std::span<const HapLocation> hap_locations();
const HapLocation* find_hap_location(const std::string& id);
// The entry for an identified platform; null when the family/SKU has none or is ambiguous.
const HapLocation* hap_location_for(PchFamily family, PchSku sku);

}  // namespace meclean
