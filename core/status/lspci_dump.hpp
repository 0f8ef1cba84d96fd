// lspci output: device headers ("00:16.0 Communication controller: ...") and the hex dump of
// each device's configuration space ("40: 45 02 00 90 ..."). The MEI device keeps the firmware
// status registers there: HFSTS1 at 0x40, HFSTS2 at 0x48, HFSTS3–6 at 0x60/0x64/0x68/0x6C
// (Linux drivers/misc/mei/hw-me-regs.h, PCI_CFG_HFS_1..6).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "status/paste_text.hpp"
#include "status/status_input.hpp"

namespace meclean::paste {

class LspciReader {
public:
    // True when `line` is part of lspci output (a device header or a hex-dump row); a malformed
    // row sets `error`.
    bool take(const Line& line, std::optional<PasteError>& error);
    bool seen() const { return !blocks_.empty(); }
    unsigned first_line() const { return blocks_.empty() ? 0 : blocks_.front().first_line; }
    // Picks the MEI device's block and sets HFSTS1–6 and the device id, or sets `error`.
    void finish(PasteFacts& facts, std::optional<PasteError>& error) const;

private:
    struct Block {
        unsigned first_line = 0;
        std::string_view header;                 // empty for rows without a device header
        std::optional<uint16_t> header_device;   // "[8086:a13a]" in the header (lspci -nn)
        std::vector<uint8_t> bytes = std::vector<uint8_t>(4096, 0);
        std::vector<bool> rows = std::vector<bool>(256, false);
        unsigned last_row_line = 0;
        bool has_rows() const;
        unsigned highest_row() const;             // offset of the last row present
        std::optional<uint16_t> device_id() const;
        bool looks_like_mei() const;
    };
    bool take_row(const Line& line, std::optional<PasteError>& error);
    const Block* choose(std::optional<PasteError>& error) const;
    std::vector<Block> blocks_;
};

}  // namespace meclean::paste
