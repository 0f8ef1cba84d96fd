#include "flash/variable_store.hpp"

#include <array>
#include <cstring>

#include "base/byte_reader.hpp"

namespace meclean {
namespace {

// Firmware volume header (UEFI PI spec vol. 3, EFI_FIRMWARE_VOLUME_HEADER): 16 zero bytes,
// the file-system GUID at +0x10, FvLength (u64) at +0x20, the signature "_FVH" at +0x28.
constexpr uint64_t kGuidAt = 0x10, kLengthAt = 0x20, kSignatureAt = 0x28, kHeaderMinimum = 0x48;

struct StoreGuid {
    const char* kind;
    std::array<uint8_t, 16> guid;  // as stored (the first three fields little-endian)
};

// FFF12B8D-7696-4C8B-A985-2747075B4F50: EFI_SYSTEM_NV_DATA_FV_GUID (edk2
// MdePkg/Include/Guid/SystemNvDataGuid.h), used by edk2, AMI and Phoenix firmware alike.
// 00504624-8A59-4EEB-BD0F-6B36E96128E0: a second NVRAM volume (chipsec's uefi_common.py calls
// it ADDITIONAL_NV_STORE_GUID); the ThinkPad T420 BIOS region of the test corpus has both.
constexpr StoreGuid kStoreGuids[] = {
    {"nv_data", {0x8D, 0x2B, 0xF1, 0xFF, 0x96, 0x76, 0x8B, 0x4C, 0xA9, 0x85, 0x27, 0x47, 0x07, 0x5B, 0x4F, 0x50}},
    {"additional_nv_store", {0x24, 0x46, 0x50, 0x00, 0x59, 0x8A, 0xEB, 0x4E, 0xBD, 0x0F, 0x6B, 0x36, 0xE9, 0x61, 0x28, 0xE0}},
};

}  // namespace

std::vector<VariableStore> find_variable_stores(std::span<const uint8_t> image, ByteRange within) {
    std::vector<VariableStore> out;
    ByteReader reader(image);
    const uint64_t end = std::min<uint64_t>(within.end(), image.size());
    // Volumes start on 16-byte boundaries at least (their headers are 8-byte aligned structures).
    for (uint64_t at = (within.offset + 15) / 16 * 16; at + kHeaderMinimum <= end; at += 16) {
        if (!reader.tag_at(at + kSignatureAt, "_FVH")) continue;
        auto guid = reader.slice(at + kGuidAt, 16, "firmware volume GUID");
        uint64_t length = uint64_t{reader.u32(at + kLengthAt, "FvLength")} |
                          (uint64_t{reader.u32(at + kLengthAt + 4, "FvLength")} << 32);
        if (length < kHeaderMinimum || length > image.size() - at) continue;
        for (const StoreGuid& g : kStoreGuids) {
            if (std::memcmp(guid.data(), g.guid.data(), 16) != 0) continue;
            out.push_back({{at, length}, g.kind});
            at += (length - 16) / 16 * 16;  // go on after this volume
            break;
        }
    }
    return out;
}

}  // namespace meclean
