// What an opened image tells the status decoder: the firmware generation, so the register
// layout need not be guessed from the paste (status.hpp, LayoutBasis::image).
#pragma once

#include "inspect/analysis.hpp"
#include "status/status.hpp"

namespace meclean {

// Sets hints.image_version (and image_is_txe) when the analysis found a firmware version.
void add_image_hints(StatusHints& hints, const Analysis& analysis);

}  // namespace meclean
