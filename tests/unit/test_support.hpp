// Shared helpers for the engine's unit tests: cached builder images (common/synth_images.hpp),
// little-endian access, and one call that runs inspect → plan → apply. Expected values in the tests
// come from the builder's layouts and from formats.md, never from the engine's output.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "common/engine_test_support.hpp"
#include "common/synth_images.hpp"
#include "meclean.hpp"

namespace meclean::testing_support {

using namespace test_common;

inline unsigned sum8(const Bytes& b, size_t from, size_t length) {
    unsigned s = 0;
    for (size_t i = 0; i < length; ++i) s += b.at(from + i);
    return s & 0xFF;
}
inline bool all_ff(const Bytes& b, size_t from, size_t length) {
    if (from + length > b.size()) return false;
    return std::all_of(b.begin() + std::ptrdiff_t(from), b.begin() + std::ptrdiff_t(from + length),
                       [](uint8_t x) { return x == 0xFF; });
}
inline bool none_ff(const Bytes& b, size_t from, size_t length) {
    if (from + length > b.size()) return false;
    return std::none_of(b.begin() + std::ptrdiff_t(from), b.begin() + std::ptrdiff_t(from + length),
                        [](uint8_t x) { return x == 0xFF; });
}
inline bool same_bytes(const Bytes& a, const Bytes& b, size_t from, size_t length) {
    if (from + length > a.size() || from + length > b.size()) return false;
    return std::equal(a.begin() + std::ptrdiff_t(from), a.begin() + std::ptrdiff_t(from + length),
                      b.begin() + std::ptrdiff_t(from));
}
inline bool has_line(const std::vector<std::string>& log, const std::string& line) {
    return std::find(log.begin(), log.end(), line) != log.end();
}

inline Options opts(void (*set)(Options&)) {
    Options o;
    set(o);
    return o;
}

}  // namespace meclean::testing_support
