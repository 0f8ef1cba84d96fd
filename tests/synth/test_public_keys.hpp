// The public halves of meclean's test keys (make_test_keys.py; never Intel's keys): what the
// builder writes into the manifests it signs. Linked by the tests and the page's sample module.
// The private exponents live apart (test_keys.hpp), so the sample module carries none.
#pragma once

#include <cstdint>
#include <span>

#include "synth/builder_basics.hpp"

namespace meclean::synth {

struct TestPublicKey {
    std::span<const uint8_t> modulus_be;  // big-endian, exactly the key size in bytes
    uint32_t exponent;                    // public exponent e
};

const TestPublicKey& test_public_key(SigningKey key);

}  // namespace meclean::synth
