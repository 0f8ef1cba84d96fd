// The FIT and its components, written byte by byte from the published layouts (fit_builder.hpp).
#include "synth/fit_builder.hpp"

#include <string_view>

#include "synth/builder_basics.hpp"
#include "synth/builder_internal.hpp"

namespace meclean::synth {

using namespace detail;

namespace {

constexpr uint32_t kPointerDistance = 0x40;
constexpr uint32_t kMicrocodeBytes = 0x800;
constexpr uint32_t kAcmBytes = 0x1000;
constexpr uint32_t kKeyManifestBytes = 0x240;
constexpr uint32_t kSignatureBytes = 0x100;
constexpr uint16_t kSha256 = 0x000B, kAlgNull = 0x0010;  // TPM algorithm ids

void put_tag(std::vector<uint8_t>& b, size_t at, std::string_view tag) {
    for (size_t i = 0; i < tag.size(); ++i) put_u8(b, at + i, uint8_t(tag[i]));
}

void put_u64(std::vector<uint8_t>& b, size_t at, uint64_t v) {
    put_u32(b, at, uint32_t(v));
    put_u32(b, at + 4, uint32_t(v >> 32));
}

// A SHA-256 hash structure with a recognisable digest: 36 bytes.
void put_sha256(std::vector<uint8_t>& b, size_t at, uint8_t tag) {
    put_u16(b, at, kSha256);
    put_u16(b, at + 2, 32);
    put_pattern(b, at + 4, 32, tag);
}

void put_segments(std::vector<uint8_t>& b, size_t at, const FitSpec& spec) {
    put_u8(b, at, uint8_t(spec.ibb.size()));
    for (size_t i = 0; i < spec.ibb.size(); ++i) {
        size_t s = at + 1 + 12 * i;
        put_u16(b, s + 2, 0);  // flags 0: part of the IBB hash
        put_u32(b, s + 4, spec.ibb[i].first);
        put_u32(b, s + 8, spec.ibb[i].second);
    }
}

std::vector<uint8_t> key_manifest(const FitSpec& spec) {
    std::vector<uint8_t> km(kKeyManifestBytes);
    fill_pattern(km, 0x4B);
    put_tag(km, 0, "__KEYM__");
    if (spec.manifests == FitManifests::boot_guard_1) {
        put_u8(km, 8, 0x10);
        put_u8(km, 9, 1);  // KM version
        put_u8(km, 10, spec.km_svn);
        put_u8(km, 11, spec.km_id);
        put_sha256(km, 12, 0x4C);
    } else {
        put_u8(km, 8, 0x21);
        put_u8(km, 9, 0);
        put_u16(km, 10, 0);
        put_u16(km, 12, 0x50);  // key signature offset
        put_bytes(km, 14, std::vector<uint8_t>(3, 0));
        put_u8(km, 0x11, 1);    // revision
        put_u8(km, 0x12, spec.km_svn);
        put_u8(km, 0x13, spec.km_id);
        put_u16(km, 0x14, kSha256);
    }
    return km;
}

std::vector<uint8_t> boot_policy_bg1(const FitSpec& spec) {
    const uint32_t segments = 0x10 + 0x84;
    const uint32_t signature = segments + 1 + 12 * uint32_t(spec.ibb.size());
    std::vector<uint8_t> b(signature + kSignatureBytes);
    fill_pattern(b, 0x42);
    put_tag(b, 0, "__ACBP__");
    put_bytes(b, 8, std::vector<uint8_t>{0x10, 0x01, 1, spec.bpm_svn, spec.acm_svn, 0});
    put_u16(b, 14, 3);  // NEM data stack, 4 KiB units
    put_tag(b, 0x10, "__IBBS__");
    put_bytes(b, 0x18, std::vector<uint8_t>(0x44, 0));
    put_u8(b, 0x18, 0x10);
    put_u64(b, 0x20, 0xFED10000);  // MCHBAR
    put_u64(b, 0x28, 0xFED90000);  // VT-d BAR
    put_bytes(b, 0x48, std::vector<uint8_t>(36, 0));  // no post-IBB hash
    put_u32(b, 0x10 + 0x5C, spec.entry_point);
    put_sha256(b, 0x10 + 0x60, 0x49);
    put_segments(b, segments, spec);
    put_tag(b, signature, "__PMSG__");
    put_u8(b, signature + 8, 0x10);
    return b;
}

std::vector<uint8_t> boot_policy_cbnt(const FitSpec& spec) {
    const uint32_t header = 0x14;
    const uint32_t element = 0x74 + 12 * uint32_t(spec.ibb.size());  // segments start at +0x74
    const uint32_t signature = header + element;
    std::vector<uint8_t> b(signature + kSignatureBytes);
    fill_pattern(b, 0x43);
    put_tag(b, 0, "__ACBP__");
    put_bytes(b, 8, std::vector<uint8_t>{spec.cbnt_version, 0x20});
    put_u16(b, 0x0A, header);
    put_u16(b, 0x0C, uint16_t(signature));
    put_bytes(b, 0x0E, std::vector<uint8_t>{1, spec.bpm_svn, spec.acm_svn, 0});
    put_u16(b, 0x12, 3);
    const uint32_t e = header;
    put_tag(b, e, "__IBBS__");
    put_bytes(b, e + 8, std::vector<uint8_t>(0x3C - 8, 0));
    put_u8(b, e + 8, 0x20);
    put_u16(b, e + 0x0A, uint16_t(element));
    put_u64(b, e + 0x14, 0xFED10000);
    put_u64(b, e + 0x1C, 0xFED90000);
    put_u16(b, e + 0x3C, kAlgNull);  // post-IBB hash: none
    put_u16(b, e + 0x3E, 0);
    put_u32(b, e + 0x40, spec.entry_point);
    put_u16(b, e + 0x44, 4 + 36);    // digest list: size, count, one SHA-256
    put_u16(b, e + 0x46, 1);
    put_sha256(b, e + 0x48, 0x49);
    put_u16(b, e + 0x6C, kAlgNull);  // OBB hash: none
    put_u16(b, e + 0x6E, 0);
    put_bytes(b, e + 0x70, std::vector<uint8_t>(3, 0));
    put_segments(b, e + 0x73, spec);
    put_tag(b, signature, "__PMSG__");
    put_u8(b, signature + 8, 0x20);
    return b;
}

std::vector<uint8_t> microcode_update(uint32_t cpuid, uint32_t revision) {
    std::vector<uint8_t> m(kMicrocodeBytes);
    fill_pattern(m, 0x4D);
    put_u32(m, 0, 1);           // header version
    put_u32(m, 4, revision);
    put_u32(m, 8, 0x01152020);  // date, BCD mmddyyyy
    put_u32(m, 12, cpuid);
    put_u32(m, 16, 0);          // checksum (not checked by meclean)
    put_u32(m, 20, 1);          // loader revision
    put_u32(m, 24, 0x80);       // processor flags
    put_u32(m, 28, kMicrocodeBytes - 0x30);
    put_u32(m, 32, kMicrocodeBytes);
    return m;
}

std::vector<uint8_t> startup_acm() {
    std::vector<uint8_t> a(kAcmBytes);
    fill_pattern(a, 0x41);
    put_u16(a, 0, 2);           // module type: AC module
    put_u16(a, 2, 1);           // subtype: startup ACM
    put_u32(a, 4, 0xE0 / 4);    // header length, dwords
    put_u32(a, 8, 0);           // header version 0.0
    put_u32(a, 16, 0x8086);
    put_u32(a, 20, 0x20200115); // date, BCD yyyymmdd
    put_u32(a, 24, kAcmBytes / 4);
    put_u16(a, 28, 2);          // TXT SVN
    put_u16(a, 30, 0);
    return a;
}

struct Writer {
    const FitSpec& spec;
    FitRegion& out;
    uint32_t next;
    unsigned index = 1;

    uint32_t place(const std::vector<uint8_t>& bytes, uint8_t type, uint32_t size_field) {
        const uint32_t at = align_up(next, 0x100);
        if (at + bytes.size() > out.layout.pointer) fail("FIT components do not fit below the FIT pointer");
        put_bytes(out.bytes, at, bytes);
        next = at + uint32_t(bytes.size());
        const uint32_t entry = out.layout.entry_offset(index++);
        put_u64(out.bytes, entry, fit_physical_address(spec.region_size, at));
        put_u32(out.bytes, entry + 8, size_field);  // 24 bits; the reserved byte stays 0
        put_u16(out.bytes, entry + 12, 0x0100);
        put_u8(out.bytes, entry + 14, type);
        put_u8(out.bytes, entry + 15, 0);
        return at;
    }
};

}  // namespace

uint32_t fit_physical_address(uint32_t region_size, uint32_t offset) {
    return uint32_t((1ull << 32) - region_size + offset);
}

void refresh_fit_checksum(std::vector<uint8_t>& region, const FitLayout& layout) {
    put_u8(region, layout.table + 15, 0);
    put_u8(region, layout.table + 15,
           zero_sum_byte(std::span<const uint8_t>(region).subspan(layout.table, 16 * layout.entries)));
}

FitRegion build_fit_region(const FitSpec& spec) {
    if (spec.table_offset % 16 != 0) fail("the FIT must be 16-byte aligned");
    FitRegion out;
    out.bytes.assign(spec.region_size, 0xFF);
    fill_pattern(std::span<uint8_t>(out.bytes).first(spec.table_offset), 0x3A);
    FitLayout& l = out.layout;
    const bool manifests = spec.manifests != FitManifests::none || !spec.boot_policy_bytes.empty();
    l.pointer = spec.region_size - kPointerDistance;
    l.table = spec.table_offset;
    l.entries = 1 + uint32_t(spec.microcode_cpuids.size()) + (spec.startup_acm ? 1 : 0) + (manifests ? 2 : 0);
    put_u32(out.bytes, l.pointer, fit_physical_address(spec.region_size, l.table));
    put_u32(out.bytes, l.pointer + 4, 0);

    Writer w{spec, out, l.table + 16 * l.entries};
    for (size_t i = 0; i < spec.microcode_cpuids.size(); ++i) {
        l.microcode.push_back(w.place(microcode_update(spec.microcode_cpuids[i], uint32_t(0x20 + i)), 0x01, 0));
    }
    if (spec.startup_acm) l.acm = w.place(startup_acm(), 0x02, 0);
    if (manifests) {
        std::vector<uint8_t> km = key_manifest(spec);
        std::vector<uint8_t> bpm = !spec.boot_policy_bytes.empty()            ? spec.boot_policy_bytes
                                   : spec.manifests == FitManifests::cbnt ? boot_policy_cbnt(spec)
                                                                          : boot_policy_bg1(spec);
        l.key_manifest = w.place(km, 0x0B, uint32_t(km.size()));
        l.key_manifest_size = uint32_t(km.size());
        l.boot_policy = w.place(bpm, 0x0C, uint32_t(bpm.size()));
        l.boot_policy_size = uint32_t(bpm.size());
    }
    put_tag(out.bytes, l.table, "_FIT_   ");
    put_u32(out.bytes, l.table + 8, l.entries);
    put_u16(out.bytes, l.table + 12, 0x0100);
    put_u8(out.bytes, l.table + 14, spec.checksum ? 0x80 : 0x00);
    put_u8(out.bytes, l.table + 15, 0);
    if (spec.checksum) refresh_fit_checksum(out.bytes, l);
    return out;
}

}  // namespace meclean::synth
