// The page's sample module's signer (manifest_signer.hpp): it knows the recorded signatures of
// the sample's manifests and nothing else, so it holds no private exponent and cannot sign. A
// request it has no record for means the sample changed without its records being regenerated.
#include <algorithm>
#include <stdexcept>

#include "synth/recorded_signatures.hpp"

namespace meclean::synth {

std::vector<uint8_t> manifest_signature(SigningKey key, SignatureScheme scheme, std::span<const uint8_t> digest) {
    for (const RecordedSignature& r : sample_signatures()) {
        if (r.key == key && r.scheme == scheme && std::equal(r.digest.begin(), r.digest.end(), digest.begin(), digest.end()))
            return {r.signature_be.begin(), r.signature_be.end()};
    }
    throw std::invalid_argument(
        "this build cannot sign: it has only the recorded signatures of the sample image's manifests "
        "(tests/synth/sample_signatures.cpp), and none for this manifest. If the sample changed, "
        "regenerate that file (tests/synth/tools/record_sample_signatures.cpp says how).");
}

}  // namespace meclean::synth
