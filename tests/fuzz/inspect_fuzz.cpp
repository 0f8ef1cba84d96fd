// libFuzzer target: inspect() and its JSON report on arbitrary bytes.
// Nothing may crash, read out of bounds, leak or hang; inspect() must not touch its input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <span>
#include <string_view>

#include "meclean.hpp"

namespace {

// A hash of the bytes (libstdc++'s, uninstrumented): cheaper than keeping a copy of a multi-MiB input.
size_t fingerprint(std::span<const uint8_t> bytes) {
    return std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // libFuzzer hands over a heap buffer of exactly `size` bytes: a read past the end is an ASan report.
    const std::span<const uint8_t> image(data, size);
    const size_t before = fingerprint(image);
    meclean::Analysis analysis = meclean::inspect(image);
    std::string json = meclean::analysis_json(analysis);
    if (json.empty() || json.front() != '{' || json.back() != '}') std::abort();
    if (analysis.size != size) std::abort();
    if (fingerprint(image) != before) std::abort();  // inspect() wrote to its input
    return 0;
}
