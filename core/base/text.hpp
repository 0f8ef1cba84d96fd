// Small text helpers (no iostreams: they would triple the size of the wasm module).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace meclean {

// "0x1a7010": lower-case hex with the 0x prefix, at least `digits` digits.
std::string hex(uint64_t value, int digits = 1);
// "001a7010": lower-case hex without prefix, zero-padded to `digits`.
std::string hex_digits(uint64_t value, int digits);
std::string hex_bytes(std::span<const uint8_t> bytes);
std::string decimal(uint64_t value);
// "8 MiB", "4 KiB", "0x1234 bytes": whole mebibytes or kibibytes in words, anything else in hex.
std::string size_text(uint64_t bytes);
// A firmware version as people write it: "7.1.80.1214".
std::string version_text(const std::array<uint16_t, 4>& version);
// The version at `at` ("11.8.50.3425", leading blanks skipped): 2 to 4 dotted numbers, missing
// parts zero; nothing when there is none.
std::optional<std::array<uint16_t, 4>> parse_version(std::string_view text, size_t at = 0);
// Pads on the right (left-aligned) or centres within `width` columns, as Python's format does.
std::string pad_right(const std::string& text, size_t width);
std::string centre(const std::string& text, size_t width);

}  // namespace meclean
