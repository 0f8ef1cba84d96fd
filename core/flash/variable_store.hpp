// The UEFI variable store (the "BIOS settings") inside a BIOS region: a firmware volume whose
// file-system GUID names it as NVRAM. Firmware writes it on every boot that changes a setting,
// so a read-back that differs only there is expected.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/byte_range.hpp"

namespace meclean {

struct VariableStore {
    ByteRange range;    // the whole firmware volume, file offsets
    const char* kind;   // "nv_data" or "additional_nv_store" (stable ids)
};

// Every such volume that starts inside `within` and ends inside the image.
std::vector<VariableStore> find_variable_stores(std::span<const uint8_t> image, ByteRange within);

}  // namespace meclean
