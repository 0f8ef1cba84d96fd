// Manifest header, key and signature (formats.md §2.5, §3.6). Key material
// and signature are stored little-endian; the test signer and crypto work
// big-endian, hence the reversals.
#include "synth/manifest_builder.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <tuple>

#include "crypto/crypto.hpp"
#include "synth/builder_internal.hpp"
#include "synth/test_keys.hpp"

namespace meclean::synth {

using namespace detail;

const TestKey& test_key_for(SigningKey key) {
    switch (key) {
        case SigningKey::Rsa2048E17: return test_key_2048_e17();
        case SigningKey::Rsa2048E65537: return test_key_2048_e65537();
        case SigningKey::Rsa3072E65537: return test_key_3072();
    }
    fail("unknown signing key");
}

uint32_t manifest_header_length(SigningKey key) { return 0x84 + 2 * key_bytes(key); }

namespace {

// A big-endian number as exactly `width` big-endian bytes (drops leading zeros, pads).
std::vector<uint8_t> fixed_width_be(const std::vector<uint8_t>& be, size_t width) {
    size_t first = 0;
    while (first < be.size() && be[first] == 0) ++first;
    if (be.size() - first > width) fail("number wider than the key");
    std::vector<uint8_t> out(width - (be.size() - first), 0);
    out.insert(out.end(), be.begin() + std::ptrdiff_t(first), be.end());
    return out;
}

std::vector<uint8_t> reversed(std::vector<uint8_t> bytes) {
    std::reverse(bytes.begin(), bytes.end());
    return bytes;
}

// $MAN manifests (gen 1) use SHA-1 (§3.6); the test signer has no SHA-1 mode,
// so build the PKCS#1 v1.5 block here and raise it to the private exponent.
std::vector<uint8_t> sign_pkcs1_sha1(const TestKey& key, const std::array<uint8_t, 20>& digest) {
    static const uint8_t kSha1DigestInfo[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2B, 0x0E,
                                              0x03, 0x02, 0x1A, 0x05, 0x00, 0x04, 0x14};
    const auto modulus = fixed_width_be(key.modulus_be, key.modulus_be.size());
    const size_t k = modulus.size();
    std::vector<uint8_t> block{0x00, 0x01};
    block.resize(k - sizeof(kSha1DigestInfo) - digest.size() - 1, 0xFF);
    block.push_back(0x00);
    block.insert(block.end(), std::begin(kSha1DigestInfo), std::end(kSha1DigestInfo));
    block.insert(block.end(), digest.begin(), digest.end());
    return crypto::modexp(block, key.private_exponent_be, modulus);
}

enum class Scheme { Pkcs1Sha1, Pkcs1Sha256, PssSha384 };

// RSA signing with the private exponent is the slow part of every build;
// unit tests build the same manifests again and again, so remember results.
std::vector<uint8_t> cached_signature(SigningKey key, Scheme scheme, const std::vector<uint8_t>& signed_bytes) {
    static std::mutex mutex;
    static std::map<std::tuple<int, int, std::vector<uint8_t>>, std::vector<uint8_t>> cache;
    std::vector<uint8_t> digest_bytes;
    const TestKey& test_key = test_key_for(key);
    std::vector<uint8_t> signature;
    switch (scheme) {
        case Scheme::Pkcs1Sha1: {
            const auto d = crypto::sha1(signed_bytes);
            digest_bytes.assign(d.begin(), d.end());
            break;
        }
        case Scheme::Pkcs1Sha256: {
            const auto d = crypto::sha256(signed_bytes);
            digest_bytes.assign(d.begin(), d.end());
            break;
        }
        case Scheme::PssSha384: {
            const auto d = crypto::sha384(signed_bytes);
            digest_bytes.assign(d.begin(), d.end());
            break;
        }
    }
    const auto cache_key = std::make_tuple(int(key), int(scheme), digest_bytes);
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (auto it = cache.find(cache_key); it != cache.end()) return it->second;
    }
    switch (scheme) {
        case Scheme::Pkcs1Sha1: {
            std::array<uint8_t, 20> d{};
            std::copy(digest_bytes.begin(), digest_bytes.end(), d.begin());
            signature = sign_pkcs1_sha1(test_key, d);
            break;
        }
        case Scheme::Pkcs1Sha256: {
            std::array<uint8_t, 32> d{};
            std::copy(digest_bytes.begin(), digest_bytes.end(), d.begin());
            signature = sign_pkcs1_sha256(test_key, d);
            break;
        }
        case Scheme::PssSha384: {
            std::array<uint8_t, 48> d{};
            std::copy(digest_bytes.begin(), digest_bytes.end(), d.begin());
            std::array<uint8_t, 48> salt{};  // fixed, so builds are reproducible
            for (size_t i = 0; i < salt.size(); ++i) salt[i] = uint8_t(0x5A ^ (i * 7));
            signature = sign_pss_sha384(test_key, d, salt);
            break;
        }
    }
    std::lock_guard<std::mutex> lock(mutex);
    cache[cache_key] = signature;
    return signature;
}

}  // namespace

void resign_manifest(std::vector<uint8_t>& bytes, uint32_t at, SigningKey key) {
    const uint32_t k = key_bytes(key);
    const uint32_t header_length = get_u32(bytes, at + 0x04) * 4;
    const uint32_t size = get_u32(bytes, at + 0x18) * 4;
    if (size < header_length || size_t(at) + size > bytes.size())
        fail("manifest size field does not fit the buffer");

    // Signed data = first 0x80 header bytes ‖ [header length, size) (§2.5).
    std::vector<uint8_t> signed_bytes(kManifestSignedPrefix + (size - header_length));
    std::copy_n(bytes.begin() + at, kManifestSignedPrefix, signed_bytes.begin());
    std::copy(bytes.begin() + at + header_length, bytes.begin() + at + size,
              signed_bytes.begin() + kManifestSignedPrefix);

    Scheme scheme = Scheme::Pkcs1Sha256;
    if (get_u32(bytes, at + 0x1C) == fourcc("$MAN")) scheme = Scheme::Pkcs1Sha1;
    else if (k == 0x180) scheme = Scheme::PssSha384;

    const auto signature_be = fixed_width_be(cached_signature(key, scheme, signed_bytes), k);
    put_bytes(bytes, at + 0x84 + k, reversed(signature_be));
}

namespace detail {

ManifestLayout write_signed_manifest(std::vector<uint8_t>& buf, uint32_t at, const ManifestSpec& spec,
                                     uint32_t count_or_tag, uint32_t size) {
    const uint32_t k = key_bytes(spec.key);
    const uint32_t header_length = manifest_header_length(spec.key);
    if (size < header_length || size % 4 != 0) fail("manifest size must cover the header and be dword-sized");
    if (size_t(at) + size > buf.size()) fail("manifest runs past the buffer");
    const uint32_t header_version =
        spec.header_version ? spec.header_version
                            : (k == 0x180 ? kManifestHeaderVersion3072 : kManifestHeaderVersion2048);
    const TestKey& key = test_key_for(spec.key);

    std::fill_n(buf.begin() + at, 0x80, uint8_t(0));  // reserved header fields are zero
    put_u32(buf, at + 0x00, spec.header_type);
    put_u32(buf, at + 0x04, header_length / 4);
    put_u32(buf, at + 0x08, header_version);
    put_u32(buf, at + 0x0C, spec.flags);
    put_u32(buf, at + 0x10, spec.vendor);
    put_u32(buf, at + 0x14, spec.date_bcd);
    put_u32(buf, at + 0x18, size / 4);
    put_name(buf, at + 0x1C, spec.tag, 4);
    put_u32(buf, at + 0x20, count_or_tag);
    for (int i = 0; i < 4; ++i) put_u16(buf, at + 0x24 + 2 * i, spec.version[size_t(i)]);
    put_u32(buf, at + 0x2C, spec.svn);
    put_u32(buf, at + 0x78, k / 4);  // modulus size in dwords
    put_u32(buf, at + 0x7C, 1);      // exponent size in dwords
    put_bytes(buf, at + 0x80, reversed(fixed_width_be(key.modulus_be, k)));
    put_u32(buf, at + 0x80 + k, key.exponent);
    resign_manifest(buf, at, spec.key);

    ManifestLayout layout;
    layout.offset = at;
    layout.header_length = header_length;
    layout.size = size;
    layout.key_bytes = k;
    layout.modulus_offset = at + 0x80;
    layout.exponent_offset = at + 0x80 + k;
    layout.signature_offset = at + 0x84 + k;
    return layout;
}

}  // namespace detail
}  // namespace meclean::synth
