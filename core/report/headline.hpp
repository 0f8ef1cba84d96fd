// The verdict of an image (report/headline.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/report.hpp"

namespace meclean {

// `chosen` is the default preset (none when nothing can run).
Headline headline(const Analysis& analysis, const std::vector<Preset>& presets, const HapOffer& hap,
                  const std::optional<std::string>& chosen);

}  // namespace meclean
