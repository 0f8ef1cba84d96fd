// Tests for core/crypto: published hash vectors, CRC-32, modexp and RSA
// signature checks against signatures made with the test keys.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "crypto/crypto.hpp"
#include "synth/test_keys.hpp"

namespace meclean::crypto {
namespace {

using synth::TestKey;

Bytes text(std::string_view s) { return Bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size()); }

template <size_t N>
std::string hex(const std::array<uint8_t, N>& digest) {
    const auto chars = to_hex_chars(digest);
    return std::string(chars.begin(), chars.end());
}

std::string hex(const std::vector<uint8_t>& bytes) {
    const auto chars = to_hex_chars(bytes);
    return std::string(chars.begin(), chars.end());
}

// FIPS 180-4 example messages (NIST "Examples with Intermediate Values").
constexpr std::string_view kMessage448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr std::string_view kMessage896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
const std::vector<uint8_t>& million_a() {
    static const std::vector<uint8_t> message(1000000, 'a');
    return message;
}

// ---- Hex text.

TEST(CryptoHex, WritesTwoLowerCaseDigitsPerByte) {
    const std::vector<uint8_t> bytes = {0x00, 0x0f, 0xa5, 0xff};
    EXPECT_EQ(hex(bytes), "000fa5ff");
    EXPECT_TRUE(to_hex_chars({}).empty());
}

// ---- SHA-1, SHA-256, SHA-384 (FIPS 180-4 examples).

TEST(CryptoSha1, NistVectors) {
    EXPECT_EQ(hex(sha1(text(""))), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_EQ(hex(sha1(text("abc"))), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(hex(sha1(text(kMessage448))), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    EXPECT_EQ(hex(sha1(text(kMessage896))), "a49b2446a02c645bf419f995b67091253a04a259");
    EXPECT_EQ(hex(sha1(million_a())), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(CryptoSha256, NistVectors) {
    EXPECT_EQ(hex(sha256(text(""))), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex(sha256(text("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex(sha256(text(kMessage448))),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(hex(sha256(text(kMessage896))),
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    EXPECT_EQ(hex(sha256(million_a())), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(CryptoSha384, NistVectors) {
    EXPECT_EQ(hex(sha384(text(""))),
              "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b");
    EXPECT_EQ(hex(sha384(text("abc"))),
              "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
    EXPECT_EQ(hex(sha384(text(kMessage448))),
              "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b");
    EXPECT_EQ(hex(sha384(text(kMessage896))),
              "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039");
    EXPECT_EQ(hex(sha384(million_a())),
              "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985");
}

// ---- MD5 (RFC 1321 §A.5 test suite).

TEST(CryptoMd5, Rfc1321Suite) {
    EXPECT_EQ(hex(md5(text(""))), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(hex(md5(text("a"))), "0cc175b9c0f1b6a831c399e269772661");
    EXPECT_EQ(hex(md5(text("abc"))), "900150983cd24fb0d6963f7d28e17f72");
    EXPECT_EQ(hex(md5(text("message digest"))), "f96b697d7cb7938d525a2f31aaf161d0");
    EXPECT_EQ(hex(md5(text("abcdefghijklmnopqrstuvwxyz"))), "c3fcd3d76192e4007dfb496cca67e13b");
    EXPECT_EQ(hex(md5(text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"))),
              "d174ab98d277d9f5a5611c2c9f419d9f");
    EXPECT_EQ(hex(md5(text("1234567890123456789012345678901234567890"
                           "1234567890123456789012345678901234567890"))),
              "57edf4a22be3c955ac49da2e2107b67a");
}

// ---- Incremental hashing: splitting the input anywhere, including across
// block boundaries and into empty pieces, must not change the digest.

std::vector<uint8_t> message_of_200_bytes() {
    std::vector<uint8_t> message(200);
    for (size_t i = 0; i < message.size(); ++i) message[i] = uint8_t(i * 7 + 3);
    return message;
}

template <typename Hash, typename OneShot>
void expect_every_split_matches(OneShot one_shot) {
    const auto message = message_of_200_bytes();
    const Bytes all(message);
    const auto expected = one_shot(all);
    for (size_t split = 0; split <= message.size(); ++split) {
        Hash h;
        h.update(all.first(split));
        h.update(all.subspan(split));
        EXPECT_EQ(h.finish(), expected) << "split at " << split;
    }
    Hash byte_by_byte;
    for (size_t i = 0; i < message.size(); ++i) byte_by_byte.update(all.subspan(i, 1));
    EXPECT_EQ(byte_by_byte.finish(), expected);
}

TEST(CryptoIncremental, Sha1SplitAnywhere) { expect_every_split_matches<Sha1>(sha1); }
TEST(CryptoIncremental, Sha256SplitAnywhere) { expect_every_split_matches<Sha256>(sha256); }
TEST(CryptoIncremental, Sha384SplitAnywhere) { expect_every_split_matches<Sha384>(sha384); }
TEST(CryptoIncremental, Md5SplitAnywhere) { expect_every_split_matches<Md5>(md5); }

// ---- CRC-32.

TEST(CryptoCrc32, CheckValues) {
    EXPECT_EQ(crc32(text("123456789")), 0xCBF43926u);  // the catalogue "check" value
    EXPECT_EQ(crc32(text("The quick brown fox jumps over the lazy dog")), 0x414FA339u);
    EXPECT_EQ(crc32(text("")), 0u);
}

TEST(CryptoCrc32, ChainsAcrossPieces) {
    const auto message = message_of_200_bytes();
    const Bytes all(message);
    const uint32_t whole = crc32(all);
    for (size_t split = 0; split <= message.size(); ++split)
        EXPECT_EQ(crc32(all.subspan(split), crc32(all.first(split))), whole) << "split at " << split;
}

// ---- modexp. Small cases are worked out by hand in the comments.

std::vector<uint8_t> modexp_of(std::vector<uint8_t> base, std::vector<uint8_t> exponent,
                               std::vector<uint8_t> modulus) {
    return modexp(base, exponent, modulus);
}

TEST(CryptoModexp, SmallOddModulus) {
    // 4^13 = 67108864 = 135027·497 + 445, and 445 = 0x01BD.
    EXPECT_EQ(modexp_of({4}, {13}, {0x01, 0xF1}), (std::vector<uint8_t>{0x01, 0xBD}));
    // 1000 = 142·7 + 6: the base is reduced first.
    EXPECT_EQ(modexp_of({0x03, 0xE8}, {1}, {7}), (std::vector<uint8_t>{6}));
    // x^0 = 1; anything mod 1 = 0.
    EXPECT_EQ(modexp_of({5}, {}, {7}), (std::vector<uint8_t>{1}));
    EXPECT_EQ(modexp_of({5}, {0, 0}, {7}), (std::vector<uint8_t>{1}));
    EXPECT_EQ(modexp_of({5}, {3}, {1}), (std::vector<uint8_t>{0}));
    EXPECT_EQ(modexp_of({}, {3}, {7}), (std::vector<uint8_t>{0}));
}

TEST(CryptoModexp, ResultIsAsLongAsTheModulus) {
    // Leading zeros in the modulus are kept in the result: 4^13 mod 497 = 445.
    EXPECT_EQ(modexp_of({0, 0, 4}, {0, 13}, {0, 0, 0x01, 0xF1}), (std::vector<uint8_t>{0, 0, 0x01, 0xBD}));
}

TEST(CryptoModexp, ZeroModulusGivesEmptyResult) {
    EXPECT_TRUE(modexp_of({4}, {13}, {}).empty());
    EXPECT_TRUE(modexp_of({4}, {13}, {0, 0}).empty());
}

TEST(CryptoModexp, EvenModulus) {
    // 2^10 = 1024 = 1000 + 24.
    EXPECT_EQ(modexp_of({2}, {10}, {0x03, 0xE8}), (std::vector<uint8_t>{0x00, 0x18}));
    // (2^32 + 1)^2 = 2^64 + 2^33 + 1 ≡ 2^33 + 1 (mod 2^64): a three-limb modulus.
    EXPECT_EQ(modexp_of({1, 0, 0, 0, 1}, {2}, {1, 0, 0, 0, 0, 0, 0, 0, 0}),
              (std::vector<uint8_t>{0, 0, 0, 0, 2, 0, 0, 0, 1}));
}

TEST(CryptoModexp, RepeatedOperationsKeepTheirOwnResults) {
    // modexp keeps its last few results with short exponents; each input must still get its own.
    // b^3 mod 1009 (0x3F1), worked out here (more bases than results kept), twice round, then the
    // same bases with exponent 2 and modulus 1013, which a remembered result must not answer.
    for (int round = 0; round < 2; ++round) {
        for (uint8_t b = 2; b <= 11; ++b) {
            const unsigned cube = unsigned(b) * b * b % 1009;
            EXPECT_EQ(modexp_of({b}, {3}, {0x03, 0xF1}), (std::vector<uint8_t>{uint8_t(cube >> 8), uint8_t(cube)}))
                << "base " << int(b) << ", round " << round;
        }
    }
    for (uint8_t b = 2; b <= 11; ++b) {
        EXPECT_EQ(modexp_of({b}, {2}, {0x03, 0xF1}), (std::vector<uint8_t>{0, uint8_t(b * b)})) << "base " << int(b);
        EXPECT_EQ(modexp_of({b}, {3}, {0x03, 0xF5}), (std::vector<uint8_t>{uint8_t(b * b * b % 1013 >> 8), uint8_t(b * b * b % 1013)}))
            << "base " << int(b);
    }
}

TEST(CryptoModexp, MersennePrime127) {
    // M127 = 2^127 − 1 is prime and 2^127 ≡ 1 (mod M127), so 2^130 ≡ 8, and
    // by Fermat 3^(M127 − 1) ≡ 1.
    std::vector<uint8_t> m127(16, 0xFF);
    m127[0] = 0x7F;
    std::vector<uint8_t> eight(16, 0), one(16, 0);
    eight[15] = 8;
    one[15] = 1;
    EXPECT_EQ(modexp_of({2}, {130}, m127), eight);
    std::vector<uint8_t> m127_minus_1 = m127;
    m127_minus_1[15] = 0xFE;
    EXPECT_EQ(modexp_of({3}, m127_minus_1, m127), one);
}

std::vector<uint8_t> public_exponent_bytes(const TestKey& key) {
    return {uint8_t(key.exponent >> 24), uint8_t(key.exponent >> 16), uint8_t(key.exponent >> 8),
            uint8_t(key.exponent)};
}

// A message below every test modulus (their top byte is at least 0xC0).
std::vector<uint8_t> sample_message(size_t length) {
    std::vector<uint8_t> m(length);
    for (size_t i = 0; i < length; ++i) m[i] = uint8_t(i * 31 + 17);
    m[0] = 0x5A;
    return m;
}

TEST(CryptoModexp, PrivateThenPublicIsIdentity) {
    for (const TestKey* key : {&synth::test_key_2048_e65537(), &synth::test_key_2048_e17(),
                               &synth::test_key_3072()}) {
        const auto m = sample_message(key->modulus_be.size());
        const auto s = modexp(m, key->private_exponent_be, key->modulus_be);
        EXPECT_NE(s, m);
        EXPECT_EQ(modexp(s, public_exponent_bytes(*key), key->modulus_be), m);
    }
}

TEST(CryptoModexp, EvenPathAgreesWithMontgomeryPath) {
    // x^e mod 2n, reduced mod n, equals x^e mod n: checks the long-division
    // path against the Montgomery path on 2048-bit numbers.
    const auto& n = synth::test_key_2048_e65537().modulus_be;
    std::vector<uint8_t> two_n(n.size() + 1, 0);
    unsigned carry = 0;
    for (size_t i = n.size(); i-- > 0;) {
        const unsigned doubled = 2u * n[i] + carry;
        two_n[i + 1] = uint8_t(doubled);
        carry = doubled >> 8;
    }
    two_n[0] = uint8_t(carry);
    const auto x = sample_message(n.size());
    const std::vector<uint8_t> e = {0x01, 0x00, 0x01};
    const auto via_even = modexp_of(modexp(x, e, two_n), {1}, n);
    EXPECT_EQ(via_even, modexp(x, e, n));
}

// ---- RSASSA-PKCS1-v1_5 with SHA-256.

const TestKey* const kAllKeys[] = {&synth::test_key_2048_e65537(), &synth::test_key_2048_e17(),
                                   &synth::test_key_3072()};

std::array<uint8_t, 32> sample_digest256() { return sha256(text("meclean test manifest")); }
std::array<uint8_t, 48> sample_digest384() { return sha384(text("meclean test manifest")); }
std::array<uint8_t, 48> sample_salt() {
    std::array<uint8_t, 48> salt{};
    for (size_t i = 0; i < salt.size(); ++i) salt[i] = uint8_t(0xA0 + i);
    return salt;
}

// A signature over a hand-built encoded message: EM^d mod n.
std::vector<uint8_t> sign_raw(const TestKey& key, const std::vector<uint8_t>& em) {
    return modexp(em, key.private_exponent_be, key.modulus_be);
}

std::vector<uint8_t> flip_bit(std::vector<uint8_t> bytes, size_t byte, int bit) {
    bytes[byte] ^= uint8_t(1u << bit);
    return bytes;
}

TEST(CryptoRsaPkcs1, TestKeySignaturesVerify) {
    const auto digest = sample_digest256();
    for (const TestKey* key : kAllKeys) {
        const auto signature = synth::sign_pkcs1_sha256(*key, digest);
        EXPECT_EQ(signature.size(), key->modulus_be.size());
        EXPECT_TRUE(verify_pkcs1_sha256(key->modulus_be, key->exponent, signature, digest));
    }
}

TEST(CryptoRsaPkcs1, AnyFlippedBitFails) {
    const auto& key = synth::test_key_2048_e17();
    const auto digest = sample_digest256();
    const auto signature = synth::sign_pkcs1_sha256(key, digest);
    for (size_t byte : {size_t(0), size_t(100), signature.size() - 1}) {
        EXPECT_FALSE(verify_pkcs1_sha256(key.modulus_be, key.exponent, flip_bit(signature, byte, 3), digest));
        EXPECT_FALSE(verify_pkcs1_sha256(flip_bit(key.modulus_be, byte, 3), key.exponent, signature, digest));
    }
    for (size_t byte = 0; byte < digest.size(); ++byte) {
        auto wrong = digest;
        wrong[byte] ^= 0x01;
        EXPECT_FALSE(verify_pkcs1_sha256(key.modulus_be, key.exponent, signature, wrong));
    }
}

TEST(CryptoRsaPkcs1, WrongExponentFails) {
    const auto& key = synth::test_key_2048_e17();
    const auto digest = sample_digest256();
    const auto signature = synth::sign_pkcs1_sha256(key, digest);
    EXPECT_FALSE(verify_pkcs1_sha256(key.modulus_be, 65537, signature, digest));
}

TEST(CryptoRsaPkcs1, SignatureMustBeModulusLengthAndBelowModulus) {
    const auto& key = synth::test_key_2048_e65537();
    const auto digest = sample_digest256();
    const auto signature = synth::sign_pkcs1_sha256(key, digest);

    // The same number in a wider, zero-padded field is the same signature.
    std::vector<uint8_t> padded(4, 0);
    padded.insert(padded.end(), signature.begin(), signature.end());
    EXPECT_TRUE(verify_pkcs1_sha256(key.modulus_be, key.exponent, padded, digest));

    // One octet short, or signature + n (same residue, but not below n).
    const std::vector<uint8_t> truncated(signature.begin() + 1, signature.end());
    EXPECT_FALSE(verify_pkcs1_sha256(key.modulus_be, key.exponent, truncated, digest));
    std::vector<uint8_t> plus_n(signature.size() + 1, 0);
    unsigned carry = 0;
    for (size_t i = signature.size(); i-- > 0;) {
        const unsigned sum = unsigned(signature[i]) + key.modulus_be[i] + carry;
        plus_n[i + 1] = uint8_t(sum);
        carry = sum >> 8;
    }
    plus_n[0] = uint8_t(carry);
    EXPECT_FALSE(verify_pkcs1_sha256(key.modulus_be, key.exponent, plus_n, digest));
    EXPECT_FALSE(verify_pkcs1_sha256(key.modulus_be, key.exponent, key.modulus_be, digest));
    EXPECT_FALSE(verify_pkcs1_sha256({}, key.exponent, signature, digest));
}

// EM = 00 01 FF..FF 00 ‖ DigestInfo ‖ digest, built by hand so it can be bent.
std::vector<uint8_t> pkcs1_em(size_t k, const std::array<uint8_t, 32>& digest) {
    const std::vector<uint8_t> digest_info = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                              0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
    std::vector<uint8_t> em(k, 0xFF);
    em[0] = 0x00;
    em[1] = 0x01;
    em[k - digest_info.size() - digest.size() - 1] = 0x00;
    std::copy(digest_info.begin(), digest_info.end(), em.end() - digest.size() - digest_info.size());
    std::copy(digest.begin(), digest.end(), em.end() - digest.size());
    return em;
}

TEST(CryptoRsaPkcs1, SignaturePlusModulusFails) {
    // s + n has the same residue as s. When it still fits in k octets, only the
    // "signature < n" rule (RFC 8017 §5.2.2 step 1) can refuse it. Look for a
    // digest whose signature leaves room for that.
    const auto& key = synth::test_key_2048_e65537();
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto digest = sha256(text("message " + std::to_string(attempt)));
        const auto signature = synth::sign_pkcs1_sha256(key, digest);
        std::vector<uint8_t> plus_n(signature.size());
        unsigned carry = 0;
        for (size_t i = signature.size(); i-- > 0;) {
            const unsigned sum = unsigned(signature[i]) + key.modulus_be[i] + carry;
            plus_n[i] = uint8_t(sum);
            carry = sum >> 8;
        }
        if (carry != 0) continue;
        ASSERT_TRUE(verify_pkcs1_sha256(key.modulus_be, key.exponent, signature, digest));
        EXPECT_FALSE(verify_pkcs1_sha256(key.modulus_be, key.exponent, plus_n, digest));
        return;
    }
    FAIL() << "no signature below 256^k - n found";
}

TEST(CryptoRsaPkcs1, ModulusTooSmallForEightPaddingOctetsFails) {
    // A 61-octet modulus leaves room for only 7 octets of FF (§9.2 step 3
    // requires 8). With e = 1 the signature is the EM itself.
    const auto digest = sample_digest256();
    const std::vector<uint8_t> modulus(61, 0xFF);
    const auto em = pkcs1_em(61, digest);
    ASSERT_EQ(std::count(em.begin(), em.end(), 0xFF), 7 + std::count(digest.begin(), digest.end(), 0xFF));
    EXPECT_FALSE(verify_pkcs1_sha256(modulus, 1, em, digest));
    EXPECT_FALSE(verify_pkcs1_sha256(std::vector<uint8_t>(8, 0xFF), 1, std::vector<uint8_t>(8, 1), digest));
}

TEST(CryptoRsaPkcs1, HandBuiltEncodingVerifies) {
    const auto& key = synth::test_key_2048_e65537();
    const auto digest = sample_digest256();
    const auto em = pkcs1_em(key.modulus_be.size(), digest);
    ASSERT_EQ(em.size(), key.modulus_be.size());
    EXPECT_TRUE(verify_pkcs1_sha256(key.modulus_be, key.exponent, sign_raw(key, em), digest));
}

TEST(CryptoRsaPkcs1, WrongPaddingShapesFail) {
    const auto& key = synth::test_key_2048_e65537();
    const auto digest = sample_digest256();
    const size_t k = key.modulus_be.size();
    const size_t separator = k - 19 - 32 - 1;
    auto rejects = [&](const std::vector<uint8_t>& em) {
        return !verify_pkcs1_sha256(key.modulus_be, key.exponent, sign_raw(key, em), digest);
    };

    auto block_type_2 = pkcs1_em(k, digest);
    block_type_2[1] = 0x02;
    EXPECT_TRUE(rejects(block_type_2));

    auto nonzero_first = pkcs1_em(k, digest);
    nonzero_first[0] = 0x01;
    EXPECT_TRUE(rejects(nonzero_first));

    auto missing_separator = pkcs1_em(k, digest);
    missing_separator[separator] = 0xFF;
    EXPECT_TRUE(rejects(missing_separator));

    auto hole_in_padding = pkcs1_em(k, digest);
    hole_in_padding[10] = 0xFE;
    EXPECT_TRUE(rejects(hole_in_padding));

    auto sha384_oid = pkcs1_em(k, digest);  // ...04 02 01 → ...04 02 02
    sha384_oid[separator + 15] = 0x02;
    EXPECT_TRUE(rejects(sha384_oid));

    auto no_null_parameters = pkcs1_em(k, digest);  // 05 00 → 04 00
    no_null_parameters[separator + 16] = 0x04;
    EXPECT_TRUE(rejects(no_null_parameters));

    // Everything shifted one octet left, leaving one trailing garbage octet.
    auto shifted = pkcs1_em(k, digest);
    shifted.erase(shifted.begin() + 2);
    shifted.push_back(0x00);
    EXPECT_TRUE(rejects(shifted));
}

// ---- RSASSA-PSS with SHA-384.

TEST(CryptoRsaPss, TestKeySignaturesVerify) {
    const auto digest = sample_digest384();
    const auto salt = sample_salt();
    for (const TestKey* key : kAllKeys) {
        const auto signature = synth::sign_pss_sha384(*key, digest, salt);
        EXPECT_EQ(signature.size(), key->modulus_be.size());
        EXPECT_TRUE(verify_pss_sha384(key->modulus_be, key->exponent, signature, digest));
    }
}

TEST(CryptoRsaPss, AnySaltVerifies) {
    // The verifier recovers the salt from the signature; it is not an input.
    const auto& key = synth::test_key_3072();
    const auto digest = sample_digest384();
    std::array<uint8_t, 48> other_salt{};
    const auto a = synth::sign_pss_sha384(key, digest, sample_salt());
    const auto b = synth::sign_pss_sha384(key, digest, other_salt);
    EXPECT_NE(a, b);
    EXPECT_TRUE(verify_pss_sha384(key.modulus_be, key.exponent, b, digest));
}

TEST(CryptoRsaPss, AnyFlippedBitFails) {
    const auto& key = synth::test_key_3072();
    const auto digest = sample_digest384();
    const auto signature = synth::sign_pss_sha384(key, digest, sample_salt());
    for (size_t byte : {size_t(0), size_t(200), signature.size() - 1}) {
        EXPECT_FALSE(verify_pss_sha384(key.modulus_be, key.exponent, flip_bit(signature, byte, 5), digest));
        EXPECT_FALSE(verify_pss_sha384(flip_bit(key.modulus_be, byte, 5), key.exponent, signature, digest));
    }
    for (size_t byte = 0; byte < digest.size(); ++byte) {
        auto wrong = digest;
        wrong[byte] ^= 0x80;
        EXPECT_FALSE(verify_pss_sha384(key.modulus_be, key.exponent, signature, wrong));
    }
    EXPECT_FALSE(verify_pss_sha384(key.modulus_be, 17, signature, digest));
}

// EMSA-PSS-ENCODE (RFC 8017 §9.1.1) written out again here, with knobs to
// produce each malformed shape the verifier must refuse.
struct PssShape {
    size_t salt_length = 48;
    uint8_t separator = 0x01;
    uint8_t trailer = 0xBC;
    bool hash_a_different_salt = false;
    bool set_unused_top_bit = false;
    bool nonzero_padding = false;
};

std::vector<uint8_t> pss_em(size_t em_bits, const std::array<uint8_t, 48>& digest, const PssShape& shape) {
    const size_t em_len = (em_bits + 7) / 8;
    const size_t db_len = em_len - 48 - 1;
    std::vector<uint8_t> salt(shape.salt_length);
    for (size_t i = 0; i < salt.size(); ++i) salt[i] = uint8_t(0x11 * i + 1);

    std::vector<uint8_t> hashed_salt = salt;
    if (shape.hash_a_different_salt) hashed_salt[0] ^= 0xFF;
    Sha384 m_prime;
    m_prime.update(std::vector<uint8_t>(8, 0));
    m_prime.update(digest);
    m_prime.update(hashed_salt);
    const auto h = m_prime.finish();

    std::vector<uint8_t> db(db_len, 0);
    if (shape.nonzero_padding) db[3] = 0x01;
    db[db_len - salt.size() - 1] = shape.separator;
    std::copy(salt.begin(), salt.end(), db.end() - salt.size());
    for (uint32_t counter = 0, done = 0; done < db_len; ++counter) {  // MGF1 (§B.2.1)
        const std::vector<uint8_t> c = {0, 0, uint8_t(counter >> 8), uint8_t(counter)};
        Sha384 mgf;
        mgf.update(h);
        mgf.update(c);
        for (uint8_t mask : mgf.finish())
            if (done < db_len) db[done++] ^= mask;
    }
    const unsigned unused_bits = unsigned(8 * em_len - em_bits);
    db[0] &= uint8_t(0xFF >> unused_bits);
    if (shape.set_unused_top_bit) db[0] |= 0x80;

    std::vector<uint8_t> em(em_len);
    std::copy(db.begin(), db.end(), em.begin());
    std::copy(h.begin(), h.end(), em.begin() + db_len);
    em.back() = shape.trailer;
    return em;
}

TEST(CryptoRsaPss, HandBuiltEncodingVerifies) {
    const auto& key = synth::test_key_2048_e65537();
    const auto digest = sample_digest384();
    const auto em = pss_em(2047, digest, {});
    EXPECT_TRUE(verify_pss_sha384(key.modulus_be, key.exponent, sign_raw(key, em), digest));
}

TEST(CryptoRsaPss, WrongEncodingShapesFail) {
    const auto& key = synth::test_key_2048_e65537();
    const auto digest = sample_digest384();
    auto rejects = [&](const PssShape& shape) {
        const auto em = pss_em(2047, digest, shape);
        return !verify_pss_sha384(key.modulus_be, key.exponent, sign_raw(key, em), digest);
    };
    EXPECT_TRUE(rejects({.trailer = 0xBD}));
    EXPECT_TRUE(rejects({.trailer = 0xCC}));
    EXPECT_TRUE(rejects({.hash_a_different_salt = true}));
    EXPECT_TRUE(rejects({.salt_length = 32}));
    EXPECT_TRUE(rejects({.salt_length = 64}));
    EXPECT_TRUE(rejects({.separator = 0x02}));
    EXPECT_TRUE(rejects({.nonzero_padding = true}));

    // emBits = 2047: the top bit of EM must be clear. The EM is still below n,
    // so it is the bit check, not the range check, that refuses it.
    const auto top_bit_em = pss_em(2047, digest, {.set_unused_top_bit = true});
    ASSERT_LT(top_bit_em[0], key.modulus_be[0]);
    EXPECT_FALSE(verify_pss_sha384(key.modulus_be, key.exponent, sign_raw(key, top_bit_em), digest));
}

TEST(CryptoRsaPss, ModulusTooSmallForHashAndSaltFails) {
    // emLen must be at least hLen + sLen + 2 = 98 octets (§9.1.2 step 3).
    const auto digest = sample_digest384();
    for (size_t length : {size_t(8), size_t(64), size_t(97)}) {
        const std::vector<uint8_t> modulus(length, 0xFF);
        std::vector<uint8_t> signature(length, 0x00);
        signature.back() = 0xBC;
        EXPECT_FALSE(verify_pss_sha384(modulus, 1, signature, digest)) << length << " octets";
    }
}

TEST(CryptoRsaPss, ModulusOneBitLongerThanWholeOctets) {
    // With modBits = 2049, emBits = 2048 and EM is one octet shorter than the
    // modulus, whose leading octet of m must then be zero. e = 1 makes the
    // signature equal m, so EMs can be placed exactly.
    std::vector<uint8_t> modulus(257, 0xFF);
    modulus[0] = 0x01;
    const auto digest = sample_digest384();
    auto em = pss_em(2048, digest, {});
    ASSERT_EQ(em.size(), 256u);

    std::vector<uint8_t> signature = {0x00};
    signature.insert(signature.end(), em.begin(), em.end());
    EXPECT_TRUE(verify_pss_sha384(modulus, 1, signature, digest));

    signature[0] = 0x01;  // m ≥ 256^emLen: I2OSP(m, emLen) fails
    EXPECT_FALSE(verify_pss_sha384(modulus, 1, signature, digest));
}

}  // namespace
}  // namespace meclean::crypto
