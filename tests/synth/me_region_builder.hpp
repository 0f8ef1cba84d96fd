// Synthetic ME/TXE regions for the three me_cleaner generations
// (formats.md §2.4): gen 1 `$FPT` + `CODE`/`$MAN`, gen 2 `$FPT` + FTPR
// `$MN2` + `$MME` modules + LLUT, gen 3 `$FPT` + FTPR `$CPD` + FTPR.man.
// All offsets in the returned layouts are region-relative.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "synth/builder_basics.hpp"
#include "synth/fpt_builder.hpp"
#include "synth/manifest_builder.hpp"

namespace meclean::synth {

// ---------------------------------------------------------------- gen 2

// Compression, `$MME` flags bits [6:4] (§2.6). Other values (3..7) may be
// cast in; their data is laid out like stored data.
enum class Compression : uint8_t { Stored = 0, Huffman = 1, Lzma = 2 };

inline constexpr uint32_t kModuleHeaderSizeMe = 0x60;   // ME 6–10
inline constexpr uint32_t kModuleHeaderSizeTxe = 0x80;  // TXE 1–2
inline constexpr uint32_t kGen2ModuleHeadersAt = 0x290;  // manifest + 0x290 (§2.6)
inline constexpr uint32_t kGen2PartitionNameAt = 0x284;  // manifest + 0x284 (§2.5)
inline constexpr uint32_t kLlutHeaderSize = 0x40;
inline constexpr uint8_t kChunkAbsent = 0x80;             // chunk flag "not present" (§2.6)

struct Gen2Module {
    std::string name;                        // up to 16 bytes
    Compression compression = Compression::Lzma;
    uint32_t uncompressed_size = 0x4000;     // +0x3C; for Huffman: chunks = ceil(size / chunk size)
    uint32_t compressed_size = 0;            // bytes stored (+0x40) for non-Huffman; 0 → size (Stored) or size/2
    uint32_t extra_flags = 0;                // ORed into +0x50 besides the compression bits
};

// The shared Huffman lookup table (§2.6).
struct HuffmanSpec {
    uint32_t addr_base = 0x10040000;         // its u16 at +9 (0x0400 here) is the "correction"
    uint32_t chunk_size = 0x400;
    uint32_t leading_chunks = 0;             // present chunks before the first Huffman module
    uint32_t trailing_chunks = 0;            // present chunks after the last one
    std::vector<uint32_t> absent_chunks;     // chunk indices written with flag 0x80, offset 0
    // Present chunks cycle through these flag bytes (me_cleaner only tests 0x80).
    std::vector<uint8_t> present_flags{0x00, 0x40, 0xC0};
};

struct Gen2FtprSpec {
    ManifestSpec manifest;                   // tag $MN2; module count is written at +0x20
    std::string partition_name = "FTPR";     // written at manifest + 0x284
    uint32_t module_header_size = kModuleHeaderSizeMe;
    std::vector<Gen2Module> modules;
    HuffmanSpec huffman;
    bool ignition_sku_marker = false;        // ME 6 Ignition `$SKU` record (§2.8.5)
};

struct Gen2RegionSpec {
    FptHeaderSpec fpt;                       // header length 0x30, EFFS flag set
    std::vector<FptPartition> partitions;    // exactly one with content Manifest
    Gen2FtprSpec ftpr;
    uint32_t region_size = 0;                // 0 → last partition end rounded up to 4 KiB
};

struct Gen2ModuleLayout {
    std::string name;
    Compression compression = Compression::Stored;
    uint32_t header_offset = 0;      // region offset of the `$MME` header
    uint32_t data_offset = 0;        // region offset +0x38 points at (the LLUT for Huffman)
    uint32_t data_size = 0;          // +0x40
    uint32_t uncompressed_size = 0;  // +0x3C
    uint32_t load_address = 0;       // +0x34
    uint32_t first_chunk = 0;        // Huffman: chunks the builder gave this module
    uint32_t chunk_count = 0;
};

struct LlutChunk {
    uint32_t index = 0;
    bool present = false;
    uint8_t flags = 0;
    uint32_t offset = 0;   // region offset of the compressed bytes (0 when absent)
    uint32_t size = 0;     // compressed bytes; the next chunk starts at offset + size
    int module = -1;       // index into Gen2Layout::modules, −1 for leading/trailing chunks
};

struct LlutLayout {
    uint32_t offset = 0;           // region offset of 'LLUT'
    uint32_t chunk_count = 0;
    uint32_t addr_base = 0;        // +0x08 as stored
    uint32_t spi_base = 0;         // +0x0C: spi_base + correction == table_offset
    uint16_t correction = 0;       // u16 at +0x09
    uint32_t chunk_size = 0;       // +0x30
    uint32_t table_offset = 0;     // offset + 0x40
    uint32_t stream_offset = 0;    // +0x14
    uint32_t stream_length = 0;    // +0x10
    uint32_t module_base = 0;      // addr_base + 0x10000000 (what load addresses count from)
    std::vector<LlutChunk> chunks;
};

struct Gen2Layout {
    FptLayout fpt;
    ByteRange ftpr;                       // the manifest partition as placed
    ManifestLayout manifest;              // at ftpr.offset
    uint32_t module_header_size = 0;
    std::vector<Gen2ModuleLayout> modules;
    std::optional<LlutLayout> llut;
    std::optional<uint32_t> sku_marker_offset;  // region offset of `$SKU`
    uint32_t ftpr_data_end = 0;           // one past the last byte written inside FTPR
};

struct Gen2Region {
    std::vector<uint8_t> bytes;
    Gen2Layout layout;
};

Gen2Region build_gen2_region(const Gen2RegionSpec& spec);

// Presets. Versions, sizes and filler are made up; the shapes follow the
// Appendix A samples.
Gen2RegionSpec me7_region_spec();           // t420-like: FOVD…NV*, FTPR (Huffman + LZMA + stored), NFTP
Gen2RegionSpec txe1_region_spec();          // byt-like: 0x80-byte headers, LZMA/stored only, version 1.x
Gen2RegionSpec me6_ignition_region_spec();  // version 6, `$SKU` marker, last entry length 0xFFFFFFFF

// ---------------------------------------------------------------- gen 3

inline constexpr uint32_t kCpdEntrySize = 0x18;
inline constexpr uint32_t kCpdHuffmanBit = 1u << 25;  // entry +0x0C bit 25 (§2.7)

struct CpdModule {
    std::string name;                // up to 12 bytes
    uint32_t data_size = 0x3000;     // bytes placed
    uint32_t declared_size = 0;      // entry +0x10; 0 → data_size
    bool huffman = false;
    bool with_metadata = true;       // adds a "<name>.met" entry
    bool empty_entry = false;        // CSME 16 style: offset 0, size 0, no data, no .met (§2.9 item 12)
};

struct CpdSpec {
    uint8_t header_version = 1;      // 1: 0x10-byte header + 8-bit checksum; 2: 0x14 + CRC-32
    std::string partition_name = "FTPR";
    ManifestSpec manifest;           // build tag at +0x20
    uint32_t manifest_extension_size = 0x300;  // signed bytes after the manifest header
    uint32_t metadata_size = 0x60;
    uint32_t item_alignment = 0x10;
    std::vector<CpdModule> modules;
};

struct Gen3RegionSpec {
    FptHeaderSpec fpt;               // header length 0x20
    std::vector<FptPartition> partitions;
    CpdSpec ftpr;
    uint32_t region_size = 0;
};

struct CpdEntryLayout {
    std::string name;
    uint32_t entry_offset = 0;       // region offset of the 0x18-byte entry
    uint32_t offset_field = 0;       // as stored (+0x0C), flag bits included
    uint32_t data_offset = 0;        // region offset of the item
    uint32_t data_size = 0;          // bytes placed
    uint32_t size_field = 0;         // as stored (+0x10)
};

struct Gen3Layout {
    FptLayout fpt;
    ByteRange ftpr;
    uint32_t cpd_offset = 0;         // == ftpr.offset
    uint32_t cpd_header_length = 0;  // 0x10 or 0x14
    uint32_t cpd_checksum_offset = 0;  // v1: +0x0B; v2: +0x10 (CRC-32)
    std::vector<CpdEntryLayout> entries;  // in directory order
    ManifestLayout manifest;
    uint32_t ftpr_data_end = 0;

    const CpdEntryLayout* find(std::string_view name) const;
};

struct Gen3Region {
    std::vector<uint8_t> bytes;
    Gen3Layout layout;
};

Gen3Region build_gen3_region(const Gen3RegionSpec& spec);

// Rewrites the `$CPD` checksum (v1) or CRC-32 (v2) after a test edited entries.
void recompute_cpd_checksum(std::vector<uint8_t>& bytes, uint32_t cpd_offset);

Gen3RegionSpec me11_region_spec();     // x210-like; rbe, kernel, syslib, bup + pm, vfs, fptemp, …
Gen3RegionSpec csme15_region_spec();   // `$CPD` v2 and a 3072-bit PSS manifest (update-image style)

// ---------------------------------------------------------------- gen 1

struct Gen1RegionSpec {
    FptHeaderSpec fpt;                    // no ROM bypass: `$FPT` at +0
    std::vector<FptPartition> partitions; // the Manifest one (CODE) gets the `$MAN` manifest
    ManifestSpec manifest;                // tag $MAN
    uint32_t manifest_body_size = 0x400;  // signed filler after the header
    uint32_t module_data_size = 0x2000;   // unsigned filler after the manifest, inside CODE
    uint32_t region_size = 0;
};

struct Gen1Layout {
    FptLayout fpt;
    ByteRange code;
    ManifestLayout manifest;
};

struct Gen1Region {
    std::vector<uint8_t> bytes;
    Gen1Layout layout;
};

Gen1Region build_gen1_region(const Gen1RegionSpec& spec);
Gen1RegionSpec me5_region_spec();

}  // namespace meclean::synth
