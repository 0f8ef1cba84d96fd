// The Boot Guard warning on a preset: shown with every preset that removes ME firmware from an
// image that carries Boot Guard manifests, where soft-disable only is the cautious choice.
#pragma once

#include <optional>

#include "base/verdict.hpp"
#include "clean/options.hpp"
#include "inspect/analysis.hpp"

namespace meclean {

// When the image carries Boot Guard manifests and the options remove ME firmware (anything but
// -s and -c): a warning line, and -s offered as the cautious choice. Nothing otherwise.
struct PresetWarning {
    CheckLine line;                  // id "boot_guard_preset", state warn
    bool offer_soft_disable_only = true;
};
std::optional<PresetWarning> boot_guard_preset_warning(const Analysis& analysis, const Options& options);

}  // namespace meclean
