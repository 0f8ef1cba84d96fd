// `$FPT` partition tables (formats.md §2.2, §2.3) as the ME region builders
// write them, and the layout they report.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "synth/builder_basics.hpp"

namespace meclean::synth {

// Partition types, flags bits [6:0] (§2.3).
inline constexpr uint8_t kPartitionCode = 0;
inline constexpr uint8_t kPartitionData = 1;
inline constexpr uint8_t kPartitionNvram = 2;
inline constexpr uint8_t kPartitionGeneric = 3;
inline constexpr uint8_t kPartitionEffs = 4;
inline constexpr uint8_t kPartitionRom = 5;

inline constexpr uint32_t kNoOwner = 0xFFFFFFFF;
inline constexpr uint32_t kFptEntrySize = 0x20;
inline constexpr uint32_t kFptFlagEffsPresent = 1;  // header +0x14 bit 0 (§2.2)

// What the builder writes into a partition's bytes.
enum class PartitionContent {
    Filler,    // fill_pattern(tag_for_name(name))
    Manifest,  // the generation's code partition: $MAN / $MN2 + modules, or $CPD
    Erased,    // 0xFF
    NoData,    // nothing (NVRAM entries, placeholders)
};

struct FptPartition {
    std::string name;                  // up to 4 bytes, NUL-padded
    uint32_t owner = kNoOwner;         // raw dword; fourcc("MDID") for ASCII owners
    uint8_t type = kPartitionCode;     // flags [6:0]
    uint32_t flags_high = 0;           // ORed into the flags dword (e.g. 0xFF000000 = invalid entry)
    uint32_t length = 0x1000;          // bytes; 0 with Content::Manifest = sized to fit the content
    std::optional<uint32_t> offset;    // nullopt → placed after the previous one (NVRAM → 0xFFFFFFFF)
    PartitionContent content = PartitionContent::Filler;
    bool length_to_region_end = false; // ME 6: the entry stores 0xFFFFFFFF; data runs to the region end

    static FptPartition code(std::string name, uint32_t length);
    static FptPartition data(std::string name, uint32_t length, uint32_t owner = kNoOwner);
    static FptPartition effs(std::string name, uint32_t length);
    static FptPartition nvram(std::string name, uint32_t length);
    static FptPartition manifest_holder(std::string name, uint32_t length = 0);
    static FptPartition placeholder(std::string name);  // offset 0, length 0, flags 0xFF000000
};

// The `$FPT` header fields (§2.2).
struct FptHeaderSpec {
    bool rom_bypass_present = true;  // false: `$FPT` at region +0 (gen 1)
    std::array<uint8_t, 16> rom_bypass{0x11, 0x22, 0x33, 0x44, 0x00, 0x00, 0x00, 0x10,
                                       0x55, 0x66, 0x77, 0x08, 0x00, 0x00, 0x00, 0x20};
    uint8_t header_version = 0x20;
    uint8_t entry_version = 0x10;
    uint8_t header_length = 0x30;    // 0x30 ME ≤ 10 / TXE, 0x20 ME 11
    uint16_t flash_cycle_life = 0;
    uint16_t flash_cycle_limit = 0;
    uint32_t uma_size = 0;
    uint32_t flags = kFptFlagEffsPresent;
    std::array<uint16_t, 4> fit_version{1, 2, 3, 4};
};

struct PartitionLayout {
    std::string name;
    uint32_t entry_offset = 0;   // region offset of the 0x20-byte entry
    uint32_t offset_field = 0;   // as stored (+0x08)
    uint32_t length_field = 0;   // as stored (+0x0C)
    uint32_t flags_field = 0;    // as stored (+0x1C)
    ByteRange data;              // bytes the builder wrote; empty for NVRAM / placeholders
};

struct FptLayout {
    uint32_t fpt_offset = 0x10;      // region offset of the `$FPT` tag
    uint32_t entries_offset = 0x30;  // fpt_offset + 0x20
    uint32_t checksum_offset = 0x1B; // fpt_offset + 0x0B
    uint32_t flags_offset = 0x24;    // fpt_offset + 0x14
    ByteRange checksum_span;         // bytes whose 8-bit sum is zero
    std::vector<PartitionLayout> partitions;  // in table order

    const PartitionLayout* find(std::string_view name) const;  // nullptr if absent
};

// Rewrites the checksum byte so that the span sums to zero again; `base` is
// where the region starts inside `bytes` (tests that edit header bytes).
void recompute_fpt_checksum(std::vector<uint8_t>& bytes, const FptLayout& fpt, uint32_t base = 0);

}  // namespace meclean::synth
