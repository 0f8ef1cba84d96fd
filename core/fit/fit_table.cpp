// The FIT pointer and table (FIT BIOS Specification §1.2): a 64-bit pointer 0x40 bytes below
// 4 GiB; a header entry "_FIT_   " whose size field counts the entries (itself included), whose
// version is 0x0100 and whose C_V bit asks for a zero byte sum over the table; 16-byte entries:
// address u64, size u24, reserved u8, version u16, type:7 + C_V:1, checksum u8.
#include <algorithm>
#include <cstring>

#include "base/byte_reader.hpp"
#include "base/text.hpp"
#include "fit/fit_parts.hpp"

namespace meclean {
namespace {

using fit_parts::add_finding;

constexpr uint64_t kPointerDistance = 0x40;  // the pointer sits at 4 GiB − 0x40
constexpr uint64_t kEntryBytes = 16;
constexpr char kMagic[8] = {'_', 'F', 'I', 'T', '_', ' ', ' ', ' '};
constexpr uint16_t kHeaderVersion = 0x0100;
// Real tables hold a few dozen entries (one per microcode update); a larger count is damage.
constexpr unsigned kMaxEntries = 256;

FitEntry read_entry(const ByteReader& r, uint64_t at, unsigned index, ByteRange mapped) {
    FitEntry e;
    e.index = index;
    e.offset = at;
    e.address = uint64_t{r.u32(at, "FIT entry")} | uint64_t{r.u32(at + 4, "FIT entry")} << 32;
    e.size_field = r.u32(at + 8, "FIT entry") & 0xFFFFFF;
    e.version = r.u16(at + 12, "FIT entry");
    uint8_t type = r.u8(at + 14, "FIT entry");
    e.raw_type = type & 0x7F;
    e.type = fit_entry_type(e.raw_type);
    e.checksum_valid_bit = (type & 0x80) != 0;
    e.checksum = r.u8(at + 15, "FIT entry");
    // A TXT policy record keeps its data in the address field itself (specification §1.2.8).
    if (e.type != FitEntryType::header && e.type != FitEntryType::txt_policy && e.type != FitEntryType::skip) {
        e.target = fit_address_to_offset(e.address, mapped);
    }
    return e;
}

void read_component(std::span<const uint8_t> image, FitEntry& e, FitReport& report) {
    if (e.type == FitEntryType::header) {
        add_finding(report, Severity::warning, "fit_second_header",
                    "FIT entry " + decimal(e.index) + " is a second header entry", e.offset);
        return;
    }
    bool wants_target = e.type == FitEntryType::microcode || e.type == FitEntryType::startup_acm ||
                        e.type == FitEntryType::key_manifest || e.type == FitEntryType::boot_policy_manifest;
    if (!wants_target) return;
    if (!e.target) {
        add_finding(report, Severity::warning, "fit_entry_outside",
                    "FIT entry " + decimal(e.index) + " (" + fit_entry_type_name(e.type) + ") points at " + hex(e.address) +
                        ", outside this image",
                    e.offset);
        return;
    }
    switch (e.type) {
        case FitEntryType::microcode: fit_parts::read_microcode(image, e, report); break;
        case FitEntryType::startup_acm: fit_parts::read_startup_acm(image, e, report); break;
        case FitEntryType::key_manifest: fit_parts::read_key_manifest(image, e, report); break;
        case FitEntryType::boot_policy_manifest: fit_parts::read_boot_policy(image, e, report); break;
        default: break;
    }
}

// Where the pointer leads; false (with an info finding) when there is no table there.
bool locate_table(std::span<const uint8_t> image, FitReport& r) {
    const ByteReader reader(image);
    r.pointer_offset = r.mapped.end() - kPointerDistance;
    r.pointer = uint64_t{reader.u32(*r.pointer_offset, "FIT pointer")} |
                uint64_t{reader.u32(*r.pointer_offset + 4, "FIT pointer")} << 32;
    std::optional<uint64_t> table = fit_address_to_offset(r.pointer, r.mapped);
    const std::string where = "The FIT pointer at " + hex(*r.pointer_offset) + " holds " + hex(r.pointer, 8);
    if (!table || *table + kEntryBytes > r.mapped.end()) {
        add_finding(r, Severity::info, "fit_absent",
                    where + ", which is not an address inside this image: there is no FIT (platforms before Haswell "
                            "have none), or the image is not the whole BIOS region",
                    r.pointer_offset);
        return false;
    }
    if (std::memcmp(image.data() + *table, kMagic, sizeof kMagic) != 0) {
        add_finding(r, Severity::info, "fit_absent",
                    where + ", but no \"_FIT_   \" table is there: this image has no FIT (platforms before Haswell have none)",
                    table);
        return false;
    }
    r.table_offset = table;
    if (r.pointer % kEntryBytes != 0) {
        add_finding(r, Severity::warning, "fit_unaligned", where + ": the FIT must start on a 16-byte boundary", table);
    }
    return true;
}

void read_table(std::span<const uint8_t> image, FitReport& r) {
    const ByteReader reader(image);
    const uint64_t at = *r.table_offset;
    FitEntry header = read_entry(reader, at, 0, r.mapped);
    r.declared_entries = header.size_field;
    r.header_version = header.version;
    if (header.raw_type != 0) {
        add_finding(r, Severity::warning, "fit_header_type", "The FIT header entry has type " + hex(header.raw_type, 2) + " instead of 0", at);
    }
    if (r.header_version != kHeaderVersion) {
        add_finding(r, Severity::warning, "fit_header_version", "The FIT header declares version " + hex(r.header_version, 4) + " instead of 0x0100", at + 12);
    }
    uint64_t room = (r.mapped.end() - at) / kEntryBytes;
    uint64_t count = r.declared_entries;
    if (count == 0) {
        add_finding(r, Severity::warning, "fit_empty", "The FIT header declares no entries (it must count at least itself)", at + 8);
    } else if (count > kMaxEntries) {
        add_finding(r, Severity::warning, "fit_too_many_entries",
                    "The FIT header declares " + decimal(count) + " entries; real tables hold a few dozen, so only the first " +
                        decimal(kMaxEntries) + " are read",
                    at + 8);
        count = kMaxEntries;
    }
    if (count > room) {
        add_finding(r, Severity::warning, "fit_truncated",
                    "The FIT declares " + decimal(r.declared_entries) + " entries but only " + decimal(room) +
                        " fit before the end of the image at " + hex(r.mapped.end()),
                    at);
        count = room;
    }
    if (header.checksum_valid_bit) {
        unsigned sum = 0;
        for (uint8_t b : image.subspan(at, count * kEntryBytes)) sum += b;
        r.checksum_ok = (sum & 0xFF) == 0;
        if (!*r.checksum_ok) {
            add_finding(r, Severity::warning, "fit_checksum",
                        "The FIT's bytes do not sum to zero although its header asks for a checksum (sum " + hex(sum & 0xFF, 2) + ")",
                        at + 15);
        }
    }
    r.entries.push_back(header);
    for (unsigned i = 1; i < count; ++i) {
        FitEntry e = read_entry(reader, at + i * kEntryBytes, i, r.mapped);
        read_component(image, e, r);
        r.entries.push_back(std::move(e));
    }
}

}  // namespace

std::optional<uint64_t> fit_address_to_offset(uint64_t address, ByteRange mapped) {
    if (mapped.length == 0 || mapped.length > fit_parts::kFourGiB) return std::nullopt;
    const uint64_t window_base = fit_parts::kFourGiB - mapped.length;
    if (address < window_base || address >= fit_parts::kFourGiB) return std::nullopt;
    return mapped.offset + (address - window_base);
}

FitReport read_fit(std::span<const uint8_t> image, ByteRange mapped) {
    FitReport r;
    r.mapped = mapped;
    if (mapped.length < kPointerDistance || mapped.offset > image.size() || mapped.length > image.size() - mapped.offset) {
        fit_parts::add_finding(r, Severity::info, "fit_absent",
                               "The BIOS region (" + hex(mapped.offset) + ", " + size_text(mapped.length) +
                                   ") is too small or not inside this file: no FIT pointer to read",
                               std::nullopt);
    } else {
        try {
            if (locate_table(image, r)) {
                r.found = true;
                read_table(image, r);
            }
        } catch (const FormatError& error) {
            fit_parts::add_finding(r, Severity::warning, "fit_unreadable", error.what(), error.problem().offset);
        }
    }
    fit_parts::summarise(r);
    return r;
}

}  // namespace meclean
