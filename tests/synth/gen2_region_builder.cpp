// Generation-2 ME/TXE regions (ME 6–10, TXE 1–2): `$FPT` at +0x10 and an FTPR
// partition holding a `$MN2` manifest, `$MME` module headers, and module data
// — stored, LZMA, or Huffman chunks behind one shared LLUT (formats.md §2.5,
// §2.6, §2.8.7).
#include <algorithm>

#include "crypto/crypto.hpp"
#include "synth/builder_internal.hpp"
#include "synth/me_region_builder.hpp"

namespace meclean::synth {

using namespace detail;

namespace {

constexpr uint32_t kNonHuffmanLoadBase = 0x20C00000;  // made up; only Huffman load addresses matter
constexpr uint32_t kSkuRecordSize = 0x10;

// Where everything goes, relative to the FTPR start (= manifest start).
struct FtprPlan {
    uint32_t header_size = 0;
    uint32_t manifest_size = 0;
    std::optional<uint32_t> sku_offset;
    bool has_huffman = false;
    uint32_t llut_offset = 0;
    uint32_t stream_offset = 0;
    uint32_t stream_length = 0;
    std::vector<uint32_t> chunk_size;    // 0 for absent chunks
    std::vector<int> chunk_module;       // module index or −1
    std::vector<uint32_t> module_first_chunk, module_chunk_count;
    std::vector<uint32_t> module_data_offset, module_data_size;  // data_offset: what +0x38 holds
    uint32_t end = 0;
};

bool is_huffman(const Gen2Module& m) { return m.compression == Compression::Huffman; }

// Compressed length of chunk i: varies so chunk boundaries are irregular,
// always below the 0x400 chunk size, like real Huffman output.
uint32_t chunk_compressed_size(uint32_t index) { return 0x80 + (index * 0x9D + 0x31) % 0x180; }

uint32_t stored_size(const Gen2Module& m) {
    if (m.compressed_size) return m.compressed_size;
    return m.compression == Compression::Lzma ? std::max<uint32_t>(m.uncompressed_size / 2, 1)
                                              : m.uncompressed_size;
}

FtprPlan plan_ftpr(const Gen2FtprSpec& spec) {
    FtprPlan plan;
    plan.header_size = spec.module_header_size;
    const uint32_t n = uint32_t(spec.modules.size());
    uint32_t manifest_end = kGen2ModuleHeadersAt + n * plan.header_size;
    if (spec.ignition_sku_marker) {
        // me_cleaner looks one 0x60 slot past the module headers (§2.8.5).
        const uint32_t sku = kGen2ModuleHeadersAt + (n + 1) * 0x60;
        if (sku < manifest_end) fail("$SKU marker would overlap module headers (use 0x60 headers)");
        plan.sku_offset = sku;
        manifest_end = sku + kSkuRecordSize;
    }
    plan.manifest_size = align_up(manifest_end, 4);
    uint32_t cursor = align_up(plan.manifest_size, 0x40);

    plan.module_first_chunk.assign(n, 0);
    plan.module_chunk_count.assign(n, 0);
    plan.module_data_offset.assign(n, 0);
    plan.module_data_size.assign(n, 0);

    const HuffmanSpec& h = spec.huffman;
    plan.has_huffman = std::any_of(spec.modules.begin(), spec.modules.end(), is_huffman);
    if (plan.has_huffman) {
        if (h.chunk_size == 0) fail("chunk size 0");
        // Chunks: leading, then each Huffman module's run in declaration order, then trailing.
        plan.chunk_module.assign(h.leading_chunks, -1);
        for (uint32_t i = 0; i < n; ++i) {
            if (!is_huffman(spec.modules[i])) continue;
            const uint32_t count = std::max<uint32_t>(
                1, (spec.modules[i].uncompressed_size + h.chunk_size - 1) / h.chunk_size);
            plan.module_first_chunk[i] = uint32_t(plan.chunk_module.size());
            plan.module_chunk_count[i] = count;
            plan.chunk_module.insert(plan.chunk_module.end(), count, int(i));
        }
        plan.chunk_module.insert(plan.chunk_module.end(), h.trailing_chunks, -1);
        const uint32_t count = uint32_t(plan.chunk_module.size());
        plan.chunk_size.assign(count, 0);
        for (uint32_t c = 0; c < count; ++c) {
            const bool absent = std::find(h.absent_chunks.begin(), h.absent_chunks.end(), c) != h.absent_chunks.end();
            plan.chunk_size[c] = absent ? 0 : chunk_compressed_size(c);
        }
        for (uint32_t c : h.absent_chunks)
            if (c >= count) fail("absent chunk index past the chunk table");

        plan.llut_offset = cursor;
        plan.stream_offset = cursor + kLlutHeaderSize + 4 * count;  // stream follows the table
        for (uint32_t size : plan.chunk_size) plan.stream_length += size;
        cursor = plan.stream_offset + plan.stream_length;
        for (uint32_t i = 0; i < n; ++i) {
            if (!is_huffman(spec.modules[i])) continue;
            plan.module_data_offset[i] = plan.llut_offset;  // all Huffman modules name the LLUT (§2.6)
            for (uint32_t c = 0; c < plan.module_chunk_count[i]; ++c)
                plan.module_data_size[i] += plan.chunk_size[plan.module_first_chunk[i] + c];
        }
    }
    for (uint32_t i = 0; i < n; ++i) {
        if (is_huffman(spec.modules[i])) continue;
        cursor = align_up(cursor, 0x10);
        plan.module_data_offset[i] = cursor;
        plan.module_data_size[i] = stored_size(spec.modules[i]);
        cursor += plan.module_data_size[i];
    }
    plan.end = cursor;
    return plan;
}

// Writes LLUT header, chunk table and the chunk stream; fills layout.llut.
void write_llut(std::vector<uint8_t>& region, uint32_t ftpr, const Gen2FtprSpec& spec, const FtprPlan& plan,
                Gen2Layout& layout) {
    const HuffmanSpec& h = spec.huffman;
    LlutLayout llut;
    llut.offset = ftpr + plan.llut_offset;
    llut.chunk_count = uint32_t(plan.chunk_size.size());
    llut.addr_base = h.addr_base;
    llut.correction = uint16_t(h.addr_base >> 8);  // the u16 at LLUT+9 (§2.6)
    llut.chunk_size = h.chunk_size;
    llut.table_offset = llut.offset + kLlutHeaderSize;
    llut.spi_base = llut.table_offset - llut.correction;  // SpiBase + correction = table offset
    llut.stream_offset = ftpr + plan.stream_offset;
    llut.stream_length = plan.stream_length;
    llut.module_base = h.addr_base + 0x10000000;  // me_cleaner adds 0x10000000 (§2.8.7)

    std::fill_n(region.begin() + llut.offset, kLlutHeaderSize, uint8_t(0));
    put_u32(region, llut.offset + 0x00, fourcc("LLUT"));
    put_u32(region, llut.offset + 0x04, llut.chunk_count);
    put_u32(region, llut.offset + 0x08, llut.addr_base);
    put_u32(region, llut.offset + 0x0C, llut.spi_base);
    put_u32(region, llut.offset + 0x10, llut.stream_length);
    put_u32(region, llut.offset + 0x14, llut.stream_offset);
    put_u32(region, llut.offset + 0x30, llut.chunk_size);

    uint32_t at = llut.stream_offset;
    for (uint32_t c = 0; c < llut.chunk_count; ++c) {
        LlutChunk chunk;
        chunk.index = c;
        chunk.module = plan.chunk_module[c];
        chunk.present = plan.chunk_size[c] != 0;
        if (chunk.present) {
            chunk.flags = h.present_flags.empty() ? 0 : h.present_flags[c % h.present_flags.size()];
            if (chunk.flags == kChunkAbsent) fail("present chunk flag 0x80 means absent");
            if (at > 0xFFFFFF) fail("chunk offset does not fit 24 bits");
            chunk.offset = at;
            chunk.size = plan.chunk_size[c];
            const uint8_t tag = chunk.module >= 0 ? tag_for_name(spec.modules[size_t(chunk.module)].name) : 0x5A;
            put_pattern(region, at, chunk.size, tag);
            at += chunk.size;
        } else {
            chunk.flags = kChunkAbsent;
        }
        put_u32(region, llut.table_offset + 4 * c, (chunk.offset & 0xFFFFFF) | uint32_t(chunk.flags) << 24);
        llut.chunks.push_back(chunk);
    }
    layout.llut = llut;
}

void write_ftpr(std::vector<uint8_t>& region, uint32_t ftpr, const Gen2FtprSpec& spec, const FtprPlan& plan,
                Gen2Layout& layout) {
    if (ftpr + plan.end > region.size()) fail("FTPR content runs past the region");
    // Manifest area: zero, then name, headers, optional $SKU record.
    std::fill_n(region.begin() + ftpr, plan.manifest_size, uint8_t(0));
    put_name(region, ftpr + kGen2PartitionNameAt, spec.partition_name, 12);
    if (plan.has_huffman) write_llut(region, ftpr, spec, plan, layout);

    layout.module_header_size = plan.header_size;
    for (size_t i = 0; i < spec.modules.size(); ++i) {
        const Gen2Module& m = spec.modules[i];
        Gen2ModuleLayout ml;
        ml.name = m.name;
        ml.compression = m.compression;
        ml.header_offset = ftpr + kGen2ModuleHeadersAt + uint32_t(i) * plan.header_size;
        ml.data_offset = ftpr + plan.module_data_offset[i];
        ml.data_size = plan.module_data_size[i];
        ml.uncompressed_size = m.uncompressed_size;
        ml.first_chunk = plan.module_first_chunk[i];
        ml.chunk_count = plan.module_chunk_count[i];

        crypto::Sha256 hash;
        if (is_huffman(m)) {
            ml.load_address = layout.llut->module_base + ml.first_chunk * spec.huffman.chunk_size;
            for (uint32_t c = 0; c < ml.chunk_count; ++c) {
                const LlutChunk& chunk = layout.llut->chunks[ml.first_chunk + c];
                hash.update(std::span<const uint8_t>(region).subspan(chunk.offset, chunk.size));
            }
        } else {
            ml.load_address = kNonHuffmanLoadBase + uint32_t(i) * 0x100000;
            put_pattern(region, ml.data_offset, ml.data_size, tag_for_name(m.name));
            hash.update(std::span<const uint8_t>(region).subspan(ml.data_offset, ml.data_size));
        }
        const auto digest = hash.finish();

        const uint32_t hdr = ml.header_offset;
        put_u32(region, hdr + 0x00, fourcc("$MME"));
        put_name(region, hdr + 0x04, m.name, 16);
        put_bytes(region, hdr + 0x14, digest);
        put_u32(region, hdr + 0x34, ml.load_address);
        put_u32(region, hdr + 0x38, plan.module_data_offset[i]);  // from the manifest start (§2.6)
        put_u32(region, hdr + 0x3C, m.uncompressed_size);
        put_u32(region, hdr + 0x40, ml.data_size);
        put_u32(region, hdr + 0x44, align_up(m.uncompressed_size, 0x1000));  // memory size
        put_u32(region, hdr + 0x48, 0);                                       // pre-UMA size
        put_u32(region, hdr + 0x4C, ml.load_address);                         // entry point
        put_u32(region, hdr + 0x50, (uint32_t(m.compression) & 7) << 4 | m.extra_flags);
        layout.modules.push_back(ml);
    }
    if (plan.sku_offset) {
        const uint32_t sku = ftpr + *plan.sku_offset;
        put_u32(region, sku + 0x0, fourcc("$SKU"));
        put_u32(region, sku + 0x4, kSkuRecordSize / 4);
        put_u32(region, sku + 0x8, 0);  // bytes 8–11 zero: the Ignition condition (§2.8.5)
        put_u32(region, sku + 0xC, 0x00000001);
        layout.sku_marker_offset = sku;
    }
    // Signed last: the signature covers the module headers.
    layout.manifest = write_signed_manifest(region, ftpr, spec.manifest, uint32_t(spec.modules.size()),
                                            plan.manifest_size);
    layout.ftpr_data_end = ftpr + plan.end;
}

}  // namespace

Gen2Region build_gen2_region(const Gen2RegionSpec& spec) {
    const FtprPlan plan = plan_ftpr(spec.ftpr);
    auto placed = place_partitions(spec.partitions, first_partition_offset(spec.fpt, spec.partitions.size()),
                                   plan.end);
    const uint32_t region_size = spec.region_size ? spec.region_size : auto_region_size(placed);
    finish_placement(placed, region_size);

    Gen2Region out;
    out.bytes.assign(region_size, 0xFF);
    write_partition_fillers(out.bytes, placed);
    const auto& ftpr = placed[manifest_partition_index(placed)];
    out.layout.ftpr = ftpr.data;
    write_ftpr(out.bytes, ftpr.data.offset, spec.ftpr, plan, out.layout);
    out.layout.fpt = write_fpt(out.bytes, spec.fpt, placed);
    return out;
}

}  // namespace meclean::synth
