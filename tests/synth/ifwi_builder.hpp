// Synthetic CSME 12+ / CSTXE 3+ firmware (formats.md §3): CSE layout tables 1.6 and
// 1.7, boot partition descriptor tables (BPDT v1 and v2, with an S-BPDT), the FTPR
// sub-partition's `$CPD` with a signed FTPR.man, the data partition `$FPT` v2.1 with a
// CDMD build record, IFWI 2.0 boot partitions (Apollo/Gemini Lake style), and the
// descriptor's own signed manifest at +0x800 (FDV, §3.9).
//
// Like the rest of the builder it never calls the engine's parsers. All offsets in the
// returned layouts are offsets into the returned buffer (for a CSE region: region-relative).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "synth/builder_basics.hpp"
#include "synth/descriptor_builder.hpp"
#include "synth/manifest_builder.hpp"
#include "synth/me_region_builder.hpp"

namespace meclean::synth {

inline constexpr uint32_t kBpdtSignatureGreen = 0x000055AA;   // bytes AA 55 00 00 (§3.3)
inline constexpr uint32_t kBpdtSignatureYellow = 0x00AA55AA;  // recovery BPDT
inline constexpr uint32_t kBpdtHeaderSize = 0x18;
inline constexpr uint32_t kBpdtEntrySize = 12;

// BPDT sub-partition types (§3.3).
namespace bpdt_type {
inline constexpr uint32_t SMIP = 0, RBEP = 1, FTPR = 2, UCOD = 3, IBBP = 4, S_BPDT = 5, OBBP = 6, NFTP = 7,
                          ISHC = 8, DLMP = 9, UEPB = 10, UTOK = 11, UFS_PHY = 12, UFS_GPP = 13, PMCP = 14,
                          UEP = 17, OEMP = 20, XPHY = 24, DPHY = 31, PCHC = 32;
}

// ---------------------------------------------------------------- BPDT

enum class BpdtContent {
    Filler,     // pattern bytes
    Erased,     // 0xFF
    Directory,  // a small `$CPD` (v1 or v2 like the FTPR one) named `cpd_name`, one module, no manifest
    Ftpr,       // the FTPR `$CPD` with FTPR.man (BootPartitionSpec::ftpr)
    Secondary,  // the S-BPDT: a BPDT listing BootPartitionSpec::secondary, placed inside this entry
};

struct BpdtEntrySpec {
    uint32_t type = 0;
    uint32_t size = 0;  // 0: a dummy entry (offset 0, size 0). Ftpr/Secondary: 0 → sized to fit
    BpdtContent content = BpdtContent::Filler;
    std::string cpd_name;  // Directory: the `$CPD` partition name (4 chars)
    uint16_t v1_flags = 0;  // BPDT v1: the u16 after the u16 type
};

struct BootPartitionSpec {
    uint8_t version = 2;  // 1: IFWI 2.0 / CSE LT 1.6; 2: CSE LT 1.7
    bool recovery = false;  // signature 0x00AA55AA
    uint8_t config = 0;     // v2 +0x07
    uint32_t ifwi_version = 0;
    std::array<uint16_t, 4> fit_version{16, 1, 30, 2319};
    std::vector<BpdtEntrySpec> entries;    // in table order
    std::vector<BpdtEntrySpec> secondary;  // the S-BPDT's entries (when an entry has content Secondary)
    CpdSpec ftpr;                          // used by the entry with content Ftpr
    uint8_t cpd_header_version = 2;        // for Directory entries
};

struct CpdLayout {
    uint32_t offset = 0;           // `$CPD`
    uint32_t header_length = 0;    // 0x10 or 0x14
    uint32_t checksum_offset = 0;  // v1: +0x0B (8-bit); v2: +0x10 (CRC-32)
    std::vector<CpdEntryLayout> entries;  // data_offset/entry_offset are buffer offsets
    std::optional<ManifestLayout> manifest;  // FTPR.man
    uint32_t end = 0;              // one past the last byte of the directory's items
    const CpdEntryLayout* find(std::string_view name) const;
};

struct BpdtEntryLayout {
    uint32_t type = 0;
    uint32_t entry_offset = 0;  // the 12-byte entry
    ByteRange data;             // empty for dummies
    bool secondary = false;     // listed in the S-BPDT
    std::optional<CpdLayout> directory;
};

struct BootPartitionLayout {
    uint32_t offset = 0;       // the BPDT = the logical boot partition start
    uint32_t size = 0;         // max(offset + size) over the entries, i.e. the LBP size
    uint32_t crc_offset = 0;   // v2: BPDT + 8
    uint32_t entry_count = 0;
    std::optional<uint32_t> secondary_offset;  // the S-BPDT
    uint32_t secondary_entry_count = 0;
    std::vector<BpdtEntryLayout> entries;      // primary first, then secondary
    const BpdtEntryLayout* find(uint32_t type, bool secondary = false) const;
    const CpdLayout& ftpr() const;  // throws when there is none
};

struct BootPartition {
    std::vector<uint8_t> bytes;
    BootPartitionLayout layout;
};

// The bytes of a boot partition; layout offsets are `base` + offset in `bytes`.
BootPartition build_boot_partition(const BootPartitionSpec& spec, uint32_t base = 0);

// ---------------------------------------------------------------- data partition

enum class DataContent { Filler, Erased, Cdmd, Elog, Mfs };

struct DataEntrySpec {
    std::string name;
    uint32_t size = 0x1000;
    DataContent content = DataContent::Filler;
    uint32_t flags = 1;  // partition type in [6:0]: 1 = data
};

struct DataPartitionSpec {
    uint8_t header_version = 0x21;
    uint8_t flags = 0;  // +0x0B: bit 0 = redundancy
    std::array<uint16_t, 4> fit_version{16, 1, 30, 2319};
    std::vector<DataEntrySpec> entries;
    // What the CDMD build record names as the platform (§3.9), NUL-terminated in the record.
    std::string cdmd_platform = "AlderLake S Chipset - Consumer";
};

struct DataEntryLayout {
    std::string name;
    uint32_t entry_offset = 0;  // the 0x20-byte entry
    uint32_t offset_field = 0;  // as stored: relative to the `$FPT`
    ByteRange data;             // buffer offsets
};

struct DataPartitionLayout {
    uint32_t offset = 0;      // `$FPT`
    uint32_t size = 0;
    uint32_t crc_offset = 0;  // `$FPT` + 0x14
    std::vector<DataEntryLayout> entries;
    const DataEntryLayout* find(std::string_view name) const;
};

struct DataPartition {
    std::vector<uint8_t> bytes;
    DataPartitionLayout layout;
};

DataPartition build_data_partition(const DataPartitionSpec& spec, uint32_t base = 0);

// ---------------------------------------------------------------- CSE region

enum class CseLayoutVersion { v1_6, v1_7 };

struct CseRegionSpec {
    CseLayoutVersion layout = CseLayoutVersion::v1_7;
    uint8_t layout_flags = 0;  // 1.7 +0x12
    bool elog_pair = true;     // 1.7: size field 0x48 and the ELOG pointer (→ the data partition's ELOG)
    BootPartitionSpec bp1;     // at region + 0x1000
    DataPartitionSpec data;    // after BP1
    std::optional<BootPartitionSpec> bp3;  // after the data partition
    uint32_t region_size = 0;  // 0 → end of the last partition
};

struct CseRegionLayout {
    uint32_t layout_table = 0;   // region + 0
    uint32_t layout_size_field = 0;
    uint32_t layout_crc_offset = 0;  // 1.7: +0x14
    std::array<ByteRange, 5> bp{};   // as the table lists them
    ByteRange data;                  // as the table lists it
    ByteRange elog;                  // 1.7 with elog_pair
    BootPartitionLayout bp1;
    std::optional<BootPartitionLayout> bp3;
    DataPartitionLayout data_partition;
    // Offsets of the table fields (for tests that corrupt them).
    uint32_t data_offset_field = 0;
    uint32_t bp_offset_field(int n) const;  // n = 1..5
    CseLayoutVersion version = CseLayoutVersion::v1_7;
};

struct CseRegion {
    std::vector<uint8_t> bytes;
    CseRegionLayout layout;
};

CseRegion build_cse_region(const CseRegionSpec& spec);

// Presets (shapes after formats.md §3.3/§3.4 and Appendix A; sizes are small and made up).
// CSME 16.1 (ADL-S): LT 1.7, BPDT v2 (BP1 with an S-BPDT, BP3 with NFTP), `$CPD` v2,
// RSA-3072 PSS FTPR.man, data `$FPT` v2.1 with PSVN…CDMD.
CseRegionSpec csme16_region_spec();
// CSME 12 style: LT 1.6, BPDT v1, `$CPD` v1, RSA-2048 PKCS#1 FTPR.man, data `$FPT` v2.0.
CseRegionSpec csme12_region_spec();
// IFWI 2.0 (Gemini Lake style): BPDT v1 with 13 entries and an S-BPDT holding NFTP,
// FTPR `$CPD` v1 with an RSA-2048 PKCS#1 manifest, version 4.0.50.2083.
BootPartitionSpec glk_ifwi_spec();

// ---------------------------------------------------------------- checks to repair after edits

void recompute_layout_crc(std::vector<uint8_t>& bytes, uint32_t table_offset);     // LT 1.7 (§3.2)
void recompute_bpdt_crc(std::vector<uint8_t>& bytes, uint32_t bpdt_offset);        // BPDT v2 (§3.3)
void recompute_data_fpt_crc(std::vector<uint8_t>& bytes, uint32_t fpt_offset);     // `$FPT` v2.1 (§3.4)

// ---------------------------------------------------------------- descriptors and full images

// An ADL-S-like IFD v2 descriptor (Appendix A adl_ifd: FLMAP 00040003 / 73100208 / 00140170,
// FLUMAP1 MDTBA 0xC0, 115 PCH straps, byte 0x1DE = 0x10): ME region 0x1000 … 0x1000 + me_size − 1,
// BIOS after it to the end of `flash_size`.
DescriptorSpec adl_s_descriptor(uint32_t me_size, uint32_t flash_size);
// A Gemini-Lake-like descriptor (FLMAP2 = 0, ISL 23, ME region unused): BIOS 0x1000 … flash end.
DescriptorSpec glk_descriptor(uint32_t flash_size);

// Full image: descriptor, the CSE region at its ME region base, random BIOS bytes.
std::vector<uint8_t> build_full_cse_image(const DescriptorSpec& descriptor, const std::vector<uint8_t>& me_region,
                                          uint32_t flash_size);
// Full image whose BIOS region starts with `ifwi` (IFWI 2.0); the rest of the BIOS is random bytes.
std::vector<uint8_t> build_full_ifwi_image(const DescriptorSpec& descriptor, const std::vector<uint8_t>& ifwi,
                                           uint32_t flash_size);

// ---------------------------------------------------------------- FDV (§3.9)

inline constexpr uint32_t kFdvManifestOffset = 0x800;
inline constexpr uint32_t kFdvAreaEnd = 0xC00;

struct FdvManifestSpec {
    SigningKey key = SigningKey::Rsa3072E65537;  // 3072 → header 0x21000 + SHA-384; 2048 → SHA-256
    std::optional<bool> sha384;                  // nullopt → by key size, as MEA picks it
    // Eight u16 [start, end) exclusion ranges; {0, 0} = unused. Default: the manifest area
    // (range 1) and the master-access section (range 2), the standard pair.
    std::array<std::pair<uint16_t, uint16_t>, 8> ranges{{{0x800, 0xC00}, {0x80, 0x100}}};
    bool corrupt_digest = false;  // store a wrong digest
    bool omit_extension = false;  // a manifest without extension 0x17
};

struct FdvLayout {
    uint32_t manifest = kFdvManifestOffset;
    uint32_t header_length = 0;
    uint32_t size = 0;
    uint32_t extension = 0;      // tag 0x17
    uint32_t extension_size = 0; // 0x48 or 0x58
    uint32_t digest_offset = 0;  // extension + 0x28
    uint32_t digest_size = 0;    // 32 or 48
};

// Writes a signed `$MN2` manifest with extension 0x17 at image + 0x800 (the descriptor
// is image[0, 0x1000)) and stores the byte-reversed digest of the descriptor with the
// ranges filled with 0xFF. Signed with the builder's test key (the engine does not check it).
FdvLayout install_fdv_manifest(std::vector<uint8_t>& image, const FdvManifestSpec& spec);

// The digest (not reversed) of image[0, 0x1000) with the ranges filled with 0xFF.
std::vector<uint8_t> fdv_descriptor_digest(std::span<const uint8_t> image,
                                           std::span<const std::pair<uint16_t, uint16_t>> ranges, bool sha384);

}  // namespace meclean::synth
