// Which known outcomes (known_outcomes.hpp) fit an image, from the two facts a row names: the ME
// firmware version and, when the image has a descriptor, its chipset family. Front ends show
// the matches as advice; nothing is ever applied by itself.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "advice/known_outcomes.hpp"

namespace meclean {

// Rows whose firmware version range holds `version` and, when `family` is known, that name it.
// Without a family (a bare ME region names no chipset) the match rests on the version alone.
std::vector<AdviceMatch> match_advice(const std::optional<std::array<uint16_t, 4>>& version,
                                      const std::optional<PchFamily>& family);

}  // namespace meclean
