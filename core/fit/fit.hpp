// The Firmware Interface Table (FIT) and the Boot Guard manifests it names, read from an image.
// Facts: Intel's "Firmware Interface Table BIOS Specification" (document 599500: the pointer at
// 4 GiB − 0x40, the "_FIT_   " header, 16-byte entries, the types) and Intel's Boot Guard /
// CBnT manifest layouts (documents 557867, 575623), as linuxboot/fiano pkg/intel/metadata and
// LongSoft/UEFITool read them; the microcode header is the Intel SDM's (vol. 3A §9.11.1).
// What a dump can show: whether the vendor provisioned Boot Guard (manifests present). What it
// cannot: whether the fuses enforce it — the CPU's MSR 0x13A tells that (meclean status).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/byte_range.hpp"
#include "base/findings.hpp"
#include "base/verdict.hpp"

namespace meclean {

enum class FitEntryType {
    header, microcode, startup_acm, diagnostic_acm, bios_startup_module, tpm_policy, bios_policy, txt_policy,
    key_manifest, boot_policy_manifest, cse_secure_boot, feature_policy, jmp_debug_policy, skip, unknown,
};
FitEntryType fit_entry_type(uint8_t raw_type);          // from the 7-bit type field
const char* fit_entry_type_id(FitEntryType type);       // "microcode", "key_manifest", ...
const char* fit_entry_type_name(FitEntryType type);     // "Microcode update", "Key Manifest", ...

// Which manifest structure: Boot Guard 1.0 (structure version 0x10) or Converged Boot Guard
// and TXT (0x20–0x2F: 0x21 and later).
enum class ManifestGeneration { boot_guard_1, cbnt, unknown };
const char* manifest_generation_id(ManifestGeneration generation);  // "bg1", "cbnt", "unknown"

struct MicrocodeUpdate {
    uint32_t revision = 0, processor_signature = 0, date = 0, processor_flags = 0, total_size = 0;
};

struct StartupAcm {
    uint16_t module_type = 0, module_subtype = 0;
    uint32_t header_version = 0, vendor = 0, date = 0, size = 0;  // size in bytes
    uint16_t txt_svn = 0, se_svn = 0;
};

struct IbbSegment {
    uint32_t base = 0, size = 0;
    uint16_t flags = 0;
    bool hashed() const { return (flags & 1) == 0; }  // bit 0 set: not part of the IBB hash
};

struct KeyManifest {
    uint8_t structure_version = 0;
    ManifestGeneration generation = ManifestGeneration::unknown;
    uint8_t revision = 0, svn = 0, id = 0;
};

struct BootPolicyManifest {
    uint8_t structure_version = 0;
    ManifestGeneration generation = ManifestGeneration::unknown;
    uint8_t revision = 0, bpm_svn = 0, acm_svn = 0;
    std::optional<uint32_t> entry_point;
    std::vector<IbbSegment> ibb;
    std::optional<uint64_t> signature_offset;  // file offset of the signature element
};

struct FitEntry {
    unsigned index = 0;       // 0 is the header
    uint64_t offset = 0;      // file offset of the 16-byte entry
    uint8_t raw_type = 0;
    FitEntryType type = FitEntryType::unknown;
    uint64_t address = 0;     // as stored
    uint32_t size_field = 0;  // 24 bits as stored (16-byte units for most types, bytes for KM/BPM)
    uint16_t version = 0;
    bool checksum_valid_bit = false;
    uint8_t checksum = 0;
    std::optional<uint64_t> target;  // file offset `address` maps to, inside the mapped window
    std::optional<MicrocodeUpdate> microcode;
    std::optional<StartupAcm> acm;
    std::optional<KeyManifest> key_manifest;
    std::optional<BootPolicyManifest> boot_policy;
};

enum class BootGuardProvisioning { none, key_manifest_only, boot_policy_only, both };
const char* boot_guard_provisioning_id(BootGuardProvisioning provisioning);

struct FitReport {
    bool found = false;                   // a "_FIT_   " table where the pointer leads
    std::optional<uint64_t> pointer_offset;  // file offset of the FIT pointer (none: window too small)
    uint64_t pointer = 0;                 // its value (a physical address below 4 GiB)
    ByteRange mapped;                     // the window mapped to end at 4 GiB
    std::optional<uint64_t> table_offset;
    unsigned declared_entries = 0;        // including the header
    uint16_t header_version = 0;
    std::optional<bool> checksum_ok;      // when the header's C_V bit asks for a checksum
    std::vector<FitEntry> entries;        // the header first
    BootGuardProvisioning provisioning = BootGuardProvisioning::none;
    Headline headline;
    std::vector<CheckLine> lines;
    std::vector<Finding> findings;        // malformed structures are findings, never exceptions
};

// `image` is the whole file; `mapped` the stretch that ends at 4 GiB when the CPU starts: the
// BIOS region of a full image, or all of a BIOS region file. Never throws.
FitReport read_fit(std::span<const uint8_t> image, ByteRange mapped);

// Physical address → file offset inside `mapped` (nothing when outside it).
std::optional<uint64_t> fit_address_to_offset(uint64_t address, ByteRange mapped);

}  // namespace meclean
