// CSME 12+ and CSTXE 3+ firmware: CSE layout tables, boot partition descriptor tables
// (BPDT), sub-partition directories ($CPD) and the data-partition $FPT (formats.md §3).
// me_cleaner cannot read these; meclean reads them (read-only) to report what they hold.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include <vector>

#include "base/findings.hpp"
#include "me/firmware.hpp"

namespace meclean {

struct CpdItem {
    std::string name;
    uint64_t offset = 0;  // file offset
    uint32_t size = 0;
    bool huffman = false;
};

struct CpdDirectory {
    uint64_t offset = 0;  // file offset of "$CPD"
    unsigned header_version = 0;
    std::string partition_name;
    bool integrity_ok = false;  // v1: 8-bit checksum, v2: CRC-32
    std::vector<CpdItem> items;
};

struct BpdtEntry {
    unsigned type = 0;
    std::string name;     // sub-partition name by type (formats.md §3.3)
    uint64_t offset = 0;  // file offset (entries are relative to the logical boot partition)
    uint32_t size = 0;
    bool secondary = false;  // listed in the S-BPDT
    std::optional<CpdDirectory> directory;
};

struct Bpdt {
    uint64_t offset = 0;  // file offset
    unsigned version = 0;
    bool recovery = false;            // the "yellow" signature 0x00AA55AA
    std::optional<bool> crc_ok;       // version 2 only
    std::string fit_version;
    std::vector<BpdtEntry> entries;   // including those of the S-BPDT
};

struct CseDataPartition {
    uint64_t offset = 0;  // file offset of its $FPT
    unsigned header_version = 0;
    std::optional<bool> crc_ok;  // header version 0x21
    std::vector<FptEntry> entries;  // offsets relative to the $FPT
};

// What the CSE layout says; `manifest.offset` is a file offset here.
struct CseFirmware {
    std::string layout;          // "CSE layout table 1.7", "CSE layout table 1.6", "IFWI 2.0 BPDT"
    uint64_t layout_offset = 0;  // file offset of the table (or of the BPDT)
    std::optional<bool> layout_crc_ok;  // layout table 1.7
    std::optional<CseDataPartition> data_partition;
    std::vector<Bpdt> boot_partitions;
    std::optional<CpdDirectory> ftpr;
    std::optional<Manifest> manifest;  // FTPR.man; offset is a file offset here
    std::string version;               // "16.1.30.2307"
    std::string build_target;          // from the CDMD build record: "AlderLake S Chipset - Consumer - SPI - B0"
    std::vector<Finding> findings;
};

// Looks for a CSE layout table or a BPDT at `start` (file offset) and reads the firmware
// it describes, staying inside [start, end). Nothing when neither is there. Never throws:
// malformed tables become findings.
std::optional<CseFirmware> read_cse_firmware(std::span<const uint8_t> image, uint64_t start, uint64_t end);

// One line for people: "CSE firmware 16.1.30.2307 (CSE layout table 1.7 at 0x1000), FTPR
// signature valid (RSA-3072 PSS SHA-384)".
std::string describe_cse(const CseFirmware& cse);

// "CSTXE" for the TXE 3/4 firmware of Apollo and Gemini Lake (major version 3 or 4), else "CSME".
const char* cse_name(const CseFirmware& cse);

}  // namespace meclean
