// Hashes, checksums and RSA public-key verification used to check ME/TXE manifests.
// Written here so that the engine needs nothing beyond the C++ standard library
// (and so that it compiles unchanged to WebAssembly).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace meclean::crypto {

using Bytes = std::span<const uint8_t>;

// ---- Hashes. Each has an incremental form (manifests sign two disjoint byte
// ranges) and a one-shot helper.

class Sha1 {
public:
    Sha1();
    void update(Bytes data);
    std::array<uint8_t, 20> finish();
private:
    void block(const uint8_t* p);
    uint32_t h_[5];
    uint8_t buf_[64];
    size_t buf_len_ = 0;
    uint64_t total_ = 0;
};

class Sha256 {
public:
    Sha256();
    void update(Bytes data);
    std::array<uint8_t, 32> finish();
private:
    void block(const uint8_t* p);
    uint32_t h_[8];
    uint8_t buf_[64];
    size_t buf_len_ = 0;
    uint64_t total_ = 0;
};

// SHA-384 is SHA-512 with other initial values, truncated to 48 bytes.
class Sha384 {
public:
    Sha384();
    void update(Bytes data);
    std::array<uint8_t, 48> finish();
private:
    void block(const uint8_t* p);
    uint64_t h_[8];
    uint8_t buf_[128];
    size_t buf_len_ = 0;
    uint64_t total_ = 0;
};

class Md5 {
public:
    Md5();
    void update(Bytes data);
    std::array<uint8_t, 16> finish();
private:
    void block(const uint8_t* p);
    uint32_t h_[4];
    uint8_t buf_[64];
    size_t buf_len_ = 0;
    uint64_t total_ = 0;
};

std::array<uint8_t, 20> sha1(Bytes data);
std::array<uint8_t, 32> sha256(Bytes data);
std::array<uint8_t, 48> sha384(Bytes data);
std::array<uint8_t, 16> md5(Bytes data);

// Standard reflected CRC-32 (polynomial 0xEDB88320, as zlib's crc32()).
// `crc` continues an earlier result: crc32(b, crc32(a)) == crc32(a ‖ b).
uint32_t crc32(Bytes data, uint32_t crc = 0);

// Lower-case hex text of bytes, two digits per byte.
std::vector<char> to_hex_chars(Bytes data);

// ---- Big numbers: (base ^ exponent) mod modulus. All three are big-endian
// magnitudes of any length (leading zeros allowed). The result is big-endian,
// exactly as long as `modulus`. A zero modulus gives an empty result.
std::vector<uint8_t> modexp(Bytes base, Bytes exponent, Bytes modulus);

// ---- Encodings of RFC 8017, shared by the verifiers below and the test-key signer.

// EMSA-PKCS1-v1_5 for SHA-256 (§9.2): 00 01 FF..FF 00 ‖ DigestInfo ‖ digest, `length` bytes.
// Empty when `length` is too short for 8 bytes of FF padding.
std::vector<uint8_t> encode_pkcs1_sha256(size_t length, const std::array<uint8_t, 32>& digest);

// MGF1 with SHA-384 (§B.2.1), XORed into `target`.
void xor_mgf1_sha384(Bytes seed, std::span<uint8_t> target);

// ---- RSA signature checks. `modulus` and `signature` are big-endian; the
// public exponent is given as a number. Each returns true only when the whole
// encoded block has exactly the expected shape.

// RSASSA-PKCS1-v1_5 with SHA-256: EM = 00 01 FF..FF 00 ‖ DigestInfo(SHA-256) ‖ digest.
bool verify_pkcs1_sha256(Bytes modulus, uint32_t exponent, Bytes signature,
                         const std::array<uint8_t, 32>& digest);

// RSASSA-PSS with SHA-384, MGF1-SHA-384, salt length 48, trailer 0xBC (RFC 8017 §9.1.2).
bool verify_pss_sha384(Bytes modulus, uint32_t exponent, Bytes signature,
                       const std::array<uint8_t, 48>& digest);

}  // namespace meclean::crypto
