// Writes meclean's built-in sample image (a synthetic T420-like full flash image) to argv[1],
// for the CLI tests. With --fit-bg1 or --fit-cbnt its BIOS region carries a FIT with Boot Guard
// manifests of that generation (synth/fit_builder.hpp), for the tests of the "fit" report.
#include <cstdio>
#include <string>

#include "synth/image_builder.hpp"
#include "synth/sample.hpp"

namespace {

std::vector<uint8_t> sample_with_fit(meclean::synth::FitManifests manifests) {
    using namespace meclean::synth;
    FitSpec fit;
    fit.manifests = manifests;
    FlashImageSpec spec;
    spec.me_region = build_gen2_region(me7_region_spec()).bytes;
    spec.bios_region = build_fit_region(fit).bytes;
    return build_flash_image(spec).bytes;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string flag = argc == 3 ? argv[2] : "";
    if (argc < 2 || argc > 3 || (argc == 3 && flag != "--fit-bg1" && flag != "--fit-cbnt")) {
        std::fprintf(stderr, "usage: meclean_make_sample OUTPUT [--fit-bg1|--fit-cbnt]\n");
        return 2;
    }
    using meclean::synth::FitManifests;
    std::vector<uint8_t> image = flag.empty()           ? meclean::make_sample_image()
                                 : flag == "--fit-bg1" ? sample_with_fit(FitManifests::boot_guard_1)
                                                       : sample_with_fit(FitManifests::cbnt);
    std::FILE* f = std::fopen(argv[1], "wb");
    if (!f) {
        std::perror(argv[1]);
        return 1;
    }
    bool ok = std::fwrite(image.data(), 1, image.size(), f) == image.size();
    ok = std::fclose(f) == 0 && ok;
    return ok ? 0 : 1;
}
