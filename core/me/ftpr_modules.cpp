#include "me/ftpr_modules.hpp"

#include "base/byte_reader.hpp"
#include "base/findings.hpp"
#include "base/text.hpp"

namespace meclean {
namespace {

constexpr uint64_t kModuleCountField = 0x20;   // in the gen-2 manifest
constexpr uint64_t kFirstModuleHeader = 0x290;  // after the 0x284-byte header and the 12-byte name
constexpr uint64_t kProbeBytes = 0x84;
constexpr uint64_t kCpdEntriesStart = 0x10;
constexpr uint64_t kCpdEntrySize = 0x18;

bool tag_in(std::span<const uint8_t> bytes, uint64_t at, const char (&tag)[5]) {
    if (at + 4 > bytes.size()) return false;
    for (int i = 0; i < 4; ++i) {
        if (bytes[at + i] != static_cast<uint8_t>(tag[i])) return false;
    }
    return true;
}

}  // namespace

FixedName read_fixed_name(std::span<const uint8_t> bytes) {
    size_t length = bytes.size();
    while (length > 0 && bytes[length - 1] == 0) --length;
    FixedName name;
    for (size_t i = 0; i < length; ++i) {
        if (bytes[i] >= 0x80) name.ascii = false;
        name.text += bytes[i] < 0x80 ? static_cast<char>(bytes[i]) : '?';
    }
    return name;
}

MmeTable read_mme_table(const RegionView& region, uint64_t ftpr_offset) {
    MmeTable table;
    uint32_t count = region.u32(ftpr_offset + kModuleCountField, "FTPR module count");
    auto probe = region.read(ftpr_offset + kFirstModuleHeader, kProbeBytes, "first FTPR module header");
    if (tag_in(probe, 0, "$MME") && (tag_in(probe, 0x60, "$MME") || count == 1)) {
        table.header_size = 0x60;
    } else if (tag_in(probe, 0x80, "$MME")) {
        table.header_size = 0x80;
    } else {
        return table;
    }
    auto headers = region.read(ftpr_offset + kFirstModuleHeader, uint64_t{count} * table.header_size,
                               "FTPR module headers");
    for (uint32_t i = 0; i < count; ++i) {
        const uint8_t* h = headers.data() + uint64_t{i} * table.header_size;
        if (!tag_in(headers, uint64_t{i} * table.header_size, "$MME")) {
            table.header_size = 0;
            table.modules.clear();
            return table;
        }
        MmeModule m;
        m.name = read_fixed_name({h + 0x04, 16});
        m.load_address = load_le32(h + 0x34);
        m.data_offset = load_le32(h + 0x38);
        m.uncompressed_size = load_le32(h + 0x3C);
        m.compressed_size = load_le32(h + 0x40);
        m.flags = load_le32(h + 0x50);
        table.modules.push_back(m);
    }
    return table;
}

Llut read_llut(const RegionView& region, uint64_t offset) {
    if (!region.tag_at(offset, "LLUT")) {
        fail("llut_missing", "The Huffman modules point at " + hex(offset) + ", but no LLUT table is there",
             region.start() + offset);
    }
    auto header = region.read(offset, 0x40, "LLUT header");
    Llut llut;
    llut.offset = offset;
    llut.chunk_count = load_le32(header.data() + 0x04);
    llut.base = uint64_t{load_le32(header.data() + 0x08)} + kLlutBaseBias;
    llut.correction = load_le16(header.data() + 0x09);
    llut.spi_base = load_le32(header.data() + 0x0C);
    llut.stream_length = load_le32(header.data() + 0x10);
    llut.stream_start = load_le32(header.data() + 0x14);
    llut.chunk_size = load_le32(header.data() + 0x30);
    auto entries = region.read(offset + 0x40, uint64_t{llut.chunk_count} * 4, "LLUT chunk table");
    llut.chunks.reserve(llut.chunk_count);
    for (uint32_t i = 0; i < llut.chunk_count; ++i) llut.chunks.push_back(load_le32(entries.data() + 4 * i));
    return llut;
}

std::vector<CpdEntry> read_cpd_entries(const RegionView& region, uint64_t cpd_offset) {
    uint32_t count = region.u32(cpd_offset + 4, "$CPD entry count");
    auto bytes = region.read(cpd_offset + kCpdEntriesStart, uint64_t{count} * kCpdEntrySize, "$CPD entries");
    std::vector<CpdEntry> entries;
    entries.reserve(count);
    for (uint32_t i = 0; i < count; ++i) {
        const uint8_t* e = bytes.data() + uint64_t{i} * kCpdEntrySize;
        entries.push_back(CpdEntry{read_fixed_name({e, 12}), load_le32(e + 0x0C), load_le32(e + 0x10)});
    }
    return entries;
}

}  // namespace meclean
