// Triage of foreign files and of dumps of the wrong size (issue 6). Every test here reads
// through ByteReader or checks its bounds first: the input is as untrusted as anywhere else.
#include "triage.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "byte_reader.hpp"
#include "descriptor.hpp"
#include "findings.hpp"
#include "text.hpp"

namespace meclean {
namespace {

constexpr uint64_t kDescriptorBytes = 0x1000;
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
    const char* kind;
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
        return Container{"capsule", std::string(k.name) + " (a vendor's firmware update file)",
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
        const char* kind;
        const char* name;
        const char* advice;
    };
    static const char* kExtract = "Extract it and open the image inside (usually a .bin, .rom or .cap file).";
    static const char* kProgram =
        "The vendor's updater packs the firmware in its own way, often as a BIOS-only update. Dump the flash chip "
        "itself (flashrom -p internal -r dump.bin, or an external programmer on the chip) and open that dump.";
    static const char* kWrongFile = "Choose the dump of the flash chip (.bin or .rom) instead.";
    static const Magic kMagics[] = {
        {"PK\x03\x04", 4, "archive", "a ZIP archive", kExtract},
        {"\x1F\x8B", 2, "archive", "a gzip-compressed file", kExtract},
        {"7z\xBC\xAF\x27\x1C", 6, "archive", "a 7-Zip archive", kExtract},
        {"Rar!\x1A\x07", 6, "archive", "a RAR archive", kExtract},
        {"\xFD" "7zXZ\x00", 6, "archive", "an xz-compressed file", kExtract},
        {"MSCF", 4, "archive", "a Microsoft cabinet archive", kExtract},
        {"MZ", 2, "program", "a Windows program (probably a vendor's BIOS updater)", kProgram},
        {"\x7F" "ELF", 4, "program", "a Linux program", kProgram},
        {"\xFF\xD8\xFF", 3, "not_firmware", "a JPEG picture", kWrongFile},
        {"\x89PNG\r\n\x1A\n", 8, "not_firmware", "a PNG picture", kWrongFile},
        {"GIF8", 4, "not_firmware", "a GIF picture", kWrongFile},
        {"%PDF", 4, "not_firmware", "a PDF document", kWrongFile},
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

std::string size_text(uint64_t bytes) {
    if (bytes >= 0x100000 && bytes % 0x100000 == 0) return decimal(bytes >> 20) + " MiB";
    if (bytes >= 0x400 && bytes % 0x400 == 0) return decimal(bytes >> 10) + " KiB";
    return decimal(bytes) + " bytes";
}

Triage embedded_image_triage(std::span<const uint8_t> file, FoundDescriptor d, const std::optional<Container>& container) {
    uint64_t start = d.start, length = embedded_length(file, d);
    std::string image = "a plain flash image of " + size_text(length) + " starts at " + hex(start) + " inside it";
    Triage t;
    t.kind = container ? container->kind : "descriptor_at_offset";
    t.what = container ? "This is " + container->name + "; " + image + "."
                       : "The flash descriptor sits at " + hex(start + d.signature_offset) + " instead of " +
                             hex(d.signature_offset) + ": " + image +
                             ", after " + hex(start) + " bytes of something else (a vendor's header?).";
    t.advice = "meclean can work on that image (" + hex(start) + "–" + hex(start + length - 1) +
               "). The result is a plain image for flashrom or an external programmer, not a file for the vendor's "
               "updater.";
    t.embedded = EmbeddedImage{start, length};
    return t;
}

}  // namespace

std::optional<Triage> triage_foreign_file(std::span<const uint8_t> file) {
    ByteReader r(file);
    if (file.empty()) {
        return Triage{"empty", "The file is empty.", "Choose the dump of the flash chip (.bin or .rom).", std::nullopt};
    }
    for (uint8_t value : {uint8_t{0xFF}, uint8_t{0x00}}) {
        if (!all_bytes_are(file, value)) continue;
        return Triage{"blank",
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
        return Triage{"me_update",
                      std::string("The file begins with a signed ME firmware partition (") + manifest +
                          ") but has no partition table ($FPT): it looks like an ME update file, or one partition "
                          "cut out by a tool, not the ME region of a flash chip.",
                      "Update files are not what the chip holds, and neither me_cleaner nor meclean cleans them. "
                      "Dump the flash chip (the whole chip, or its ME region: flashrom -p internal --ifd -i me -r "
                      "me.bin) and open that.",
                      std::nullopt};
    }
    if (auto volume = find_firmware_volume(r)) {
        return Triage{"bios_region",
                      "This looks like a BIOS region or a BIOS-only update: it holds UEFI firmware volumes (the first "
                      "at " + hex(*volume) + ") but no flash descriptor and no ME firmware.",
                      "The ME firmware lives in another part of the flash chip. Dump the whole chip (flashrom -p "
                      "internal -r dump.bin, or an external programmer); on a board with two flash chips, dump both "
                      "and join them in order (cat first.bin second.bin > dump.bin).",
                      std::nullopt};
    }
    return std::nullopt;
}

std::optional<Triage> triage_dump_size(const Descriptor& d, std::span<const uint8_t> image) {
    const FlashComponents& c = d.component;
    uint64_t flash = c.total_size(), size = image.size();
    if (flash == 0 || size == flash) return std::nullopt;
    std::string declared = decimal(c.chips) + " chip(s) with " + hex(flash) + " bytes in all";
    std::string work_on_first = "meclean can work on the first " + hex(flash) + " bytes, which is what the chip holds.";
    if (size < flash) {
        if (c.chips == 2 && size == c.density[0]) {
            return Triage{"first_chip_only",
                          "The descriptor declares two flash chips (" + hex(c.density[0]) + " and " +
                              hex(c.density[1]) + " bytes) and this file is as large as the first: it is a dump of "
                              "the first chip only.",
                          "That is enough when the ME region lies in the first chip (the checks say whether it does): "
                          "write the result back to that chip only. For a backup of the whole flash, dump the second "
                          "chip too and join the two in order (cat first.bin second.bin > full.bin).",
                          std::nullopt};
        }
        return Triage{"truncated_dump",
                      "The image is " + hex(size) + " bytes but the descriptor declares " + declared +
                          ": the dump is cut short, or the programmer assumed a smaller chip.",
                      "Read the chip again, whole, and compare two reads. Do not flash an image made from a partial "
                      "dump.",
                      std::nullopt};
    }
    auto first = image.first(flash);
    bool copies = size % flash == 0;
    for (uint64_t at = flash; copies && at < size; at += flash) {
        copies = std::memcmp(first.data(), image.data() + at, flash) == 0;
    }
    EmbeddedImage chip{0, flash};
    if (copies) {
        return Triage{"mirrored_dump",
                      "The image is " + decimal(size / flash) + " identical copies of the " + hex(flash) +
                          "-byte flash the descriptor declares: the programmer read the chip as a larger one.",
                      work_on_first + " Set the real chip size in the programmer before writing.", chip};
    }
    auto tail = image.subspan(flash);
    if (all_bytes_are(tail, 0xFF)) {
        return Triage{"padded_dump",
                      "The image is " + hex(size) + " bytes but the descriptor declares " + declared +
                          "; everything after " + hex(flash - 1) + " is 0xFF padding.",
                      work_on_first, chip};
    }
    return Triage{"oversized_dump",
                  "The image is " + hex(size) + " bytes but the descriptor declares " + declared +
                      ", and the bytes after " + hex(flash - 1) + " are not padding.",
                  "Check that the dump comes from this board's chip and that the programmer used the right chip "
                  "size. " + work_on_first,
                  chip};
}

}  // namespace meclean
