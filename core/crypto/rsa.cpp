// RSA signature verification (RFC 8017): RSASSA-PKCS1-v1_5 with SHA-256 and
// RSASSA-PSS with SHA-384.
#include "crypto/crypto.hpp"

#include <algorithm>
#include <optional>

namespace meclean::crypto {

namespace {

Bytes strip_leading_zeros(Bytes x) {
    size_t zeros = 0;
    while (zeros < x.size() && x[zeros] == 0) ++zeros;
    return x.subspan(zeros);
}

bool less_than(Bytes a, Bytes b) {  // equal lengths, big-endian
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

// RSAVP1 (RFC 8017 §5.2.2) with the length rule of §8.2.2 step 1 / §8.1.2 step 1:
// the signature must be k octets, k being the modulus length. Callers pass
// fixed-width fields, so extra leading zero octets beyond k are tolerated.
// Returns the k-octet message representative, or nothing if the signature is
// malformed.
std::optional<std::vector<uint8_t>> public_operation(Bytes modulus, uint32_t exponent, Bytes signature) {
    const Bytes n = strip_leading_zeros(modulus);
    if (n.empty()) return std::nullopt;
    while (signature.size() > n.size() && signature[0] == 0) signature = signature.subspan(1);
    if (signature.size() != n.size() || !less_than(signature, n)) return std::nullopt;

    const uint8_t e[4] = {uint8_t(exponent >> 24), uint8_t(exponent >> 16), uint8_t(exponent >> 8),
                          uint8_t(exponent)};
    return modexp(signature, e, n);
}

size_t bit_length(Bytes magnitude) {
    const Bytes x = strip_leading_zeros(magnitude);
    if (x.empty()) return 0;
    size_t bits = 8 * x.size();
    for (uint8_t top = x[0]; (top & 0x80) == 0; top <<= 1) --bits;
    return bits;
}

}  // namespace

void xor_mgf1_sha384(Bytes seed, std::span<uint8_t> target) {
    size_t done = 0;
    for (uint32_t counter = 0; done < target.size(); ++counter) {
        const uint8_t c[4] = {uint8_t(counter >> 24), uint8_t(counter >> 16), uint8_t(counter >> 8),
                              uint8_t(counter)};
        Sha384 h;
        h.update(seed);
        h.update(c);
        const auto block = h.finish();
        for (size_t i = 0; i < block.size() && done < target.size(); ++i) target[done++] ^= block[i];
    }
}

std::vector<uint8_t> encode_pkcs1_sha256(size_t length, const std::array<uint8_t, 32>& digest) {
    // DigestInfo for SHA-256 (RFC 8017 §9.2, note 1).
    static constexpr uint8_t kDigestInfoPrefix[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                                    0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                                    0x01, 0x05, 0x00, 0x04, 0x20};
    const size_t t_len = sizeof kDigestInfoPrefix + digest.size();
    if (length < t_len + 11) return {};  // §9.2 step 3: at least 8 octets of FF
    std::vector<uint8_t> em(length, 0xFF);
    em[0] = 0x00;
    em[1] = 0x01;
    em[length - t_len - 1] = 0x00;
    std::copy(std::begin(kDigestInfoPrefix), std::end(kDigestInfoPrefix), em.end() - t_len);
    std::copy(digest.begin(), digest.end(), em.end() - digest.size());
    return em;
}

bool verify_pkcs1_sha256(Bytes modulus, uint32_t exponent, Bytes signature,
                         const std::array<uint8_t, 32>& digest) {
    const auto em = public_operation(modulus, exponent, signature);
    if (!em) return false;
    // Rebuild the one valid encoding and compare it whole, as §8.2.2 step 4
    // prescribes, rather than parsing the block.
    const std::vector<uint8_t> expected = encode_pkcs1_sha256(em->size(), digest);
    return !expected.empty() && *em == expected;
}

bool verify_pss_sha384(Bytes modulus, uint32_t exponent, Bytes signature,
                       const std::array<uint8_t, 48>& digest) {
    constexpr size_t kHashLen = 48;
    constexpr size_t kSaltLen = 48;
    auto m = public_operation(modulus, exponent, signature);
    if (!m) return false;

    // §8.1.2 step 2c: EM = I2OSP(m, emLen) with emBits = modBits − 1. When
    // modBits ≡ 1 (mod 8) EM is one octet shorter than the modulus, and that
    // octet of m must be zero.
    const size_t em_bits = bit_length(modulus) - 1;
    const size_t em_len = (em_bits + 7) / 8;
    if (m->size() > em_len) {
        if ((*m)[0] != 0) return false;
        m->erase(m->begin());
    }
    std::vector<uint8_t>& em = *m;

    // EMSA-PSS-VERIFY, §9.1.2 steps 3-14.
    if (em_len < kHashLen + kSaltLen + 2) return false;
    if (em.back() != 0xBC) return false;
    const size_t db_len = em_len - kHashLen - 1;
    std::span<uint8_t> db(em.data(), db_len);
    const Bytes h(em.data() + db_len, kHashLen);
    const uint8_t unused_bits_mask = uint8_t(0xFF00 >> (8 * em_len - em_bits));
    if (db[0] & unused_bits_mask) return false;

    xor_mgf1_sha384(h, db);
    db[0] &= uint8_t(~unused_bits_mask);
    const size_t zero_len = db_len - kSaltLen - 1;
    if (std::any_of(db.begin(), db.begin() + zero_len, [](uint8_t b) { return b != 0; })) return false;
    if (db[zero_len] != 0x01) return false;

    static constexpr uint8_t kZeroPrefix[8] = {};
    Sha384 hash;
    hash.update(kZeroPrefix);
    hash.update(digest);
    hash.update(Bytes(db.data() + db_len - kSaltLen, kSaltLen));
    const auto expected_h = hash.finish();
    return std::equal(expected_h.begin(), expected_h.end(), h.begin());
}

}  // namespace meclean::crypto
