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

// EMSA-PKCS1-v1_5 (RFC 8017 §9.2): 00 01 FF..FF 00 ‖ DigestInfo(SHA-256) ‖ digest.
std::vector<uint8_t> sign_pkcs1_sha256(const TestKey& key, const std::array<uint8_t, 32>& digest) {
    static constexpr uint8_t kDigestInfoPrefix[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                                    0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                                    0x01, 0x05, 0x00, 0x04, 0x20};
    const size_t k = key.modulus_be.size();
    const size_t t_len = sizeof kDigestInfoPrefix + digest.size();
    std::vector<uint8_t> em(k, 0xFF);
    em[0] = 0x00;
    em[1] = 0x01;
    em[k - t_len - 1] = 0x00;
    std::copy(std::begin(kDigestInfoPrefix), std::end(kDigestInfoPrefix), em.end() - t_len);
    std::copy(digest.begin(), digest.end(), em.end() - digest.size());
    return private_operation(key, em);
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
    size_t masked = 0;
    for (uint32_t counter = 0; masked < db_len; ++counter) {
        const uint8_t c[4] = {uint8_t(counter >> 24), uint8_t(counter >> 16), uint8_t(counter >> 8),
                              uint8_t(counter)};
        crypto::Sha384 mgf;
        mgf.update(h);
        mgf.update(c);
        for (uint8_t mask_byte : mgf.finish()) {
            if (masked == db_len) break;
            em[masked++] ^= mask_byte;
        }
    }
    em[0] &= uint8_t(0xFF >> (8 * em_len - em_bits));
    std::copy(h.begin(), h.end(), em.begin() + db_len);
    em[em_len - 1] = 0xBC;
    return private_operation(key, em);
}

}  // namespace meclean::synth
