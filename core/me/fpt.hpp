// The $FPT partition table of ME ≤ 11 / TXE ≤ 2 regions (formats.md §2.2, §2.3).
#pragma once

#include "me/firmware.hpp"
#include "base/region_view.hpp"

namespace meclean {

// Reads the header and `entry_count` entries at region offset `fpt_offset`.
// Throws FormatError when the table leaves the region.
Fpt read_fpt(const RegionView& region, uint64_t fpt_offset);

// The entry name as me_cleaner shows it: trailing NULs removed, "????" when not ASCII.
std::string fpt_entry_name(std::span<const uint8_t> name_bytes);

inline constexpr unsigned kFptTypeNvram = 2;

}  // namespace meclean
