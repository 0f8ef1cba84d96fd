// Shared by the fuzz targets: a broken promise aborts with a message naming it, so libFuzzer
// keeps the input that broke it.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace fuzz_support {

[[noreturn]] inline void broken(const char* target, const char* promise) {
    std::fprintf(stderr, "%s: invariant broken: %s\n", target, promise);
    std::abort();
}

}  // namespace fuzz_support
