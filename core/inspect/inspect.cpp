// inspect(): classify the image and read the ME firmware the way me_cleaner's detection
// phase does (formats.md §2.8.2–§2.8.4), recording its console lines as it goes.
#include <algorithm>
#include <string>

#include "base/byte_reader.hpp"
#include "crypto/crypto.hpp"
#include "cse/cse.hpp"
#include "ifd/descriptor.hpp"
#include "ifd/fdv.hpp"
#include "ifd/straps.hpp"
#include "ifd/descriptor_checks.hpp"
#include "inspect/findings_check.hpp"
#include "inspect/image_extras.hpp"
#include "me/fpt.hpp"
#include "me/ftpr_modules.hpp"
#include "me/key_table.hpp"
#include "me/manifest.hpp"
#include "inspect/inspect.hpp"
#include "base/text.hpp"
#include "triage/triage.hpp"

namespace meclean {
namespace {

std::vector<FtprModule> describe_gen2_modules(const RegionView& region, const MeFirmware& me) {
    std::vector<FtprModule> out;
    MmeTable table = read_mme_table(region, me.ftpr_offset);
    for (const MmeModule& m : table.modules) {
        static const char* kNames[] = {"uncompressed", "Huffman", "LZMA"};
        unsigned c = m.compression();
        out.push_back(FtprModule{m.name.text, c < 3 ? kNames[c] : "unknown", me.ftpr_offset + uint64_t{m.data_offset},
                                 c == 1 ? m.uncompressed_size : m.compressed_size});
    }
    return out;
}

std::vector<FtprModule> describe_gen3_modules(const RegionView& region, const MeFirmware& me) {
    std::vector<FtprModule> out;
    for (const CpdEntry& e : read_cpd_entries(region, me.ftpr_offset)) {
        out.push_back(FtprModule{e.name.text, e.huffman() ? "Huffman" : "LZMA/uncompressed",
                                 me.ftpr_offset + uint64_t{e.offset()}, e.size});
    }
    return out;
}

// §2.8.5: ME 6 Ignition firmware carries a $SKU record right after its module headers.
void probe_ignition(const RegionView& region, MeFirmware& me) {
    try {
        uint32_t modules = region.u32(me.ftpr_offset + 0x20, "FTPR module count");
        uint64_t at = uint64_t{me.ftpr_offset} + 0x290 + (uint64_t{modules} + 1) * 0x60;
        auto sku = region.read(at, 12, "ME 6 $SKU record");
        me.ignition = sku[0] == '$' && sku[1] == 'S' && sku[2] == 'K' && sku[3] == 'U' && load_le32(sku.data() + 8) == 0;
    } catch (const FormatError&) {
        me.ignition_probe_outside = true;
    }
}

// me_cleaner looks for the $FPT at the start of the ME region and 0x10 bytes in (§2.8.3).
std::optional<uint64_t> find_fpt(const ByteReader& region) {
    for (uint64_t at : {uint64_t{0}, uint64_t{0x10}}) {
        if (region.tag_at(at, "$FPT")) return at;
    }
    return std::nullopt;
}

// §2.8.3: FPT, FTPR, generation, manifest, version, key.
void read_me_firmware(Analysis& a, std::span<const uint8_t> image, uint64_t start, uint64_t end) {
    RegionView region(image, start, end);
    MeFirmware me;
    me.region_start = start;
    me.region_end = end;
    std::optional<uint64_t> found_fpt = find_fpt(ByteReader(image.subspan(start, end - start)));
    if (!found_fpt) {
        fail("firmware_missing", "The ME/TXE region is valid but the firmware is corrupted or missing", start,
             "No $FPT partition table at " + hex(start) + " or " + hex(start + 0x10) + ".");
    }
    const uint64_t fpt_offset = *found_fpt;
    a.log.push_back("Found FPT header at " + hex(start + fpt_offset));
    a.log.push_back("Found " + decimal(region.u32(fpt_offset + 4, "$FPT header")) + " partition(s)");
    me.fpt = read_fpt(region, fpt_offset);

    bool found = false;
    for (size_t i = 0; i < me.fpt.entries.size() && !found; ++i) {
        const auto& raw = me.fpt.entries[i].raw;
        bool is_code = raw[0] == 'C' && raw[1] == 'O' && raw[2] == 'D' && raw[3] == 'E';
        bool is_ftpr = raw[0] == 'F' && raw[1] == 'T' && raw[2] == 'P' && raw[3] == 'R';
        if (!is_code && !is_ftpr) continue;
        found = true;
        me.ftpr_entry = i;
        if (is_code) a.generation = 1;
    }
    if (!found) {
        fail("ftpr_missing", "The FPT lists no FTPR (or CODE) partition: this does not look like a valid ME/TXE image",
             start + fpt_offset);
    }
    me.ftpr_offset = me.fpt.entries[me.ftpr_entry].offset;
    me.ftpr_length = me.fpt.entries[me.ftpr_entry].length;
    a.log.push_back("Found FTPR header: FTPR partition spans from " + hex(me.ftpr_offset) + " to " +
                    hex(uint64_t{me.ftpr_offset} + me.ftpr_length));

    auto ftpr_tag = region.read(me.ftpr_offset, 4, "FTPR partition");
    if (std::string(ftpr_tag.begin(), ftpr_tag.end()) == "$CPD") {
        a.generation = 3;
        bool has_manifest = false;
        for (const CpdEntry& e : read_cpd_entries(region, me.ftpr_offset)) {
            if (e.name.text == "FTPR.man") {
                me.mn2_offset = e.offset_field & 0x00FFFFFF;  // me_cleaner keeps 24 bits (§2.9 item 11)
                has_manifest = true;
                break;
            }
        }
        if (!has_manifest) fail("manifest_missing", "The FTPR $CPD directory has no FTPR.man entry", start + me.ftpr_offset);
        a.log.push_back("Found FTPR manifest at " + hex(me.ftpr_offset + me.mn2_offset));
        if (!region.tag_at(me.ftpr_offset + me.mn2_offset + 0x1C, "$MN2")) {
            fail("manifest_tag", "The FTPR manifest has no $MN2 tag", start + me.ftpr_offset + me.mn2_offset + 0x1C);
        }
    } else {
        bool want_man = a.generation == 1;
        region.require(me.ftpr_offset + 0x1C, 4, "FTPR manifest tag");
        bool tag_ok = want_man ? region.tag_at(me.ftpr_offset + 0x1C, "$MAN") : region.tag_at(me.ftpr_offset + 0x1C, "$MN2");
        if (!tag_ok) {
            fail("manifest_tag", std::string("The FTPR manifest has no ") + (want_man ? "$MAN" : "$MN2") + " tag",
                 start + me.ftpr_offset + 0x1C);
        }
        if (a.generation == 0) a.generation = 2;
    }

    me.manifest = read_manifest(region, me.ftpr_offset + me.mn2_offset);
    a.log.push_back("ME/TXE firmware version " + version_text(me.manifest.version) + " (generation " +
                    decimal(a.generation) + ")");
    me.key = match_public_key(me.manifest.key_md5, me.manifest.version[0]);
    a.log.push_back(describe_key_match(me.key, me.manifest.key_md5));

    try {
        me.modules = a.generation == 3 ? describe_gen3_modules(region, me) : a.generation == 2
                                                                              ? describe_gen2_modules(region, me)
                                                                              : std::vector<FtprModule>{};
    } catch (const FormatError& error) {
        a.findings.push_back({Severity::warning, "modules_unreadable", error.what(), error.problem().offset});
    }
    if (a.generation == 2 && me.key.variant == FirmwareVariant::me && me.manifest.version[0] == 6) probe_ignition(region, me);
    if (a.generation != 1) {
        me.traces.only_ftpr_listed = me.fpt.entries.size() == 1;
        me.traces.ends_inside_ftpr = uint64_t{me.ftpr_offset} + me.ftpr_length > end - start;
    }
    a.me = std::move(me);
}

DisableBit read_disable_bit(const RegionView& descriptor, const char* name, const char* strap, uint64_t offset,
                            unsigned bit) {
    uint32_t value = descriptor.u32(offset, "descriptor strap");
    return DisableBit{name, strap, descriptor.start() + offset, bit, ((value >> bit) & 1) != 0};
}

// §2.8.4: the soft-disable bits me_cleaner reports for this generation.
void read_disable_bits(Analysis& a, std::span<const uint8_t> image) {
    const Descriptor& d = *a.descriptor;
    RegionView descriptor(image, a.descriptor_region_start, a.descriptor_region_end);
    auto say = [&](const DisableBit& b, const std::string& what) {
        a.log.push_back("The " + what + " is " + (b.set ? "SET" : "NOT SET"));
    };
    if (a.generation == 1) {
        a.disable_bits.push_back(read_disable_bit(descriptor, "meDisable", "ICHSTRP0", d.fpsba, kMeDisableBit));
        say(a.disable_bits.back(), "meDisable bit in ICHSTRP0");
        a.disable_bits.push_back(read_disable_bit(descriptor, "meDisable", "MCHSTRP0", d.fmsba, kMeDisableBit));
        say(a.disable_bits.back(), "meDisable bit in MCHSTRP0");
    } else if (a.generation == 2) {
        a.disable_bits.push_back(
            read_disable_bit(descriptor, "AltMeDisable", "PCHSTRP10", pch_strap_offset(d.fpsba, kAltMeDisableStrap), kAltMeDisableBit));
        say(a.disable_bits.back(), "AltMeDisable bit");
    } else {
        a.disable_bits.push_back(read_disable_bit(descriptor, "HAP", "PCHSTRP0", pch_strap_offset(d.fpsba, kHapStrapSkylake), kHapBit));
        say(a.disable_bits.back(), "HAP bit");
    }
}

void read_full_image(Analysis& a, std::span<const uint8_t> image, uint64_t signature_offset) {
    a.kind = ImageKind::full;
    a.log.push_back("Full image detected");
    a.descriptor = parse_descriptor(image, signature_offset);
    ByteReader reader(image);
    uint32_t frba = a.descriptor->frba;
    RegionBounds fd = decode_flreg(reader.u32(frba, "descriptor region section (FLREG0)"));
    RegionBounds bios = decode_flreg(reader.u32(frba + 4, "descriptor region section (FLREG1)"));
    RegionBounds me = decode_flreg(reader.u32(frba + 8, "descriptor region section (FLREG2)"));
    a.descriptor_region_start = fd.start;
    a.descriptor_region_end = fd.end;
    a.bios_region_start = bios.start;
    a.bios_region_end = bios.end;
    a.me_region_start = me.start;
    a.me_region_end = me.end;
    if (signature_offset == 0) a.generation = 1;  // ICH8–10 (§2.4)
    if (me.start >= me.end) {
        a.me_region_disabled = true;
        a.log.push_back("The ME region in this image has already been disabled");
    } else {
        if (me.end > image.size()) {
            fail("me_region_outside_file",
                 "The descriptor places the ME region at " + hex(me.start) + "–" + hex(me.end - 1) +
                     ", beyond the end of this " + hex(image.size()) + "-byte file",
                 me.start, "Is this a complete dump of the whole flash chip (or of both chips)?");
        }
        read_me_firmware(a, image, me.start, me.end);
    }
    // me_cleaner takes a positive ME start as "this is a full image" (§2.8.4).
    if (me.start > 0) read_disable_bits(a, image);
}

// Where me_cleaner gives up, look for a CSME 12+ / IFWI layout (formats.md §3.1):
// in the ME region, in a bare region file, or at the BIOS region start (APL/GLK).
void read_cse(Analysis& a, std::span<const uint8_t> image) {
    if (a.kind == ImageKind::full && a.me_region_disabled && a.generation != 1) {
        a.cse = read_cse_firmware(image, a.bios_region_start, std::min<uint64_t>(a.bios_region_end, image.size()));
    } else if (a.kind == ImageKind::full && !a.me && !a.me_region_disabled && a.me_region_end <= image.size() &&
               !find_fpt(ByteReader(image.subspan(a.me_region_start, a.me_region_end - a.me_region_start)))) {
        a.cse = read_cse_firmware(image, a.me_region_start, a.me_region_end);
    } else if (a.kind == ImageKind::unknown) {
        a.cse = read_cse_firmware(image, 0, image.size());
    }
    if (!a.cse) return;
    std::string summary = "meclean found " + describe_cse(*a.cse) + "; me_cleaner cannot process this layout";
    a.findings.push_back({Severity::info, "cse_firmware", summary, a.cse->layout_offset});
    a.findings.insert(a.findings.end(), a.cse->findings.begin(), a.cse->findings.end());
    if (a.problem) a.problem->detail = summary + ".";
}

// Name what the file is when me_cleaner's "Unknown image" would say nothing useful, or when a
// full image is not as large as its flash; the ifd_image_size check reports the latter too.
void triage(Analysis& a, std::span<const uint8_t> image) {
    if (a.descriptor && image.size() > kDescriptorBytes) {
        if (auto judged = judge_dump_size(*a.descriptor, image)) a.triage = triage_of(*judged);
    } else if (a.kind == ImageKind::unknown && !a.cse) {
        a.triage = triage_foreign_file(image);
        if (a.triage) {
            a.problem->detail = a.triage->what + " " + a.triage->advice;
            a.triage->told_by_problem = true;
        }
    }
}

}  // namespace

const char* image_kind_name(ImageKind kind) {
    switch (kind) {
        case ImageKind::full: return "full";
        case ImageKind::me_only: return "me";
        case ImageKind::unknown: return "unknown";
    }
    return "unknown";
}

Analysis inspect(std::span<const uint8_t> image) {
    Analysis a;
    a.size = image.size();
    ByteReader reader(image);
    try {
        if (find_fpt(reader)) {
            a.kind = ImageKind::me_only;
            a.log.push_back("ME/TXE image detected");
            read_me_firmware(a, image, 0, image.size());
        } else if (auto signature = find_descriptor_signature(image)) {
            read_full_image(a, image, *signature);
        } else {
            fail("unknown_image", "Unknown image", std::nullopt,
                 "Neither a flash descriptor (signature 5A A5 F0 0F at 0x0 or 0x10) nor an ME/TXE partition table "
                 "($FPT at 0x0 or 0x10) was found.");
        }
    } catch (const FormatError& error) {
        a.problem = error.problem();
    }
    read_cse(a, image);
    triage(a, image);
    add_boot_guard(a, image);
    add_advice(a);
    if (a.descriptor) {
        a.fdv = read_fdv(image.first(std::min<size_t>(image.size(), kDescriptorBytes)));
        a.findings.push_back({a.fdv->present ? Severity::warning : Severity::info, "fdv_state",
                              "Flash descriptor verification (FDV): " + a.fdv->summary, kFdvManifestStart});
        try {
            a.descriptor_checks = check_descriptor(*a.descriptor, image);
        } catch (const FormatError&) {
            // the checks read only what parse_descriptor already bounded; nothing to add
        }
        a.gbe = read_gbe(image, *a.descriptor);
        if (a.gbe) a.findings.insert(a.findings.end(), a.gbe->findings.begin(), a.gbe->findings.end());
    }
    add_findings(a);
    return a;
}

}  // namespace meclean
