// The descriptor's size and the strap bits that ask the ME to disable itself (docs/formats.md
// §1.8): each fact once, for the reader, the cleaner, the HAP table and the dump.
#pragma once

#include <cstdint>
#include <string>

namespace meclean {

// The descriptor occupies the first 4 KiB of the flash; a file this small is a descriptor on its own.
inline constexpr uint64_t kDescriptorBytes = 0x1000;

// HAP ("High Assurance Platform"): bit 16 of a PCH strap — PCHSTRP0 on 100/200-series; other
// straps from the 300-series on (ifd/hap_table.cpp).
inline constexpr unsigned kHapBit = 16;
inline constexpr unsigned kHapStrapSkylake = 0;
// AltMeDisable (ME 6–10, TXE 1–2): bit 7 of PCHSTRP10.
inline constexpr unsigned kAltMeDisableStrap = 10;
inline constexpr unsigned kAltMeDisableBit = 7;
// Generation 1 (ICH8–10): meDisable is bit 0 of ICHSTRP0 and of MCHSTRP0.
inline constexpr unsigned kMeDisableBit = 0;

// File offset of PCH strap n (FPSBA points at PCHSTRP0).
inline constexpr uint64_t pch_strap_offset(uint64_t fpsba, unsigned strap) { return fpsba + 4ull * strap; }
// The byte holding HAP in strap n: bit 16 of a little-endian dword is bit 0 of its third byte.
inline constexpr uint64_t hap_byte_offset(uint64_t fpsba, unsigned strap) { return pch_strap_offset(fpsba, strap) + 2; }

// One ME-disable bit in the descriptor straps, as read from the image.
struct DisableBit {
    std::string name;   // "HAP", "AltMeDisable", "meDisable"
    std::string strap;  // "PCHSTRP0", "PCHSTRP10", "ICHSTRP0", "MCHSTRP0"
    uint64_t offset = 0;  // file offset of the strap dword
    unsigned bit = 0;
    bool set = false;
};

}  // namespace meclean
