// The input of the flash-workflow fuzzers (join_fuzz, compare_fuzz, verify_fuzz): a small
// two-chip image (512 KiB + 512 KiB, filled with a fixed pattern) whose descriptor comes from
// the fuzz bytes, plus a list of damages a bad read makes. Seeds (make_seeds: flash/) carry a
// valid two-chip descriptor, so the fuzzer starts inside the interesting paths.
//   byte 0     flags (bit 0: give the chips in the other order; bit 1: blank the second read)
//   byte 1     how many reads compare gets (2 + byte % 3)
//   2..4097    the descriptor (the first 4 KiB of chip 1)
//   then       damages, 4 bytes each: kind, offset (2 bytes, × 16), argument
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <vector>

namespace meclean::fuzz {

// A broken promise aborts with its name, so libFuzzer keeps the input.
[[noreturn]] inline void broken(const char* target, const char* promise) {
    std::fprintf(stderr, "%s: invariant broken: %s\n", target, promise);
    std::abort();
}

inline constexpr size_t kChip = 512 * 1024;
inline constexpr size_t kHeader = 2, kDescriptor = 4096;

struct FlashInput {
    uint8_t flags = 0;
    unsigned reads = 2;
    std::vector<uint8_t> whole;  // 2 × kChip
    std::span<const uint8_t> damages;
};

inline FlashInput flash_input(const uint8_t* data, size_t size) {
    FlashInput in;
    in.whole.resize(2 * kChip);
    for (size_t i = 0; i < in.whole.size(); ++i) in.whole[i] = uint8_t((i * 2654435761u) >> 24);
    std::span<const uint8_t> bytes(data, size);
    if (!bytes.empty()) in.flags = bytes[0];
    if (bytes.size() > 1) in.reads = 2 + bytes[1] % 3;
    auto descriptor = bytes.subspan(std::min(bytes.size(), kHeader));
    descriptor = descriptor.first(std::min(descriptor.size(), kDescriptor));
    std::copy(descriptor.begin(), descriptor.end(), in.whole.begin());
    in.damages = bytes.subspan(std::min(bytes.size(), kHeader + kDescriptor));
    return in;
}

// One read with the damages applied: flipped bits, 0xFF / 0x00 blocks, dropped bytes, a cut.
inline std::vector<uint8_t> damaged(std::vector<uint8_t> read, std::span<const uint8_t> damages) {
    for (size_t i = 0; i + 4 <= damages.size(); i += 4) {
        size_t at = (size_t(damages[i + 1]) << 8 | damages[i + 2]) * 16;
        uint8_t arg = damages[i + 3];
        if (read.empty()) break;
        at %= read.size();
        size_t n = std::min<size_t>(size_t(arg) * 16 + 1, read.size() - at);
        switch (damages[i] % 6) {
            case 0: read[at] ^= uint8_t(1u << (arg % 8)); break;
            case 1: std::fill_n(read.begin() + std::ptrdiff_t(at), n, uint8_t(0xFF)); break;
            case 2: std::fill_n(read.begin() + std::ptrdiff_t(at), n, uint8_t(0x00)); break;
            case 3: read.erase(read.begin() + std::ptrdiff_t(at), read.begin() + std::ptrdiff_t(std::min(at + arg % 8, read.size()))); break;
            case 4: for (auto& b : read) b = uint8_t(arg & 1 ? b | (1u << (arg % 8)) : b & ~(1u << (arg % 8))); break;
            case 5: read.resize(at); break;
        }
    }
    return read;
}

}  // namespace meclean::fuzz
