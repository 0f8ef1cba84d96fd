// Soft-disable by platform (--platform): HAP at the strap the chipset actually uses,
// for CSME 12+ images me_cleaner cannot handle (and ME 11 ones it can). Internal.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "inspect/analysis.hpp"
#include "clean/options.hpp"
#include "clean/plan.hpp"
#include "ifd/hap_table.hpp"

namespace meclean {

// The firmware HAP by platform would be set for: ME 11 with a legacy $FPT, or CSME 12+ / CSTXE.
struct HapFirmware {
    std::string name;  // "CSME 16.1.30.2307", "ME 11.8.50.3425"
    std::string description;
    unsigned major = 0;
};
// Nothing when the image holds neither (then --platform does not apply).
std::optional<HapFirmware> hap_firmware(const Analysis& analysis);

// The HAP location the descriptor (and, on Alder Point, the firmware's build record) points to.
struct HapIdentification {
    const HapLocation* location = nullptr;  // the table's entry for the family/SKU, if any
    bool identified = false;                // sure enough to write it without asking
    std::string seen;                       // what was read, for the log and the refusal
};
HapIdentification identify_hap_location(const Analysis& analysis);

// Fills `plan` (log, edits, findings); throws FormatError to refuse.
void plan_platform_soft_disable(const Analysis& analysis, std::span<const uint8_t> image, const Options& options,
                                Plan& plan);

}  // namespace meclean
