// The module tables inside FTPR: gen-2 $MME headers with their Huffman LLUT (formats.md
// §2.6) and gen-3 $CPD directories (§2.7), read the way me_cleaner reads them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/region_view.hpp"

namespace meclean {

// Trailing NULs removed. `ascii` is false when a byte is outside 0x00–0x7F: me_cleaner
// cannot decode such a name, so plan() refuses to work on it.
struct FixedName {
    std::string text;
    bool ascii = true;
};
FixedName read_fixed_name(std::span<const uint8_t> bytes);

struct MmeModule {
    FixedName name;
    uint32_t load_address = 0;       // +0x34
    uint32_t data_offset = 0;        // +0x38, from the manifest start
    uint32_t uncompressed_size = 0;  // +0x3C
    uint32_t compressed_size = 0;    // +0x40
    uint32_t flags = 0;              // +0x50
    unsigned compression() const { return (flags >> 4) & 7; }  // 0 stored, 1 Huffman, 2 LZMA
};

struct MmeTable {
    unsigned header_size = 0;  // 0x60 (ME 6–10), 0x80 (TXE); 0 = not recognised
    std::vector<MmeModule> modules;
};

// me_cleaner's detection of the header size and the module list (§2.8.7 steps 1–2).
// An unrecognised table gives header_size 0 (not an error); reading outside the region throws.
MmeTable read_mme_table(const RegionView& region, uint64_t ftpr_offset);

inline constexpr uint32_t kLlutBaseBias = 0x10000000;  // AddrBase is stored minus this (§2.6)

struct Llut {
    uint64_t offset = 0;  // region-relative
    uint32_t chunk_count = 0;
    uint64_t base = 0;        // virtual address of chunk 0 (AddrBase + 0x10000000, not wrapped)
    uint32_t spi_base = 0;    // +0x0C
    uint16_t correction = 0;  // u16 at +0x09
    uint32_t stream_length = 0;
    uint32_t stream_start = 0;
    uint32_t chunk_size = 0;
    std::vector<uint32_t> chunks;  // raw entries: 24-bit offset, flag byte on top
};

inline constexpr uint8_t kChunkAbsent = 0x80;

// Throws when there is no LLUT at `offset` or it leaves the region.
Llut read_llut(const RegionView& region, uint64_t offset);

struct CpdEntry {
    FixedName name;
    uint32_t offset_field = 0;  // bits [24:0] offset from $CPD, bit 25 Huffman
    uint32_t size = 0;
    uint32_t offset() const { return offset_field & 0x01FFFFFF; }
    bool huffman() const { return (offset_field >> 25) & 1; }
};

// me_cleaner walks the entries from $CPD + 0x10 whatever the header length (§2.9 item 11).
std::vector<CpdEntry> read_cpd_entries(const RegionView& region, uint64_t cpd_offset);

}  // namespace meclean
