#include "advice/match.hpp"

namespace meclean {
namespace {

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

std::vector<AdviceMatch> match_advice(const std::optional<std::array<uint16_t, 4>>& version,
                                      const std::optional<PchFamily>& family) {
    std::vector<AdviceMatch> out;
    if (!version) return out;
    for (const KnownOutcome& o : known_outcomes()) {
        if (!in_range(*version, o)) continue;
        if (!family) out.push_back({&o, AdviceMatchBasis::version_only});
        else if (names_family(o, *family)) out.push_back({&o, AdviceMatchBasis::platform_and_version});
    }
    return out;
}

}  // namespace meclean
