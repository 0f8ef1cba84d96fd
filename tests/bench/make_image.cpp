// A synthetic full flash image of 8, 16, 32 or 64 MiB for scripts/bench (used when the corpus is
// absent, and for 32 and 64 MiB always): the T420-like descriptor with its density set to the flash
// size and the BIOS region running to the end, ME 7-style firmware from core/synth.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "synth/image_builder.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: meclean_bench_image SIZE_MIB OUTPUT\n");
        return 2;
    }
    const unsigned mib = static_cast<unsigned>(std::atoi(argv[1]));
    if (mib != 8 && mib != 16 && mib != 32 && mib != 64) {
        std::fprintf(stderr, "meclean_bench_image: SIZE_MIB must be 8, 16, 32 or 64\n");
        return 2;
    }
    using namespace meclean::synth;
    const uint32_t size = mib << 20;
    FlashImageSpec spec;  // T420-like: descriptor, GbE 0x1000, ME 0x3000–0x4FFFFF, BIOS from 0x500000
    // One component (NC = 0): its 3-bit density code is FLCOMP[2:0].
    spec.descriptor.flcomp = (spec.descriptor.flcomp & ~0x7u) | flcomp_density_3bit(density_code_for(size), 0);
    spec.descriptor.set_region(kRegionBios, RegionSlot::range(0x500000, size - 1));
    spec.flash_size = size;
    spec.me_region = build_gen2_region(me7_region_spec()).bytes;
    const FlashImage image = build_flash_image(spec);
    std::FILE* f = std::fopen(argv[2], "wb");
    if (!f) {
        std::perror(argv[2]);
        return 1;
    }
    bool ok = std::fwrite(image.bytes.data(), 1, image.bytes.size(), f) == image.bytes.size();
    ok = std::fclose(f) == 0 && ok;
    return ok ? 0 : 1;
}
