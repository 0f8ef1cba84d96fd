#include "status/paste_text.hpp"

namespace meclean::paste {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

unsigned hex_value(char c) {
    if (c >= '0' && c <= '9') return unsigned(c - '0');
    return unsigned(lower(c) - 'a' + 10);
}

}  // namespace

size_t skip_spaces(std::string_view text, size_t at) {
    while (at < text.size() && is_space(text[at])) ++at;
    return at;
}

std::vector<Line> split_lines(std::string_view text) {
    std::vector<Line> lines;
    unsigned number = 1;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back({number++, line});
        if (end == text.size()) break;
        start = end + 1;
    }
    return lines;
}

size_t first_non_space(std::string_view text) { return skip_spaces(text, 0); }

bool is_blank(std::string_view text) { return first_non_space(text) == text.size(); }

bool equal_nocase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && equal_nocase(text.substr(0, prefix.size()), prefix);
}

bool contains_nocase(std::string_view text, std::string_view needle) {
    if (needle.size() > text.size()) return false;
    for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
        if (equal_nocase(text.substr(i, needle.size()), needle)) return true;
    }
    return false;
}

bool is_hex_digit(char c) {
    return (c >= '0' && c <= '9') || (lower(c) >= 'a' && lower(c) <= 'f');
}

std::optional<size_t> value_after_label(std::string_view text, std::string_view label, bool separator_optional) {
    size_t at = first_non_space(text);
    if (!starts_with_nocase(text.substr(at), label)) return std::nullopt;
    at += label.size();
    size_t after_label = at;
    at = skip_spaces(text, at);
    if (at < text.size() && (text[at] == ':' || text[at] == '=')) return skip_spaces(text, at + 1);
    // Without a separator the label must be followed by a space.
    if (separator_optional && at > after_label) return at;
    return std::nullopt;
}

std::optional<HexToken> read_hex(std::string_view text, size_t at) {
    at = skip_spaces(text, at);
    if (at >= text.size()) return std::nullopt;
    HexToken t;
    t.column = at;
    size_t i = at;
    if (i + 1 < text.size() && text[i] == '0' && lower(text[i + 1]) == 'x') {
        t.prefixed = true;
        i += 2;
    }
    while (i < text.size() && is_hex_digit(text[i])) {
        if (t.digits == 16) t.overflow = true;
        if (!t.overflow) t.value = t.value << 4 | hex_value(text[i]);
        ++t.digits;
        ++i;
    }
    if (t.digits == 0) return std::nullopt;
    t.length = i - at;
    t.clean_end = i == text.size() || is_space(text[i]) || text[i] == ',' || text[i] == ';';
    return t;
}

std::string_view token_at(std::string_view text, size_t at) {
    at = skip_spaces(text, at);
    size_t end = at;
    while (end < text.size() && !is_space(text[end])) ++end;
    return text.substr(at, end - at);
}

}  // namespace meclean::paste
