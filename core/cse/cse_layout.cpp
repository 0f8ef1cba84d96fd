// Reading CSME 12+ / CSTXE 3+ layouts (formats.md §3). Read-only; every table is
// validated before it is followed, and a malformed one becomes a finding.
#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "base/byte_reader.hpp"
#include "crypto/crypto.hpp"
#include "cse/cse.hpp"
#include "me/fpt.hpp"
#include "me/ftpr_modules.hpp"
#include "me/manifest.hpp"
#include "base/text.hpp"

namespace meclean {
namespace {

constexpr uint32_t kBpdtSignature = 0x000055AA;          // "green" BPDT (§3.3)
constexpr uint32_t kBpdtRecoverySignature = 0x00AA55AA;  // "yellow" BPDT
constexpr uint64_t kBpdtHeaderSize = 0x18;
constexpr uint64_t kBpdtEntrySize = 12;
constexpr uint32_t kMaxBpdtEntries = 256;  // far above any real BPDT or S-BPDT
constexpr uint32_t kMaxCpdEntries = 1024;  // far above any real $CPD directory (FTPR: ~100)
constexpr unsigned kTypeFtpr = 2;
constexpr unsigned kTypeSecondaryBpdt = 5;
constexpr uint64_t kCpdEntrySize = 0x18;
constexpr uint32_t kEmpty = 0xFFFFFFFF;

// Sub-partition names by BPDT type (§3.3).
const char* bpdt_type_name(unsigned type) {
    static const char* const kNames[] = {
        "SMIP", "RBEP", "FTPR", "UCOD", "IBBP", "S-BPDT", "OBBP", "NFTP", "ISHC", "DLMP", "UEPB",
        "UTOK", "UFS PHY", "UFS GPP", "PMCP", "IUNP", "NVMC", "UEP", "WCOD", "LOCL", "OEMP", "FITC",
        "PAVP", "IOMP", "xPHY", "TBTP", "PLTS", "", "", "", "", "DPHY", "PCHC", "ISIF", "ISIC",
        "HBMI", "OMSM", "GTGP", "MDFI", "PUNP", "PHYP", "SAMF", "PPHY", "GBST"};
    if (type < sizeof kNames / sizeof kNames[0] && kNames[type][0] != '\0') return kNames[type];
    return "unknown";
}

std::string version_of(const ByteReader& r, uint64_t at) {
    return decimal(r.u16(at, "version")) + "." + decimal(r.u16(at + 2, "version")) + "." +
           decimal(r.u16(at + 4, "version")) + "." + decimal(r.u16(at + 6, "version"));
}

bool is_bpdt(const ByteReader& r, uint64_t at) {
    if (!r.has(at, 4)) return false;
    uint32_t sig = r.u32(at, "BPDT signature");
    return sig == kBpdtSignature || sig == kBpdtRecoverySignature;
}

// CRC-32 over `bytes` with the four bytes at `crc_at` (relative) taken as zero.
uint32_t crc_with_hole(std::span<const uint8_t> bytes, uint64_t crc_at) {
    static const uint8_t kZero[4] = {0, 0, 0, 0};
    uint32_t crc = crypto::crc32(bytes.first(crc_at));
    crc = crypto::crc32(kZero, crc);
    return crypto::crc32(bytes.subspan(crc_at + 4), crc);
}

// A non-empty [offset, offset + size) with a name, for the overlap checks.
struct Span {
    uint64_t offset = 0;
    uint64_t size = 0;
    std::string name;
};

// Pairs of spans that share bytes (sorted by offset, so a huge table stays O(n log n)).
std::vector<std::pair<Span, Span>> overlaps(std::vector<Span> spans, size_t limit = 8) {
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.offset < b.offset; });
    std::vector<std::pair<Span, Span>> out;
    size_t widest = 0;  // the span reaching furthest so far
    for (size_t i = 1; i < spans.size() && out.size() < limit; ++i) {
        const Span& w = spans[widest];
        if (spans[i].offset < w.offset + w.size) out.push_back({w, spans[i]});
        if (spans[i].offset + spans[i].size > w.offset + w.size) widest = i;
    }
    return out;
}

class CseReader {
public:
    CseReader(std::span<const uint8_t> image, uint64_t start, uint64_t end, CseFirmware& out)
        : r_(image.first(end)), image_(image.first(end)), start_(start), out_(out) {}

    CpdDirectory read_cpd(uint64_t at) {
        if (!r_.tag_at(at, "$CPD")) fail("cpd_missing", "No $CPD directory at " + hex(at), at);
        CpdDirectory d;
        d.offset = at;
        uint32_t count = r_.u32(at + 4, "$CPD header");
        d.header_version = r_.u8(at + 8, "$CPD header");
        uint64_t header_length = r_.u8(at + 0xA, "$CPD header");
        auto name = r_.slice(at + 0xC, 4, "$CPD header");
        d.partition_name = fpt_entry_name(name);
        if (header_length < 0x10) fail("cpd_header", "The $CPD header at " + hex(at) + " claims a length below 0x10", at);
        if (count > kMaxCpdEntries) {
            fail("cpd_too_many_entries", "The $CPD directory at " + hex(at) + " declares " + decimal(count) +
                                             " entries; real ones have a few hundred at most", at + 4);
        }
        auto all = r_.slice(at, header_length + uint64_t{count} * kCpdEntrySize, "$CPD entries");
        if (d.header_version >= 2 && header_length >= 0x14) {
            d.integrity_ok = crc_with_hole(all, 0x10) == load_le32(all.data() + 0x10);
        } else {
            unsigned sum = 0;
            for (uint8_t b : all) sum += b;
            d.integrity_ok = (sum & 0xFF) == 0;
        }
        for (uint32_t i = 0; i < count; ++i) {
            const uint8_t* e = all.data() + header_length + uint64_t{i} * kCpdEntrySize;
            uint32_t field = load_le32(e + 0x0C);
            d.items.push_back(CpdItem{read_fixed_name({e, 12}).text, at + (field & 0x01FFFFFF), load_le32(e + 0x10),
                                      ((field >> 25) & 1) != 0});
        }
        if (!d.integrity_ok) warn("cpd_integrity", "The " + d.partition_name + " $CPD directory's checksum does not match", at);
        return d;
    }

    // Entries are relative to the logical boot partition `lbp` (for an S-BPDT too, §3.3).
    void read_bpdt(uint64_t at, uint64_t lbp, bool secondary, Bpdt& bpdt) {
        uint32_t count = r_.u16(at + 4, "BPDT header");
        uint8_t version = r_.u8(at + 6, "BPDT header");
        // A count in the thousands would mean thousands of findings and a report of megabytes
        // (found by fuzzing): no real table comes near this.
        if (count > kMaxBpdtEntries) {
            fail("bpdt_too_many_entries", "The BPDT at " + hex(at) + " declares " + decimal(count) +
                                              " entries; real ones have a few dozen at most", at + 4);
        }
        auto all = r_.slice(at, kBpdtHeaderSize + uint64_t{count} * kBpdtEntrySize, "BPDT entries");
        if (!secondary) {
            bpdt.offset = at;
            bpdt.version = version;
            bpdt.recovery = load_le32(all.data()) == kBpdtRecoverySignature;
            bpdt.fit_version = version_of(r_, at + 0x10);
            if (version == 2) {
                // CRC-32 over +4 … end of the entries, CRC field zeroed, signature excluded.
                bpdt.crc_ok = crc_with_hole(all.subspan(4), 4) == load_le32(all.data() + 8);
                if (!*bpdt.crc_ok) warn("bpdt_crc", "The BPDT at " + hex(at) + " has a wrong CRC-32", at + 8);
            }
        }
        std::vector<Span> spans;  // this table's non-empty entries inside the region
        for (uint32_t i = 0; i < count; ++i) {
            const uint8_t* e = all.data() + kBpdtHeaderSize + uint64_t{i} * kBpdtEntrySize;
            BpdtEntry entry;
            // Version 1 stores a u16 type and u16 flags (§3.3); version 2 a u32 type.
            entry.type = version == 1 ? load_le16(e) : load_le32(e);
            entry.name = bpdt_type_name(entry.type);
            entry.offset = lbp + load_le32(e + 4);
            entry.size = load_le32(e + 8);
            entry.secondary = secondary;
            if (entry.size != 0 && !r_.has(entry.offset, entry.size)) {
                warn("bpdt_entry_outside", "BPDT entry " + entry.name + " (" + hex(entry.offset) + ", " +
                                               hex(entry.size) + " bytes) runs past the end of the region",
                     at + kBpdtHeaderSize + uint64_t{i} * kBpdtEntrySize);
                bpdt.entries.push_back(entry);
                continue;
            }
            if (entry.size != 0) spans.push_back({entry.offset, entry.size, entry.name});
            if (entry.size != 0 && r_.tag_at(entry.offset, "$CPD")) {
                try {
                    entry.directory = read_cpd(entry.offset);
                } catch (const FormatError& error) {
                    warn("cpd_malformed", error.what(), entry.offset);
                }
            }
            bpdt.entries.push_back(entry);
            // One level of S-BPDT only: a pointer back up cannot make the reader loop.
            if (entry.type == kTypeSecondaryBpdt && entry.size != 0 && is_bpdt(r_, entry.offset)) {
                if (secondary || entry.offset == at || entry.offset == lbp) {
                    warn("bpdt_recursive", "The S-BPDT entry at " + hex(at + kBpdtHeaderSize + uint64_t{i} * kBpdtEntrySize) +
                                               " points back at a BPDT already being read (" + hex(entry.offset) +
                                               "); not followed",
                         entry.offset);
                } else {
                    read_bpdt(entry.offset, lbp, true, bpdt);
                }
            }
        }
        for (const auto& [a, b] : overlaps(std::move(spans))) {
            warn("bpdt_overlap", "BPDT entries " + a.name + " (" + hex(a.offset) + ", " + hex(a.size) + " bytes) and " +
                                     b.name + " (" + hex(b.offset) + ", " + hex(b.size) + " bytes) overlap",
                 b.offset);
        }
    }

    void read_boot_partition(uint64_t at) {
        Bpdt bpdt;
        try {
            read_bpdt(at, at, false, bpdt);
        } catch (const FormatError& error) {
            warn("bpdt_malformed", error.what(), at);
        }
        out_.boot_partitions.push_back(std::move(bpdt));
    }

    void read_data_partition(uint64_t at) {
        CseDataPartition data;
        data.offset = at;
        try {
            data.header_version = r_.u8(at + 8, "data partition $FPT header");
            uint32_t count = r_.u32(at + 4, "data partition $FPT header");
            auto all = r_.slice(at, 0x20 + uint64_t{count} * 0x20, "data partition $FPT entries");
            if (data.header_version == 0x21) {
                data.crc_ok = crc_with_hole(all, 0x14) == load_le32(all.data() + 0x14);
                if (!*data.crc_ok) warn("data_fpt_crc", "The data partition's $FPT has a wrong CRC-32", at + 0x14);
            }
            RegionView view(image_, at, at + all.size());
            data.entries = read_fpt(view, 0).entries;
            for (const FptEntry& e : data.entries) {
                if (e.name == "CDMD") read_build_target(at + e.offset, e.length);
            }
        } catch (const FormatError& error) {
            warn("data_fpt_malformed", error.what(), at);
        }
        out_.data_partition = std::move(data);
    }

    // §3.2: a layout table is only believed when its data pointer finds a $FPT and its
    // first boot partition pointer finds a BPDT.
    bool try_layout_table(bool v17) {
        uint64_t data_at = v17 ? 0x18 : 0x10;
        uint64_t bp_at = v17 ? 0x20 : 0x18;
        if (!r_.has(start_, bp_at + 5 * 8)) return false;
        uint32_t data_offset = r_.u32(start_ + data_at, "layout table");
        uint32_t bp1_offset = r_.u32(start_ + bp_at, "layout table");
        if (data_offset == 0 || data_offset == kEmpty || bp1_offset == 0 || bp1_offset == kEmpty) return false;
        if (!r_.tag_at(start_ + data_offset, "$FPT") || !is_bpdt(r_, start_ + bp1_offset)) return false;
        if (v17) {
            uint16_t size = r_.u16(start_ + 0x10, "layout table");
            if (size != 0x40 && size != 0x48) return false;
            auto table = r_.slice(start_ + 0x10, size, "layout table");
            out_.layout_crc_ok = crc_with_hole(table, 4) == load_le32(table.data() + 4);
            if (!*out_.layout_crc_ok) warn("layout_crc", "The CSE layout table's CRC-32 does not match", start_ + 0x14);
        }
        out_.layout = v17 ? "CSE layout table 1.7" : "CSE layout table 1.6";
        out_.layout_offset = start_;
        check_layout_overlaps(data_at, bp_at);
        read_data_partition(start_ + data_offset);
        for (int i = 0; i < 5; ++i) {
            uint32_t offset = r_.u32(start_ + bp_at + 8 * i, "layout table");
            uint32_t size = r_.u32(start_ + bp_at + 8 * i + 4, "layout table");
            if (offset == 0 || offset == kEmpty || size == 0 || size == kEmpty) continue;
            if (is_bpdt(r_, start_ + offset)) read_boot_partition(start_ + offset);
        }
        return true;
    }

    bool read_layout() {
        if (is_bpdt(r_, start_)) {
            out_.layout = "IFWI 2.0 BPDT";
            out_.layout_offset = start_;
            read_boot_partition(start_);
            return true;
        }
        return try_layout_table(true) || try_layout_table(false);
    }

    void read_ftpr() {
        for (const Bpdt& bpdt : out_.boot_partitions) {
            for (const BpdtEntry& e : bpdt.entries) {
                if (e.type == kTypeFtpr && e.directory) {
                    out_.ftpr = e.directory;
                    break;
                }
            }
            if (out_.ftpr) break;
        }
        if (!out_.ftpr) {
            warn("ftpr_missing", "No FTPR sub-partition with a $CPD directory was found", out_.layout_offset);
            return;
        }
        for (const CpdItem& item : out_.ftpr->items) {
            if (item.name != "FTPR.man") continue;
            RegionView view(image_, 0, image_.size());
            if (!view.tag_at(item.offset + 0x1C, "$MN2")) {
                warn("manifest_tag", "FTPR.man at " + hex(item.offset) + " has no $MN2 tag", item.offset);
                return;
            }
            out_.manifest = read_manifest(view, item.offset);
            const auto& v = out_.manifest->version;
            out_.version = decimal(v[0]) + "." + decimal(v[1]) + "." + decimal(v[2]) + "." + decimal(v[3]);
            if (!out_.manifest->signature.strict_valid) {
                out_.findings.push_back({Severity::error, "cse_signature_invalid",
                                         "The FTPR manifest's " + out_.manifest->signature.scheme +
                                             " signature does not verify: the firmware is corrupted or modified",
                                         item.offset});
            }
            return;
        }
        warn("manifest_missing", "The FTPR directory has no FTPR.man entry", out_.ftpr->offset);
    }

private:
    // §3.2: the data partition and BP1–BP5 must not overlap, except that CSSPS may put BP4
    // inside the data partition.
    void check_layout_overlaps(uint64_t data_at, uint64_t bp_at) {
        std::vector<Span> spans;
        auto add = [&](uint64_t field, std::string name) {
            uint32_t offset = r_.u32(start_ + field, "layout table");
            uint32_t size = r_.u32(start_ + field + 4, "layout table");
            if (offset == 0 || offset == kEmpty || size == 0 || size == kEmpty) return;
            spans.push_back({start_ + offset, size, std::move(name)});
        };
        add(data_at, "data partition");
        for (int i = 0; i < 5; ++i) add(bp_at + 8 * i, "BP" + decimal(unsigned(i + 1)));
        for (const auto& [a, b] : overlaps(spans)) {
            bool bp4_in_data = (a.name == "data partition" && b.name == "BP4" && b.offset + b.size <= a.offset + a.size) ||
                               (b.name == "data partition" && a.name == "BP4" && a.offset + a.size <= b.offset + b.size);
            if (bp4_in_data) continue;
            warn("layout_overlap", "The CSE layout table's " + a.name + " (" + hex(a.offset) + ", " + hex(a.size) +
                                       " bytes) and " + b.name + " (" + hex(b.offset) + ", " + hex(b.size) + " bytes) overlap",
                 start_ + 0x10);
        }
    }

    // FIT's build record (CDMD, §3.9) names the platform it built for, e.g.
    // "AlderLake S Chipset - Consumer": a second witness for the PCH SKU.
    void read_build_target(uint64_t at, uint64_t length) {
        static const char kMagic[] = "FIT AS A FIDDLE";
        static const std::string kMarker = " Chipset";
        if (!r_.has(at, length) || length < sizeof kMagic) return;
        auto bytes = r_.slice(at, length, "CDMD build record");
        if (std::string(bytes.begin(), bytes.begin() + sizeof kMagic - 1) != kMagic) return;
        std::string text(bytes.begin(), bytes.end());
        size_t marker = text.find("Lake ");
        while (marker != std::string::npos) {
            if (marker + 6 + kMarker.size() <= text.size() && text.compare(marker + 6, kMarker.size(), kMarker) == 0) {
                size_t begin = marker;
                while (begin > 0 && std::isalpha(static_cast<unsigned char>(text[begin - 1]))) --begin;
                size_t end = marker;
                while (end < text.size() && text[end] >= 0x20 && text[end] < 0x7F && text[end] != '"') ++end;
                out_.build_target = text.substr(begin, end - begin);
                return;
            }
            marker = text.find("Lake ", marker + 1);
        }
    }

    void warn(std::string code, std::string message, uint64_t offset) {
        out_.findings.push_back({Severity::warning, std::move(code), std::move(message), offset});
    }

    ByteReader r_;
    std::span<const uint8_t> image_;
    uint64_t start_;
    CseFirmware& out_;
};

}  // namespace

std::string describe_cse(const CseFirmware& cse) {
    std::string text = (cse.version.empty() ? std::string("CSE firmware") : "CSE firmware " + cse.version) + " (" +
                       cse.layout + " at " + hex(cse.layout_offset) + ")";
    if (!cse.manifest) return text + ", no FTPR manifest found";
    const SignatureCheck& s = cse.manifest->signature;
    return text + ", FTPR signature " + (s.strict_valid ? "valid" : "INVALID") + " (" + s.scheme + ")";
}

const char* cse_name(const CseFirmware& cse) {
    unsigned major = cse.manifest ? cse.manifest->version[0] : 0;
    return major == 3 || major == 4 ? "CSTXE" : "CSME";
}

std::optional<CseFirmware> read_cse_firmware(std::span<const uint8_t> image, uint64_t start, uint64_t end) {
    if (end > image.size() || start >= end) return std::nullopt;
    CseFirmware cse;
    CseReader reader(image, start, end, cse);
    try {
        if (!reader.read_layout()) return std::nullopt;
        reader.read_ftpr();
    } catch (const FormatError& error) {
        cse.findings.push_back({Severity::warning, "cse_malformed", error.what(), error.problem().offset});
    }
    return cse;
}

}  // namespace meclean
