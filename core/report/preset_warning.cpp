#include "report/preset_warning.hpp"

namespace meclean {

std::optional<PresetWarning> boot_guard_preset_warning(const Analysis& a, const Options& o) {
    if (!a.fit || a.fit->provisioning == BootGuardProvisioning::none) return std::nullopt;
    if (o.check_only || o.soft_disable_only) return std::nullopt;
    PresetWarning w;
    w.line = {"boot_guard_preset", State::warn, "Boot Guard: removing ME firmware is the riskier choice on this board",
              "This image carries Boot Guard manifests, and the chosen options remove ME partitions or modules. The ME "
              "takes part in Boot Guard at every start; where the fuses enforce verified boot, an ME that stops early may "
              "leave the board unable to boot. The me_cleaner wiki says -s should work with Boot Guard and removing code "
              "may not. -s (soft-disable only) is the cautious choice; keep an external programmer ready either way.",
              a.fit->table_offset};
    return w;
}

}  // namespace meclean
