// Which known outcomes (known_outcomes.hpp) fit an analysed image, and the Boot Guard warning
// for a chosen preset: both front ends show these; neither is ever applied by itself.
#pragma once

#include <optional>
#include <vector>

#include "advice/known_outcomes.hpp"
#include "base/verdict.hpp"
#include "clean/options.hpp"
#include "inspect/analysis.hpp"

namespace meclean {

// Rows whose firmware version range holds the image's ME version and, when the image has a
// descriptor, whose chipset family is the one it names.
std::vector<AdviceMatch> match_advice(const Analysis& analysis);

// When the image carries Boot Guard manifests and the options remove ME firmware (anything but
// -s and -c): a warning line, and -s offered as the cautious choice. Nothing otherwise.
struct PresetWarning {
    CheckLine line;                  // id "boot_guard_preset", state warn
    bool offer_soft_disable_only = true;
};
std::optional<PresetWarning> boot_guard_preset_warning(const Analysis& analysis, const Options& options);

}  // namespace meclean
