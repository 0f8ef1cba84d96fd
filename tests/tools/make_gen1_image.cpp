// Writes a synthetic generation-1 (ME 5 on an ICH9 descriptor) full flash image to argv[1]: the
// builder's full_gen1() that the engine tests use, for the page's end-to-end tests
// (tests/e2e/page.test.mjs), which need a gen-1 image the corpus cannot give (its only gen-1
// dump has the ME region already disabled).
#include <cstdio>

#include "common/synth_images.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: meclean_make_gen1_image OUTPUT\n");
        return 2;
    }
    const auto& bytes = meclean::test_common::full_gen1().bytes;
    std::FILE* f = std::fopen(argv[1], "wb");
    if (!f) {
        std::perror(argv[1]);
        return 1;
    }
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = std::fclose(f) == 0 && ok;
    return ok ? 0 : 1;
}
