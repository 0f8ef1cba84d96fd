// SHA-1, SHA-256, SHA-384 (FIPS 180-4), MD5 (RFC 1321), CRC-32 and hex text.
#include "crypto/crypto.hpp"

#include <cstring>

namespace meclean::crypto {

namespace {

constexpr uint32_t rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
constexpr uint32_t rotr32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
constexpr uint64_t rotr64(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

uint32_t load_be32(const uint8_t* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}
uint64_t load_be64(const uint8_t* p) {
    return (uint64_t(load_be32(p)) << 32) | load_be32(p + 4);
}
uint32_t load_le32(const uint8_t* p) {
    return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}
void store_be32(uint8_t* p, uint32_t v) {
    p[0] = uint8_t(v >> 24); p[1] = uint8_t(v >> 16); p[2] = uint8_t(v >> 8); p[3] = uint8_t(v);
}
void store_be64(uint8_t* p, uint64_t v) {
    store_be32(p, uint32_t(v >> 32));
    store_be32(p + 4, uint32_t(v));
}
void store_le32(uint8_t* p, uint32_t v) {
    p[0] = uint8_t(v); p[1] = uint8_t(v >> 8); p[2] = uint8_t(v >> 16); p[3] = uint8_t(v >> 24);
}
void store_le64(uint8_t* p, uint64_t v) {
    store_le32(p, uint32_t(v));
    store_le32(p + 4, uint32_t(v >> 32));
}

// The buffering shared by all four hashes: top up a partial block first, then
// feed whole blocks straight from the caller's data (no copy), then keep the tail.
template <size_t BlockSize, typename BlockFn>
void absorb(Bytes data, uint8_t* buf, size_t& buf_len, BlockFn&& block) {
    const uint8_t* p = data.data();
    size_t n = data.size();
    if (buf_len > 0) {
        size_t take = BlockSize - buf_len < n ? BlockSize - buf_len : n;
        std::memcpy(buf + buf_len, p, take);
        buf_len += take;
        p += take;
        n -= take;
        if (buf_len < BlockSize) return;
        block(buf);
        buf_len = 0;
    }
    for (; n >= BlockSize; p += BlockSize, n -= BlockSize) block(p);
    if (n > 0) std::memcpy(buf, p, n);
    buf_len = n;
}

// Padding (FIPS 180-4 §5.1, RFC 1321 §3.1-3.2): a 1 bit, zeros, then the
// message length in bits in the last `LengthBytes` of the final block.
// `store_length` writes the 64-bit bit count in the algorithm's byte order;
// SHA-384's 128-bit length field has its upper 64 bits left zero.
template <size_t BlockSize, size_t LengthBytes, typename BlockFn, typename StoreFn>
void pad(uint8_t* buf, size_t buf_len, uint64_t total_bytes, BlockFn&& block, StoreFn&& store_length) {
    buf[buf_len++] = 0x80;
    if (buf_len > BlockSize - LengthBytes) {
        std::memset(buf + buf_len, 0, BlockSize - buf_len);
        block(buf);
        buf_len = 0;
    }
    std::memset(buf + buf_len, 0, BlockSize - buf_len);
    store_length(buf + BlockSize - 8, total_bytes * 8);
    block(buf);
}

// FIPS 180-4 §4.2.2.
constexpr uint32_t kSha256K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// FIPS 180-4 §4.2.3.
constexpr uint64_t kSha512K[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

// RFC 1321 §3.4: T[i] = floor(2^32 * |sin(i + 1)|), and the per-step shifts.
constexpr uint32_t kMd5T[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};
constexpr int kMd5Shift[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

// Reflected CRC-32 table for polynomial 0xEDB88320, computed by the compiler.
struct Crc32Table {
    uint32_t entry[256];
};
constexpr Crc32Table make_crc32_table() {
    Crc32Table table{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        table.entry[i] = c;
    }
    return table;
}
constexpr Crc32Table kCrc32Table = make_crc32_table();

}  // namespace

// ---- SHA-1 (FIPS 180-4 §6.1; initial values §5.3.1).

Sha1::Sha1() : h_{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0}, buf_{} {}

// Word t of the SHA-1 message schedule (§6.1.2 step 1), kept in a 16-word
// ring: each word is needed only until 16 rounds later. (Precomputing all 80
// words invites GCC to vectorise a recurrence whose distance is 3, which
// halves the speed.)
inline uint32_t sha1_schedule(uint32_t (&w)[16], int t) {
    if (t < 16) return w[t];
    w[t & 15] = rotl32(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1);
    return w[t & 15];
}

// One SHA-1 round (§6.1.2 step 3). As for SHA-256 below, the caller rotates
// the roles of the five working variables instead of moving their values.
template <typename StageFunction>
inline void sha1_round(uint32_t a, uint32_t& b, uint32_t c, uint32_t d, uint32_t& e, uint32_t k_plus_w,
                       StageFunction f) {
    e += rotl32(a, 5) + f(b, c, d) + k_plus_w;
    b = rotl32(b, 30);
}

// Twenty rounds, from round `first`, sharing one f and one K (§4.1.1, §4.2.1).
template <typename StageFunction>
void sha1_stage(uint32_t (&v)[5], uint32_t (&w)[16], int first, uint32_t k, StageFunction f) {
    uint32_t a = v[0], b = v[1], c = v[2], d = v[3], e = v[4];
    for (int t = first; t < first + 20; t += 5) {
        sha1_round(a, b, c, d, e, k + sha1_schedule(w, t), f);
        sha1_round(e, a, b, c, d, k + sha1_schedule(w, t + 1), f);
        sha1_round(d, e, a, b, c, k + sha1_schedule(w, t + 2), f);
        sha1_round(c, d, e, a, b, k + sha1_schedule(w, t + 3), f);
        sha1_round(b, c, d, e, a, k + sha1_schedule(w, t + 4), f);
    }
    v[0] = a; v[1] = b; v[2] = c; v[3] = d; v[4] = e;
}

void Sha1::block(const uint8_t* p) {
    uint32_t w[16];
    for (int t = 0; t < 16; ++t) w[t] = load_be32(p + 4 * t);
    uint32_t v[5] = {h_[0], h_[1], h_[2], h_[3], h_[4]};
    auto ch = [](uint32_t x, uint32_t y, uint32_t z) { return z ^ (x & (y ^ z)); };
    auto parity = [](uint32_t x, uint32_t y, uint32_t z) { return x ^ y ^ z; };
    auto maj = [](uint32_t x, uint32_t y, uint32_t z) { return (x & y) | (z & (x | y)); };
    sha1_stage(v, w, 0, 0x5a827999, ch);
    sha1_stage(v, w, 20, 0x6ed9eba1, parity);
    sha1_stage(v, w, 40, 0x8f1bbcdc, maj);
    sha1_stage(v, w, 60, 0xca62c1d6, parity);
    for (int i = 0; i < 5; ++i) h_[i] += v[i];
}

void Sha1::update(Bytes data) {
    total_ += data.size();
    absorb<64>(data, buf_, buf_len_, [this](const uint8_t* p) { block(p); });
}

std::array<uint8_t, 20> Sha1::finish() {
    pad<64, 8>(buf_, buf_len_, total_, [this](const uint8_t* p) { block(p); }, store_be64);
    std::array<uint8_t, 20> out{};
    for (int i = 0; i < 5; ++i) store_be32(out.data() + 4 * i, h_[i]);
    return out;
}

// ---- SHA-256 (FIPS 180-4 §6.2; initial values §5.3.3).

Sha256::Sha256()
    : h_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19},
      buf_{} {}

// One SHA-256 round (§6.2.2 step 3) written so that, instead of shifting all
// eight working variables, the caller rotates which variable plays which role.
inline void sha256_round(uint32_t a, uint32_t b, uint32_t c, uint32_t& d, uint32_t e, uint32_t f,
                         uint32_t g, uint32_t& h, uint32_t k_plus_w) {
    uint32_t t1 = h + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + (g ^ (e & (f ^ g))) + k_plus_w;
    uint32_t t2 = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + ((a & b) | (c & (a | b)));
    d += t1;
    h = t1 + t2;
}

void Sha256::block(const uint8_t* p) {
    uint32_t w[64];
    for (int t = 0; t < 16; ++t) w[t] = load_be32(p + 4 * t);
    for (int t = 16; t < 64; ++t) {
        uint32_t s0 = rotr32(w[t - 15], 7) ^ rotr32(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr32(w[t - 2], 17) ^ rotr32(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
    for (int t = 0; t < 64; t += 8) {
        sha256_round(a, b, c, d, e, f, g, h, kSha256K[t] + w[t]);
        sha256_round(h, a, b, c, d, e, f, g, kSha256K[t + 1] + w[t + 1]);
        sha256_round(g, h, a, b, c, d, e, f, kSha256K[t + 2] + w[t + 2]);
        sha256_round(f, g, h, a, b, c, d, e, kSha256K[t + 3] + w[t + 3]);
        sha256_round(e, f, g, h, a, b, c, d, kSha256K[t + 4] + w[t + 4]);
        sha256_round(d, e, f, g, h, a, b, c, kSha256K[t + 5] + w[t + 5]);
        sha256_round(c, d, e, f, g, h, a, b, kSha256K[t + 6] + w[t + 6]);
        sha256_round(b, c, d, e, f, g, h, a, kSha256K[t + 7] + w[t + 7]);
    }
    h_[0] += a; h_[1] += b; h_[2] += c; h_[3] += d;
    h_[4] += e; h_[5] += f; h_[6] += g; h_[7] += h;
}

void Sha256::update(Bytes data) {
    total_ += data.size();
    absorb<64>(data, buf_, buf_len_, [this](const uint8_t* p) { block(p); });
}

std::array<uint8_t, 32> Sha256::finish() {
    pad<64, 8>(buf_, buf_len_, total_, [this](const uint8_t* p) { block(p); }, store_be64);
    std::array<uint8_t, 32> out{};
    for (int i = 0; i < 8; ++i) store_be32(out.data() + 4 * i, h_[i]);
    return out;
}

// ---- SHA-384: the SHA-512 compression (FIPS 180-4 §6.4) with the initial
// values of §5.3.4, output truncated to six words.

Sha384::Sha384()
    : h_{0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
         0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4},
      buf_{} {}

void Sha384::block(const uint8_t* p) {
    uint64_t w[80];
    for (int t = 0; t < 16; ++t) w[t] = load_be64(p + 8 * t);
    for (int t = 16; t < 80; ++t) {
        uint64_t s0 = rotr64(w[t - 15], 1) ^ rotr64(w[t - 15], 8) ^ (w[t - 15] >> 7);
        uint64_t s1 = rotr64(w[t - 2], 19) ^ rotr64(w[t - 2], 61) ^ (w[t - 2] >> 6);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint64_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
    for (int t = 0; t < 80; ++t) {
        uint64_t big_s1 = rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41);
        uint64_t ch = (e & f) ^ (~e & g);
        uint64_t t1 = h + big_s1 + ch + kSha512K[t] + w[t];
        uint64_t big_s0 = rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39);
        uint64_t maj = (a & b) ^ (a & c) ^ (b & c);
        uint64_t t2 = big_s0 + maj;
        h = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    h_[0] += a; h_[1] += b; h_[2] += c; h_[3] += d;
    h_[4] += e; h_[5] += f; h_[6] += g; h_[7] += h;
}

void Sha384::update(Bytes data) {
    total_ += data.size();
    absorb<128>(data, buf_, buf_len_, [this](const uint8_t* p) { block(p); });
}

std::array<uint8_t, 48> Sha384::finish() {
    pad<128, 16>(buf_, buf_len_, total_, [this](const uint8_t* p) { block(p); }, store_be64);
    std::array<uint8_t, 48> out{};
    for (int i = 0; i < 6; ++i) store_be64(out.data() + 8 * i, h_[i]);
    return out;
}

// ---- MD5 (RFC 1321 §3.3-3.5). Words and the length are little-endian.

Md5::Md5() : h_{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476}, buf_{} {}

void Md5::block(const uint8_t* p) {
    uint32_t x[16];
    for (int i = 0; i < 16; ++i) x[i] = load_le32(p + 4 * i);
    uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3];
    for (int i = 0; i < 64; ++i) {
        int round = i / 16;
        uint32_t f;
        int k;
        switch (round) {
            case 0: f = (b & c) | (~b & d); k = i; break;                  // F, X[i]
            case 1: f = (b & d) | (c & ~d); k = (5 * i + 1) % 16; break;   // G
            case 2: f = b ^ c ^ d; k = (3 * i + 5) % 16; break;            // H
            default: f = c ^ (b | ~d); k = (7 * i) % 16; break;            // I
        }
        uint32_t rotated = rotl32(a + f + x[k] + kMd5T[i], kMd5Shift[round][i % 4]);
        a = d;
        d = c;
        c = b;
        b = b + rotated;
    }
    h_[0] += a; h_[1] += b; h_[2] += c; h_[3] += d;
}

void Md5::update(Bytes data) {
    total_ += data.size();
    absorb<64>(data, buf_, buf_len_, [this](const uint8_t* p) { block(p); });
}

std::array<uint8_t, 16> Md5::finish() {
    pad<64, 8>(buf_, buf_len_, total_, [this](const uint8_t* p) { block(p); }, store_le64);
    std::array<uint8_t, 16> out{};
    for (int i = 0; i < 4; ++i) store_le32(out.data() + 4 * i, h_[i]);
    return out;
}

// ---- One-shot helpers.

std::array<uint8_t, 20> sha1(Bytes data) {
    Sha1 h;
    h.update(data);
    return h.finish();
}

std::array<uint8_t, 32> sha256(Bytes data) {
    Sha256 h;
    h.update(data);
    return h.finish();
}

std::array<uint8_t, 48> sha384(Bytes data) {
    Sha384 h;
    h.update(data);
    return h.finish();
}

std::array<uint8_t, 16> md5(Bytes data) {
    Md5 h;
    h.update(data);
    return h.finish();
}

// The register is kept inverted while running (pre- and post-conditioning
// with 0xFFFFFFFF), which is what makes results chain.
uint32_t crc32(Bytes data, uint32_t crc) {
    crc = ~crc;
    for (uint8_t byte : data) crc = kCrc32Table.entry[(crc ^ byte) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

std::vector<char> to_hex_chars(Bytes data) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::vector<char> out;
    out.reserve(data.size() * 2);
    for (uint8_t byte : data) {
        out.push_back(kDigits[byte >> 4]);
        out.push_back(kDigits[byte & 0x0F]);
    }
    return out;
}

}  // namespace meclean::crypto
