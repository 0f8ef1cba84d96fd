#include "me/manifest.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "crypto/crypto.hpp"
#include "base/findings.hpp"
#include "base/text.hpp"

namespace meclean {
namespace {

// Header fields (formats.md §2.5).
constexpr uint64_t kHeaderLengthField = 0x04;  // dwords
constexpr uint64_t kHeaderVersionField = 0x08;
constexpr uint64_t kSizeField = 0x18;  // dwords, whole signed blob
constexpr uint64_t kTagField = 0x1C;
constexpr uint64_t kVersionField = 0x24;  // four u16
constexpr uint64_t kKeySizeField = 0x78;  // dwords: 0x40 = 2048-bit, 0x60 = 3072-bit
constexpr uint64_t kModulusField = 0x80;
constexpr uint64_t kSignedHeaderBytes = 0x80;
constexpr uint32_t kKeyDwords3072 = 0x60;

std::vector<uint8_t> reversed(std::span<const uint8_t> little_endian) {
    return std::vector<uint8_t>(little_endian.rbegin(), little_endian.rend());
}

// The signed data is the first 0x80 header bytes plus [header length, size) (§2.5).
template <typename Hash>
auto hash_signed_data(const RegionView& region, uint64_t offset) {
    uint64_t header_length = uint64_t{region.u32(offset + kHeaderLengthField, "manifest header")} * 4;
    uint64_t size = uint64_t{region.u32(offset + kSizeField, "manifest header")} * 4;
    Hash hash;
    hash.update(region.read(offset, kSignedHeaderBytes, "manifest header"));
    if (size > header_length) hash.update(region.read(offset + header_length, size - header_length, "manifest body"));
    return hash.finish();
}

// me_cleaner 1.2: decrypt with the 2048-bit key at fixed offsets and accept when the hex
// text of the result ends with the SHA-256 hex digest (formats.md §2.8.14, §2.9 item 1).
bool me_cleaner_verdict(const RegionView& region, uint64_t offset, const std::array<uint8_t, 32>& digest) {
    auto modulus = reversed(region.read(offset + kModulusField, 0x100, "manifest public key"));
    auto exponent_le = region.read(offset + kModulusField + 0x100, 4, "manifest public key");
    auto signature = reversed(region.read(offset + kModulusField + 0x104, 0x100, "manifest signature"));
    std::vector<uint8_t> exponent(exponent_le.rbegin(), exponent_le.rend());
    if (std::all_of(modulus.begin(), modulus.end(), [](uint8_t b) { return b == 0; })) return false;
    std::vector<uint8_t> decrypted = crypto::modexp(signature, exponent, modulus);
    std::string text = hex_bytes(decrypted);
    text.erase(0, std::min(text.find_first_not_of('0'), text.size()));
    std::string want = hex_bytes(digest);
    return text.size() >= want.size() && text.compare(text.size() - want.size(), want.size(), want) == 0;
}

}  // namespace

SignatureCheck check_manifest_signature(const RegionView& region, uint64_t offset) {
    SignatureCheck check;
    auto digest256 = hash_signed_data<crypto::Sha256>(region, offset);
    check.me_cleaner_valid = me_cleaner_verdict(region, offset, digest256);

    bool is_man = region.tag_at(offset + kTagField, "$MAN");
    uint32_t key_dwords = region.u32(offset + kKeySizeField, "manifest key size");
    if (key_dwords == kKeyDwords3072) {
        auto modulus = reversed(region.read(offset + kModulusField, 0x180, "manifest public key"));
        uint32_t exponent = region.u32(offset + kModulusField + 0x180, "manifest public key");
        auto signature = reversed(region.read(offset + kModulusField + 0x184, 0x180, "manifest signature"));
        check.scheme = "RSA-3072 PSS SHA-384";
        check.strict_valid = crypto::verify_pss_sha384(modulus, exponent, signature,
                                                      hash_signed_data<crypto::Sha384>(region, offset));
        return check;
    }
    auto modulus = reversed(region.read(offset + kModulusField, 0x100, "manifest public key"));
    uint32_t exponent = region.u32(offset + kModulusField + 0x100, "manifest public key");
    auto signature = reversed(region.read(offset + kModulusField + 0x104, 0x100, "manifest signature"));
    if (is_man) {
        // ME 2–5 sign with SHA-1; the last 20 bytes of the decrypted block are the digest (§3.6).
        check.scheme = "RSA-2048 SHA-1";
        auto digest = hash_signed_data<crypto::Sha1>(region, offset);
        std::vector<uint8_t> exponent_be = {uint8_t(exponent >> 24), uint8_t(exponent >> 16), uint8_t(exponent >> 8),
                                            uint8_t(exponent)};
        auto decrypted = crypto::modexp(signature, exponent_be, modulus);
        check.strict_valid = decrypted.size() >= digest.size() &&
                             std::equal(digest.begin(), digest.end(), decrypted.end() - digest.size());
        return check;
    }
    check.scheme = "RSA-2048 PKCS#1 v1.5 SHA-256";
    check.strict_valid = crypto::verify_pkcs1_sha256(modulus, exponent, signature, digest256);
    return check;
}

Manifest read_manifest(const RegionView& region, uint64_t offset) {
    // What me_cleaner reads while detecting (version, key id): failures here are fatal.
    Manifest m;
    m.offset = offset;
    auto tag = region.read(offset + kTagField, 4, "manifest tag");
    m.tag.assign(tag.begin(), tag.end());
    for (int i = 0; i < 4; ++i) m.version[i] = region.u16(offset + kVersionField + 2 * i, "manifest version");
    m.key_md5 = hex_bytes(crypto::md5(region.read(offset + kModulusField, 0x104, "manifest public key")));
    m.header_length = region.u32(offset + kHeaderLengthField, "manifest header") * 4u;
    m.header_version = region.u32(offset + kHeaderVersionField, "manifest header");
    m.size = region.u32(offset + kSizeField, "manifest header") * 4u;
    m.key_size_dwords = region.u32(offset + kKeySizeField, "manifest key size");
    // The rest only informs the report; me_cleaner checks the signature at the very end,
    // so a manifest that cannot be checked is reported here and refused by plan().
    try {
        uint64_t modulus_bytes = m.key_size_dwords == kKeyDwords3072 ? 0x180 : 0x100;
        m.key_sha256 = hex_bytes(crypto::sha256(region.read(offset + kModulusField, modulus_bytes + 4, "manifest public key")));
        m.exponent = region.u32(offset + kModulusField + modulus_bytes, "manifest public key");
        m.signature = check_manifest_signature(region, offset);
    } catch (const FormatError& error) {
        m.signature.scheme = std::string("cannot be checked: ") + error.what();
    }
    return m;
}

}  // namespace meclean
