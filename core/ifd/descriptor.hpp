// Intel Flash Descriptor: where it is, its maps, regions, masters and straps (formats.md §1).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ifd/platform.hpp"

namespace meclean {

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
    // FLMAP3 (500-series on), the upper map, the component section, the VSCC table, the chipset guess.
    std::optional<uint32_t> flmap3;
    uint32_t flumap1 = 0;   // at 0xEFC; 0 when the file is shorter
    uint32_t vtba = 0;      // VSCC table base (bytes)
    unsigned vtl = 0;       // VSCC table length (dwords)
    FlashComponents component;
    std::vector<VsccEntry> vscc;
    PlatformGuess platform;
};

inline constexpr uint32_t kDescriptorSignature = 0x0FF0A55A;  // FLVALSIG, bytes 5A A5 F0 0F (§1.1)

// 0x0 (ICH8–10) or 0x10 (5-series on); nothing when neither holds the signature.
std::optional<uint64_t> find_descriptor_signature(std::span<const uint8_t> image);

// Reads the descriptor whose signature is at `signature_offset`. Throws FormatError
// when the maps point outside the image.
Descriptor parse_descriptor(std::span<const uint8_t> image, uint64_t signature_offset);

// FLREG encoding with 15-bit fields (§1.4); `end` is exclusive, as me_cleaner keeps it.
struct RegionBounds {
    uint64_t start = 0;
    uint64_t end = 0;
};
RegionBounds decode_flreg(uint32_t flreg);
uint32_t encode_flreg(uint64_t start, uint64_t end_exclusive);

const char* region_name(int index);
const char* master_name(int index);

}  // namespace meclean
