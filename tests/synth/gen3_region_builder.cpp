// Generation-3 ME regions (ME 11 style, and CSME 15+ update-image style):
// `$FPT` with a 0x20-byte header and an FTPR partition that starts with a
// `$CPD` directory naming FTPR.man, *.met metadata and modules (formats.md
// §2.2, §2.7, §2.8.8).
#include <algorithm>

#include "crypto/crypto.hpp"
#include "synth/builder_internal.hpp"
#include "synth/me_region_builder.hpp"

namespace meclean::synth {

using namespace detail;

namespace {

enum class ItemKind { Manifest, Metadata, Module, Empty };

struct CpdItem {
    std::string name;
    ItemKind kind = ItemKind::Module;
    uint32_t data_size = 0;
    uint32_t size_field = 0;
    bool huffman = false;
    uint32_t offset = 0;  // from the $CPD start; 0 for empty entries
};

uint32_t cpd_header_length(uint8_t version) { return version >= 2 ? 0x14 : 0x10; }

// Directory order: the manifest, every .met, then the modules.
std::vector<CpdItem> plan_cpd(const CpdSpec& spec) {
    if (spec.manifest_extension_size % 4 != 0) fail("manifest extension size must be a multiple of 4");
    std::vector<CpdItem> items;
    const uint32_t manifest_size = manifest_header_length(spec.manifest.key) + spec.manifest_extension_size;
    items.push_back({spec.partition_name + ".man", ItemKind::Manifest, manifest_size, manifest_size});
    for (const auto& m : spec.modules)
        if (m.with_metadata && !m.empty_entry)
            items.push_back({m.name + ".met", ItemKind::Metadata, spec.metadata_size, spec.metadata_size});
    for (const auto& m : spec.modules) {
        if (m.empty_entry) {
            items.push_back({m.name, ItemKind::Empty, 0, 0});
            continue;
        }
        items.push_back({m.name, ItemKind::Module, m.data_size, m.declared_size ? m.declared_size : m.data_size,
                         m.huffman});
    }
    uint32_t cursor = cpd_header_length(spec.header_version) + uint32_t(items.size()) * kCpdEntrySize;
    for (auto& item : items) {
        if (item.kind == ItemKind::Empty) continue;
        // The manifest must be dword-aligned for its dword size fields; others follow item_alignment.
        cursor = align_up(cursor, std::max<uint32_t>(spec.item_alignment, 4));
        item.offset = cursor;
        cursor += item.data_size;
    }
    return items;
}

uint32_t plan_end(const std::vector<CpdItem>& items) {
    uint32_t end = 0;
    for (const auto& item : items) end = std::max(end, item.offset + item.data_size);
    return end;
}

void write_cpd(std::vector<uint8_t>& region, uint32_t cpd, const CpdSpec& spec, const std::vector<CpdItem>& items,
               Gen3Layout& layout) {
    const uint32_t header_length = cpd_header_length(spec.header_version);
    layout.cpd_offset = cpd;
    layout.cpd_header_length = header_length;
    layout.cpd_checksum_offset = cpd + (spec.header_version >= 2 ? 0x10 : 0x0B);

    std::fill_n(region.begin() + cpd, header_length, uint8_t(0));
    put_u32(region, cpd + 0x00, fourcc("$CPD"));
    put_u32(region, cpd + 0x04, uint32_t(items.size()));
    put_u8(region, cpd + 0x08, spec.header_version);
    put_u8(region, cpd + 0x09, 1);  // entry version
    put_u8(region, cpd + 0x0A, uint8_t(header_length));
    put_name(region, cpd + 0x0C, spec.partition_name, 4);

    for (size_t i = 0; i < items.size(); ++i) {
        const CpdItem& item = items[i];
        const uint32_t e = cpd + header_length + uint32_t(i) * kCpdEntrySize;
        const uint32_t offset_field = item.offset | (item.huffman ? kCpdHuffmanBit : 0);
        put_name(region, e + 0x00, item.name, 12);
        put_u32(region, e + 0x0C, offset_field);
        put_u32(region, e + 0x10, item.size_field);
        put_u32(region, e + 0x14, 0);
        if (item.kind == ItemKind::Metadata || item.kind == ItemKind::Module)
            put_pattern(region, cpd + item.offset, item.data_size, tag_for_name(item.name));
        const uint32_t data_offset = item.kind == ItemKind::Empty ? 0 : cpd + item.offset;
        layout.entries.push_back({item.name, e, offset_field, data_offset, item.data_size, item.size_field});
    }

    // FTPR.man: signed extension bytes after the header, then the signed header.
    const CpdItem& man = items.front();
    const uint32_t man_at = cpd + man.offset;
    const uint32_t header_bytes = manifest_header_length(spec.manifest.key);
    put_pattern(region, man_at + header_bytes, man.data_size - header_bytes, tag_for_name(man.name));
    layout.manifest = write_signed_manifest(region, man_at, spec.manifest, spec.manifest.build_tag, man.data_size);

    recompute_cpd_checksum(region, cpd);
}

}  // namespace

const CpdEntryLayout* Gen3Layout::find(std::string_view name) const {
    for (const auto& e : entries)
        if (e.name == name) return &e;
    return nullptr;
}

// v1: 8-bit sum of header + entries is zero; v2: CRC-32 of header + entries
// with the CRC field zeroed (§2.7). Version and lengths come from the buffer.
void recompute_cpd_checksum(std::vector<uint8_t>& bytes, uint32_t cpd) {
    const uint32_t count = get_u32(bytes, cpd + 4);
    const uint8_t version = bytes.at(cpd + 8);
    const uint32_t header_length = bytes.at(cpd + 0x0A);
    const uint32_t covered = header_length + count * kCpdEntrySize;
    if (size_t(cpd) + covered > bytes.size()) fail("$CPD directory runs past the buffer");
    if (version >= 2) {
        put_u32(bytes, cpd + 0x10, 0);
        put_u32(bytes, cpd + 0x10, crypto::crc32(std::span<const uint8_t>(bytes).subspan(cpd, covered)));
    } else {
        put_u8(bytes, cpd + 0x0B, 0);
        put_u8(bytes, cpd + 0x0B, zero_sum_byte(std::span<const uint8_t>(bytes).subspan(cpd, covered)));
    }
}

Gen3Region build_gen3_region(const Gen3RegionSpec& spec) {
    const auto items = plan_cpd(spec.ftpr);
    auto placed = place_partitions(spec.partitions, first_partition_offset(spec.fpt, spec.partitions.size()),
                                   plan_end(items));
    const uint32_t region_size = spec.region_size ? spec.region_size : auto_region_size(placed);
    finish_placement(placed, region_size);

    Gen3Region out;
    out.bytes.assign(region_size, 0xFF);
    write_partition_fillers(out.bytes, placed);
    const auto& ftpr = placed[manifest_partition_index(placed)];
    if (ftpr.data.offset + plan_end(items) > region_size) fail("FTPR content runs past the region");
    out.layout.ftpr = ftpr.data;
    write_cpd(out.bytes, ftpr.data.offset, spec.ftpr, items, out.layout);
    out.layout.ftpr_data_end = ftpr.data.offset + plan_end(items);
    out.layout.fpt = write_fpt(out.bytes, spec.fpt, placed);
    return out;
}

}  // namespace meclean::synth
