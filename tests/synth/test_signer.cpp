// Signing with the test keys: the encoding operations of RFC 8017 followed by
// the private-key operation m^d mod n.
#include <algorithm>

#include "crypto/crypto.hpp"
#include "synth/test_keys.hpp"

namespace meclean::synth {

namespace {

std::vector<uint8_t> private_operation(const TestKey& key, std::span<const uint8_t> encoded) {
    return crypto::modexp(encoded, key.private_exponent_be, key.modulus_be);
}

size_t bit_length(const std::vector<uint8_t>& be) {
    size_t bits = 8 * be.size();
    for (uint8_t byte : be) {
        if (byte != 0) {
            for (uint8_t top = byte; (top & 0x80) == 0; top <<= 1) --bits;
            return bits;
        }
        bits -= 8;
    }
    return 0;
}

}  // namespace

std::vector<uint8_t> sign_pkcs1_sha256(const TestKey& key, const std::array<uint8_t, 32>& digest) {
    return private_operation(key, crypto::encode_pkcs1_sha256(key.modulus_be.size(), digest));
}

// EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with SHA-384 and MGF1-SHA-384; the salt
// length is whatever is passed (48 for the ME manifests).
std::vector<uint8_t> sign_pss_sha384(const TestKey& key, const std::array<uint8_t, 48>& digest,
                                     std::span<const uint8_t> salt48) {
    constexpr size_t kHashLen = 48;
    const size_t em_bits = bit_length(key.modulus_be) - 1;
    const size_t em_len = (em_bits + 7) / 8;
    const size_t db_len = em_len - kHashLen - 1;

    static constexpr uint8_t kZeroPrefix[8] = {};
    crypto::Sha384 m_prime;
    m_prime.update(kZeroPrefix);
    m_prime.update(digest);
    m_prime.update(salt48);
    const auto h = m_prime.finish();

    // DB = PS ‖ 01 ‖ salt, then masked with MGF1(H) (§B.2.1).
    std::vector<uint8_t> em(em_len, 0x00);
    em[db_len - salt48.size() - 1] = 0x01;
    std::copy(salt48.begin(), salt48.end(), em.begin() + db_len - salt48.size());
    crypto::xor_mgf1_sha384(h, std::span<uint8_t>(em.data(), db_len));
    em[0] &= uint8_t(0xFF >> (8 * em_len - em_bits));
    std::copy(h.begin(), h.end(), em.begin() + db_len);
    em[em_len - 1] = 0xBC;
    return private_operation(key, em);
}

}  // namespace meclean::synth
