// Manifest header, key and signature (formats.md §2.5, §3.6). Key material
// and signature are stored little-endian; the test keys, the signer and
// crypto work big-endian, hence the reversals.
#include "synth/manifest_builder.hpp"

#include <algorithm>
#include <span>

#include "crypto/crypto.hpp"
#include "synth/builder_internal.hpp"
#include "synth/manifest_signer.hpp"
#include "synth/test_public_keys.hpp"

namespace meclean::synth {

using namespace detail;

uint32_t manifest_header_length(SigningKey key) { return 0x84 + 2 * key_bytes(key); }

namespace {

// A big-endian number as exactly `width` big-endian bytes (drops leading zeros, pads).
std::vector<uint8_t> fixed_width_be(std::span<const uint8_t> be, size_t width) {
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

// The scheme's hash of the signed bytes, which is what the signer is asked to sign.
std::vector<uint8_t> digest_for(SignatureScheme scheme, const std::vector<uint8_t>& signed_bytes) {
    switch (scheme) {
        case SignatureScheme::Pkcs1Sha1: {
            const auto d = crypto::sha1(signed_bytes);
            return {d.begin(), d.end()};
        }
        case SignatureScheme::Pkcs1Sha256: {
            const auto d = crypto::sha256(signed_bytes);
            return {d.begin(), d.end()};
        }
        case SignatureScheme::PssSha384: {
            const auto d = crypto::sha384(signed_bytes);
            return {d.begin(), d.end()};
        }
    }
    fail("unknown signature scheme");
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

    SignatureScheme scheme = SignatureScheme::Pkcs1Sha256;
    if (get_u32(bytes, at + 0x1C) == fourcc("$MAN")) scheme = SignatureScheme::Pkcs1Sha1;
    else if (k == 0x180) scheme = SignatureScheme::PssSha384;

    const auto digest = digest_for(scheme, signed_bytes);
    const auto signature_be = fixed_width_be(manifest_signature(key, scheme, digest), k);
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
    const TestPublicKey& key = test_public_key(spec.key);

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
