// The Boot Policy Manifest ("__ACBP__") and the IBB ranges it names.
// Boot Guard 1.0 (structure version 0x10; fiano bg/bgbootpolicy): a 16-byte header (revision at
// +0x0A, BPM SVN +0x0B, ACM SVN +0x0C), then elements without a length field: "__IBBS__" (entry
// point at +0x5C, the IBB digest at +0x60, then the segment count and 12-byte segments),
// optionally "__PMDA__", then the "__PMSG__" signature.
// CBnT (0x20–0x2F; fiano cbnt/cbntbootpolicy): a header whose size is at +0x0A, the signature
// offset at +0x0C, revision +0x0E, BPM SVN +0x0F, ACM SVN +0x10; elements carry their size at
// +0x0A; in "__IBBS__" the hashes have variable length before the segment count.
#include "base/byte_reader.hpp"
#include "base/text.hpp"
#include "fit/fit_parts.hpp"

namespace meclean::fit_parts {
namespace {

constexpr unsigned kMaxSegments = 64;       // real manifests name a handful
constexpr uint64_t kMaxManifestBytes = 0x10000;
constexpr uint64_t kCbntElementHeader = 12;

// Reads inside [start, limit) of the image; anything past `limit` is malformed.
struct Cursor {
    const ByteReader& r;
    uint64_t limit;
    void need(uint64_t at, uint64_t n, const char* what) const {
        if (at > limit || n > limit - at) {
            fail("fit_boot_policy_malformed", std::string("the Boot Policy Manifest ends before its ") + what, at);
        }
    }
    uint8_t u8(uint64_t at, const char* what) const { need(at, 1, what); return r.u8(at, what); }
    uint16_t u16(uint64_t at, const char* what) const { need(at, 2, what); return r.u16(at, what); }
    uint32_t u32(uint64_t at, const char* what) const { need(at, 4, what); return r.u32(at, what); }
    bool tag(uint64_t at, const char (&t)[9]) const {
        if (at > limit || 8 > limit - at || !r.has(at, 8)) return false;
        auto b = r.slice(at, 8, "element tag");
        for (size_t i = 0; i < 8; ++i) {
            if (b[i] != uint8_t(t[i])) return false;
        }
        return true;
    }
};

// A hash structure (algorithm u16, size u16, digest): the offset just past it.
uint64_t skip_hash(const Cursor& c, uint64_t at) {
    uint16_t size = c.u16(at + 2, "hash size");
    c.need(at + 4, size, "hash digest");
    return at + 4 + size;
}

void read_segments(const Cursor& c, uint64_t count_at, BootPolicyManifest& bpm) {
    unsigned count = c.u8(count_at, "IBB segment count");
    if (count == 0 || count > kMaxSegments) {
        fail("fit_boot_policy_malformed", "the IBB element declares " + decimal(count) + " segments", count_at);
    }
    for (unsigned i = 0; i < count; ++i) {
        uint64_t at = count_at + 1 + 12ull * i;
        bpm.ibb.push_back({c.u32(at + 4, "IBB segment"), c.u32(at + 8, "IBB segment"), c.u16(at + 2, "IBB segment")});
    }
}

void read_bg1(const Cursor& c, uint64_t at, BootPolicyManifest& bpm) {
    bpm.revision = c.u8(at + 0x0A, "header");
    bpm.bpm_svn = c.u8(at + 0x0B, "header");
    bpm.acm_svn = c.u8(at + 0x0C, "header");
    const uint64_t ibbs = at + 0x10;
    if (!c.tag(ibbs, "__IBBS__")) fail("fit_boot_policy_malformed", "no \"__IBBS__\" element follows the header", ibbs);
    bpm.entry_point = c.u32(ibbs + 0x5C, "IBB entry point");
    const uint64_t count_at = skip_hash(c, ibbs + 0x60);
    read_segments(c, count_at, bpm);
    uint64_t next = count_at + 1 + 12ull * bpm.ibb.size();
    if (c.tag(next, "__PMDA__")) next += 11 + c.u16(next + 9, "platform data size");
    if (c.tag(next, "__PMSG__")) bpm.signature_offset = next;
}

void read_cbnt(const Cursor& c, uint64_t at, BootPolicyManifest& bpm) {
    const uint16_t header_size = c.u16(at + 0x0A, "header size");
    const uint16_t signature = c.u16(at + 0x0C, "key signature offset");
    bpm.revision = c.u8(at + 0x0E, "header");
    bpm.bpm_svn = c.u8(at + 0x0F, "header");
    bpm.acm_svn = c.u8(at + 0x10, "header");
    if (header_size < 0x14) fail("fit_boot_policy_malformed", "the header declares " + hex(header_size) + " bytes", at + 0x0A);
    const uint64_t end = signature > header_size ? at + signature : c.limit;
    if (signature > header_size && c.tag(at + signature, "__PMSG__")) bpm.signature_offset = at + signature;
    for (uint64_t e = at + header_size; e + kCbntElementHeader <= end;) {
        const uint16_t size = c.u16(e + 0x0A, "element size");
        if (size < kCbntElementHeader) fail("fit_boot_policy_malformed", "an element declares " + hex(size) + " bytes", e + 0x0A);
        if (c.tag(e, "__IBBS__")) {
            const Cursor element{c.r, std::min<uint64_t>(c.limit, e + size)};
            uint64_t p = skip_hash(element, e + 0x3C);  // the post-IBB hash
            bpm.entry_point = element.u32(p, "IBB entry point");
            const unsigned digests = element.u16(p + 6, "digest count");
            p += 8;
            for (unsigned i = 0; i < digests; ++i) p = skip_hash(element, p);
            p = skip_hash(element, p);  // the OBB hash
            read_segments(element, p + 3, bpm);
            return;
        }
        e += size;
    }
    fail("fit_boot_policy_malformed", "no \"__IBBS__\" element before the signature", at + header_size);
}

}  // namespace

void read_boot_policy(std::span<const uint8_t> image, FitEntry& e, FitReport& report) {
    const ByteReader r(image);
    const uint64_t at = *e.target;
    // The entry's size field holds the manifest's length in bytes; 0 leaves only the image's end.
    uint64_t limit = image.size();
    if (e.size_field > 0) limit = std::min<uint64_t>(limit, at + e.size_field);
    limit = std::min<uint64_t>(limit, at + kMaxManifestBytes);
    const Cursor c{r, limit};
    if (!c.tag(at, "__ACBP__")) {
        add_finding(report, Severity::warning, "fit_boot_policy_tag",
                    "FIT entry " + decimal(e.index) + " names a Boot Policy Manifest at " + hex(at) + ", but no \"__ACBP__\" is there",
                    at);
        return;
    }
    BootPolicyManifest bpm;
    try {
        bpm.structure_version = c.u8(at + 8, "structure version");
        bpm.generation = generation_of(bpm.structure_version);
        if (bpm.generation == ManifestGeneration::boot_guard_1) read_bg1(c, at, bpm);
        if (bpm.generation == ManifestGeneration::cbnt) read_cbnt(c, at, bpm);
        if (bpm.generation == ManifestGeneration::unknown) {
            add_finding(report, Severity::warning, "fit_manifest_version",
                        "The Boot Policy Manifest at " + hex(at) + " has structure version " + hex(bpm.structure_version, 2) +
                            ", neither Boot Guard 1.0 (0x10) nor CBnT (0x2x)",
                        at + 8);
        }
    } catch (const FormatError& error) {
        add_finding(report, Severity::warning, "fit_boot_policy_malformed",
                    "The Boot Policy Manifest at " + hex(at) + " is malformed: " + error.problem().message,
                    error.problem().offset);
    }
    e.boot_policy = std::move(bpm);
}

}  // namespace meclean::fit_parts
