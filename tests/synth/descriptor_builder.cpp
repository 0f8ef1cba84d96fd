// Flash descriptor writer (formats.md §1).
#include "synth/descriptor_builder.hpp"

#include <string>

#include "synth/builder_internal.hpp"

namespace meclean::synth {

using detail::fail;
using detail::put_u32;

uint32_t encode_flreg(uint32_t base, uint32_t limit_inclusive) {
    return ((base >> 12) & 0x7FFF) | (((limit_inclusive >> 12) & 0x7FFF) << 16);
}

RegionSlot RegionSlot::range(uint32_t base, uint32_t limit_inclusive) {
    return {encode_flreg(base, limit_inclusive)};
}

RegionSlot RegionSlot::unused(uint32_t encoding) { return {encoding}; }

// 15-bit decode, the form me_cleaner and flashrom use (§1.4).
uint32_t RegionSlot::base() const { return (flreg & 0x7FFF) << 12; }
uint32_t RegionSlot::limit() const { return ((flreg >> 4) & 0x07FFF000) | 0xFFF; }
bool RegionSlot::is_used() const { return base() <= limit() && base() != 0x7FFF000; }

uint32_t flcomp_density_3bit(unsigned c1, unsigned c2) {
    if (c1 > 7 || c2 > 7) fail("3-bit density code out of range");
    return c1 | (c2 << 3);  // [2:0] component 1, [5:3] component 2 (§1.3)
}

uint32_t flcomp_density_4bit(unsigned c1, unsigned c2) {
    if (c1 > 0xF || c2 > 0xF) fail("4-bit density code out of range");
    return c1 | (c2 << 4);  // [3:0] component 1, [7:4] component 2 (§1.3)
}

unsigned density_code_for(uint64_t size_bytes) {
    for (unsigned code = 0; code <= 7; ++code)
        if ((uint64_t(1) << (19 + code)) == size_bytes) return code;
    fail("no density code for " + std::to_string(size_bytes) + " bytes");
}

void DescriptorSpec::set_region(int index, RegionSlot slot) {
    if (index < 0 || index > 15) fail("region index out of range");
    const uint32_t unused = fmba >= frba + 0x40 ? kFlregUnusedV2 : kFlregUnusedV1;
    while (regions.size() <= size_t(index)) regions.push_back(RegionSlot::unused(unused));
    regions[size_t(index)] = slot;
}

RegionSlot DescriptorSpec::region(int index) const {
    if (index < 0 || size_t(index) >= regions.size()) return RegionSlot::unused();
    return regions[size_t(index)];
}

namespace {

// Section base → the 8-bit map field (value × 16 = base, §1.2).
uint32_t base_field(uint32_t base, const char* what) {
    if (base % 16 != 0 || base > 0xFF0) fail(std::string(what) + " is not a multiple of 16 below 0x1000");
    return base >> 4;
}

void check_section(uint32_t base, size_t dwords, const char* what) {
    if (base + 4 * dwords > kDescriptorSize) fail(std::string(what) + " runs past the 4 KiB descriptor");
}

}  // namespace

std::vector<uint8_t> build_descriptor(const DescriptorSpec& s) {
    std::vector<uint8_t> d(kDescriptorSize, s.fill);
    const uint8_t isl = s.isl.value_or(uint8_t(s.pch_straps.size()));
    const uint8_t msl = s.msl.value_or(uint8_t(s.north_straps.size()));
    if (s.nc > 3 || s.nr > 7 || s.nm > 7) fail("NC, NR or NM does not fit its field");

    const uint32_t flmap0 = base_field(s.fcba, "FCBA") | uint32_t(s.nc) << 8 |
                            base_field(s.frba, "FRBA") << 16 | uint32_t(s.nr) << 24;
    const uint32_t flmap1 = base_field(s.fmba, "FMBA") | uint32_t(s.nm) << 8 |
                            base_field(s.fpsba, "FPSBA") << 16 | uint32_t(isl) << 24;
    const uint32_t flmap2 = base_field(s.fmsba, "FMSBA") | uint32_t(msl) << 8 |
                            uint32_t(s.iccriba) << 16 | uint32_t(s.ril) << 24;

    put_u32(d, s.signature_offset(), kFlashSignature);
    put_u32(d, s.map_offset(), flmap0);
    put_u32(d, s.map_offset() + 4, flmap1);
    put_u32(d, s.map_offset() + 8, flmap2);
    if (s.flmap3) put_u32(d, s.map_offset() + 12, *s.flmap3);

    check_section(s.fcba, 3, "component section");
    put_u32(d, s.fcba, s.flcomp);
    put_u32(d, s.fcba + 4, s.flill);
    put_u32(d, s.fcba + 8, s.flpb);

    check_section(s.frba, s.regions.size(), "region section");
    for (size_t n = 0; n < s.regions.size(); ++n) put_u32(d, s.frba + 4 * n, s.regions[n].flreg);

    check_section(s.fmba, s.masters.size(), "master section");
    for (size_t k = 0; k < s.masters.size(); ++k) put_u32(d, s.fmba + 4 * k, s.masters[k]);

    check_section(s.fpsba, s.pch_straps.size(), "PCH strap section");
    for (size_t n = 0; n < s.pch_straps.size(); ++n) put_u32(d, s.fpsba + 4 * n, s.pch_straps[n]);

    check_section(s.fmsba, s.north_straps.size(), "north strap section");
    for (size_t n = 0; n < s.north_straps.size(); ++n) put_u32(d, s.fmsba + 4 * n, s.north_straps[n]);

    put_u32(d, kFlumap1Offset, s.flumap1);
    return d;
}

// ThinkPad T420 stock (Appendix A: FLMAP 03040003 / 12100206 / 00210120).
DescriptorSpec t420_descriptor() {
    DescriptorSpec s;
    s.fcba = 0x30, s.nc = 0, s.frba = 0x40, s.nr = 3;
    s.fmba = 0x60, s.nm = 2, s.fpsba = 0x100;
    s.fmsba = 0x200, s.iccriba = 0x21, s.ril = 0;
    s.flcomp = 0x49900024;  // 3-bit density code 4 = 8 MiB
    s.regions = {
        RegionSlot::range(0x000000, 0x000FFF),  // descriptor
        RegionSlot::range(0x500000, 0x7FFFFF),  // BIOS
        RegionSlot::range(0x003000, 0x4FFFFF),  // ME
        RegionSlot::range(0x001000, 0x002FFF),  // GbE
        RegionSlot::unused(kFlregUnusedV1),     // PDR
    };
    s.masters = {0x0A0B0000, 0x0C0D0000, 0x08080118};  // v1 words with requester IDs (§1.5)
    s.pch_straps.assign(18, 0);
    s.pch_straps[10] = 0x00410044;  // AltMeDisable (bit 7) clear (§1.8)
    s.north_straps.assign(1, 0);
    s.flumap1 = 0x000012DF;
    return s;
}

// 51NB X210 (Sunrise Point, Appendix A: FLMAP 00040003 / 42100208 / 00310330).
DescriptorSpec skylake_descriptor() {
    DescriptorSpec s;
    s.fcba = 0x30, s.nc = 0, s.frba = 0x40, s.nr = 0;  // NR reserved from SPT on
    s.fmba = 0x80, s.nm = 2, s.fpsba = 0x100;
    s.fmsba = 0x300, s.iccriba = 0x31, s.ril = 0;
    s.flcomp = 0x324C00F4;  // 4-bit codes 4 (8 MiB) / 0xF (absent), read clock 6
    s.regions.assign(10, RegionSlot::unused(kFlregUnusedV2));
    s.regions[0] = RegionSlot::range(0x000000, 0x000FFF);
    s.regions[1] = RegionSlot::range(0x200000, 0x7FFFFF);
    s.regions[2] = RegionSlot::range(0x001000, 0x1FFFFF);
    for (int n = 10; n < 16; ++n) s.regions.push_back(RegionSlot::all_ones());
    s.masters = {0xFFFFFF00, 0xFFFFFF00, 0xFFFFFF00};  // v2 words (§1.5)
    s.pch_straps.assign(66, 0);
    s.pch_straps[0] = 0x00000002;  // HAP (bit 16) clear (§1.8)
    s.north_straps.assign(3, 0);
    s.flumap1 = 0x000002DF;
    return s;
}

// ICH9-style generation-1 layout: signature at 0, map at 4 (§1.1); made-up sizes.
DescriptorSpec ich9_descriptor() {
    DescriptorSpec s;
    s.signature_at_zero = true;
    s.fcba = 0x10, s.nc = 0, s.frba = 0x40, s.nr = 3;
    s.fmba = 0x60, s.nm = 2, s.fpsba = 0x100;
    s.fmsba = 0x200, s.iccriba = 0, s.ril = 0;
    s.flcomp = flcomp_density_3bit(3, 3);  // 4 MiB
    s.regions = {
        RegionSlot::range(0x000000, 0x000FFF),
        RegionSlot::range(0x200000, 0x3FFFFF),
        RegionSlot::range(0x003000, 0x1FFFFF),
        RegionSlot::range(0x001000, 0x002FFF),
        RegionSlot::unused(kFlregUnusedV1),
    };
    s.masters = {0xFFFF0000, 0xFFFF0000, 0x08080118};
    s.pch_straps.assign(2, 0);    // ICHSTRP0 bit 0 = meDisable (§1.8)
    s.north_straps.assign(1, 0);  // MCHSTRP0 bit 0 = meDisable
    s.flumap1 = 0x000002DF;
    return s;
}

}  // namespace meclean::synth
