#include "base/text.hpp"
#include "status/paste_parser.hpp"

#include "status/paste_reader.hpp"

namespace meclean {

PasteParse parse_status_paste(std::string_view text) { return paste::Reader().read(text); }

std::optional<std::array<uint16_t, 4>> parse_sysfs_fw_ver(std::string_view text) {
    std::vector<paste::Line> lines = paste::split_lines(text);
    std::string_view first = lines.empty() ? std::string_view() : lines.front().text;
    size_t colon = first.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    return parse_version(first, colon + 1);
}

std::optional<uint16_t> parse_sysfs_device_id(std::string_view text) {
    auto token = paste::read_hex(text, 0);
    if (!token || !token->clean_end || token->digits > 4) return std::nullopt;
    return uint16_t(token->value);
}

}  // namespace meclean
