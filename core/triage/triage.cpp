// Triage of foreign files and of dumps of the wrong size. Every test here reads through
// ByteReader or checks its bounds first: the input is as untrusted as anywhere else.
#include "triage/triage.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "base/byte_reader.hpp"
#include "ifd/descriptor.hpp"
#include "base/findings.hpp"
#include "base/text.hpp"
#include "ifd/straps.hpp"

namespace meclean {
namespace {

constexpr uint64_t kSignatureOffset = 0x10;  // in every descriptor after ICH8–10 (those have it at 0x0)

// "4A3CA68B-7723-48FB-803D-578CC1FEC44D" from the 16 bytes as stored (first three fields little-endian).
std::string guid_text(std::span<const uint8_t> b) {
    auto two = [&](size_t i) { return hex_digits(b[i], 2); };
    std::string s = hex_digits(load_le32(b.data()), 8) + "-" + hex_digits(load_le16(b.data() + 4), 4) + "-" +
                    hex_digits(load_le16(b.data() + 6), 4) + "-" + two(8) + two(9) + "-";
    for (size_t i = 10; i < 16; ++i) s += two(i);
    std::transform(s.begin(), s.end(), s.begin(), [](char c) { return c >= 'a' && c <= 'f' ? char(c - 32) : c; });
    return s;
}

// A wrapper in front of (or around) a possible flash image: its name and what to do
// when no flash image is found inside.
struct Container {
    TriageKind kind;
    std::string name;
    std::string advice_without_image;
};

const char* kDumpTheChip =
    "Dump the flash chip itself (flashrom -p internal -r dump.bin, or an external programmer on the chip) "
    "and open that dump: it is what meclean and me_cleaner clean.";

// Vendor capsules: a UEFI capsule header, which starts with the capsule's GUID.
std::optional<Container> capsule_at_start(const ByteReader& r) {
    if (!r.has(0, 16)) return std::nullopt;
    struct Known {
        const char* guid;
        const char* name;
    };
    static const Known kCapsules[] = {
        {"3B6686BD-0D76-4030-B70E-B5519E2FC5A0", "a UEFI capsule"},
        {"6DCBD5ED-E82D-4C44-BDA1-7194199AD92A", "a UEFI firmware-management (FMP) capsule"},
        {"4A3CA68B-7723-48FB-803D-578CC1FEC44D", "an AMI Aptio signed capsule"},
        {"14EEBB90-890A-43DB-AED1-5D3C4588A418", "an AMI Aptio capsule"},
        {"539182B9-ABB5-4391-B69A-E3A943F72FCC", "an Intel capsule"},
    };
    std::string guid = guid_text(r.slice(0, 16, "capsule GUID"));
    for (const Known& k : kCapsules) {
        if (guid != k.guid) continue;
        return Container{TriageKind::capsule, std::string(k.name) + " (a vendor's firmware update file)",
                         "This capsule holds no complete flash image (it is probably a BIOS-only update). " +
                             std::string(kDumpTheChip)};
    }
    return std::nullopt;
}

// Files that are plainly something else, by their first bytes.
std::optional<Container> container_by_magic(std::span<const uint8_t> file) {
    struct Magic {
        const char* bytes;
        size_t length;
        TriageKind kind;
        const char* name;
        const char* advice;
    };
    static const char* kExtract = "Extract it and open the image inside (usually a .bin, .rom or .cap file).";
    static const char* kProgram =
        "The vendor's updater packs the firmware in its own way, often as a BIOS-only update. Dump the flash chip "
        "itself (flashrom -p internal -r dump.bin, or an external programmer on the chip) and open that dump.";
    static const char* kWrongFile = "Choose the dump of the flash chip (.bin or .rom) instead.";
    static const Magic kMagics[] = {
        {"PK\x03\x04", 4, TriageKind::archive, "a ZIP archive", kExtract},
        {"\x1F\x8B", 2, TriageKind::archive, "a gzip-compressed file", kExtract},
        {"7z\xBC\xAF\x27\x1C", 6, TriageKind::archive, "a 7-Zip archive", kExtract},
        {"Rar!\x1A\x07", 6, TriageKind::archive, "a RAR archive", kExtract},
        {"\xFD" "7zXZ\x00", 6, TriageKind::archive, "an xz-compressed file", kExtract},
        {"MSCF", 4, TriageKind::archive, "a Microsoft cabinet archive", kExtract},
        {"MZ", 2, TriageKind::program, "a Windows program (probably a vendor's BIOS updater)", kProgram},
        {"\x7F" "ELF", 4, TriageKind::program, "a Linux program", kProgram},
        {"\xFF\xD8\xFF", 3, TriageKind::not_firmware, "a JPEG picture", kWrongFile},
        {"\x89PNG\r\n\x1A\n", 8, TriageKind::not_firmware, "a PNG picture", kWrongFile},
        {"GIF8", 4, TriageKind::not_firmware, "a GIF picture", kWrongFile},
        {"%PDF", 4, TriageKind::not_firmware, "a PDF document", kWrongFile},
    };
    for (const Magic& m : kMagics) {
        if (file.size() >= m.length && std::memcmp(file.data(), m.bytes, m.length) == 0) {
            return Container{m.kind, m.name, m.advice};
        }
    }
    return std::nullopt;
}

// Where a descriptor found inside a file starts, and where its signature is relative to that.
struct FoundDescriptor {
    uint64_t start = 0;
    uint64_t signature_offset = 0;  // 0x10, or 0x0 on ICH8–10 (formats.md §1.1)
};

// A descriptor at `start`: the signature, section bases inside its 4 KiB, and a region section
// whose first entry (the descriptor region itself) starts at 0.
bool descriptor_at(const ByteReader& r, FoundDescriptor d) {
    if (!r.has(d.start, kDescriptorBytes)) return false;
    if (r.u32(d.start + d.signature_offset, "descriptor signature") != kDescriptorSignature) return false;
    uint32_t flmap0 = r.u32(d.start + d.signature_offset + 4, "FLMAP0");
    uint32_t fcba = (flmap0 & 0xFF) << 4, frba = (flmap0 >> 12) & 0xFF0;
    if (fcba < 0x10 || frba < 0x10 || fcba >= kDescriptorBytes || frba + 4 > kDescriptorBytes) return false;
    return (r.u32(d.start + frba, "FLREG0") & 0x7FFF) == 0;
}

// The first plausible descriptor past the places me_cleaner looks, on a 16-byte grid
// (capsule and package headers keep that alignment).
std::optional<FoundDescriptor> find_embedded_descriptor(const ByteReader& r) {
    for (uint64_t at = 0x10; at + kDescriptorBytes <= r.size(); at += 0x10) {
        for (FoundDescriptor d : {FoundDescriptor{at, kSignatureOffset}, FoundDescriptor{at + 0x10, 0}}) {
            if (d.start >= 0x10 && descriptor_at(r, d)) return d;
        }
    }
    return std::nullopt;
}

// How long the image with this descriptor is: the flash size the descriptor declares when
// that fits in the file, else the rest of the file.
uint64_t embedded_length(std::span<const uint8_t> file, FoundDescriptor d) {
    uint64_t rest = file.size() - d.start;
    try {
        uint64_t flash = parse_descriptor(file.subspan(d.start), d.signature_offset).component.total_size();
        if (flash > 0 && flash <= rest) return flash;
    } catch (const FormatError&) {
        // a descriptor we cannot read whole still marks where the image starts
    }
    return rest;
}

// A UEFI firmware volume header ("_FVH" at +0x28) whose 16-bit words sum to zero.
bool firmware_volume_at(const ByteReader& r, uint64_t at) {
    if (!r.tag_at(at + 0x28, "_FVH") || !r.has(at, 0x38)) return false;
    uint16_t header_length = r.u16(at + 0x30, "firmware volume header length");
    if (header_length < 0x48 || header_length % 2 != 0 || !r.has(at, header_length)) return false;
    auto header = r.slice(at, header_length, "firmware volume header");
    uint16_t sum = 0;
    for (size_t i = 0; i < header.size(); i += 2) sum = uint16_t(sum + load_le16(header.data() + i));
    return sum == 0;
}

std::optional<uint64_t> find_firmware_volume(const ByteReader& r) {
    for (uint64_t at = 0; at + 0x48 <= r.size(); at += 0x1000) {
        if (firmware_volume_at(r, at)) return at;
    }
    return std::nullopt;
}

bool all_bytes_are(std::span<const uint8_t> bytes, uint8_t value) {
    return std::all_of(bytes.begin(), bytes.end(), [value](uint8_t b) { return b == value; });
}

Triage embedded_image_triage(std::span<const uint8_t> file, FoundDescriptor d, const std::optional<Container>& container) {
    uint64_t start = d.start, length = embedded_length(file, d);
    std::string image = "a plain flash image of " + size_text(length) + " starts at " + hex(start) + " inside it";
    Triage t;
    t.kind = container ? container->kind : TriageKind::descriptor_at_offset;
    t.what = container ? "This is " + container->name + "; " + image + "."
                       : "The flash descriptor sits at " + hex(start + d.signature_offset) + " instead of " +
                             hex(d.signature_offset) + ": " + image +
                             ", after " + hex(start) + " bytes of something else (a vendor's header?).";
    t.advice = "meclean can work on that image (" + hex(start) + "–" + hex(start + length - 1) +
               "). The result is a plain image for flashrom or an external programmer, not a file for the vendor's "
               "updater.";
    t.embedded = ByteRange{start, length};
    return t;
}

}  // namespace

std::optional<Triage> triage_foreign_file(std::span<const uint8_t> file) {
    ByteReader r(file);
    if (file.empty()) {
        return Triage{TriageKind::empty, "The file is empty.", "Choose the dump of the flash chip (.bin or .rom).", std::nullopt};
    }
    for (uint8_t value : {uint8_t{0xFF}, uint8_t{0x00}}) {
        if (!all_bytes_are(file, value)) continue;
        return Triage{TriageKind::blank,
                      "Every byte of the file is " + hex(value, 2) +
                          ": the programmer read an erased chip, or nothing at all (a loose clip or an unpowered chip "
                          "reads like this).",
                      "Check the clip and the wiring, read the chip twice and compare the two reads before using "
                      "either.",
                      std::nullopt};
    }
    std::optional<Container> container = capsule_at_start(r);
    if (!container) container = container_by_magic(file);
    if (auto found = find_embedded_descriptor(r)) return embedded_image_triage(file, *found, container);
    if (container) {
        return Triage{container->kind, "This is " + container->name + ", not a flash image.",
                      container->advice_without_image, std::nullopt};
    }
    const char* manifest = r.tag_at(0x1C, "$MN2") ? "a $MN2 manifest at 0x1c"
                           : r.tag_at(0x1C, "$MAN") ? "a $MAN manifest at 0x1c"
                           : r.tag_at(0, "$CPD")    ? "a $CPD directory at 0x0"
                                                    : nullptr;
    if (manifest) {
        return Triage{TriageKind::me_update,
                      std::string("The file begins with a signed ME firmware partition (") + manifest +
                          ") but has no partition table ($FPT): it looks like an ME update file, or one partition "
                          "cut out by a tool, not the ME region of a flash chip.",
                      "Update files are not what the chip holds, and neither me_cleaner nor meclean cleans them. "
                      "Dump the flash chip (the whole chip, or its ME region: flashrom -p internal --ifd -i me -r "
                      "me.bin) and open that.",
                      std::nullopt};
    }
    if (auto volume = find_firmware_volume(r)) {
        return Triage{TriageKind::bios_region,
                      "This looks like a BIOS region or a BIOS-only update: it holds UEFI firmware volumes (the first "
                      "at " + hex(*volume) + ") but no flash descriptor and no ME firmware.",
                      "The ME firmware lives in another part of the flash chip. Dump the whole chip (flashrom -p "
                      "internal -r dump.bin, or an external programmer); on a board with two flash chips, dump both "
                      "and join them (meclean join -O dump.bin first.bin second.bin, in either order).",
                      std::nullopt};
    }
    return std::nullopt;
}

const char* triage_kind_name(TriageKind kind) {
    switch (kind) {
        case TriageKind::empty: return "empty";
        case TriageKind::blank: return "blank";
        case TriageKind::capsule: return "capsule";
        case TriageKind::archive: return "archive";
        case TriageKind::program: return "program";
        case TriageKind::not_firmware: return "not_firmware";
        case TriageKind::descriptor_at_offset: return "descriptor_at_offset";
        case TriageKind::me_update: return "me_update";
        case TriageKind::bios_region: return "bios_region";
        case TriageKind::first_chip_only: return "first_chip_only";
        case TriageKind::truncated_dump: return "truncated_dump";
        case TriageKind::mirrored_dump: return "mirrored_dump";
        case TriageKind::padded_dump: return "padded_dump";
        case TriageKind::oversized_dump: return "oversized_dump";
    }
    return "unknown";
}

Triage triage_of(const DumpSizeJudgement& j) {
    TriageKind kind = TriageKind::truncated_dump;
    switch (j.mismatch) {
        case DumpSizeMismatch::first_chip_only: kind = TriageKind::first_chip_only; break;
        case DumpSizeMismatch::truncated: kind = TriageKind::truncated_dump; break;
        case DumpSizeMismatch::mirrored: kind = TriageKind::mirrored_dump; break;
        case DumpSizeMismatch::padded: kind = TriageKind::padded_dump; break;
        case DumpSizeMismatch::oversized: kind = TriageKind::oversized_dump; break;
    }
    return Triage{kind, j.what, j.advice, j.flash};
}

}  // namespace meclean
