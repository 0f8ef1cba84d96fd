// What FIT entries point at: microcode updates (Intel SDM vol. 3A §9.11.1, table 9-6), the
// startup ACM header (Intel TXT Software Development Guide, appendix A.1, as fiano reads it) and
// the Key Manifest (Boot Guard 1.0: "__KEYM__", version 0x10, then revision, SVN, id; CBnT:
// version 0x21, a 12-byte structure header, the signature offset, 3 reserved bytes, then
// revision, SVN, id — fiano bg/bgkey and cbnt/cbntkey).
#include "base/byte_reader.hpp"
#include "base/text.hpp"
#include "fit/fit_parts.hpp"

namespace meclean {
namespace fit_parts {
namespace {

constexpr uint32_t kMicrocodeHeaderVersion = 1;
constexpr uint32_t kMicrocodeDefaultTotal = 2048;  // a total size of 0 means 2048 bytes (SDM)
constexpr uint16_t kAcmModuleType = 2;             // "AC module"
constexpr uint32_t kIntelVendor = 0x8086;

bool tag_is(const ByteReader& r, uint64_t at, const char (&tag)[9]) {
    if (!r.has(at, 8)) return false;
    auto bytes = r.slice(at, 8, "manifest tag");
    for (size_t i = 0; i < 8; ++i) {
        if (bytes[i] != uint8_t(tag[i])) return false;
    }
    return true;
}

}  // namespace

ManifestGeneration generation_of(uint8_t structure_version) {
    if (structure_version == 0x10) return ManifestGeneration::boot_guard_1;
    if (structure_version >= 0x20 && structure_version <= 0x2F) return ManifestGeneration::cbnt;
    return ManifestGeneration::unknown;
}

void add_finding(FitReport& report, Severity severity, const char* code, std::string message, std::optional<uint64_t> offset) {
    report.findings.push_back({severity, code, std::move(message), offset});
}

void read_microcode(std::span<const uint8_t> image, FitEntry& e, FitReport& report) {
    try {
        const ByteReader r(image);
        const uint64_t at = *e.target;
        if (r.u32(at, "microcode update header") != kMicrocodeHeaderVersion) {
            add_finding(report, Severity::warning, "fit_microcode_header",
                        "FIT entry " + decimal(e.index) + " names a microcode update at " + hex(at) +
                            ", but no update header (version 1) is there",
                        at);
            return;
        }
        MicrocodeUpdate m;
        m.revision = r.u32(at + 4, "microcode update header");
        m.date = r.u32(at + 8, "microcode update header");
        m.processor_signature = r.u32(at + 12, "microcode update header");
        m.processor_flags = r.u32(at + 24, "microcode update header");
        m.total_size = r.u32(at + 32, "microcode update header");
        if (m.total_size == 0) m.total_size = kMicrocodeDefaultTotal;
        if (!r.has(at, m.total_size)) {
            add_finding(report, Severity::warning, "fit_microcode_truncated",
                        "The microcode update at " + hex(at) + " declares " + hex(m.total_size) + " bytes and runs past the image",
                        at + 32);
        }
        e.microcode = m;
    } catch (const FormatError& error) {
        add_finding(report, Severity::warning, "fit_microcode_header", error.what(), error.problem().offset);
    }
}

void read_startup_acm(std::span<const uint8_t> image, FitEntry& e, FitReport& report) {
    try {
        const ByteReader r(image);
        const uint64_t at = *e.target;
        StartupAcm acm;
        acm.module_type = r.u16(at, "startup ACM header");
        acm.module_subtype = r.u16(at + 2, "startup ACM header");
        acm.header_version = r.u32(at + 8, "startup ACM header");
        acm.vendor = r.u32(at + 16, "startup ACM header");
        acm.date = r.u32(at + 20, "startup ACM header");
        acm.size = uint32_t(uint64_t{r.u32(at + 24, "startup ACM header")} * 4 & 0xFFFFFFFFu);
        acm.txt_svn = r.u16(at + 28, "startup ACM header");
        acm.se_svn = r.u16(at + 30, "startup ACM header");
        if (acm.module_type != kAcmModuleType || acm.vendor != kIntelVendor) {
            add_finding(report, Severity::warning, "fit_acm_header",
                        "FIT entry " + decimal(e.index) + " names a startup ACM at " + hex(at) + ", but its header says module type " +
                            hex(acm.module_type, 4) + ", vendor " + hex(acm.vendor, 4) + " (expected 0x0002, 0x8086)",
                        at);
            return;
        }
        if (!r.has(at, acm.size)) {
            add_finding(report, Severity::warning, "fit_acm_truncated",
                        "The startup ACM at " + hex(at) + " declares " + hex(acm.size) + " bytes and runs past the image", at + 24);
        }
        e.acm = acm;
    } catch (const FormatError& error) {
        add_finding(report, Severity::warning, "fit_acm_header", error.what(), error.problem().offset);
    }
}

void read_key_manifest(std::span<const uint8_t> image, FitEntry& e, FitReport& report) {
    try {
        const ByteReader r(image);
        const uint64_t at = *e.target;
        if (!tag_is(r, at, "__KEYM__")) {
            add_finding(report, Severity::warning, "fit_key_manifest_tag",
                        "FIT entry " + decimal(e.index) + " names a Key Manifest at " + hex(at) + ", but no \"__KEYM__\" is there", at);
            return;
        }
        KeyManifest km;
        km.structure_version = r.u8(at + 8, "Key Manifest");
        km.generation = generation_of(km.structure_version);
        // Boot Guard 1.0 puts revision, SVN and id right after the version; CBnT after its header.
        const uint64_t fields = km.generation == ManifestGeneration::cbnt ? at + 0x11 : at + 9;
        km.revision = r.u8(fields, "Key Manifest");
        km.svn = r.u8(fields + 1, "Key Manifest");
        km.id = r.u8(fields + 2, "Key Manifest");
        if (km.generation == ManifestGeneration::unknown) {
            add_finding(report, Severity::warning, "fit_manifest_version",
                        "The Key Manifest at " + hex(at) + " has structure version " + hex(km.structure_version, 2) +
                            ", neither Boot Guard 1.0 (0x10) nor CBnT (0x2x)",
                        at + 8);
        }
        e.key_manifest = km;
    } catch (const FormatError& error) {
        add_finding(report, Severity::warning, "fit_key_manifest_tag", error.what(), error.problem().offset);
    }
}

}  // namespace fit_parts

FitEntryType fit_entry_type(uint8_t raw) {
    switch (raw) {
        case 0x00: return FitEntryType::header;
        case 0x01: return FitEntryType::microcode;
        case 0x02: return FitEntryType::startup_acm;
        case 0x03: return FitEntryType::diagnostic_acm;
        case 0x07: return FitEntryType::bios_startup_module;
        case 0x08: return FitEntryType::tpm_policy;
        case 0x09: return FitEntryType::bios_policy;
        case 0x0A: return FitEntryType::txt_policy;
        case 0x0B: return FitEntryType::key_manifest;
        case 0x0C: return FitEntryType::boot_policy_manifest;
        case 0x10: return FitEntryType::cse_secure_boot;
        case 0x2D: return FitEntryType::feature_policy;
        case 0x2F: return FitEntryType::jmp_debug_policy;
        case 0x7F: return FitEntryType::skip;
        default: return FitEntryType::unknown;
    }
}

}  // namespace meclean
