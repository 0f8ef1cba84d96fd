#include "base/text.hpp"
#include "status/image_hints.hpp"

#include "base/text.hpp"

namespace meclean {

void add_image_hints(StatusHints& hints, const Analysis& a) {
    if (a.me) {
        hints.image_version = a.me->manifest.version;
        hints.image_is_txe = a.me->key.variant == FirmwareVariant::txe;
    } else if (a.cse && !a.cse->version.empty()) {
        hints.image_version = parse_version(a.cse->version, 0);
        // CSE layouts below major 11 are CSTXE 3–4 (Apollo/Gemini Lake IFWI), which report like CSME 11.
        hints.image_is_txe = hints.image_version && (*hints.image_version)[0] < 11;
    }
}

}  // namespace meclean
