// The one question the builder asks about signatures. Two definitions exist and each library
// links exactly one (tests/synth/CMakeLists.txt):
//   - test_signer.cpp (meclean_synth, the tests): signs with the test keys' private exponents;
//   - recorded_signer.cpp (meclean_synth_sample, the page's sample module): answers only with
//     the recorded signatures of the sample's manifests (sample_signatures.cpp) and refuses any
//     other request, so that module can neither sign nor carry a private exponent.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "synth/builder_basics.hpp"

namespace meclean::synth {

// How a manifest is signed (formats.md §2.5, §3.6): `$MAN` PKCS#1 v1.5 SHA-1, `$MN2` 2048-bit
// PKCS#1 v1.5 SHA-256, 3072-bit PSS SHA-384 (with a fixed salt, so builds are reproducible).
enum class SignatureScheme { Pkcs1Sha1, Pkcs1Sha256, PssSha384 };

// The big-endian signature, as long as the modulus, of `digest` (the scheme's hash of the
// signed bytes) under the test key `key`. Throws std::invalid_argument when it cannot answer.
std::vector<uint8_t> manifest_signature(SigningKey key, SignatureScheme scheme, std::span<const uint8_t> digest);

}  // namespace meclean::synth
