// formats.md §1.9, one function per check.
#include "ifd/descriptor_checks.hpp"

#include <algorithm>

#include "base/byte_reader.hpp"
#include "base/text.hpp"
#include "ifd/dump_size.hpp"
#include "ifd/straps.hpp"

namespace meclean {
namespace {

constexpr uint64_t kUpperMap = 0xEFC;

uint64_t flreg_offset(const Descriptor& d, int index) { return d.frba + 4 * static_cast<uint64_t>(index); }
uint64_t flmstr_offset(const Descriptor& d, int index) { return d.fmba + 4 * static_cast<uint64_t>(index - 1); }

std::string region_label(const FlashRegion& r) { return "region " + decimal(r.index) + " (" + r.name + ")"; }
std::string range_text(const FlashRegion& r) { return hex(r.base) + "–" + hex(r.limit); }

const FlashRegion* used_region(const Descriptor& d, int index) {
    if (index < 0 || static_cast<size_t>(index) >= d.regions.size() || !d.regions[index].used) return nullptr;
    return &d.regions[index];
}

const FlashMaster* master(const Descriptor& d, int index) {
    for (const FlashMaster& m : d.masters) {
        if (m.index == index) return &m;
    }
    return nullptr;
}

struct Checker {
    const Descriptor& d;
    std::span<const uint8_t> image;
    bool descriptor_only;
    std::vector<DescriptorCheck> out;

    DescriptorCheck& begin(const char* code, const char* title) {
        out.push_back({code, title, true, {}, {}});
        return out.back();
    }
    static void skip(DescriptorCheck& c, std::string why) {
        c.applicable = false;
        c.skipped_because = std::move(why);
    }
    static void add(DescriptorCheck& c, Severity s, std::string code, std::string message, std::optional<uint64_t> at) {
        c.findings.push_back({s, std::move(code), std::move(message), at});
    }

    // 1: signature at 0x10 (0x0 on ICH8–10); a file of at least 4 KiB.
    void signature() {
        DescriptorCheck& c = begin("ifd_signature", "Signature where this chipset puts it; file holds the whole descriptor");
        PchFamily f = d.platform.family;
        bool ich = f == PchFamily::ich8 || f == PchFamily::ich9 || f == PchFamily::ich10;
        if (d.signature_offset == 0 && !ich && f != PchFamily::unknown) {
            add(c, Severity::warning, "ifd_signature_position",
                "The descriptor signature is at 0x0, where only ICH8–ICH10 put it, but the maps look like " +
                    std::string(pch_family_name(f)) + ": check that this is really a flash descriptor",
                d.signature_offset);
        } else if (d.signature_offset == 0x10 && ich) {
            add(c, Severity::warning, "ifd_signature_position",
                "The maps look like " + std::string(pch_family_name(f)) +
                    ", which puts the signature at 0x0, but it is at 0x10: the chipset guess may be wrong",
                d.signature_offset);
        }
        if (image.size() < kDescriptorBytes) {
            add(c, Severity::error, "ifd_file_short",
                "The file is " + hex(image.size()) + " bytes, shorter than the 4 KiB descriptor: it is cut off", 0);
        }
    }

    // 2: sections inside 0x10…0xEFB and not overlapping.
    void sections() {
        DescriptorCheck& c = begin("ifd_sections", "Sections lie inside the descriptor and do not overlap");
        struct Section {
            const char* name;
            uint64_t base, length, map_offset;
            bool fixed;
        };
        uint64_t map = d.signature_offset + 4;
        std::vector<Section> s = {
            {"signature and maps", d.signature_offset, d.flmap3 ? 0x14u : 0x10u, d.signature_offset, true},
            {"component section (FCBA)", d.fcba, 12, map, false},
            {"region section (FRBA)", d.frba, 4 * d.regions.size(), map, false},
            {"master section (FMBA)", d.fmba, 4 * d.masters.size(), map + 4, false},
            {"PCH strap section (FPSBA)", d.fpsba, 4 * uint64_t{d.pch_strap_count}, map + 4, false},
            {"north strap section (FMSBA)", d.fmsba, 4 * uint64_t{d.north_strap_count}, map + 8, false},
            {"VSCC table (VTBA)", d.vtba, 4 * uint64_t{d.vtl}, kUpperMap, false},
        };
        for (const Section& x : s) {
            if (x.fixed || x.length == 0) continue;
            if (x.base < 0x10 || x.base + x.length > kUpperMap) {
                add(c, Severity::error, "ifd_section_outside",
                    std::string("The ") + x.name + " spans " + hex(x.base) + "–" + hex(x.base + x.length - 1) +
                        ", outside 0x10–0xefb: the map register pointing there is corrupt",
                    x.map_offset);
            }
        }
        for (size_t i = 0; i < s.size(); ++i) {
            for (size_t j = i + 1; j < s.size(); ++j) {
                const Section& x = s[i];
                const Section& y = s[j];
                if (x.length == 0 || y.length == 0) continue;
                if (x.base + x.length <= y.base || y.base + y.length <= x.base) continue;
                add(c, Severity::error, "ifd_sections_overlap",
                    std::string("The ") + x.name + " (" + hex(x.base) + ", " + hex(x.length) + " bytes) and the " +
                        y.name + " (" + hex(y.base) + ", " + hex(y.length) +
                        " bytes) overlap: one of the map registers or lengths is wrong",
                    y.map_offset);
            }
        }
    }

    // 3: FLREG0 = 0…0xFFF.
    void flreg0() {
        DescriptorCheck& c = begin("ifd_flreg0", "Region 0 (the descriptor) is 0x0–0xfff");
        if (d.regions.empty() || !d.regions[0].used || d.regions[0].base != 0 || d.regions[0].limit != 0xFFF) {
            std::string got = d.regions.empty() ? "missing" : hex(d.regions[0].raw, 8);
            add(c, Severity::error, "ifd_flreg0",
                "FLREG0 is " + got + " instead of 0x00000000 (descriptor region 0x0–0xfff): the region section is corrupt",
                d.frba);
        }
    }

    // 4: used regions inside the file and inside the flash chips.
    void regions_inside() {
        DescriptorCheck& c = begin("ifd_regions_in_image", "Regions lie inside the image and inside the flash chips");
        uint64_t flash = d.component.total_size();
        for (const FlashRegion& r : d.regions) {
            if (!r.used) continue;
            if (!descriptor_only && r.limit >= image.size()) {
                add(c, Severity::warning, "region_outside_file",
                    "Region " + decimal(r.index) + " (" + r.name + ") ends at " + hex(r.limit) + ", past the end of this " +
                        hex(image.size()) + "-byte image: is the dump complete?",
                    flreg_offset(d, r.index));
            }
            if (flash > 0 && r.limit >= flash) {
                add(c, Severity::error, "ifd_region_outside_flash",
                    "Region " + decimal(r.index) + " (" + r.name + ", " + range_text(r) + ") ends past the " +
                        hex(flash) + " bytes the component section declares: FLREG" + decimal(r.index) +
                        " or FLCOMP is wrong",
                    flreg_offset(d, r.index));
            }
        }
    }

    // 5: no overlapping regions (reported, not rejected).
    void overlaps() {
        DescriptorCheck& c = begin("ifd_regions_overlap", "No two regions overlap");
        for (const auto& [x, y] : overlapping_regions(d)) {
            add(c, Severity::warning, "regions_overlap",
                "Regions " + decimal(x->index) + " (" + x->name + ") and " + decimal(y->index) + " (" + y->name +
                    ") overlap; some vendors do this on purpose, but check the layout",
                flreg_offset(d, y->index));
        }
    }

    // Sizes plausible for the kind of region.
    void sizes() {
        DescriptorCheck& c = begin("ifd_region_sizes", "Region sizes fit what each region holds");
        auto size_of = [](const FlashRegion& r) { return r.limit - r.base + 1; };
        if (const FlashRegion* r = used_region(d, 1); r && size_of(*r) < 0x10000) {
            add(c, Severity::warning, "ifd_region_size",
                "The BIOS region is only " + hex(size_of(*r)) + " bytes; firmware needs far more: check FLREG1",
                flreg_offset(d, 1));
        }
        if (const FlashRegion* r = used_region(d, 2)) {
            if (size_of(*r) < 0x10000) {
                add(c, Severity::warning, "ifd_region_size",
                    "The ME region is only " + hex(size_of(*r)) + " bytes, too small for any ME firmware: check FLREG2",
                    flreg_offset(d, 2));
            } else if (size_of(*r) < 0x100000) {
                add(c, Severity::info, "ifd_me_region_small",
                    "The ME region is " + hex(size_of(*r)) +
                        " bytes, less than 1 MiB: normal after me_cleaner -t -D shrank it, unusual otherwise",
                    flreg_offset(d, 2));
            }
        }
        if (const FlashRegion* r = used_region(d, 3); r && size_of(*r) != 0x2000) {
            add(c, Severity::warning, "ifd_region_size",
                "The GbE region is " + hex(size_of(*r)) + " bytes; GbE regions are normally 8 KiB (0x2000): check FLREG3",
                flreg_offset(d, 3));
        }
    }

    // 1 (second half): a full image is as large as the chips together.
    void image_size() {
        DescriptorCheck& c = begin("ifd_image_size", "Image size equals the flash size the descriptor declares");
        uint64_t flash = d.component.total_size();
        if (descriptor_only) return skip(c, "the file holds only the 4 KiB descriptor");
        if (flash == 0) return skip(c, "the component section declares no density");
        // The triage names the kind of mismatch (one chip of two, a mirrored read, padding...).
        if (auto judged = judge_dump_size(d, image)) add(c, Severity::warning, "ifd_image_size", judged->what, d.fcba);
    }

    // 7: masters.
    void masters() {
        DescriptorCheck& c = begin("ifd_masters", "Masters can read and write their own region and read the descriptor");
        for (const FlashMaster& m : d.masters) {
            int own = own_region_of_master(m.index);
            const FlashRegion* r = used_region(d, own);
            if (!r) continue;
            bool can_read = (m.read_regions >> own) & 1, can_write = (m.write_regions >> own) & 1;
            if (!can_read || !can_write) {
                add(c, Severity::warning, "ifd_master_own_region",
                    "Master " + m.name + " (FLMSTR" + decimal(m.index) + " = " + hex(m.raw, 8) + ") cannot " +
                        (can_read ? "write" : can_write ? "read" : "read or write") + " its own " + region_label(*r) +
                        ": the firmware there may fail to update or start",
                    flmstr_offset(d, m.index));
            }
        }
        for (int index : {1, 2}) {
            const FlashMaster* m = master(d, index);
            if (!m || (m->read_regions & 1)) continue;
            if (index == 2 && !used_region(d, 2) && m->read_regions == 0) continue;  // ME disabled altogether
            add(c, Severity::warning, "ifd_descriptor_read",
                "Master " + m->name + " (FLMSTR" + decimal(index) +
                    ") cannot read the descriptor; some boards hang without it (me_cleaner restores ME read access)",
                flmstr_offset(d, index));
        }
        for (const FlashMaster& m : d.masters) {
            if (m.write_regions & 1) {
                add(c, Severity::info, "descriptor_writable",
                    "Master " + m.name + " may write the descriptor (the descriptor is unlocked)", flmstr_offset(d, m.index));
            }
        }
        if (const FlashMaster* m = master(d, 2); m && ((m->write_regions >> 1) & 1) && used_region(d, 1)) {
            add(c, Severity::info, "ifd_me_writes_bios",
                "The ME master may write the BIOS region: a compromised ME could rewrite the host firmware", flmstr_offset(d, 2));
        }
    }

    // 8: region 2 holds what it should.
    void me_content() {
        DescriptorCheck& c = begin("ifd_me_region_content", "The ME region holds ME firmware ($FPT or a CSE layout table)");
        const FlashRegion* r = used_region(d, 2);
        if (!r) {
            bool ifwi = d.platform.family == PchFamily::apollo_lake || d.platform.family == PchFamily::gemini_lake;
            add(c, Severity::info, "ifd_me_region_unused",
                ifwi ? "Region 2 is unused, as on every Apollo/Gemini Lake board: the TXE lives in the IFWI at the start "
                       "of the BIOS region"
                     : "Region 2 (ME) is unused: the ME region was disabled (me_cleaner does this on ICH8–10)",
                flreg_offset(d, 2));
            return;
        }
        if (descriptor_only) return skip(c, "the file holds only the 4 KiB descriptor");
        if (r->limit >= image.size()) return skip(c, "the ME region lies past the end of the file");
        ByteReader reader(image);
        uint64_t base = r->base, size = r->limit - r->base + 1;
        auto fpt_at = [&](uint64_t rel) { return rel + 4 <= size && reader.tag_at(base + rel, "$FPT"); };
        if (fpt_at(0) || fpt_at(0x10)) return;
        // A CSE layout table points at the data partition's $FPT (1.7: +0x18, 1.6: +0x10; §3.2).
        for (uint64_t field : {0x18u, 0x10u}) {
            if (fpt_at(reader.u32(base + field, "CSE layout table"))) return;
        }
        if (reader.u32(base, "BPDT signature") == 0x000055AA) return;  // BPDT straight away (§3.3)
        auto bytes = reader.slice(base, std::min<uint64_t>(size, 0x1000), "ME region");
        bool blank = std::all_of(bytes.begin(), bytes.end(), [](uint8_t b) { return b == 0xFF; });
        add(c, Severity::warning, "ifd_me_region_content",
            blank ? "The ME region (" + range_text(*r) + ") starts with erased flash (0xFF): the ME firmware is missing"
                  : "The ME region (" + range_text(*r) +
                        ") holds neither an $FPT partition table (at +0 or +0x10) nor a CSE layout table: the region "
                        "bounds or the firmware are wrong",
            base);
    }
};

}  // namespace

std::vector<std::pair<const FlashRegion*, const FlashRegion*>> overlapping_regions(const Descriptor& d) {
    std::vector<std::pair<const FlashRegion*, const FlashRegion*>> out;
    for (size_t i = 0; i < d.regions.size(); ++i) {
        for (size_t j = i + 1; j < d.regions.size(); ++j) {
            const FlashRegion& x = d.regions[i];
            const FlashRegion& y = d.regions[j];
            if (x.used && y.used && x.limit >= y.base && y.limit >= x.base) out.push_back({&x, &y});
        }
    }
    return out;
}

int own_region_of_master(int master_index) {
    switch (master_index) {
        case 1: return 1;  // host CPU / BIOS
        case 2: return 2;  // ME
        case 3: return 3;  // GbE
        case 5: return 8;  // EC
        default: return -1;
    }
}

std::vector<DescriptorCheck> check_descriptor(const Descriptor& d, std::span<const uint8_t> image) {
    Checker k{d, image, image.size() <= kDescriptorBytes, {}};
    k.signature();
    k.sections();
    k.flreg0();
    k.regions_inside();
    k.overlaps();
    k.sizes();
    k.image_size();
    k.masters();
    k.me_content();
    return std::move(k.out);
}

std::vector<Finding> descriptor_findings(const std::vector<DescriptorCheck>& checks) {
    std::vector<Finding> out;
    for (const DescriptorCheck& c : checks) out.insert(out.end(), c.findings.begin(), c.findings.end());
    return out;
}

}  // namespace meclean
