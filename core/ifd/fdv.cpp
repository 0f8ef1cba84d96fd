#include "ifd/fdv.hpp"

#include <algorithm>
#include <vector>

#include "base/byte_reader.hpp"
#include "crypto/crypto.hpp"
#include "base/text.hpp"
#include "ifd/straps.hpp"

namespace meclean {
namespace {

constexpr uint32_t kExtensionTag = 0x17;
constexpr uint32_t kSha256Variant = 0x48;  // extension size with a SHA-256 digest
constexpr uint32_t kSha384Variant = 0x58;

template <typename Hash>
bool digest_matches(std::span<const uint8_t> descriptor, const FdvState& state, std::span<const uint8_t> stored) {
    std::vector<uint8_t> copy(descriptor.begin(), descriptor.begin() + std::min<size_t>(descriptor.size(), kDescriptorBytes));
    for (auto [start, end] : state.exclusions) {
        std::fill(copy.begin() + std::min<size_t>(start, copy.size()), copy.begin() + std::min<size_t>(end, copy.size()), 0xFF);
    }
    Hash hash;
    hash.update(copy);
    auto digest = hash.finish();
    // Stored byte-reversed, as CSE stores partition hashes (§3.9).
    return std::equal(digest.begin(), digest.end(), stored.rbegin());
}

}  // namespace

FdvState read_fdv(std::span<const uint8_t> descriptor) {
    FdvState state;
    ByteReader r(descriptor);
    if (!r.has(kFdvManifestStart, 0x20) || r.u32(kFdvManifestStart + 0x10, "FDV manifest") != 0x8086 ||
        !r.tag_at(kFdvManifestStart + 0x1C, "$MN2")) {
        state.summary = "no descriptor manifest at 0x800: FDV is not in use";
        return state;
    }
    state.present = true;
    uint64_t header_end = kFdvManifestStart + uint64_t{r.u32(kFdvManifestStart + 4, "FDV manifest")} * 4;
    uint64_t end = std::min<uint64_t>(kFdvManifestStart + uint64_t{r.u32(kFdvManifestStart + 0x18, "FDV manifest")} * 4,
                                      kFdvManifestEnd);
    for (uint64_t at = header_end; at + 8 <= end;) {
        uint32_t tag = r.u32(at, "FDV extension");
        uint32_t size = r.u32(at + 4, "FDV extension");
        if (size < 8 || at + size > end) break;
        if (tag == kExtensionTag && (size == kSha256Variant || size == kSha384Variant)) {
            state.extension_found = true;
            for (int i = 0; i < 8; ++i) {
                uint16_t start = r.u16(at + 8 + 4 * i, "FDV range"), stop = r.u16(at + 10 + 4 * i, "FDV range");
                if (start < stop) state.exclusions.push_back({start, stop});
            }
            auto stored = r.slice(at + 0x28, size - 0x28, "FDV digest");
            state.digest_matches = size == kSha256Variant ? digest_matches<crypto::Sha256>(descriptor, state, stored)
                                                          : digest_matches<crypto::Sha384>(descriptor, state, stored);
            break;
        }
        at += size;
    }
    if (!state.extension_found) {
        state.summary = "a descriptor manifest is present at 0x800 but its hash extension (0x17) cannot be read";
    } else {
        state.summary = std::string("a descriptor manifest at 0x800 protects the descriptor; its stored hash ") +
                        (*state.digest_matches ? "matches" : "does NOT match") + " the descriptor";
    }
    return state;
}

bool fdv_excludes(const FdvState& state, uint64_t offset) {
    return std::any_of(state.exclusions.begin(), state.exclusions.end(),
                       [offset](auto range) { return offset >= range.first && offset < range.second; });
}

}  // namespace meclean
