// Partition manifests ($MAN / $MN2): header fields, key identity and signature (formats.md §2.5, §3.6).
#pragma once

#include <cstdint>

#include "me/firmware.hpp"
#include "base/region_view.hpp"

namespace meclean {

// Reads the manifest header at region offset `offset` (tag already checked by the caller)
// and checks its signature both ways. Throws FormatError when the manifest leaves the region.
Manifest read_manifest(const RegionView& region, uint64_t offset);

// me_cleaner's final check and the strict check, on whatever bytes are there now.
SignatureCheck check_manifest_signature(const RegionView& region, uint64_t offset);

}  // namespace meclean
