// Synthetic GbE regions (the Intel NIC's NVM): two 4 KiB banks, the MAC in words 0–2, the
// bank signature 10b in bits 15:14 of word 0x13, and the checksum word 0x3F chosen so that
// words 0x00–0x3F add up to 0xBABA (facts from Linux's e1000e driver).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace meclean::synth {

inline constexpr uint32_t kGbeBankSize = 0x1000;

// One bank; `fix_checksum` false leaves the checksum word 0 (a bank with a wrong checksum).
inline std::vector<uint8_t> build_gbe_bank(const std::array<uint8_t, 6>& mac, bool valid, bool fix_checksum = true) {
    std::vector<uint8_t> bank(kGbeBankSize, 0xFF);
    std::fill(bank.begin(), bank.begin() + 0x80, 0x00);
    std::copy(mac.begin(), mac.end(), bank.begin());
    bank[0x27] = valid ? 0x80 : 0x00;  // the high byte of word 0x13
    if (fix_checksum) {
        uint16_t sum = 0;
        for (size_t w = 0; w < 0x3F; ++w) sum = uint16_t(sum + (bank[2 * w] | bank[2 * w + 1] << 8));
        const uint16_t checksum = uint16_t(0xBABA - sum);
        bank[0x7E] = uint8_t(checksum);
        bank[0x7F] = uint8_t(checksum >> 8);
    }
    return bank;
}

// An 8 KiB region: bank 0 valid, bank 1 a stale copy (signature cleared), as vendors ship them.
inline std::vector<uint8_t> build_gbe_region(const std::array<uint8_t, 6>& mac) {
    std::vector<uint8_t> region = build_gbe_bank(mac, true);
    std::vector<uint8_t> stale = build_gbe_bank(mac, false);
    region.insert(region.end(), stale.begin(), stale.end());
    return region;
}

}  // namespace meclean::synth
