// Reading pasted tool output: lines with their numbers, labels compared without regard to case,
// hexadecimal values and version numbers with the column they start at. Columns are 0-based
// here and 1-based in PasteError.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace meclean::paste {

struct Line {
    unsigned number = 0;    // 1-based
    std::string_view text;  // without the line break
};

std::vector<Line> split_lines(std::string_view text);
size_t first_non_space(std::string_view text);  // text.size() when blank
size_t skip_spaces(std::string_view text, size_t at);
bool is_blank(std::string_view text);
bool equal_nocase(std::string_view a, std::string_view b);
bool starts_with_nocase(std::string_view text, std::string_view prefix);
bool contains_nocase(std::string_view text, std::string_view needle);
bool is_hex_digit(char c);

// When `text` (after leading spaces) starts with `label`, then optional spaces and ':' or '=':
// where the value starts. `separator_optional` also accepts a label followed by a space only
// ("ME: Firmware Version 11.6.1212.13").
std::optional<size_t> value_after_label(std::string_view text, std::string_view label, bool separator_optional = false);

// A run of hex digits at `at` (leading spaces skipped), with or without "0x".
struct HexToken {
    uint64_t value = 0;
    size_t column = 0;   // where the token starts ("0x" included)
    size_t length = 0;   // characters in the token
    size_t digits = 0;   // hex digits after any "0x"
    bool prefixed = false;
    bool overflow = false;       // more than 16 digits
    bool clean_end = true;       // followed by the end of the line, a space, ',' or ';'
};
std::optional<HexToken> read_hex(std::string_view text, size_t at);

// The whitespace-separated token starting at `at` (for messages).
std::string_view token_at(std::string_view text, size_t at);

}  // namespace meclean::paste
