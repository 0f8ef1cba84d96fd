// RSA key pairs made for meclean's synthetic images — the tests and the page's sample — never Intel's (core/synth/make_test_keys.py),
// signers that use them, so tests and synthetic images can carry signatures
// that the engine's verifier must accept.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace meclean::synth {

struct TestKey {
    std::vector<uint8_t> modulus_be;           // big-endian, exactly the key size in bytes
    uint32_t exponent;                         // public exponent e
    std::vector<uint8_t> private_exponent_be;  // big-endian d, as long as the modulus
};

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

}  // namespace meclean::synth
