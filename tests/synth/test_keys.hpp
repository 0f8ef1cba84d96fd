// The test keys with their private exponents (make_test_keys.py; never Intel's keys) and the
// signers that use them, so tests can sign whatever they build and the engine's verifier must
// accept it. Tests only: the page's sample module links the public halves
// (test_public_keys.hpp) and recorded signatures (recorded_signatures.hpp) instead, so no private
// exponent reaches the page (tests/synth/CMakeLists.txt, sample_signer_test.py).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "synth/manifest_signer.hpp"

namespace meclean::synth {

struct TestKey {
    std::vector<uint8_t> modulus_be;           // big-endian, exactly the key size in bytes
    uint32_t exponent;                         // public exponent e
    std::vector<uint8_t> private_exponent_be;  // big-endian d, as long as the modulus
};

// Big-endian d, as long as the modulus (test_keys.cpp, generated).
std::span<const uint8_t> test_private_exponent(SigningKey key);

const TestKey& test_key(SigningKey key);
const TestKey& test_key_2048_e65537();
const TestKey& test_key_2048_e17();  // ME 7/8 firmware keys use e = 17
const TestKey& test_key_3072();      // e = 65537

// RSASSA-PKCS1-v1_5 with SHA-256 over an already computed digest.
// Returns the big-endian signature, as long as the modulus.
std::vector<uint8_t> sign_pkcs1_sha256(const TestKey& key, const std::array<uint8_t, 32>& digest);

// RSASSA-PSS with SHA-384, MGF1-SHA-384 and the given 48-byte salt.
// Returns the big-endian signature, as long as the modulus.
std::vector<uint8_t> sign_pss_sha384(const TestKey& key, const std::array<uint8_t, 48>& digest,
                                     std::span<const uint8_t> salt48);

// One answer of manifest_signature(): what was asked and the signature given.
struct SignatureRecord {
    SigningKey key;
    SignatureScheme scheme;
    std::vector<uint8_t> digest;
    std::vector<uint8_t> signature_be;
};

// Runs `build` and returns every signature it asked manifest_signature() for, in order, so the
// sample's signatures can be recorded for the sample module (record_sample_signatures.cpp).
std::vector<SignatureRecord> record_signatures(const std::function<void()>& build);

}  // namespace meclean::synth
