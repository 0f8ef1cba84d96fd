// Full flash image assembly (formats.md Appendix B describes the same
// assembly for the reference full-image vectors).
#include "synth/flash_image_builder.hpp"

#include <algorithm>

#include "synth/builder_internal.hpp"

namespace meclean::synth {

using namespace detail;

uint8_t bios_filler_byte(uint32_t seed, uint32_t index) {
    // A stateless integer hash (murmur3 finaliser): any byte can be recomputed
    // from its index, so tests need no copy of a multi-MiB BIOS region.
    uint32_t x = seed ^ (index * 0x9E3779B9u);
    x ^= x >> 16;
    x *= 0x85EBCA6Bu;
    x ^= x >> 13;
    x *= 0xC2B2AE35u;
    x ^= x >> 16;
    const uint8_t b = uint8_t(x);
    return b == 0xFF ? 0x7F : b;  // never 0xFF, so an erased byte stands out
}

namespace {

ByteRange region_range(const DescriptorSpec& d, int index) {
    const RegionSlot slot = d.region(index);
    if (!slot.is_used()) return {};
    return {slot.base(), slot.limit() - slot.base() + 1};
}

// The part of `r` inside a flash of `size` bytes.
ByteRange clip(ByteRange r, size_t size) {
    if (r.offset >= size) return {r.offset, 0};
    return {r.offset, uint32_t(std::min<size_t>(r.size, size - r.offset))};
}

}  // namespace

FlashImage build_flash_image(const FlashImageSpec& spec) {
    const DescriptorSpec& d = spec.descriptor;
    FlashImage image;
    image.descriptor = {0, kDescriptorSize};
    image.bios = region_range(d, kRegionBios);
    image.me = region_range(d, kRegionMe);
    image.gbe = region_range(d, kRegionGbe);

    uint32_t flash_size = spec.flash_size;
    if (flash_size == 0) {
        flash_size = kDescriptorSize;
        for (int n = 0; n < int(d.regions.size()); ++n) flash_size = std::max(flash_size, region_range(d, n).end());
    }
    auto& bytes = image.bytes;
    bytes.assign(flash_size, spec.gap_fill);

    if (spec.random_bios) {
        const ByteRange bios = clip(image.bios, flash_size);
        for (uint32_t i = 0; i < bios.size; ++i) bytes[bios.offset + i] = bios_filler_byte(spec.bios_seed, i);
    }
    if (!spec.bios_region.empty()) {
        if (spec.bios_region.size() > image.bios.size) fail("BIOS region content larger than the BIOS region");
        const uint32_t at = image.bios.end() - uint32_t(spec.bios_region.size());
        if (image.bios.end() > flash_size) fail("BIOS region content given but the BIOS region runs past the flash");
        put_bytes(bytes, at, spec.bios_region);
    }
    for (int n = kRegionGbe; n < int(d.regions.size()); ++n) {
        const ByteRange r = clip(region_range(d, n), flash_size);
        if (r.empty()) continue;
        if (n == kRegionGbe && !spec.gbe_region.empty()) {
            std::fill_n(bytes.begin() + r.offset, r.size, spec.gap_fill);
            put_bytes(bytes, r.offset, std::span<const uint8_t>(spec.gbe_region).first(
                                           std::min<size_t>(spec.gbe_region.size(), r.size)));
        } else {
            put_pattern(bytes, r.offset, r.size, uint8_t(0x30 + n));
        }
    }
    if (!spec.me_region.empty()) {
        if (image.me.empty()) fail("ME region content given but the descriptor's ME region is unused");
        if (spec.me_region.size() > image.me.size) fail("ME region content larger than the ME region");
    }
    const ByteRange me = clip(image.me, flash_size);
    if (!me.empty()) {
        std::fill_n(bytes.begin() + me.offset, me.size, spec.gap_fill);
        put_bytes(bytes, me.offset, std::span<const uint8_t>(spec.me_region).first(
                                        std::min<size_t>(spec.me_region.size(), me.size)));
    }
    const auto descriptor = build_descriptor(d);
    put_bytes(bytes, 0, std::span<const uint8_t>(descriptor).first(std::min<size_t>(descriptor.size(), flash_size)));
    return image;
}

}  // namespace meclean::synth
