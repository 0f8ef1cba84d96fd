// CSME 12+ / IFWI synthetic firmware (formats.md §3) and the descriptor FDV manifest (§3.9).
#include "synth/ifwi_builder.hpp"

#include <algorithm>
#include <stdexcept>

#include "crypto/crypto.hpp"
#include "synth/builder_internal.hpp"
#include "synth/flash_image_builder.hpp"

namespace meclean::synth {

using namespace detail;

namespace {

constexpr uint32_t kPage = 0x1000;

std::span<const uint8_t> view(const std::vector<uint8_t>& b) { return std::span<const uint8_t>(b); }

// CRC-32 over bytes[from, from + length) with the dword at `crc_at` (absolute) taken as zero.
uint32_t crc_with_zeroed_field(const std::vector<uint8_t>& bytes, size_t from, size_t length, size_t crc_at) {
    if (from + length > bytes.size()) fail("CRC span runs past the buffer");
    std::vector<uint8_t> copy(bytes.begin() + std::ptrdiff_t(from), bytes.begin() + std::ptrdiff_t(from + length));
    for (size_t i = 0; i < 4; ++i) copy.at(crc_at - from + i) = 0;
    return crypto::crc32(copy);
}

// The FTPR-style `$CPD` (with FTPR.man signed by the test key), built by the gen-3 region
// builder and cut out of that region. Offsets inside a `$CPD` are relative to it, so the
// bytes can be placed anywhere.
struct BuiltCpd {
    std::vector<uint8_t> bytes;
    CpdLayout layout;  // offsets relative to the `$CPD`
};

BuiltCpd build_cpd(const CpdSpec& spec) {
    Gen3RegionSpec region;
    region.fpt.header_length = 0x20;
    region.fpt.flags = 0;
    region.partitions = {FptPartition::manifest_holder(spec.partition_name)};
    region.ftpr = spec;
    const Gen3Region built = build_gen3_region(region);
    const uint32_t cpd = built.layout.cpd_offset;
    BuiltCpd out;
    out.bytes.assign(built.bytes.begin() + cpd, built.bytes.begin() + built.layout.ftpr_data_end);
    out.layout.offset = 0;
    out.layout.header_length = built.layout.cpd_header_length;
    out.layout.checksum_offset = built.layout.cpd_checksum_offset - cpd;
    out.layout.end = built.layout.ftpr_data_end - cpd;
    for (CpdEntryLayout e : built.layout.entries) {
        e.entry_offset -= cpd;
        if (e.data_offset != 0) e.data_offset -= cpd;
        out.layout.entries.push_back(e);
    }
    ManifestLayout m = built.layout.manifest;
    m.offset -= cpd;
    m.modulus_offset -= cpd;
    m.exponent_offset -= cpd;
    m.signature_offset -= cpd;
    out.layout.manifest = m;
    return out;
}

// A small unsigned directory: header, one module entry, the module.
BuiltCpd build_small_cpd(const std::string& name, uint8_t header_version) {
    const uint32_t header_length = header_version >= 2 ? 0x14 : 0x10;
    const uint32_t module_at = align_up(header_length + kCpdEntrySize, 0x10);
    const uint32_t module_size = 0x200;
    BuiltCpd out;
    out.bytes.assign(module_at + module_size, 0);
    put_u32(out.bytes, 0, fourcc("$CPD"));
    put_u32(out.bytes, 4, 1);
    put_u8(out.bytes, 8, header_version);
    put_u8(out.bytes, 9, 1);
    put_u8(out.bytes, 0xA, uint8_t(header_length));
    put_name(out.bytes, 0xC, name, 4);
    const std::string module = name.substr(0, std::min<size_t>(name.size(), 4)) == "RBEP" ? "rbe" : "mod";
    put_name(out.bytes, header_length, module, 12);
    put_u32(out.bytes, header_length + 0xC, module_at);
    put_u32(out.bytes, header_length + 0x10, module_size);
    put_pattern(out.bytes, module_at, module_size, tag_for_name(name));
    recompute_cpd_checksum(out.bytes, 0);
    out.layout.offset = 0;
    out.layout.header_length = header_length;
    out.layout.checksum_offset = header_version >= 2 ? 0x10 : 0x0B;
    out.layout.end = module_at + module_size;
    out.layout.entries.push_back({module, header_length, module_at, module_at, module_size, module_size});
    return out;
}

CpdLayout shifted(CpdLayout l, uint32_t by) {
    l.offset += by;
    l.checksum_offset += by;
    l.end += by;
    for (auto& e : l.entries) {
        e.entry_offset += by;
        if (e.data_size != 0 || e.data_offset != 0) e.data_offset += by;
    }
    if (l.manifest) {
        l.manifest->offset += by;
        l.manifest->modulus_offset += by;
        l.manifest->exponent_offset += by;
        l.manifest->signature_offset += by;
    }
    return l;
}

uint32_t table_bytes(size_t entries) { return kBpdtHeaderSize + uint32_t(entries) * kBpdtEntrySize; }

void write_bpdt_header(std::vector<uint8_t>& b, uint32_t at, const BootPartitionSpec& s, size_t count) {
    put_u32(b, at, s.recovery ? kBpdtSignatureYellow : kBpdtSignatureGreen);
    put_u16(b, at + 4, uint16_t(count));
    if (s.version >= 2) {
        put_u8(b, at + 6, s.version);
        put_u8(b, at + 7, s.config);
    } else {
        put_u16(b, at + 6, s.version);
    }
    put_u32(b, at + 8, 0);
    put_u32(b, at + 0xC, s.ifwi_version);
    for (int i = 0; i < 4; ++i) put_u16(b, at + 0x10 + 2 * i, s.fit_version[size_t(i)]);
}

void write_bpdt_entry(std::vector<uint8_t>& b, uint32_t at, uint8_t version, const BpdtEntrySpec& e,
                      uint32_t offset, uint32_t size) {
    if (version >= 2) {
        put_u32(b, at, e.type);
    } else {
        put_u16(b, at, uint16_t(e.type));
        put_u16(b, at + 2, e.v1_flags);
    }
    put_u32(b, at + 4, offset);
    put_u32(b, at + 8, size);
}

// Writes one entry's content at buffer offset `at`; returns the bytes used (for sizing).
struct Content {
    std::vector<uint8_t> bytes;
    std::optional<CpdLayout> directory;  // relative to the content start
};

Content make_content(const BootPartitionSpec& s, const BpdtEntrySpec& e) {
    Content c;
    switch (e.content) {
        case BpdtContent::Ftpr: {
            BuiltCpd cpd = build_cpd(s.ftpr);
            c.bytes = std::move(cpd.bytes);
            c.directory = cpd.layout;
            break;
        }
        case BpdtContent::Directory: {
            BuiltCpd cpd = build_small_cpd(e.cpd_name.empty() ? "DIR" : e.cpd_name, s.cpd_header_version);
            c.bytes = std::move(cpd.bytes);
            c.directory = cpd.layout;
            break;
        }
        default:
            break;
    }
    return c;
}

}  // namespace

const CpdEntryLayout* CpdLayout::find(std::string_view name) const {
    for (const auto& e : entries)
        if (e.name == name) return &e;
    return nullptr;
}

const BpdtEntryLayout* BootPartitionLayout::find(uint32_t type, bool secondary_table) const {
    for (const auto& e : entries)
        if (e.type == type && e.secondary == secondary_table) return &e;
    return nullptr;
}

const CpdLayout& BootPartitionLayout::ftpr() const {
    for (const auto& e : entries)
        if (e.type == bpdt_type::FTPR && e.directory) return *e.directory;
    throw std::invalid_argument("image builder: this boot partition has no FTPR directory");
}

const DataEntryLayout* DataPartitionLayout::find(std::string_view name) const {
    for (const auto& e : entries)
        if (e.name == name) return &e;
    return nullptr;
}

uint32_t CseRegionLayout::bp_offset_field(int n) const {
    if (n < 1 || n > 5) fail("boot partitions are numbered 1 to 5");
    return layout_table + (version == CseLayoutVersion::v1_7 ? 0x20 : 0x18) + 8 * uint32_t(n - 1);
}

// ---------------------------------------------------------------- BPDT

BootPartition build_boot_partition(const BootPartitionSpec& s, uint32_t base) {
    // Plan: the table (and the S-BPDT table) at the start, contents 4 KiB-aligned after it.
    struct Placed {
        const BpdtEntrySpec* spec = nullptr;
        bool secondary = false;
        uint32_t offset = 0, size = 0;
        Content content;
    };
    std::vector<Placed> placed;
    uint32_t cursor = align_up(table_bytes(s.entries.size()), kPage);
    std::optional<uint32_t> secondary_at;
    std::vector<Placed> secondary;
    for (const auto& e : s.entries) {
        Placed p;
        p.spec = &e;
        p.secondary = false;
        if (e.size == 0 && e.content != BpdtContent::Ftpr && e.content != BpdtContent::Secondary) {
            placed.push_back(std::move(p));  // dummy
            continue;
        }
        p.content = make_content(s, e);
        p.offset = cursor;
        if (e.content == BpdtContent::Secondary) {
            if (secondary_at) fail("only one S-BPDT per boot partition");
            secondary_at = cursor;
            uint32_t inner = cursor + align_up(table_bytes(s.secondary.size()), kPage);
            for (const auto& child : s.secondary) {
                Placed c;
                c.spec = &child;
                c.secondary = true;
                if (child.size == 0 && child.content != BpdtContent::Ftpr) {
                    secondary.push_back(std::move(c));
                    continue;
                }
                c.content = make_content(s, child);
                c.offset = inner;
                c.size = child.size ? child.size : align_up(uint32_t(c.content.bytes.size()), kPage);
                if (c.content.bytes.size() > c.size) fail("S-BPDT entry content larger than its size");
                inner = align_up(inner + c.size, kPage);
                secondary.push_back(std::move(c));
            }
            p.size = e.size ? e.size : inner - cursor;
            if (cursor + p.size < inner) fail("S-BPDT entry smaller than what it lists");
        } else {
            p.size = e.size ? e.size : align_up(uint32_t(p.content.bytes.size()), kPage);
            if (p.content.bytes.size() > p.size) fail("BPDT entry content larger than its size");
        }
        cursor = align_up(cursor + p.size, kPage);
        placed.push_back(std::move(p));
    }

    BootPartition out;
    out.bytes.assign(cursor, 0xFF);
    auto& b = out.bytes;
    BootPartitionLayout& L = out.layout;
    L.offset = base;
    L.entry_count = uint32_t(s.entries.size());
    write_bpdt_header(b, 0, s, s.entries.size());
    auto fill = [&](const Placed& p) {
        if (p.size == 0) return;
        switch (p.spec->content) {
            case BpdtContent::Filler: put_pattern(b, p.offset, p.size, uint8_t(0x40 + p.spec->type)); break;
            case BpdtContent::Erased: break;
            case BpdtContent::Directory:
            case BpdtContent::Ftpr: put_bytes(b, p.offset, p.content.bytes); break;
            case BpdtContent::Secondary: break;
        }
    };
    for (size_t i = 0; i < placed.size(); ++i) {
        const Placed& p = placed[i];
        const uint32_t entry_at = kBpdtHeaderSize + uint32_t(i) * kBpdtEntrySize;
        write_bpdt_entry(b, entry_at, s.version, *p.spec, p.offset, p.size);
        fill(p);
        BpdtEntryLayout e;
        e.type = p.spec->type;
        e.entry_offset = base + entry_at;
        e.data = {p.size ? base + p.offset : 0, p.size};
        e.secondary = false;
        if (p.content.directory) e.directory = shifted(*p.content.directory, base + p.offset);
        L.entries.push_back(std::move(e));
        L.size = std::max(L.size, p.offset + p.size);
    }
    if (secondary_at) {
        BootPartitionSpec inner = s;
        write_bpdt_header(b, *secondary_at, inner, secondary.size());
        L.secondary_offset = base + *secondary_at;
        L.secondary_entry_count = uint32_t(secondary.size());
        for (size_t i = 0; i < secondary.size(); ++i) {
            const Placed& p = secondary[i];
            const uint32_t entry_at = *secondary_at + kBpdtHeaderSize + uint32_t(i) * kBpdtEntrySize;
            // S-BPDT entries are relative to the logical boot partition, not to the S-BPDT (§3.3).
            write_bpdt_entry(b, entry_at, s.version, *p.spec, p.offset, p.size);
            fill(p);
            BpdtEntryLayout e;
            e.type = p.spec->type;
            e.entry_offset = base + entry_at;
            e.data = {p.size ? base + p.offset : 0, p.size};
            e.secondary = true;
            if (p.content.directory) e.directory = shifted(*p.content.directory, base + p.offset);
            L.entries.push_back(std::move(e));
        }
        if (s.version >= 2) recompute_bpdt_crc(b, *secondary_at);
    }
    if (s.version >= 2) {
        L.crc_offset = base + 8;
        recompute_bpdt_crc(b, 0);
    }
    return out;
}

void recompute_bpdt_crc(std::vector<uint8_t>& bytes, uint32_t at) {
    const uint32_t count = uint32_t(bytes.at(at + 4)) | uint32_t(bytes.at(at + 5)) << 8;
    const uint32_t end = at + table_bytes(count);
    // Over +4 … end of the last entry, CRC field zeroed, signature excluded (§3.3).
    put_u32(bytes, at + 8, crc_with_zeroed_field(bytes, at + 4, end - (at + 4), at + 8));
}

// ---------------------------------------------------------------- data partition

namespace {

// FIT's build record (§3.9): magic, a version block, node records, the platform string.
std::vector<uint8_t> cdmd_record(const std::string& platform, uint32_t size) {
    std::vector<uint8_t> r(size, 0);
    size_t at = 0;
    auto text = [&](const std::string& t) {
        if (at + t.size() > r.size()) fail("CDMD record larger than its partition");
        std::copy(t.begin(), t.end(), r.begin() + std::ptrdiff_t(at));
        at += t.size();
    };
    auto u8 = [&](uint32_t v) { r.at(at++) = uint8_t(v); };
    auto u16 = [&](uint32_t v) { u8(v & 0xFF); u8(v >> 8); };
    auto u32 = [&](uint32_t v) { u16(v & 0xFFFF); u16(v >> 16); };
    text("FIT AS A FIDDLE");
    u8(0);
    text("16.1.30.2319");
    u8(0);
    struct Node { const char* path; uint32_t offset, size; };
    const Node nodes[] = {{"IfwiRoot/DescriptorRegion/PchStraps", 0x100, 0x1CC},
                          {"IfwiRoot/DescriptorRegion/FdvManifest", 0, 0},
                          {"IfwiRoot/DescriptorRegion/FdvManifest/HashDescriptorManifestExt", 0, 0}};
    uint16_t id = 1;
    for (const Node& n : nodes) {
        const std::string path = n.path;
        u16(id++);
        u16(uint32_t(1 + path.size() + 8));
        u8(uint32_t(path.size()));
        text(path);
        u32(n.offset);
        u32(n.size);
    }
    text("{\"Platform\": \"");
    text(platform);
    u8(0);
    return r;
}

}  // namespace

DataPartition build_data_partition(const DataPartitionSpec& s, uint32_t base) {
    const uint32_t header = 0x20 + uint32_t(s.entries.size()) * 0x20;
    uint32_t cursor = align_up(header, kPage);
    DataPartition out;
    std::vector<std::pair<uint32_t, uint32_t>> places;
    for (const auto& e : s.entries) {
        places.push_back({cursor, e.size});
        cursor = align_up(cursor + e.size, kPage);
    }
    out.bytes.assign(cursor, 0xFF);
    auto& b = out.bytes;
    std::fill_n(b.begin(), header, uint8_t(0));
    put_u32(b, 0, fourcc("$FPT"));
    put_u32(b, 4, uint32_t(s.entries.size()));
    put_u8(b, 8, s.header_version);
    put_u8(b, 9, 0x10);
    put_u8(b, 0xA, 0x20);
    put_u8(b, 0xB, s.flags);
    for (int i = 0; i < 4; ++i) put_u16(b, 0x18 + 2 * i, s.fit_version[size_t(i)]);
    out.layout.offset = base;
    out.layout.size = cursor;
    out.layout.crc_offset = base + 0x14;
    for (size_t i = 0; i < s.entries.size(); ++i) {
        const DataEntrySpec& e = s.entries[i];
        const uint32_t entry_at = 0x20 + uint32_t(i) * 0x20;
        const auto [offset, size] = places[i];
        put_name(b, entry_at, e.name, 4);
        put_u32(b, entry_at + 8, offset);  // relative to the `$FPT` (§3.4)
        put_u32(b, entry_at + 0xC, size);
        put_u32(b, entry_at + 0x1C, e.flags);
        switch (e.content) {
            case DataContent::Filler: put_pattern(b, offset, size, tag_for_name(e.name)); break;
            case DataContent::Erased: break;
            case DataContent::Cdmd: put_bytes(b, offset, cdmd_record(s.cdmd_platform, size)); break;
            case DataContent::Elog: put_name(b, offset, "ELOG", 4); break;
            case DataContent::Mfs:
                put_u32(b, offset, 0xAA557887);  // MFS page magic 87 78 55 AA
                break;
        }
        out.layout.entries.push_back({e.name, base + entry_at, offset, {base + offset, size}});
    }
    if (s.header_version == 0x21) recompute_data_fpt_crc(b, 0);
    return out;
}

void recompute_data_fpt_crc(std::vector<uint8_t>& bytes, uint32_t at) {
    const uint32_t count = get_u32(bytes, at + 4);
    put_u32(bytes, at + 0x14, crc_with_zeroed_field(bytes, at, 0x20 + size_t(count) * 0x20, at + 0x14));
}

// ---------------------------------------------------------------- CSE region

void recompute_layout_crc(std::vector<uint8_t>& bytes, uint32_t table) {
    const uint32_t size = uint32_t(bytes.at(table + 0x10)) | uint32_t(bytes.at(table + 0x11)) << 8;
    // Over +0x10 … +0x10 + size − 1 with the CRC (+0x14) as zero (§3.2).
    put_u32(bytes, table + 0x14, crc_with_zeroed_field(bytes, table + 0x10, size, table + 0x14));
}

CseRegion build_cse_region(const CseRegionSpec& s) {
    const bool v17 = s.layout == CseLayoutVersion::v1_7;
    BootPartition bp1 = build_boot_partition(s.bp1, kPage);
    const uint32_t data_at = align_up(kPage + uint32_t(bp1.bytes.size()), kPage);
    DataPartition data = build_data_partition(s.data, data_at);
    const uint32_t bp3_at = align_up(data_at + uint32_t(data.bytes.size()), kPage);
    std::optional<BootPartition> bp3;
    if (s.bp3) bp3 = build_boot_partition(*s.bp3, bp3_at);
    const uint32_t end = bp3 ? bp3_at + uint32_t(bp3->bytes.size()) : bp3_at;
    const uint32_t region_size = s.region_size ? s.region_size : end;
    if (region_size < end) fail("CSE region smaller than its partitions");

    CseRegion out;
    auto& b = out.bytes;
    b.assign(region_size, 0xFF);
    put_bytes(b, kPage, bp1.bytes);
    put_bytes(b, data_at, data.bytes);
    if (bp3) put_bytes(b, bp3_at, bp3->bytes);

    CseRegionLayout& L = out.layout;
    L.version = s.layout;
    L.bp1 = bp1.layout;
    if (bp3) L.bp3 = bp3->layout;
    L.data_partition = data.layout;
    L.data = {data_at, uint32_t(data.bytes.size())};
    L.bp[0] = {kPage, uint32_t(bp1.bytes.size())};
    if (bp3) L.bp[2] = {bp3_at, uint32_t(bp3->bytes.size())};

    // Bytes 0..0xF: ROM bypass (0xFF), the table, 0xFF padding up to 0x1000.
    if (v17) {
        L.layout_size_field = s.elog_pair ? 0x48 : 0x40;
        L.layout_crc_offset = 0x14;
        L.data_offset_field = 0x18;
        put_u16(b, 0x10, uint16_t(L.layout_size_field));
        put_u8(b, 0x12, s.layout_flags);
        put_u8(b, 0x13, 0);
        put_u32(b, 0x18, L.data.offset);
        put_u32(b, 0x1C, L.data.size);
        for (int n = 0; n < 5; ++n) {
            put_u32(b, 0x20 + 8 * n, L.bp[size_t(n)].offset);
            put_u32(b, 0x24 + 8 * n, L.bp[size_t(n)].size);
        }
        put_u32(b, 0x48, 0);  // temporary DRAM-cache pages
        put_u32(b, 0x4C, 0);
        if (s.elog_pair) {
            if (const DataEntryLayout* elog = data.layout.find("ELOG")) L.elog = elog->data;
            put_u32(b, 0x50, L.elog.offset);
            put_u32(b, 0x54, L.elog.size);
        }
        recompute_layout_crc(b, 0);
    } else {
        L.data_offset_field = 0x10;
        put_u32(b, 0x10, L.data.offset);
        put_u32(b, 0x14, L.data.size);
        for (int n = 0; n < 5; ++n) {
            put_u32(b, 0x18 + 8 * n, L.bp[size_t(n)].offset);
            put_u32(b, 0x1C + 8 * n, L.bp[size_t(n)].size);
        }
        // 64-bit checksum field: 0x22 followed by zeros, as MEA's 1.6 pattern expects (§3.2).
        put_u32(b, 0x40, 0x22);
        put_u32(b, 0x44, 0);
    }
    return out;
}

namespace {

BpdtEntrySpec E(uint32_t type, uint32_t size = 0, BpdtContent content = BpdtContent::Filler, std::string name = {}) {
    BpdtEntrySpec e;
    e.type = type;
    e.size = size;
    e.content = content;
    e.cpd_name = std::move(name);
    return e;
}

CpdSpec ftpr_cpd(uint8_t header_version, SigningKey key, std::array<uint16_t, 4> version) {
    CpdSpec c;
    c.header_version = header_version;
    c.partition_name = "FTPR";
    c.manifest.key = key;
    c.manifest.version = version;
    c.manifest.header_type = 4;
    c.modules = {CpdModule{"rbe", 0x1000}, CpdModule{"kernel", 0x2000}, CpdModule{"syslib", 0x1000},
                 CpdModule{"bup", 0x2000}};
    return c;
}

std::vector<DataEntrySpec> csme_data_entries() {
    return {{"PSVN", 0x1000}, {"UEP", 0x1000}, {"RSTR", 0x1000}, {"IMDP", 0x1000},
            {"HVMP", 0x1000}, {"IVBP", 0x1000}, {"MFS", 0x4000, DataContent::Mfs},
            {"UTOK", 0x2000, DataContent::Erased}, {"FLOG", 0x1000, DataContent::Erased},
            {"ELOG", 0x1000, DataContent::Elog}, {"EFS", 0x2000}, {"FITC", 0x1000},
            {"CDMD", 0x1000, DataContent::Cdmd}};
}

}  // namespace

CseRegionSpec csme16_region_spec() {
    using namespace bpdt_type;
    CseRegionSpec s;
    s.layout = CseLayoutVersion::v1_7;
    s.bp1.version = 2;
    s.bp1.fit_version = {16, 1, 30, 2319};
    s.bp1.cpd_header_version = 2;
    s.bp1.ftpr = ftpr_cpd(2, SigningKey::Rsa3072E65537, {16, 1, 30, 2307});
    // adl BP1 (§3.3): DLMP, UEPB, S-BPDT, UFS PHY/GPP, OEMP empty; RBEP, PMCP, FTPR, xPHY, PCHC, DPHY.
    // Here the S-BPDT is non-empty (it lists an IOMP placeholder and an ISHC directory).
    s.bp1.entries = {E(DLMP),
                     E(UEPB),
                     E(S_BPDT, 0, BpdtContent::Secondary),
                     E(UFS_PHY),
                     E(UFS_GPP),
                     E(OEMP),
                     E(RBEP, 0x2000, BpdtContent::Directory, "RBEP"),
                     E(PMCP, 0x2000, BpdtContent::Directory, "PMCP"),
                     E(FTPR, 0, BpdtContent::Ftpr),
                     E(XPHY, 0x1000, BpdtContent::Directory, "NPHY"),
                     E(PCHC, 0x1000, BpdtContent::Directory, "PCHC"),
                     E(DPHY, 0x1000, BpdtContent::Directory, "SPHY")};
    s.bp1.secondary = {E(23 /* IOMP */), E(ISHC, 0x1000, BpdtContent::Directory, "ISHC")};
    s.data.header_version = 0x21;
    s.data.fit_version = {16, 1, 30, 2319};
    s.data.entries = csme_data_entries();
    s.data.cdmd_platform = "AlderLake S Chipset - Consumer";
    BootPartitionSpec bp3;
    bp3.version = 2;
    bp3.fit_version = s.bp1.fit_version;
    bp3.cpd_header_version = 2;
    bp3.entries = {E(DLMP), E(UEPB), E(S_BPDT), E(NFTP, 0x3000, BpdtContent::Directory, "NFTP"), E(UFS_PHY),
                   E(UFS_GPP), E(OEMP), E(PMCP), E(IBBP)};
    s.bp3 = bp3;
    return s;
}

CseRegionSpec csme12_region_spec() {
    using namespace bpdt_type;
    CseRegionSpec s;
    s.layout = CseLayoutVersion::v1_6;
    s.bp1.version = 1;
    s.bp1.fit_version = {12, 0, 47, 1524};
    s.bp1.cpd_header_version = 1;
    s.bp1.ftpr = ftpr_cpd(1, SigningKey::Rsa2048E65537, {12, 0, 47, 1524});
    s.bp1.entries = {E(DLMP),
                     E(S_BPDT, 0, BpdtContent::Secondary),
                     E(RBEP, 0x2000, BpdtContent::Directory, "RBEP"),
                     E(PMCP, 0x2000, BpdtContent::Directory, "PMCP"),
                     E(FTPR, 0, BpdtContent::Ftpr)};
    s.bp1.secondary = {E(NFTP, 0x2000, BpdtContent::Directory, "NFTP")};
    s.data.header_version = 0x20;
    s.data.fit_version = {12, 0, 47, 1524};
    s.data.entries = csme_data_entries();
    s.data.cdmd_platform = "CannonLake H Chipset - Consumer";
    return s;
}

BootPartitionSpec glk_ifwi_spec() {
    using namespace bpdt_type;
    BootPartitionSpec s;
    s.version = 1;
    s.fit_version = {4, 0, 50, 2096};
    s.cpd_header_version = 1;
    s.ftpr = ftpr_cpd(1, SigningKey::Rsa2048E65537, {4, 0, 50, 2083});
    // glk (§3.3): DLMP (empty), UEPB, S-BPDT, RBEP, UFS PHY/GPP (empty), FTPR, UEP, SMIP, PMCP,
    // UCOD, IBBP, UTOK (erased); the S-BPDT lists NFTP.
    s.entries = {E(DLMP),
                 E(UEPB, 0x1000),
                 E(S_BPDT, 0, BpdtContent::Secondary),
                 E(RBEP, 0x2000, BpdtContent::Directory, "RBEP"),
                 E(UFS_PHY),
                 E(UFS_GPP),
                 E(FTPR, 0, BpdtContent::Ftpr),
                 E(UEP, 0x1000),
                 E(SMIP, 0x2000),
                 E(PMCP, 0x2000, BpdtContent::Directory, "PMCP"),
                 E(UCOD, 0x2000),
                 E(IBBP, 0x3000, BpdtContent::Directory, "IBBL"),
                 E(UTOK, 0x2000, BpdtContent::Erased)};
    s.secondary = {E(NFTP, 0x3000, BpdtContent::Directory, "NFTP")};
    return s;
}

// ---------------------------------------------------------------- descriptors and full images

DescriptorSpec adl_s_descriptor(uint32_t me_size, uint32_t flash_size) {
    DescriptorSpec s;
    s.fcba = 0x30, s.nc = 0, s.frba = 0x40, s.nr = 0;
    s.fmba = 0x80, s.nm = 2, s.fpsba = 0x100;
    s.fmsba = 0x700, s.msl = 1, s.iccriba = 0x14, s.ril = 0;  // FLMAP2 0x00140170: CSSL 0x14
    s.flcomp = 0x0930F0F6 & ~0xFFu;                           // keep the read clocks, set the density below
    s.flcomp |= flcomp_density_4bit(density_code_for(flash_size), 0xF);
    const uint32_t me_end = 0x1000 + align_up(me_size, kPage);
    s.regions.assign(16, RegionSlot::unused(kFlregUnusedV2));
    s.regions[0] = RegionSlot::range(0, 0xFFF);
    s.regions[1] = RegionSlot::range(me_end, flash_size - 1);
    s.regions[2] = RegionSlot::range(0x1000, me_end - 1);
    s.masters = {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF};
    s.pch_straps.assign(115, 0);
    s.pch_straps[0] = 0x1FF00000;   // PCHSTRP0 (Appendix A, bit 16 clear)
    s.pch_straps[31] = 0x00000000;  // byte 0x17E = 0x00
    s.pch_straps[52] = 0x10081008;  // neither the ADL-P nor the ADL-N pattern (§1.6 item 5)
    s.pch_straps[55] = 0x00100000;  // byte 0x1DE = 0x10, HAP clear (§1.8)
    s.north_straps.assign(1, 0);
    s.flumap1 = 0xC0FF02DF;  // MDTBA 0xC0, VTL 2, VTBA 0xDF0
    return s;
}

DescriptorSpec glk_descriptor(uint32_t flash_size) {
    DescriptorSpec s;
    s.fcba = 0x30, s.nc = 0, s.frba = 0x40, s.nr = 0;
    s.fmba = 0x80, s.nm = 2, s.fpsba = 0x100;
    s.fmsba = 0, s.msl = 0, s.iccriba = 0, s.ril = 0;  // FLMAP2 = 0, ISL 23 (§1.6 item 4)
    s.flcomp = (0x125802F4 & ~0xFFu) | flcomp_density_4bit(density_code_for(flash_size), 0xF);
    s.regions.assign(10, RegionSlot::unused(kFlregUnusedV2));
    s.regions[0] = RegionSlot::range(0, 0xFFF);
    s.regions[1] = RegionSlot::range(0x1000, flash_size - 1);
    for (int n = 10; n < 16; ++n) s.regions.push_back(RegionSlot::all_ones());
    s.masters = {0xFFFFFF00, 0xFFFFFF00, 0x7FF7FF00};
    s.pch_straps.assign(23, 0);
    s.pch_straps[0] = 0x000000A1;
    s.flumap1 = 0x000002DF;
    return s;
}

std::vector<uint8_t> build_full_cse_image(const DescriptorSpec& descriptor, const std::vector<uint8_t>& me_region,
                                          uint32_t flash_size) {
    FlashImageSpec spec;
    spec.descriptor = descriptor;
    spec.me_region = me_region;
    spec.flash_size = flash_size;
    return build_flash_image(spec).bytes;
}

std::vector<uint8_t> build_full_ifwi_image(const DescriptorSpec& descriptor, const std::vector<uint8_t>& ifwi,
                                           uint32_t flash_size) {
    FlashImageSpec spec;
    spec.descriptor = descriptor;
    spec.flash_size = flash_size;
    FlashImage image = build_flash_image(spec);
    if (image.bios.empty() || ifwi.size() > image.bios.size) fail("the IFWI does not fit the BIOS region");
    put_bytes(image.bytes, image.bios.offset, ifwi);
    return std::move(image.bytes);
}

// ---------------------------------------------------------------- FDV

std::vector<uint8_t> fdv_descriptor_digest(std::span<const uint8_t> image,
                                           std::span<const std::pair<uint16_t, uint16_t>> ranges, bool sha384) {
    if (image.size() < kDescriptorSize) fail("FDV digest needs the whole 4 KiB descriptor");
    std::vector<uint8_t> copy(image.begin(), image.begin() + kDescriptorSize);
    for (auto [start, end] : ranges) {
        if (start >= end) continue;  // unused range
        std::fill(copy.begin() + std::min<size_t>(start, copy.size()), copy.begin() + std::min<size_t>(end, copy.size()),
                  uint8_t(0xFF));
    }
    if (sha384) {
        auto d = crypto::sha384(copy);
        return {d.begin(), d.end()};
    }
    auto d = crypto::sha256(copy);
    return {d.begin(), d.end()};
}

FdvLayout install_fdv_manifest(std::vector<uint8_t>& image, const FdvManifestSpec& spec) {
    if (image.size() < kDescriptorSize) fail("FDV manifest needs the whole 4 KiB descriptor");
    const bool sha384 = spec.sha384.value_or(spec.key == SigningKey::Rsa3072E65537);
    FdvLayout L;
    L.header_length = manifest_header_length(spec.key);
    L.extension_size = sha384 ? 0x58 : 0x48;
    L.digest_size = sha384 ? 48 : 32;
    L.size = L.header_length + (spec.omit_extension ? 0 : L.extension_size);
    L.extension = kFdvManifestOffset + L.header_length;
    L.digest_offset = L.extension + 0x28;
    if (kFdvManifestOffset + L.size > kFdvAreaEnd) fail("FDV manifest runs past 0xC00");

    // Extension 0x17 first (the signature covers it), then the digest, then header + signature.
    std::fill_n(image.begin() + kFdvManifestOffset, kFdvAreaEnd - kFdvManifestOffset, uint8_t(0xFF));
    if (!spec.omit_extension) {
        put_u32(image, L.extension, 0x17);
        put_u32(image, L.extension + 4, L.extension_size);
        for (size_t i = 0; i < spec.ranges.size(); ++i) {
            put_u16(image, L.extension + 8 + 4 * i, spec.ranges[i].first);
            put_u16(image, L.extension + 10 + 4 * i, spec.ranges[i].second);
        }
        std::fill_n(image.begin() + L.digest_offset, L.digest_size, uint8_t(0));
    }
    ManifestSpec m;
    m.key = spec.key;
    m.header_type = 4;
    m.version = {0, 0, 0, 0};
    m.date_bcd = 0x20210101;
    detail::write_signed_manifest(image, kFdvManifestOffset, m, 0, L.size);
    if (!spec.omit_extension) {
        // The manifest is in place: the digest covers the descriptor as it now is (minus the ranges).
        std::vector<uint8_t> digest = fdv_descriptor_digest(view(image), spec.ranges, sha384);
        if (spec.corrupt_digest) digest[0] ^= 0x5A;
        std::reverse(digest.begin(), digest.end());  // stored byte-reversed (§3.9)
        put_bytes(image, L.digest_offset, digest);
        resign_manifest(image, kFdvManifestOffset, spec.key);
        if (!spec.corrupt_digest) {
            // Re-signing changed bytes only inside the manifest; if the manifest area is not
            // excluded the digest would cover itself, which no real manifest can do either.
            std::vector<uint8_t> again = fdv_descriptor_digest(view(image), spec.ranges, sha384);
            std::reverse(again.begin(), again.end());
            if (!std::equal(again.begin(), again.end(), image.begin() + L.digest_offset))
                fail("FDV ranges must exclude the manifest area (0x800-0xC00) for a consistent digest");
        }
    }
    return L;
}

}  // namespace meclean::synth
