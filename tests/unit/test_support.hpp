// Shared helpers for the engine's unit tests: cached builder images, little-endian
// access, and one call that runs inspect → plan → apply. Expected values in the tests
// come from the builder's layouts and from formats.md, never from the engine's output.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "common/engine_test_support.hpp"
#include "meclean.hpp"
#include "synth/image_builder.hpp"

namespace meclean::testing_support {

using namespace test_common;

inline void put_tag(Bytes& b, size_t at, const char* tag) {
    for (int i = 0; i < 4; ++i) b.at(at + i) = uint8_t(tag[i]);
}
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
// ---- cached builds (RSA signing dominates the cost)

inline const synth::Gen2Region& me7() {
    static const synth::Gen2Region r = synth::build_gen2_region(synth::me7_region_spec());
    return r;
}
inline const synth::Gen2Region& txe1() {
    static const synth::Gen2Region r = synth::build_gen2_region(synth::txe1_region_spec());
    return r;
}
inline const synth::Gen2Region& me6_ignition() {
    static const synth::Gen2Region r = synth::build_gen2_region(synth::me6_ignition_region_spec());
    return r;
}
inline const synth::Gen3Region& me11() {
    static const synth::Gen3Region r = synth::build_gen3_region(synth::me11_region_spec());
    return r;
}
inline const synth::Gen3Region& csme15() {
    static const synth::Gen3Region r = synth::build_gen3_region(synth::csme15_region_spec());
    return r;
}
inline const synth::Gen1Region& me5() {
    static const synth::Gen1Region r = synth::build_gen1_region(synth::me5_region_spec());
    return r;
}

// Full images: t420 descriptor + ME 7, skylake descriptor + ME 11, ich9 + ME 5.
inline const synth::FlashImage& full_gen2() {
    static const synth::FlashImage img = [] {
        synth::FlashImageSpec spec;
        spec.descriptor = synth::t420_descriptor();
        spec.me_region = me7().bytes;
        return synth::build_flash_image(spec);
    }();
    return img;
}
inline const synth::FlashImage& full_gen3() {
    static const synth::FlashImage img = [] {
        synth::FlashImageSpec spec;
        spec.descriptor = synth::skylake_descriptor();
        spec.me_region = me11().bytes;
        return synth::build_flash_image(spec);
    }();
    return img;
}
inline const synth::FlashImage& full_gen1() {
    static const synth::FlashImage img = [] {
        synth::FlashImageSpec spec;
        spec.descriptor = synth::ich9_descriptor();
        spec.me_region = me5().bytes;
        return synth::build_flash_image(spec);
    }();
    return img;
}
inline const synth::FlashImage& full_ignition() {
    static const synth::FlashImage img = [] {
        synth::FlashImageSpec spec;
        spec.descriptor = synth::t420_descriptor();
        spec.me_region = me6_ignition().bytes;
        return synth::build_flash_image(spec);
    }();
    return img;
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
