// Signatures recorded ahead of time, for a build that must not sign: the page's sample module
// (manifest_signer.hpp). The records are the sample's own manifests' signatures, made by the
// tests' signer and written to sample_signatures.cpp by tools/record_sample_signatures.cpp.
#pragma once

#include <cstdint>
#include <span>

#include "synth/manifest_signer.hpp"

namespace meclean::synth {

struct RecordedSignature {
    SigningKey key;
    SignatureScheme scheme;
    std::span<const uint8_t> digest;
    std::span<const uint8_t> signature_be;  // big-endian, as manifest_signature() returns it
};

// The signatures of the sample image's manifests (sample_signatures.cpp, generated).
std::span<const RecordedSignature> sample_signatures();

}  // namespace meclean::synth
