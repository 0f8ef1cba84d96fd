// The tests' signer: the encoding operations of RFC 8017 followed by the private-key operation
// m^d mod n with the test keys. Linked into meclean_synth only; the page's sample module links
// recorded_signer.cpp in its place (manifest_signer.hpp).
#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <tuple>

#include "crypto/crypto.hpp"
#include "synth/test_keys.hpp"
#include "synth/test_public_keys.hpp"

namespace meclean::synth {

namespace {

TestKey assemble(SigningKey id) {
    const TestPublicKey& pub = test_public_key(id);
    const auto d = test_private_exponent(id);
    return {{pub.modulus_be.begin(), pub.modulus_be.end()}, pub.exponent, {d.begin(), d.end()}};
}

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

// $MAN manifests (gen 1) use SHA-1 (formats.md §3.6). The engine verifies no SHA-1 signature,
// so crypto has no encoder for it: the PKCS#1 v1.5 block is built here.
std::vector<uint8_t> sign_pkcs1_sha1(const TestKey& key, std::span<const uint8_t> digest) {
    static const uint8_t kSha1DigestInfo[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2B, 0x0E,
                                              0x03, 0x02, 0x1A, 0x05, 0x00, 0x04, 0x14};
    const size_t k = key.modulus_be.size();
    std::vector<uint8_t> block{0x00, 0x01};
    block.resize(k - sizeof(kSha1DigestInfo) - digest.size() - 1, 0xFF);
    block.push_back(0x00);
    block.insert(block.end(), std::begin(kSha1DigestInfo), std::end(kSha1DigestInfo));
    block.insert(block.end(), digest.begin(), digest.end());
    return private_operation(key, block);
}

template <size_t N>
std::array<uint8_t, N> digest_array(std::span<const uint8_t> digest) {
    if (digest.size() != N) throw std::invalid_argument("digest length does not match the scheme");
    std::array<uint8_t, N> out{};
    std::copy(digest.begin(), digest.end(), out.begin());
    return out;
}

std::vector<uint8_t> sign_now(SigningKey id, SignatureScheme scheme, std::span<const uint8_t> digest) {
    const TestKey& key = test_key(id);
    switch (scheme) {
        case SignatureScheme::Pkcs1Sha1: return sign_pkcs1_sha1(key, digest_array<20>(digest));
        case SignatureScheme::Pkcs1Sha256: return sign_pkcs1_sha256(key, digest_array<32>(digest));
        case SignatureScheme::PssSha384: {
            std::array<uint8_t, 48> salt{};  // fixed, so builds are reproducible
            for (size_t i = 0; i < salt.size(); ++i) salt[i] = uint8_t(0x5A ^ (i * 7));
            return sign_pss_sha384(key, digest_array<48>(digest), salt);
        }
    }
    throw std::invalid_argument("unknown signature scheme");
}

// Where record_signatures() collects the answers of this thread, while it runs.
thread_local std::vector<SignatureRecord>* recording = nullptr;

}  // namespace

const TestKey& test_key(SigningKey id) {
    static const TestKey keys[] = {assemble(SigningKey::Rsa2048E17), assemble(SigningKey::Rsa2048E65537),
                                   assemble(SigningKey::Rsa3072E65537)};
    switch (id) {
        case SigningKey::Rsa2048E17: return keys[0];
        case SigningKey::Rsa2048E65537: return keys[1];
        case SigningKey::Rsa3072E65537: return keys[2];
    }
    throw std::invalid_argument("unknown test key");
}

const TestKey& test_key_2048_e65537() { return test_key(SigningKey::Rsa2048E65537); }
const TestKey& test_key_2048_e17() { return test_key(SigningKey::Rsa2048E17); }
const TestKey& test_key_3072() { return test_key(SigningKey::Rsa3072E65537); }

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

// The private-key operation is the slow part of every build; unit tests build the same
// manifests again and again, so results are remembered.
std::vector<uint8_t> manifest_signature(SigningKey key, SignatureScheme scheme, std::span<const uint8_t> digest) {
    static std::mutex mutex;
    static std::map<std::tuple<SigningKey, SignatureScheme, std::vector<uint8_t>>, std::vector<uint8_t>> cache;
    const auto cache_key = std::make_tuple(key, scheme, std::vector<uint8_t>(digest.begin(), digest.end()));
    std::vector<uint8_t> signature;
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (auto it = cache.find(cache_key); it != cache.end()) signature = it->second;
    }
    if (signature.empty()) {
        signature = sign_now(key, scheme, digest);
        std::lock_guard<std::mutex> lock(mutex);
        cache[cache_key] = signature;
    }
    if (recording) recording->push_back({key, scheme, std::get<2>(cache_key), signature});
    return signature;
}

std::vector<SignatureRecord> record_signatures(const std::function<void()>& build) {
    std::vector<SignatureRecord> records;
    recording = &records;
    try {
        build();
    } catch (...) {
        recording = nullptr;
        throw;
    }
    recording = nullptr;
    return records;
}

}  // namespace meclean::synth
