// Writes meclean's built-in sample image (a synthetic T420-like full flash image) to argv[1],
// for the CLI tests.
#include <cstdio>

#include "synth/sample.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: meclean_make_sample OUTPUT\n");
        return 2;
    }
    std::vector<uint8_t> image = meclean::make_sample_image();
    std::FILE* f = std::fopen(argv[1], "wb");
    if (!f) {
        std::perror(argv[1]);
        return 1;
    }
    bool ok = std::fwrite(image.data(), 1, image.size(), f) == image.size();
    ok = std::fclose(f) == 0 && ok;
    return ok ? 0 : 1;
}
