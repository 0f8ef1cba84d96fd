// The builder's images (core/synth) every engine test starts from, built once per process
// (RSA signing dominates the cost), and the byte edits the tests make on them. No GoogleTest
// here: the bad-input catalogue's writer (tests/tools) uses it too.
#pragma once

#include "common/engine_test_support.hpp"
#include "synth/image_builder.hpp"

namespace meclean::test_common {

inline void put_tag(Bytes& b, size_t at, const char* tag) {
    for (int i = 0; i < 4; ++i) b.at(at + i) = uint8_t(tag[i]);
}
// The first n bytes of b: a file truncated at n.
inline Bytes cut(const Bytes& b, size_t n) { return Bytes(b.begin(), b.begin() + std::ptrdiff_t(n)); }

// ---- cached builds

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

}  // namespace meclean::test_common
