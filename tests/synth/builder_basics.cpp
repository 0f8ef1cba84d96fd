#include "synth/builder_basics.hpp"

#include <cstring>

#include "synth/builder_internal.hpp"

namespace meclean::synth {

uint32_t fourcc(std::string_view text) {
    if (text.size() > 4) detail::fail("fourcc: more than four characters: " + std::string(text));
    uint32_t value = 0;
    for (size_t i = 0; i < text.size(); ++i) value |= uint32_t(uint8_t(text[i])) << (8 * i);
    return value;
}

uint8_t pattern_byte(uint8_t tag, size_t index) {
    if (index % 2 == 0) return tag;
    return uint8_t((index / 2) % 0xFE);  // 0x00..0xFD: never 0xFF
}

void fill_pattern(std::span<uint8_t> out, uint8_t tag) {
    for (size_t i = 0; i < out.size(); ++i) out[i] = pattern_byte(tag, i);
}

uint8_t tag_for_name(std::string_view name) {
    uint32_t h = 2166136261u;  // FNV-1a: stable and spreads short names apart
    for (char c : name) h = (h ^ uint8_t(c)) * 16777619u;
    return uint8_t(0x20 + (h % 0xC0));
}

uint32_t key_bytes(SigningKey key) {
    return key == SigningKey::Rsa3072E65537 ? 0x180 : 0x100;
}

uint8_t zero_sum_byte(std::span<const uint8_t> bytes) {
    unsigned sum = 0;
    for (uint8_t b : bytes) sum += b;
    return uint8_t((0x100 - (sum & 0xFF)) & 0xFF);
}

namespace detail {

void fail(const std::string& what) { throw std::invalid_argument("image builder: " + what); }

static void check_range(const std::vector<uint8_t>& buf, size_t at, size_t length) {
    if (at > buf.size() || length > buf.size() - at)
        fail("write of " + std::to_string(length) + " bytes at " + std::to_string(at) +
             " outside a buffer of " + std::to_string(buf.size()));
}

void put_u8(std::vector<uint8_t>& buf, size_t at, uint8_t value) {
    check_range(buf, at, 1);
    buf[at] = value;
}

void put_u16(std::vector<uint8_t>& buf, size_t at, uint16_t value) {
    check_range(buf, at, 2);
    buf[at] = uint8_t(value);
    buf[at + 1] = uint8_t(value >> 8);
}

void put_u32(std::vector<uint8_t>& buf, size_t at, uint32_t value) {
    check_range(buf, at, 4);
    for (int i = 0; i < 4; ++i) buf[at + i] = uint8_t(value >> (8 * i));
}

void put_bytes(std::vector<uint8_t>& buf, size_t at, std::span<const uint8_t> bytes) {
    check_range(buf, at, bytes.size());
    if (!bytes.empty()) std::memcpy(buf.data() + at, bytes.data(), bytes.size());
}

void put_name(std::vector<uint8_t>& buf, size_t at, std::string_view text, size_t width) {
    if (text.size() > width) fail("name '" + std::string(text) + "' longer than " + std::to_string(width));
    check_range(buf, at, width);
    for (size_t i = 0; i < width; ++i) buf[at + i] = i < text.size() ? uint8_t(text[i]) : 0;
}

void put_pattern(std::vector<uint8_t>& buf, size_t at, size_t length, uint8_t tag) {
    check_range(buf, at, length);
    fill_pattern(std::span<uint8_t>(buf.data() + at, length), tag);
}

uint32_t get_u32(const std::vector<uint8_t>& buf, size_t at) {
    check_range(buf, at, 4);
    return uint32_t(buf[at]) | uint32_t(buf[at + 1]) << 8 | uint32_t(buf[at + 2]) << 16 |
           uint32_t(buf[at + 3]) << 24;
}

}  // namespace detail
}  // namespace meclean::synth
