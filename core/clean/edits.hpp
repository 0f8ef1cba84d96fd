// Carrying out one edit. The plan's simulation and apply() both go through here,
// so the image apply() hands back is the one plan() reasoned about.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "clean/plan.hpp"

namespace meclean {

// The caller has checked the bounds (plan() does, against me_cleaner's region rules).
void apply_edit(std::vector<uint8_t>& image, const Edit& edit);

// Whether the edit would leave `image` (the input, before any edit) different: a write of the
// bytes already there, or an erase of erased bytes, changes nothing.
bool edit_changes(std::span<const uint8_t> image, const Edit& edit);

}  // namespace meclean
