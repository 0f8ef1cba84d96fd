// The floor for scripts/bench: what any tool must do with a flash image at the least —
// read the file, copy the bytes once, hash them (SHA-256, core/crypto). Prints the digest,
// and with RUNS > 1 the median in-process time of RUNS repetitions (ms) on stderr.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "crypto/crypto.hpp"

namespace {

std::vector<uint8_t> read_file(const char* path) {
    std::vector<uint8_t> bytes;
    std::FILE* f = std::fopen(path, "rb");
    if (!f) {
        std::perror(path);
        std::exit(1);
    }
    std::fseek(f, 0, SEEK_END);
    const long size = std::ftell(f);
    std::fseek(f, 0, SEEK_SET);
    bytes.resize(static_cast<size_t>(size));
    if (std::fread(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
        std::perror(path);
        std::exit(1);
    }
    std::fclose(f);
    return bytes;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: meclean_bench_floor FILE [RUNS]\n");
        return 2;
    }
    const int runs = argc == 3 ? std::max(1, std::atoi(argv[2])) : 1;
    std::vector<double> ms;
    std::array<uint8_t, 32> digest{};
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        const std::vector<uint8_t> bytes = read_file(argv[1]);
        std::vector<uint8_t> copy(bytes.size());
        std::memcpy(copy.data(), bytes.data(), bytes.size());
        digest = meclean::crypto::sha256(copy);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    for (uint8_t b : digest) std::printf("%02x", b);
    std::printf("  %s\n", argv[1]);
    if (runs > 1) {
        std::sort(ms.begin(), ms.end());
        std::fprintf(stderr, "%.3f\n", ms[ms.size() / 2]);
    }
    return 0;
}
