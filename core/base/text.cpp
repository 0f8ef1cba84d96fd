#include "base/text.hpp"

namespace meclean {

std::string hex_digits(uint64_t value, int digits) {
    static const char kDigits[] = "0123456789abcdef";
    std::string out;
    do {
        out.insert(out.begin(), kDigits[value & 0xF]);
        value >>= 4;
    } while (value != 0);
    while (static_cast<int>(out.size()) < digits) out.insert(out.begin(), '0');
    return out;
}

std::string hex(uint64_t value, int digits) { return "0x" + hex_digits(value, digits); }

std::string hex_bytes(std::span<const uint8_t> bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (uint8_t b : bytes) out += hex_digits(b, 2);
    return out;
}

std::string decimal(uint64_t value) { return std::to_string(value); }

std::string pad_right(const std::string& text, size_t width) {
    return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

// Python's str.format "^" puts the odd extra space on the right.
std::string centre(const std::string& text, size_t width) {
    if (text.size() >= width) return text;
    size_t total = width - text.size();
    size_t left = total / 2;
    return std::string(left, ' ') + text + std::string(total - left, ' ');
}

std::string size_text(uint64_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return decimal(bytes >> 20) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return decimal(bytes >> 10) + " KiB";
    return hex(bytes) + " bytes";
}

std::string version_text(const std::array<uint16_t, 4>& v) {
    return decimal(v[0]) + "." + decimal(v[1]) + "." + decimal(v[2]) + "." + decimal(v[3]);
}

std::optional<std::array<uint16_t, 4>> parse_version(std::string_view text, size_t at) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    std::array<uint16_t, 4> version{};
    size_t parts = 0;
    while (parts < 4 && at < text.size() && text[at] >= '0' && text[at] <= '9') {
        unsigned value = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            value = value * 10 + unsigned(text[at] - '0');
            if (value > 0xFFFF) return std::nullopt;
            ++at;
        }
        version[parts++] = uint16_t(value);
        if (at + 1 < text.size() && text[at] == '.' && text[at + 1] >= '0' && text[at + 1] <= '9') ++at;
        else break;
    }
    // A lone number is not a version ("Version 2" could be anything); "11.8" is.
    if (parts < 2) return std::nullopt;
    return version;
}

}  // namespace meclean
