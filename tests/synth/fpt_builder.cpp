// `$FPT` header, entries and partition placement (formats.md §2.1–§2.3).
#include "synth/fpt_builder.hpp"

#include <algorithm>

#include "synth/builder_internal.hpp"

namespace meclean::synth {

using namespace detail;

FptPartition FptPartition::code(std::string name, uint32_t length) {
    FptPartition p;
    p.name = std::move(name), p.type = kPartitionCode, p.length = length;
    return p;
}

FptPartition FptPartition::data(std::string name, uint32_t length, uint32_t owner) {
    FptPartition p;
    p.name = std::move(name), p.type = kPartitionData, p.length = length, p.owner = owner;
    return p;
}

FptPartition FptPartition::effs(std::string name, uint32_t length) {
    FptPartition p;
    p.name = std::move(name), p.type = kPartitionEffs, p.length = length;
    return p;
}

// NVRAM entries name no flash bytes: offset 0xFFFFFFFF (§2.3).
FptPartition FptPartition::nvram(std::string name, uint32_t length) {
    FptPartition p;
    p.name = std::move(name), p.type = kPartitionNvram, p.length = length;
    p.content = PartitionContent::NoData;
    return p;
}

FptPartition FptPartition::manifest_holder(std::string name, uint32_t length) {
    FptPartition p;
    p.name = std::move(name), p.type = kPartitionCode, p.length = length;
    p.content = PartitionContent::Manifest;
    return p;
}

// x210's ROMB / ISHC: offset 0, length 0, flags 0xFF000000 (§2.3 quirks).
FptPartition FptPartition::placeholder(std::string name) {
    FptPartition p;
    p.name = std::move(name), p.type = 0, p.flags_high = 0xFF000000, p.length = 0, p.offset = 0;
    p.owner = 0;
    p.content = PartitionContent::NoData;
    return p;
}

const PartitionLayout* FptLayout::find(std::string_view name) const {
    for (const auto& p : partitions)
        if (p.name == name) return &p;
    return nullptr;
}

void recompute_fpt_checksum(std::vector<uint8_t>& bytes, const FptLayout& fpt, uint32_t base) {
    put_u8(bytes, base + fpt.checksum_offset, 0);
    const auto span = std::span<const uint8_t>(bytes).subspan(base + fpt.checksum_span.offset,
                                                              fpt.checksum_span.size);
    put_u8(bytes, base + fpt.checksum_offset, zero_sum_byte(span));
}

namespace detail {

uint32_t fpt_offset_for(const FptHeaderSpec& header) { return header.rom_bypass_present ? 0x10 : 0x0; }

uint32_t first_partition_offset(const FptHeaderSpec& header, size_t entry_count) {
    return align_up(fpt_offset_for(header) + 0x20 + uint32_t(entry_count) * kFptEntrySize, 0x1000);
}

std::vector<PlacedPartition> place_partitions(const std::vector<FptPartition>& partitions,
                                              uint32_t first_offset, uint32_t manifest_content_size) {
    std::vector<PlacedPartition> placed;
    uint32_t cursor = first_offset;
    for (const auto& p : partitions) {
        PlacedPartition out;
        out.spec = p;
        out.length_field = p.length;
        if (p.content == PartitionContent::NoData) {
            out.offset_field = p.offset.value_or(p.type == kPartitionNvram ? 0xFFFFFFFF : 0);
            placed.push_back(out);
            continue;
        }
        uint32_t length = p.length;
        if (p.content == PartitionContent::Manifest) {
            if (length == 0) length = align_up(manifest_content_size, 0x1000);
            if (length < manifest_content_size) fail("partition " + p.name + " too small for its content");
        }
        const uint32_t offset = p.offset.value_or(align_up(cursor, 0x1000));
        out.offset_field = offset;
        out.length_field = p.length_to_region_end ? 0xFFFFFFFF : length;
        out.data = {offset, length};
        cursor = std::max(cursor, offset + length);
        placed.push_back(out);
    }
    return placed;
}

uint32_t auto_region_size(const std::vector<PlacedPartition>& placed) {
    uint32_t end = 0x1000;
    for (const auto& p : placed) end = std::max(end, p.data.end());
    return align_up(end, 0x1000);
}

void finish_placement(std::vector<PlacedPartition>& placed, uint32_t region_size) {
    for (auto& p : placed)
        if (p.spec.length_to_region_end && region_size > p.data.offset)
            p.data.size = region_size - p.data.offset;
}

size_t manifest_partition_index(const std::vector<PlacedPartition>& placed) {
    size_t found = placed.size();
    for (size_t i = 0; i < placed.size(); ++i) {
        if (placed[i].spec.content != PartitionContent::Manifest) continue;
        if (found != placed.size()) fail("more than one partition holds the manifest");
        found = i;
    }
    if (found == placed.size()) fail("no partition has content Manifest");
    return found;
}

void write_partition_fillers(std::vector<uint8_t>& region, const std::vector<PlacedPartition>& placed) {
    for (const auto& p : placed) {
        if (p.data.empty() || p.data.offset >= region.size()) continue;
        // Clip: a test may describe a partition that runs past the region end.
        const uint32_t length = std::min<uint32_t>(p.data.size, uint32_t(region.size()) - p.data.offset);
        if (p.spec.content == PartitionContent::Filler)
            put_pattern(region, p.data.offset, length, tag_for_name(p.spec.name));
        else if (p.spec.content == PartitionContent::Erased)
            std::fill_n(region.begin() + p.data.offset, length, uint8_t(0xFF));
    }
}

FptLayout write_fpt(std::vector<uint8_t>& region, const FptHeaderSpec& h,
                    const std::vector<PlacedPartition>& placed) {
    FptLayout layout;
    const uint32_t fpt = fpt_offset_for(h);
    layout.fpt_offset = fpt;
    layout.entries_offset = fpt + 0x20;  // entries follow the 0x20-byte header (§2.3)
    layout.checksum_offset = fpt + 0x0B;
    layout.flags_offset = fpt + 0x14;

    if (h.rom_bypass_present) put_bytes(region, 0, h.rom_bypass);
    put_u32(region, fpt + 0x00, fourcc("$FPT"));
    put_u32(region, fpt + 0x04, uint32_t(placed.size()));
    put_u8(region, fpt + 0x08, h.header_version);
    put_u8(region, fpt + 0x09, h.entry_version);
    put_u8(region, fpt + 0x0A, h.header_length);
    put_u8(region, fpt + 0x0B, 0);
    put_u16(region, fpt + 0x0C, h.flash_cycle_life);
    put_u16(region, fpt + 0x0E, h.flash_cycle_limit);
    put_u32(region, fpt + 0x10, h.uma_size);
    put_u32(region, fpt + 0x14, h.flags);
    for (int i = 0; i < 4; ++i) put_u16(region, fpt + 0x18 + 2 * i, h.fit_version[size_t(i)]);

    for (size_t i = 0; i < placed.size(); ++i) {
        const auto& p = placed[i];
        const uint32_t e = layout.entries_offset + uint32_t(i) * kFptEntrySize;
        const uint32_t flags = uint32_t(p.spec.type & 0x7F) | p.spec.flags_high;
        put_name(region, e + 0x00, p.spec.name, 4);
        put_u32(region, e + 0x04, p.spec.owner);
        put_u32(region, e + 0x08, p.offset_field);
        put_u32(region, e + 0x0C, p.length_field);
        put_u32(region, e + 0x10, 0);  // start tokens
        put_u32(region, e + 0x14, 0);  // max tokens
        put_u32(region, e + 0x18, 0);  // scratch sectors
        put_u32(region, e + 0x1C, flags);
        layout.partitions.push_back({p.spec.name, e, p.offset_field, p.length_field, flags, p.data});
    }

    // The sum covers `header length` bytes ending at $FPT + 0x20: 0x30 → from the
    // ROM bypass (ME ≤ 10, TXE), 0x20 → from $FPT (ME 11) (§2.2).
    const uint32_t span_end = fpt + 0x20;
    const uint32_t span_start = span_end >= h.header_length ? span_end - h.header_length : 0;
    layout.checksum_span = {span_start, span_end - span_start};
    recompute_fpt_checksum(region, layout, 0);
    return layout;
}

}  // namespace detail
}  // namespace meclean::synth
