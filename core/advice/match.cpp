#include "advice/match.hpp"

#include "base/text.hpp"

namespace meclean {
namespace {

std::optional<std::array<uint16_t, 4>> firmware_version(const Analysis& a) {
    if (a.me) return a.me->manifest.version;
    if (a.cse) return parse_version(a.cse->version);
    return std::nullopt;
}

bool in_range(const std::array<uint16_t, 4>& v, const KnownOutcome& o) {
    auto key = [](uint16_t major, uint16_t minor) { return uint32_t{major} << 16 | minor; };
    uint32_t have = key(v[0], v[1]);
    return have >= key(o.min.major, o.min.minor) && have <= key(o.max.major, o.max.minor);
}

bool names_family(const KnownOutcome& o, PchFamily family) {
    for (PchFamily f : o.families) {
        if (f != PchFamily::unknown && f == family) return true;
    }
    return false;
}

}  // namespace

std::vector<AdviceMatch> match_advice(const Analysis& a) {
    std::vector<AdviceMatch> out;
    auto version = firmware_version(a);
    if (!version) return out;
    // A descriptor names the chipset; a bare ME region does not, so its match rests on the version.
    std::optional<PchFamily> family;
    if (a.descriptor) family = guess_platform(*a.descriptor).family;
    for (const KnownOutcome& o : known_outcomes()) {
        if (!in_range(*version, o)) continue;
        if (!family) out.push_back({&o, AdviceMatchBasis::version_only});
        else if (names_family(o, *family)) out.push_back({&o, AdviceMatchBasis::platform_and_version});
    }
    return out;
}

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
