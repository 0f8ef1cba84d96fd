// Small vocabulary shared by every part of the synthetic image builder:
// byte ranges, four-character codes, the recognisable filler pattern and the
// choice of test signing key. See image_builder.hpp for the overview.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace meclean::synth {

// A half-open byte range [offset, offset + size). Offsets in builder layouts
// are relative to the start of the buffer the builder returned (for ME
// regions: region-relative, as formats.md uses the word).
struct ByteRange {
    uint32_t offset = 0;
    uint32_t size = 0;
    uint32_t end() const { return offset + size; }
    bool empty() const { return size == 0; }
    bool contains(uint32_t at) const { return at >= offset && at < end(); }
};

// The little-endian dword whose bytes spell `text` (up to 4 ASCII chars,
// NUL-padded): fourcc("$FPT") reads back as the bytes '$' 'F' 'P' 'T'.
uint32_t fourcc(std::string_view text);

// The filler used for partition, module, chunk and metadata bytes. It is
// recognisable (even bytes hold `tag`), position-dependent (odd bytes count
// 0x00..0xFD and wrap), and never 0xFF as long as tag != 0xFF, so a test can
// tell "wiped by the cleaner" from "data" and notice data that moved.
uint8_t pattern_byte(uint8_t tag, size_t index);
void fill_pattern(std::span<uint8_t> out, uint8_t tag);

// A stable tag (0x20..0xDF, never 0xFF) derived from a partition or module
// name, so each partition's filler differs from its neighbours'.
uint8_t tag_for_name(std::string_view name);

// Which test key signs a manifest (test_public_keys.hpp). These are
// made for the tests, never Intel's: real keys are recognised by MD5, these
// are not, so the engine sees an "unknown key" (formats.md §2.8.3 step 8).
enum class SigningKey {
    Rsa2048E17,     // ME 7/8, TXE 1 style (exponent 17)
    Rsa2048E65537,  // ME 11, CSTXE style
    Rsa3072E65537,  // CSME 15+ style (RSASSA-PSS SHA-384)
};

// Byte length of the modulus of `key` (0x100 or 0x180).
uint32_t key_bytes(SigningKey key);

// 8-bit two's-complement checksum helper: the byte that makes the sum of
// `bytes` (with the checksum position already zero) equal 0 mod 256.
uint8_t zero_sum_byte(std::span<const uint8_t> bytes);

}  // namespace meclean::synth
