// Signed partition manifests `$MAN` / `$MN2` (formats.md §2.5, §3.6).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "synth/builder_basics.hpp"

namespace meclean::synth {

inline constexpr uint32_t kManifestHeaderVersion2048 = 0x10000;
inline constexpr uint32_t kManifestHeaderVersion3072 = 0x21000;
inline constexpr uint32_t kManifestSignedPrefix = 0x80;  // first 0x80 header bytes are signed

// Header fields the builder lets a test choose. Key, exponent, signature,
// header length and size are derived.
struct ManifestSpec {
    std::string tag = "$MN2";            // "$MAN" for generation 1
    SigningKey key = SigningKey::Rsa2048E17;
    uint32_t header_type = 4;
    uint32_t header_version = 0;         // 0 → 0x10000 (2048-bit key) or 0x21000 (3072-bit)
    uint32_t flags = 0;
    uint32_t vendor = 0x8086;
    uint32_t date_bcd = 0x20170418;      // day | month << 8 | year << 16, all BCD
    std::array<uint16_t, 4> version{7, 1, 30, 1000};  // major, minor, hotfix, build
    uint32_t svn = 1;
    uint32_t build_tag = 0;              // gen 3: +0x20 (gen 2 writes the module count there)
};

struct ManifestLayout {
    uint32_t offset = 0;            // region offset of the header (+0x00)
    uint32_t header_length = 0;     // bytes (0x284 or 0x384)
    uint32_t size = 0;              // bytes, the whole signed blob (+0x18 × 4)
    uint32_t key_bytes = 0;         // 0x100 or 0x180
    uint32_t modulus_offset = 0;    // region offsets of the key material
    uint32_t exponent_offset = 0;
    uint32_t signature_offset = 0;
    uint32_t end() const { return offset + size; }
};

// The header length in bytes for a key: 0x84 + 2 × key bytes (0xA1 or 0xE1 dwords).
uint32_t manifest_header_length(SigningKey key);

// Recomputes and stores the signature of the manifest at `manifest_offset`
// inside `bytes`, reading header length and size from the buffer. Lets a
// test edit signed bytes and keep the signature valid. `$MAN` uses PKCS#1
// v1.5 SHA-1, `$MN2` 2048-bit PKCS#1 v1.5 SHA-256, 3072-bit PSS SHA-384.
// The signature comes from manifest_signature() (manifest_signer.hpp): in the
// page's sample module only the sample's own manifests can be signed.
void resign_manifest(std::vector<uint8_t>& bytes, uint32_t manifest_offset, SigningKey key);

}  // namespace meclean::synth
