// What an ME ≤ 11 / TXE ≤ 2 region holds, as me_cleaner reads it: the $FPT partition table,
// the FTPR manifest with its key and signature, and the FTPR modules (formats.md §2).
// Offsets are region-relative unless a field says otherwise.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace meclean {

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

enum class FirmwareVariant { me, txe, sps };
const char* firmware_variant_name(FirmwareVariant variant);  // "ME", "TXE", "SPS", as me_cleaner prints it

struct KeyMatch {
    bool known = false;
    FirmwareVariant variant = FirmwareVariant::me;
    std::string versions;  // "7.x.x.x, 8.x.x.x"
};

// Signs that me_cleaner ran on this region before (docs/formats.md §2.8.6): its rewritten
// partition table keeps FTPR alone, and -t with a shrunk descriptor leaves the region ending
// inside FTPR's recorded extent. Real firmware lists several partitions besides FTPR.
struct CleaningTraces {
    bool only_ftpr_listed = false;
    bool ends_inside_ftpr = false;  // also what a read cut short looks like
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
    CleaningTraces traces;
};

}  // namespace meclean
