#include "ifd/descriptor.hpp"

#include <algorithm>

#include "base/byte_reader.hpp"
#include "base/findings.hpp"
#include "ifd/platform.hpp"
#include "base/text.hpp"

namespace meclean {
namespace {

// Region and master names as ifdtool prints them (formats.md §1.4, §1.5).
constexpr const char* kRegionNames[16] = {
    "Flash Descriptor", "BIOS", "Intel ME", "GbE", "Platform Data", "Device Expansion 1",
    "Secondary BIOS", "Reserved", "EC", "Device Expansion 2", "IE", "10GbE 0",
    "10GbE 1", "Reserved", "Reserved", "PTT"};
constexpr const char* kMasterNames[6] = {"BIOS", "ME", "GbE", "Device Expansion", "EC", "IE"};

constexpr uint64_t kUpperMapOffset = 0xEFC;  // FLUMAP1, fixed (§1.1)

// How many FLREG slots exist: the gap from FRBA to the next section (§1.4, §1.6).
unsigned region_slot_count(const Descriptor& d) {
    uint64_t next = kUpperMapOffset;
    for (uint64_t base : {uint64_t{d.fcba}, uint64_t{d.fmba}, uint64_t{d.fpsba}}) {
        if (base > d.frba) next = std::min(next, base);
    }
    uint64_t slots = (next - d.frba) / 4;
    return static_cast<unsigned>(std::min<uint64_t>(slots, d.ifd_version == 2 ? 16 : 5));
}

FlashMaster decode_master(const Descriptor& d, int index, uint32_t raw) {
    FlashMaster m;
    m.index = index;
    m.name = master_name(index);
    m.raw = raw;
    if (d.ifd_version == 2) {
        // v2: read [19:8] + [3:0] for regions 12–15, write [31:20] + [7:4] (§1.5).
        m.read_regions = ((raw >> 8) & 0xFFF) | ((raw & 0xF) << 12);
        m.write_regions = ((raw >> 20) & 0xFFF) | (((raw >> 4) & 0xF) << 12);
    } else {
        // v1: read [23:16], write [31:24]; [15:0] is the requester ID.
        m.read_regions = (raw >> 16) & 0xFF;
        m.write_regions = (raw >> 24) & 0xFF;
    }
    return m;
}

// NM+1 masters (flashrom's count for older parts); on v2 ifdtool also shows FLMSTR4/5
// (device expansion, EC), so read up to five while they stay before the next section.
unsigned master_count(const Descriptor& d) {
    unsigned count = std::clamp(((d.flmap1 >> 8) & 7) + 1, 1u, 6u);
    if (d.ifd_version == 2 && count < 5) {
        uint64_t next = kUpperMapOffset;
        for (uint64_t base : {uint64_t{d.fcba}, uint64_t{d.frba}, uint64_t{d.fpsba}, uint64_t{d.fmsba}}) {
            if (base > d.fmba) next = std::min(next, base);
        }
        if (d.fmba + 4 * 5 <= next) count = 5;
    }
    return count;
}

// FLUMAP1 at 0xEFC: VSCC table base and length (§1.2).
void read_upper_map_and_vscc(const ByteReader& reader, Descriptor& d) {
    if (!reader.has(kUpperMapOffset, 4)) return;
    d.flumap1 = reader.u32(kUpperMapOffset, "FLUMAP1");
    d.vtba = (d.flumap1 & 0xFF) << 4;
    d.vtl = (d.flumap1 >> 8) & 0xFF;
    for (unsigned i = 0; 2 * i + 1 < d.vtl; ++i) {  // VTL counts dwords; an entry is two
        uint64_t at = d.vtba + 8 * uint64_t{i};
        if (!reader.has(at, 8) || at + 8 > kUpperMapOffset) break;
        d.vscc.push_back({reader.u32(at, "VSCC table"), reader.u32(at + 4, "VSCC table")});
    }
}

// FLCOMP densities: 3-bit codes up to 7-series and Bay Trail, 4-bit from Lynx Point on (§1.3).
void decode_densities(Descriptor& d) {
    FlashComponents& c = d.component;
    c.chips = std::min(((d.flmap0 >> 8) & 3) + 1, 2u);
    c.four_bit_density = uses_four_bit_density(d.platform.family, d.ifd_version);
    if (c.four_bit_density) {
        c.density_code = {c.flcomp & 0xF, (c.flcomp >> 4) & 0xF};
    } else {
        c.density_code = {c.flcomp & 7, (c.flcomp >> 3) & 7};
    }
    for (size_t i = 0; i < 2; ++i) {
        c.density[i] = c.density_code[i] <= 7 ? uint64_t{1} << (19 + c.density_code[i]) : 0;
    }
    if (!c.present) c.density = {0, 0};
}

}  // namespace

std::optional<uint64_t> find_descriptor_signature(std::span<const uint8_t> image) {
    ByteReader reader(image);
    for (uint64_t offset : {uint64_t{0}, uint64_t{0x10}}) {
        if (reader.has(offset, 4) && reader.u32(offset, "descriptor signature") == kDescriptorSignature) return offset;
    }
    return std::nullopt;
}

RegionBounds decode_flreg(uint32_t flreg) {
    return {uint64_t{flreg & 0x7FFFu} << 12, uint64_t{((flreg >> 4) & 0x07FFF000u) | 0xFFFu} + 1};
}

uint32_t encode_flreg(uint64_t start, uint64_t end_exclusive) {
    return static_cast<uint32_t>(((start & 0x7FFF000) >> 12) | (((end_exclusive - 1) & 0x7FFF000) << 4));
}

const char* region_name(int index) { return index >= 0 && index < 16 ? kRegionNames[index] : "Unknown"; }

const char* master_name(int index) { return index >= 1 && index <= 6 ? kMasterNames[index - 1] : "Unknown"; }

Descriptor parse_descriptor(std::span<const uint8_t> image, uint64_t signature_offset) {
    ByteReader reader(image);
    Descriptor d;
    d.signature_offset = signature_offset;
    d.flmap0 = reader.u32(signature_offset + 4, "descriptor map (FLMAP0)");
    d.flmap1 = reader.u32(signature_offset + 8, "descriptor map (FLMAP1)");
    d.flmap2 = reader.u32(signature_offset + 12, "descriptor map (FLMAP2)");
    // Section bases, with me_cleaner's shift-and-mask arithmetic (§1.2).
    d.fcba = (d.flmap0 & 0xFF) << 4;
    d.frba = (d.flmap0 >> 12) & 0xFF0;
    d.fmba = (d.flmap1 & 0xFF) << 4;
    d.fpsba = (d.flmap1 >> 12) & 0xFF0;
    d.fmsba = (d.flmap2 & 0xFF) << 4;
    d.pch_strap_count = d.flmap1 >> 24;
    d.north_strap_count = (d.flmap2 >> 8) & 0xFF;
    // v2 descriptors leave room for 16 region slots before the next section (§1.6).
    uint64_t next_after_regions = d.fmba > d.frba ? d.fmba : kUpperMapOffset;
    d.ifd_version = next_after_regions - d.frba >= 0x40 ? 2 : 1;

    unsigned slots = region_slot_count(d);
    for (unsigned i = 0; i < std::max(slots, 3u); ++i) {
        FlashRegion r;
        r.index = static_cast<int>(i);
        r.name = region_name(r.index);
        r.raw = reader.u32(d.frba + 4 * i, "descriptor region section (FLREG)");
        RegionBounds b = decode_flreg(r.raw);
        r.base = b.start;
        r.limit = b.end - 1;
        // An all-ones slot decodes to base 0x7FFF000 ≤ limit but means "unused" (§1.4).
        r.used = r.base <= r.limit && r.base != 0x7FFF000;
        d.regions.push_back(r);
    }

    for (unsigned i = 0, n = master_count(d); i < n; ++i) {
        uint64_t at = d.fmba + 4 * i;
        if (!reader.has(at, 4)) break;
        d.masters.push_back(decode_master(d, static_cast<int>(i + 1), reader.u32(at, "descriptor master section")));
    }
    for (unsigned i = 0; i < d.pch_strap_count && reader.has(d.fpsba + 4 * i, 4); ++i) {
        d.pch_straps.push_back(reader.u32(d.fpsba + 4 * i, "PCH straps"));
    }
    for (unsigned i = 0; i < d.north_strap_count && reader.has(d.fmsba + 4 * i, 4); ++i) {
        d.north_straps.push_back(reader.u32(d.fmsba + 4 * i, "north straps"));
    }
    read_upper_map_and_vscc(reader, d);
    if (reader.has(d.fcba, 12)) {
        d.component.present = true;
        d.component.flcomp = reader.u32(d.fcba, "FLCOMP");
        d.component.flill = reader.u32(d.fcba + 4, "FLILL");
        d.component.flill1_or_flpb = reader.u32(d.fcba + 8, "FLILL1/FLPB");
    }
    d.platform = guess_platform(d);
    decode_densities(d);
    if (is_500_series_or_later(d.platform.family) && reader.has(signature_offset + 0x10, 4)) {
        d.flmap3 = reader.u32(signature_offset + 0x10, "descriptor map (FLMAP3)");
    }
    return d;
}

}  // namespace meclean
