// Where fit_fuzz puts its input, shared with make_seeds (which writes the builder's FIT regions
// in this shape): a 64 KiB BIOS region ending at 4 GiB, its FIT pointer at the end − 0x40
// pointing at kTableOffset, and the input's payload copied from kTableOffset on.
//   input: [mode][pointer u32 LE][payload...]; mode bit 0 set: use that pointer instead.
#pragma once

#include <cstddef>
#include <cstdint>

namespace fit_fuzz {

constexpr uint32_t kRegionSize = 0x10000;
constexpr uint32_t kTableOffset = 0x1000;
constexpr uint32_t kPointerOffset = kRegionSize - 0x40;
constexpr size_t kHeaderBytes = 5;  // mode + pointer

constexpr uint32_t physical(uint32_t offset) { return uint32_t((1ull << 32) - kRegionSize + offset); }

}  // namespace fit_fuzz
