// Soft-disable by platform (--platform): HAP at the strap the chipset actually uses,
// for CSME 12+ images me_cleaner cannot handle (and ME 11 ones it can). Internal.
#pragma once

#include <span>

#include "inspect/analysis.hpp"
#include "clean/options.hpp"
#include "clean/plan.hpp"

namespace meclean {

// Fills `plan` (log, edits, findings); throws FormatError to refuse.
void plan_platform_soft_disable(const Analysis& analysis, std::span<const uint8_t> image, const Options& options,
                                Plan& plan);

}  // namespace meclean
