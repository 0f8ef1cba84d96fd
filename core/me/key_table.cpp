#include "me/key_table.hpp"

namespace meclean {
namespace {

struct KnownKey {
    const char* md5;
    FirmwareVariant variant;
    const char* versions;
};

// formats.md §2.8.16 (me_cleaner 1.2's table; the verified samples are noted there).
constexpr KnownKey kKnownKeys[] = {
    {"8431285d43b0f2a2f520d7cab3d34178", FirmwareVariant::me, "2.0.x.x, 2.1.x.x, 2.2.x.x"},
    {"4c00dd06c28119b5c1e5bb8eb6f30596", FirmwareVariant::me, "2.5.x.x, 2.6.x.x"},
    {"9c24077a7f7490967855e9c4c16c6b9e", FirmwareVariant::me, "3.x.x.x"},
    {"bf41464be736f5520d80c67f6789020e", FirmwareVariant::me, "4.x.x.x"},
    {"5c7169b7e7065323fb7b3b5657b4d57a", FirmwareVariant::me, "5.x.x.x"},
    {"763e59ebe235e45a197a5b1a378dfa04", FirmwareVariant::me, "6.x.x.x"},
    {"3a98c847d609c253e145bd36512629cb", FirmwareVariant::me, "6.0.50.x"},
    {"0903fc25b0f6bed8c4ed724aca02124c", FirmwareVariant::me, "7.x.x.x, 8.x.x.x"},
    {"2011ae6df87c40fba09e3f20459b1ce0", FirmwareVariant::me, "9.0.x.x, 9.1.x.x"},
    {"e8427c5691cf8b56bc5cdd82746957ed", FirmwareVariant::me, "9.5.x.x, 10.x.x.x"},
    {"986a78e481f185f7d54e4af06eb413f6", FirmwareVariant::me, "11.x.x.x"},
    {"bda0b6bb8ca0bf0cac55ac4c4d55e0f2", FirmwareVariant::txe, "1.x.x.x"},
    {"b726a2ab9cd59d4e62fe2bead7cf6997", FirmwareVariant::txe, "1.x.x.x"},
    {"0633d7f951a3e7968ae7460861be9cfb", FirmwareVariant::txe, "2.x.x.x"},
    {"1d0a36e9f5881540d8e4b382c6612ed8", FirmwareVariant::txe, "3.x.x.x"},
    {"be900fef868f770d266b1fc67e887e69", FirmwareVariant::sps, "2.x.x.x"},
    {"4622e3f2cb212a89c90a4de3336d88d2", FirmwareVariant::sps, "3.x.x.x"},
    {"31ef3d950eac99d18e187375c0764ca4", FirmwareVariant::sps, "4.x.x.x"},
};

}  // namespace

const char* firmware_variant_name(FirmwareVariant variant) {
    switch (variant) {
        case FirmwareVariant::me: return "ME";
        case FirmwareVariant::txe: return "TXE";
        case FirmwareVariant::sps: return "SPS";
    }
    return "ME";
}

KeyMatch match_public_key(const std::string& md5_hex, unsigned major_version) {
    for (const KnownKey& key : kKnownKeys) {
        if (md5_hex == key.md5) return KeyMatch{true, key.variant, key.versions};
    }
    return KeyMatch{false, major_version >= 6 ? FirmwareVariant::me : FirmwareVariant::txe, ""};
}

std::string describe_key_match(const KeyMatch& match, const std::string& md5_hex) {
    if (match.known) return "Public key match: Intel " + std::string(firmware_variant_name(match.variant)) + ", firmware versions " + match.versions;
    return "WARNING Unknown public key " + md5_hex + "\n        Assuming Intel " + std::string(firmware_variant_name(match.variant)) +
           "\n        Please report this warning to the project's maintainer!";
}

}  // namespace meclean
