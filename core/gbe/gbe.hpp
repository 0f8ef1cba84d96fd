// The GbE region: the Intel integrated network controller's NVM, two 4 KiB banks of which the
// controller uses the one marked valid. Its MAC address is the first hint whether a dump is the
// user's own board or a vendor image (all-zero, all-FF or a well-known placeholder address).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/byte_range.hpp"
#include "base/findings.hpp"
#include "base/json_writer.hpp"
#include "base/verdict.hpp"
#include "ifd/descriptor.hpp"

namespace meclean {

enum class MacKind { unique, all_zero, all_ff, multicast, placeholder };
const char* mac_kind_id(MacKind kind);  // "unique", "all_zero", "all_ff", "multicast", "placeholder"

struct GbeBank {
    unsigned number = 0;        // 0 or 1
    uint64_t offset = 0;        // file offset
    std::array<uint8_t, 6> mac{};
    std::string mac_text;       // "00:21:cc:bb:82:e8"
    uint16_t word_sum = 0;      // sum of words 0x00–0x3F
    bool checksum_ok = false;   // word_sum == 0xBABA
    bool valid = false;         // the bank signature (word 0x13 bits 15:14) is 10b
};

struct GbeInfo {
    ByteRange region;
    std::vector<GbeBank> banks;
    std::optional<unsigned> active_bank;  // the first valid bank
    std::string mac_text;                 // of the active bank, else of bank 0
    MacKind mac_kind = MacKind::unique;
    std::string placeholder_source;       // where that placeholder address comes from
    std::vector<Finding> findings;        // warnings, also added to Analysis::findings
    std::vector<CheckLine> checks;
};

// Nothing when the descriptor has no GbE region or it lies outside the image.
std::optional<GbeInfo> read_gbe(std::span<const uint8_t> image, const Descriptor& descriptor);

void write_gbe_json(JsonWriter& j, const GbeInfo& gbe);

}  // namespace meclean
