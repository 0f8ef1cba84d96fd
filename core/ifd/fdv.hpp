// Flash Descriptor Verification (FDV): an OEM-signed manifest at descriptor +0x800 whose
// extension 0x17 hashes the descriptor minus some exclusion ranges (formats.md §3.9).
// A strap edit outside those ranges would break the hash, and only the OEM can re-sign.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace meclean {

inline constexpr uint64_t kFdvManifestStart = 0x800;
inline constexpr uint64_t kFdvManifestEnd = 0xC00;

struct FdvState {
    bool present = false;             // vendor 0x8086 at +0x810 and $MN2 at +0x81C
    bool extension_found = false;     // extension 0x17 parsed
    std::vector<std::pair<uint16_t, uint16_t>> exclusions;  // non-empty [start, end), descriptor-relative
    std::optional<bool> digest_matches;
    std::string summary;              // one sentence for the report
};

// `descriptor` is the 4 KiB descriptor (its first byte is flash offset 0).
FdvState read_fdv(std::span<const uint8_t> descriptor);
bool fdv_excludes(const FdvState& state, uint64_t offset);

}  // namespace meclean
