// Carrying out one edit. The plan's simulation and apply() both go through here,
// so the image apply() hands back is the one plan() reasoned about.
#pragma once

#include <cstdint>
#include <vector>

#include "clean/plan.hpp"

namespace meclean {

// The caller has checked the bounds (plan() does, against me_cleaner's region rules).
void apply_edit(std::vector<uint8_t>& image, const Edit& edit);

}  // namespace meclean
