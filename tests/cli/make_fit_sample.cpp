// Writes a synthetic full flash image whose BIOS region carries a FIT with Boot Guard manifests
// (Boot Guard 1.0, or CBnT with --cbnt) to argv[1], for the CLI tests of the "fit" report.
#include <cstdio>
#include <string>

#include "synth/image_builder.hpp"

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3 || (argc == 3 && std::string(argv[2]) != "--cbnt")) {
        std::fprintf(stderr, "usage: meclean_make_fit_sample OUTPUT [--cbnt]\n");
        return 2;
    }
    using namespace meclean::synth;
    FitSpec fit;
    fit.manifests = argc == 3 ? FitManifests::cbnt : FitManifests::boot_guard_1;
    FlashImageSpec spec;
    spec.me_region = build_gen2_region(me7_region_spec()).bytes;
    spec.bios_region = build_fit_region(fit).bytes;
    std::vector<uint8_t> image = build_flash_image(spec).bytes;
    std::FILE* f = std::fopen(argv[1], "wb");
    if (!f) {
        std::perror(argv[1]);
        return 1;
    }
    bool ok = std::fwrite(image.data(), 1, image.size(), f) == image.size();
    ok = std::fclose(f) == 0 && ok;
    return ok ? 0 : 1;
}
