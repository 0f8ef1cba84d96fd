// What inspect() finds in an image. Read-only facts; everything the page, the CLI
// and plan() need comes from here. Offsets are file offsets unless a field says
// "region-relative" (relative to the first byte of the ME region).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fdv.hpp"
#include "findings.hpp"
#include "platform.hpp"

namespace meclean {

enum class ImageKind { unknown, full, me_only };
const char* image_kind_name(ImageKind kind);

struct FlashRegion {
    int index = 0;
    std::string name;
    uint32_t raw = 0;    // the FLREG dword
    uint64_t base = 0;   // first byte
    uint64_t limit = 0;  // last byte (inclusive)
    bool used = false;
};

struct FlashMaster {
    int index = 0;  // 1 = host/BIOS, 2 = ME, 3 = GbE, ...
    std::string name;
    uint32_t raw = 0;
    uint32_t read_regions = 0;   // bit n = may read region n
    uint32_t write_regions = 0;  // bit n = may write region n
};

// The component section at FCBA (formats.md §1.3).
struct FlashComponents {
    bool present = false;     // false when FCBA lies outside the file
    uint32_t flcomp = 0, flill = 0;
    uint32_t flill1_or_flpb = 0;  // FLILL1 on IFD v2 (Sunrise Point on), FLPB before
    unsigned chips = 1;           // NC + 1
    bool four_bit_density = false;  // Lynx Point and later, every v2 (§1.3)
    std::array<unsigned, 2> density_code{};
    std::array<uint64_t, 2> density{};  // bytes; 0 for a chip that is absent (code 0xF) or not counted
    uint64_t total_size() const { return density[0] + (chips > 1 ? density[1] : 0); }
};

// One ME VSCC table entry (FLUMAP1 VTBA/VTL): the JEDEC ID of a supported chip and its VSCC word.
struct VsccEntry {
    uint32_t jid = 0;
    uint32_t vscc = 0;
};

struct Descriptor {
    uint64_t signature_offset = 0;  // 0x0 (ICH8–10) or 0x10
    uint32_t flmap0 = 0, flmap1 = 0, flmap2 = 0;
    uint32_t fcba = 0, frba = 0, fmba = 0, fpsba = 0, fmsba = 0;
    unsigned pch_strap_count = 0, north_strap_count = 0;
    int ifd_version = 1;  // 2 when the region section has room for 16 slots (formats.md §1.6)
    std::vector<FlashRegion> regions;
    std::vector<FlashMaster> masters;
    std::vector<uint32_t> pch_straps;
    std::vector<uint32_t> north_straps;
    // Added for the full dump (issue 4): FLMAP3 (500-series on), the upper map, the component
    // section, the VSCC table and the chipset guess.
    std::optional<uint32_t> flmap3;
    uint32_t flumap1 = 0;   // at 0xEFC; 0 when the file is shorter
    uint32_t vtba = 0;      // VSCC table base (bytes)
    unsigned vtl = 0;       // VSCC table length (dwords)
    FlashComponents component;
    std::vector<VsccEntry> vscc;
    PlatformGuess platform;
};

// One of the descriptor sanity checks (formats.md §1.9; core/descriptor_checks.hpp).
struct DescriptorCheck {
    std::string code;   // "ifd_sections", "ifd_regions_in_image", ... (stable)
    std::string title;  // "Sections lie inside the descriptor and do not overlap"
    bool applicable = true;
    std::string skipped_because;    // set when !applicable
    std::vector<Finding> findings;  // info findings (e.g. "descriptor unlocked") do not fail the check
    bool passed() const {
        for (const Finding& f : findings) {
            if (f.severity != Severity::info) return false;
        }
        return applicable;
    }
};

struct FptEntry {
    std::array<uint8_t, 32> raw{};  // the entry as stored (plan() copies kept entries verbatim)
    std::string name;  // trailing NULs removed; "????" when not ASCII (as me_cleaner prints it)
    uint32_t owner = 0;
    uint32_t offset = 0;  // region-relative
    uint32_t length = 0;
    uint32_t flags = 0;
    unsigned type() const { return flags & 0x7F; }
};

struct Fpt {
    uint64_t offset = 0;  // region-relative: 0 or 0x10
    uint32_t entry_count = 0;
    uint8_t header_version = 0;
    uint8_t header_length = 0;
    uint8_t checksum = 0;
    uint32_t flags = 0;
    std::vector<FptEntry> entries;
};

struct SignatureCheck {
    bool me_cleaner_valid = false;  // me_cleaner 1.2's verdict (hex-suffix test, formats.md §2.8.14)
    bool strict_valid = false;      // full PKCS#1 v1.5 or PSS check (formats.md §2.9 item 1)
    std::string scheme;             // "RSA-2048 PKCS#1 v1.5 SHA-256", "RSA-3072 PSS SHA-384", ...
};

struct Manifest {
    uint64_t offset = 0;  // region-relative
    std::string tag;      // "$MAN" or "$MN2"
    uint32_t header_length = 0;  // bytes
    uint32_t size = 0;           // bytes
    uint32_t header_version = 0;
    std::array<uint16_t, 4> version{};
    uint32_t key_size_dwords = 0;
    uint32_t exponent = 0;
    std::string key_md5;     // me_cleaner's key id: MD5 of 0x104 bytes at +0x80
    std::string key_sha256;  // SHA-256 of modulus ‖ exponent as stored
    SignatureCheck signature;
};

// An FTPR module as me_cleaner sees it (gen 2: $MME header; gen 3: $CPD entry).
struct FtprModule {
    std::string name;
    std::string compression;  // "uncompressed", "Huffman", "LZMA", "LZMA/uncompressed"
    uint64_t offset = 0;      // region-relative start of the data (gen 2 Huffman: the LLUT)
    uint64_t size = 0;
};

struct KeyMatch {
    bool known = false;
    std::string variant;   // "ME", "TXE", "SPS"
    std::string versions;  // "7.x.x.x, 8.x.x.x"
};

struct MeFirmware {
    uint64_t region_start = 0;  // file offset of the ME region (0 for an ME-only image)
    uint64_t region_end = 0;    // exclusive
    Fpt fpt;
    size_t ftpr_entry = 0;      // index into fpt.entries
    uint32_t ftpr_offset = 0;   // region-relative
    uint32_t ftpr_length = 0;
    uint64_t mn2_offset = 0;    // manifest offset inside FTPR
    Manifest manifest;
    KeyMatch key;
    std::vector<FtprModule> modules;
    bool ignition = false;      // ME 6 Ignition firmware (formats.md §2.8.5)
    bool ignition_probe_outside = false;  // the Ignition marker would lie outside the region
};

// ---- CSME 12+ / CSTXE 3+ (formats.md §3), read by cse_layout.cpp.

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

// One ME-disable bit in the descriptor straps.
struct DisableBit {
    std::string name;   // "HAP", "AltMeDisable", "meDisable (ICHSTRP0)", "meDisable (MCHSTRP0)"
    std::string strap;  // "PCHSTRP0", "PCHSTRP10", "ICHSTRP0", "MCHSTRP0"
    uint64_t offset = 0;  // file offset of the strap dword
    unsigned bit = 0;
    bool set = false;
};

// Where a plain flash image (descriptor first) sits inside a larger file.
struct EmbeddedImage {
    uint64_t offset = 0;
    uint64_t length = 0;
};

// What a file seems to be when it is not a plain flash image of the right size: a vendor
// capsule, a BIOS-only update, an ME update file, half of a two-chip flash, a blank read...
// (core/triage.cpp). Both sentences are written for the person holding the file.
struct Triage {
    std::string kind;    // stable: "capsule", "descriptor_at_offset", "bios_region", ... (triage.hpp)
    std::string what;    // what the file seems to be
    std::string advice;  // what to do about it
    std::optional<EmbeddedImage> embedded;  // a plain image meclean can work on instead
};

struct Analysis {
    uint64_t size = 0;
    ImageKind kind = ImageKind::unknown;
    std::optional<Descriptor> descriptor;
    // Regions 0–2 as me_cleaner decodes them (ends exclusive), full images only.
    // The ME region is kept even when disabled (start >= end).
    uint64_t descriptor_region_start = 0, descriptor_region_end = 0;
    uint64_t bios_region_start = 0, bios_region_end = 0;
    uint64_t me_region_start = 0, me_region_end = 0;
    bool me_region_disabled = false;
    int generation = 0;  // me_cleaner's 1 (ME 2–5), 2 (ME 6–10, TXE 1–2) or 3 (ME 11+); 0 = unknown
    std::optional<MeFirmware> me;
    std::vector<DisableBit> disable_bits;
    std::vector<DescriptorCheck> descriptor_checks;  // full images: formats.md §1.9 (findings also in `findings`)
    std::optional<CseFirmware> cse;  // CSME 12+ / IFWI layouts me_cleaner cannot read
    std::optional<FdvState> fdv;     // full images: the descriptor's own signature (formats.md §3.9)
    std::optional<Triage> triage;    // set when the file is not what me_cleaner expects, or of the wrong size
    std::vector<Finding> findings;
    // me_cleaner's console lines for the detection phase, and its verdict:
    // when `problem` is set me_cleaner would stop here with that message.
    std::vector<std::string> log;
    std::optional<Problem> problem;
};

}  // namespace meclean
