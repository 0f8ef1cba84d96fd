// The fuzz targets' code run natively, without libFuzzer: ctest hands it the seeds make_seeds
// writes and the committed corpus (tests/fuzz/corpus/<target>/: what the fuzzers found, merged and
// minimised, past findings among them), so every build checks them in a few seconds, and the
// coverage run counts what they reach. Each target's LLVMFuzzerTestOneInput is compiled under a
// name of its own (tests/CMakeLists.txt), so one program holds them all.
//   meclean_fuzz_replay TARGET PATH...   (a PATH may be a folder: every file in it, sorted)
// A broken promise aborts (fuzz_support.hpp), which fails the test.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#define MECLEAN_FUZZ_TARGET(name) extern "C" int name##_one_input(const uint8_t*, size_t);
#define MECLEAN_FUZZ_TARGETS(X)                                                                               \
    X(inspect_fuzz) X(clean_fuzz) X(status_paste_fuzz) X(fit_fuzz) X(join_fuzz) X(compare_fuzz) X(verify_fuzz) \
    X(descriptor_fuzz) X(fpt_fuzz) X(modules_fuzz) X(cpd_fuzz) X(cse_fuzz) X(gbe_fuzz)
MECLEAN_FUZZ_TARGETS(MECLEAN_FUZZ_TARGET)

namespace fs = std::filesystem;

namespace {

struct Target {
    const char* name;
    int (*run)(const uint8_t*, size_t);
};

#define MECLEAN_FUZZ_ENTRY(name) {#name, name##_one_input},
const Target kTargets[] = {MECLEAN_FUZZ_TARGETS(MECLEAN_FUZZ_ENTRY)};

std::vector<fs::path> files_in(const fs::path& path) {
    std::vector<fs::path> out;
    if (fs::is_directory(path)) {
        for (const auto& entry : fs::directory_iterator(path))
            if (entry.is_regular_file()) out.push_back(entry.path());
        std::sort(out.begin(), out.end());
    } else {
        out.push_back(path);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: meclean_fuzz_replay TARGET PATH...\n");
        return 2;
    }
    const Target* target = nullptr;
    for (const Target& t : kTargets)
        if (std::strcmp(t.name, argv[1]) == 0) target = &t;
    if (!target) {
        std::fprintf(stderr, "meclean_fuzz_replay: no target %s\n", argv[1]);
        return 2;
    }
    size_t count = 0;
    for (int i = 2; i < argc; ++i) {
        // A target's committed corpus folder may be absent (git keeps no empty folder); the
        // seeds alone must then give inputs (checked below).
        if (!fs::exists(argv[i])) {
            std::fprintf(stderr, "meclean_fuzz_replay: %s does not exist, skipped\n", argv[i]);
            continue;
        }
        for (const fs::path& file : files_in(argv[i])) {
            std::ifstream in(file, std::ios::binary);
            std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            // An exact-size heap copy, as libFuzzer hands it over.
            std::unique_ptr<uint8_t[]> data(new uint8_t[bytes.size()]);
            std::copy(bytes.begin(), bytes.end(), data.get());
            target->run(data.get(), bytes.size());
            ++count;
        }
    }
    // An empty run proves nothing: a missing seed folder must fail, not pass.
    if (count == 0) {
        std::fprintf(stderr, "meclean_fuzz_replay: no inputs for %s\n", target->name);
        return 1;
    }
    std::printf("%s: %zu inputs replayed\n", target->name, count);
    return 0;
}
