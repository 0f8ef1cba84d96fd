#include "status/lspci_dump.hpp"

#include "base/text.hpp"
#include "status/mei_devices.hpp"

namespace meclean::paste {
namespace {

constexpr uint16_t kIntelVendor = 0x8086;
constexpr unsigned kRowBytes = 16;
// Where the MEI device keeps HFSTS1..6 in its configuration space (hw-me-regs.h).
constexpr unsigned kRegisterOffsets[6] = {0x40, 0x48, 0x60, 0x64, 0x68, 0x6C};

bool hex_run(std::string_view text, size_t at, size_t count) {
    if (at + count > text.size()) return false;
    for (size_t i = 0; i < count; ++i) {
        if (!is_hex_digit(text[at + i])) return false;
    }
    return true;
}

// "00:16.0 ", "0000:00:16.0 " at the start of an unindented line.
bool is_device_header(std::string_view text) {
    size_t at = 0;
    if (hex_run(text, 0, 4) && text.size() > 4 && text[4] == ':' && hex_run(text, 5, 2) && text.size() > 7 &&
        text[7] == ':') {
        at = 5;
    }
    return hex_run(text, at, 2) && text.size() > at + 7 && text[at + 2] == ':' && hex_run(text, at + 3, 2) &&
           text[at + 5] == '.' && text[at + 6] >= '0' && text[at + 6] <= '7' && text[at + 7] == ' ';
}

// "40: " or "100: " at the start of an unindented line.
std::optional<size_t> row_prefix_length(std::string_view text) {
    for (size_t digits : {size_t{2}, size_t{3}}) {
        if (hex_run(text, 0, digits) && text.size() > digits + 1 && text[digits] == ':' && text[digits + 1] == ' ') {
            return digits;
        }
    }
    return std::nullopt;
}

std::optional<uint16_t> bracketed_intel_id(std::string_view header) {
    size_t at = header.find("[8086:");
    if (at == std::string_view::npos || !hex_run(header, at + 6, 4)) return std::nullopt;
    auto token = read_hex(header, at + 6);
    return token ? std::optional<uint16_t>(uint16_t(token->value)) : std::nullopt;
}

PasteError error_at(std::string what, unsigned line, unsigned column) {
    return PasteError{std::move(what), line, column, std::nullopt};
}

uint32_t le32_at(const std::vector<uint8_t>& b, unsigned at) {
    return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 | uint32_t(b[at + 3]) << 24;
}

}  // namespace

bool LspciReader::Block::has_rows() const {
    for (bool r : rows) {
        if (r) return true;
    }
    return false;
}

unsigned LspciReader::Block::highest_row() const {
    for (unsigned i = unsigned(rows.size()); i-- > 0;) {
        if (rows[i]) return i * kRowBytes;
    }
    return 0;
}

std::optional<uint16_t> LspciReader::Block::device_id() const {
    if (rows[0] && (bytes[0] | bytes[1] << 8) == kIntelVendor) return uint16_t(bytes[2] | bytes[3] << 8);
    return header_device;
}

bool LspciReader::Block::looks_like_mei() const {
    if (auto id = device_id(); id && find_mei_device(*id)) return true;
    return contains_nocase(header, "HECI") || contains_nocase(header, "MEI ") ||
           contains_nocase(header, "Management Engine");
}

bool LspciReader::take(const Line& line, std::optional<PasteError>& error) {
    if (is_device_header(line.text)) {
        Block block;
        block.first_line = line.number;
        block.header = line.text;
        block.header_device = bracketed_intel_id(line.text);
        blocks_.push_back(std::move(block));
        return true;
    }
    return take_row(line, error);
}

bool LspciReader::take_row(const Line& line, std::optional<PasteError>& error) {
    auto prefix = row_prefix_length(line.text);
    if (!prefix) return false;
    if (blocks_.empty()) {
        blocks_.emplace_back();
        blocks_.back().first_line = line.number;
    }
    Block& block = blocks_.back();
    unsigned offset = unsigned(read_hex(line.text, 0)->value);
    if (offset % kRowBytes != 0 || offset >= block.bytes.size()) {
        error = error_at("“" + std::string(line.text.substr(0, *prefix)) +
                               ":” is not the offset of a 16-byte row of a configuration-space dump",
                           line.number, 1);
        return true;
    }
    unsigned count = 0;
    for (size_t at = skip_spaces(line.text, *prefix + 1); at < line.text.size(); at = skip_spaces(line.text, at)) {
        std::string_view token = token_at(line.text, at);
        if (token.size() != 2 || !hex_run(token, 0, 2) || count == kRowBytes) {
            error = error_at("“" + std::string(token) + "” is not one byte of an lspci hex dump (“" +
                                   std::string(line.text.substr(0, *prefix)) + ": xx xx …”, 16 bytes a row)",
                               line.number, unsigned(at + 1));
            return true;
        }
        block.bytes[offset + count++] = uint8_t(read_hex(token, 0)->value);
        at += token.size();
    }
    if (count != kRowBytes) {
        error = error_at("row " + hex(offset, 2) + " of the lspci dump holds " + decimal(count) +
                               " bytes instead of 16: the paste is cut off",
                           line.number, unsigned(line.text.size() + 1));
        return true;
    }
    block.rows[offset / kRowBytes] = true;
    block.last_row_line = line.number;
    return true;
}

const LspciReader::Block* LspciReader::choose(std::optional<PasteError>& error) const {
    std::vector<const Block*> with_rows, mei;
    for (const Block& b : blocks_) {
        if (!b.has_rows()) continue;
        with_rows.push_back(&b);
        if (b.looks_like_mei()) mei.push_back(&b);
    }
    if (with_rows.empty()) {
        error = error_at("this lspci output has no hex dump of the configuration space: run “sudo lspci -vvv -xxx -s "
                           "00:16.0” (the MEI device) and paste all of it",
                           blocks_.front().first_line, 0);
        return nullptr;
    }
    if (with_rows.size() == 1) return with_rows.front();
    if (!mei.empty()) return mei.front();  // HECI #1 (00:16.0) comes before #2 (00:16.1)
    error = error_at("this lspci output holds " + decimal(with_rows.size()) +
                           " devices and none of them is the MEI device (HECI #1, usually 00:16.0): run “sudo lspci "
                           "-vvv -xxx -s 00:16.0”",
                       blocks_.front().first_line, 0);
    return nullptr;
}

void LspciReader::finish(PasteFacts& facts, std::optional<PasteError>& error) const {
    const Block* block = choose(error);
    if (!block) return;
    unsigned highest = block->highest_row();
    if (!block->rows[0x40 / kRowBytes]) {
        error = error_at("the configuration-space dump stops at row " + hex(highest, 2) +
                               ": the status registers start at 0x40. Without root, or with -x, lspci shows only the "
                               "first 64 bytes; run “sudo lspci -vvv -xxx -s 00:16.0”",
                           block->last_row_line, 0);
        return;
    }
    // A dump that runs from 0x00 and stops before 0x60 was cut off; a lone row 0x40 was picked by hand.
    bool from_start = block->rows[0];
    if (!block->rows[0x60 / kRowBytes] && from_start) {
        error = error_at("the configuration-space dump stops at row " + hex(highest, 2) +
                               ": HFSTS3–6 at 0x60–0x6f are missing (the paste is cut off)",
                           block->last_row_line, 0);
        return;
    }
    for (size_t i = 0; i < 6; ++i) {
        unsigned at = kRegisterOffsets[i];
        if (block->rows[at / kRowBytes]) facts.words.hfsts[i] = le32_at(block->bytes, at);
    }
    if (auto id = block->device_id()) facts.device_id = id;
}

}  // namespace meclean::paste
