// BIOS regions with a Firmware Interface Table: microcode updates, a startup ACM and Boot Guard
// manifests (Boot Guard 1.0 or CBnT structure versions), written from the layouts in Intel's FIT
// BIOS specification and the Boot Guard manifest structures (as fiano documents them) — never by
// calling the engine. The region ends at 4 GiB when mapped, so its last 0x40 bytes hold the FIT
// pointer. Use the bytes as a BIOS region file on its own, or as FlashImageSpec::bios_region.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace meclean::synth {

enum class FitManifests { none, boot_guard_1, cbnt };

struct FitSpec {
    uint32_t region_size = 0x100000;            // bytes; the region ends at 4 GiB
    uint32_t table_offset = 0x80000;            // region offset of the FIT (16-byte aligned)
    std::vector<uint32_t> microcode_cpuids = {0x406E8, 0x806EA};  // one update each
    bool startup_acm = true;
    FitManifests manifests = FitManifests::none;
    uint8_t cbnt_version = 0x21;                // BPM structure version for CBnT (0x21, 0x23, 0x24, ...)
    std::vector<std::pair<uint32_t, uint32_t>> ibb = {{0xFFF80000, 0x7F000}, {0xFFFFF000, 0x1000}};  // base, size
    uint32_t entry_point = 0xFFFFFFF0;
    uint8_t bpm_svn = 2, acm_svn = 3, km_svn = 1, km_id = 1;
    bool checksum = true;                       // set C_V in the header and make the bytes sum to zero
    // A manifest to place as the Boot Policy Manifest instead of a built one (e.g. a real one).
    std::vector<uint8_t> boot_policy_bytes;
};

struct FitLayout {
    uint32_t pointer = 0;   // region offset of the FIT pointer (region_size − 0x40)
    uint32_t table = 0;     // region offset of the FIT
    uint32_t entries = 0;   // including the header
    std::vector<uint32_t> microcode;  // region offsets of the updates, in entry order
    uint32_t acm = 0, key_manifest = 0, boot_policy = 0;  // region offsets; 0 = not written
    uint32_t key_manifest_size = 0, boot_policy_size = 0;
    uint32_t entry_offset(unsigned index) const { return table + 16 * index; }
};

struct FitRegion {
    std::vector<uint8_t> bytes;
    FitLayout layout;
};

FitRegion build_fit_region(const FitSpec& spec);

// The physical address of a region offset when the region ends at 4 GiB.
uint32_t fit_physical_address(uint32_t region_size, uint32_t offset);

// The byte that makes the FIT's bytes sum to zero again after an edit (for tests that want a
// damaged entry with a valid checksum).
void refresh_fit_checksum(std::vector<uint8_t>& region, const FitLayout& layout);

}  // namespace meclean::synth
