#include "ifd/descriptor_dump.hpp"

#include "ifd/flash_layout.hpp"
#include "base/text.hpp"

namespace meclean {
namespace {

std::string line(const std::string& label, const std::string& value) { return "  " + pad_right(label, 26) + value + "\n"; }

std::string yes_no(bool v) { return v ? "yes" : "no"; }

// FLCOMP frequency codes (formats.md §1.3); the table depends on the chipset.
std::string frequency(unsigned code, const Descriptor& d) {
    PchFamily f = d.platform.family;
    const char* mhz = nullptr;
    if (is_500_series_or_later(f)) {
        static const char* k[8] = {"100 MHz", "50 MHz", nullptr, "33 MHz", "25 MHz", nullptr, "14 MHz", nullptr};
        mhz = k[code & 7];
    } else if (f == PchFamily::apollo_lake || f == PchFamily::gemini_lake) {
        static const char* k[8] = {nullptr, "50 MHz", "40 MHz", nullptr, "25 MHz (ifdtool: 30 MHz)", nullptr,
                                   "14/17 MHz", nullptr};
        mhz = k[code & 7];
    } else {
        static const char* k[8] = {"20 MHz", "33 MHz", "48 MHz", nullptr, nullptr, nullptr, "17 MHz", nullptr};
        mhz = k[code & 7];
        if (code == 4) mhz = d.ifd_version == 2 ? "30 MHz" : "50 MHz";
    }
    return (mhz ? std::string(mhz) : std::string("reserved")) + " (code " + decimal(code) + ")";
}

// FLCOMP[19:17] on Cannon, Comet, Ice Point and Jasper Lake: the eSPI/EC bus clock, which has a
// table of its own (coreboot's ifdtool, enum espi_frequency; docs/formats.md §1.3).
std::string espi_frequency(unsigned code) {
    static const char* k[8] = {"20 MHz", "24 MHz", "30 MHz", "48 MHz", "60 MHz", nullptr, "17 MHz", nullptr};
    return (k[code & 7] ? std::string(k[code & 7]) : std::string("reserved")) + " (code " + decimal(code) + ")";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> component_rows(const Descriptor& d) {
    const FlashComponents& c = d.component;
    std::vector<std::pair<std::string, std::string>> rows;
    if (!c.present) return rows;
    rows.push_back({"Flash chips", decimal(c.chips) + (c.four_bit_density ? " (4-bit density codes)" : " (3-bit density codes)")});
    for (unsigned i = 0; i < 2; ++i) {
        std::string label = "Chip " + decimal(i + 1) + " density";
        unsigned code = c.density_code[i];
        if (i >= c.chips) {
            rows.push_back({label, "not present (NC = " + decimal(c.chips - 1) + ")"});
        } else if (c.four_bit_density && code == 0xF) {
            rows.push_back({label, "not used (code 0xf)"});
        } else {
            rows.push_back({label, (c.density[i] ? size_text(c.density[i]) : std::string("reserved")) + " (code " +
                                       hex(code) + ")"});
        }
    }
    rows.push_back({"Total flash", size_text(c.total_size())});
    unsigned clock = (c.flcomp >> 17) & 7;
    PchFamily f = d.platform.family;
    bool cnp_era = has_extended_regions(f) && !is_500_series_or_later(f);
    if (is_500_series_or_later(f)) {
        rows.push_back({"FLCOMP[19:17]", decimal(clock) + " (the eSPI frequency lives in the PCH straps here)"});
    } else {
        rows.push_back(cnp_era ? std::pair<std::string, std::string>{"eSPI/EC frequency", espi_frequency(clock)}
                               : std::pair<std::string, std::string>{"Read clock", frequency(clock, d)});
    }
    rows.push_back({"Fast read", yes_no((c.flcomp >> 20) & 1) + ", clock " + frequency((c.flcomp >> 21) & 7, d)});
    rows.push_back({"Write/erase clock", frequency((c.flcomp >> 24) & 7, d)});
    rows.push_back({"Read ID/status clock", frequency((c.flcomp >> 27) & 7, d)});
    rows.push_back({"Dual output fast read", yes_no((c.flcomp >> 30) & 1)});
    if (has_extended_regions(f)) {
        rows.push_back({"Quad I/O / quad output", yes_no((c.flcomp >> 15) & 1) + " / " + yes_no((c.flcomp >> 14) & 1)});
        rows.push_back({"Dual I/O / dual output", yes_no((c.flcomp >> 13) & 1) + " / " + yes_no((c.flcomp >> 12) & 1)});
    }
    return rows;
}

std::vector<MapRow> map_rows(const Descriptor& d) {
    std::vector<MapRow> rows;
    rows.push_back({"FLMAP0", d.flmap0, {{"FCBA  component base", hex(d.fcba)},
                                         {"NC    components - 1", decimal((d.flmap0 >> 8) & 3)},
                                         {"FRBA  region base", hex(d.frba)},
                                         {"NR    regions", decimal((d.flmap0 >> 24) & 7) +
                                                                 (d.ifd_version == 2 ? " (reserved on v2)" : "")}}});
    rows.push_back({"FLMAP1", d.flmap1, {{"FMBA  master base", hex(d.fmba)},
                                         {"NM    masters", decimal((d.flmap1 >> 8) & 7)},
                                         {"FPSBA PCH strap base", hex(d.fpsba)},
                                         {"ISL   PCH straps", decimal(d.pch_strap_count)}}});
    MapRow m2{"FLMAP2", d.flmap2, {{"FMSBA north strap base", hex(d.fmsba)}, {"MSL   north straps", decimal(d.north_strap_count)}}};
    if (is_500_series_or_later(d.platform.family)) {
        m2.fields.push_back({"CSSO  CPU strap offset", hex((d.flmap2 >> 2) & 0x3FF)});
        m2.fields.push_back({"CSSL  CPU strap length", hex((d.flmap2 >> 16) & 0xFF)});
    } else {
        m2.fields.push_back({"ICCRIBA ICC init base", hex((d.flmap2 >> 16) & 0xFF)});
        m2.fields.push_back({"RIL   reg. init length", hex(d.flmap2 >> 24)});
    }
    rows.push_back(std::move(m2));
    if (d.flmap3) {
        rows.push_back({"FLMAP3", *d.flmap3, {{"Revision (major.minor)", decimal(*d.flmap3 >> 21) + "." +
                                                                             decimal((*d.flmap3 >> 14) & 0x7F)}}});
    }
    rows.push_back({"FLUMAP1", d.flumap1, {{"VTBA  VSCC table base", hex(d.vtba)},
                                           {"VTL   VSCC table length", decimal(d.vtl) + " dwords"},
                                           {"MDTBA MIP table base", hex(d.flumap1 >> 24)}}});
    return rows;
}

namespace {

std::string component_text(const Descriptor& d) {
    const FlashComponents& c = d.component;
    std::string out = "Component section (FCBA " + hex(d.fcba) + ")\n";
    if (!c.present) return out + "  (outside the file)\n";
    out += "FLCOMP   " + hex(c.flcomp, 8) + "\n";
    for (const auto& [label, value] : component_rows(d)) out += line(label + ":", value);
    auto opcodes = [](uint32_t v) {
        std::string s;
        for (int i = 0; i < 4; ++i) s += (i ? " " : "") + hex((v >> (8 * i)) & 0xFF, 2);
        return s;
    };
    out += "FLILL    " + hex(c.flill, 8) + "  (forbidden opcodes " + opcodes(c.flill) + ")\n";
    if (d.ifd_version == 2) {
        out += "FLILL1   " + hex(c.flill1_or_flpb, 8) + "  (forbidden opcodes " + opcodes(c.flill1_or_flpb) + ")\n";
    } else {
        out += "FLPB     " + hex(c.flill1_or_flpb, 8) + "  (partition boundary " +
               hex(uint64_t{c.flill1_or_flpb & 0x1FFF} << 12) + ")\n";
    }
    return out;
}

std::string maps_text(const Descriptor& d) {
    std::string out;
    for (const MapRow& row : map_rows(d)) {
        out += pad_right(row.name, 9) + hex(row.value, 8) + (row.name == "FLUMAP1" ? "  (at 0xefc)" : "") + "\n";
        for (const auto& [label, value] : row.fields) out += line(label + ":", value);
    }
    return out;
}

std::string regions_text(const Descriptor& d) {
    std::string out = "Regions (FRBA " + hex(d.frba) + ", " + decimal(d.regions.size()) + " slots)\n";
    out += "  #   FLREG       base        limit       size      layout  name\n";
    for (const FlashRegion& r : d.regions) {
        out += "  " + pad_right(decimal(r.index), 4) + hex(r.raw, 8) + "  ";
        if (r.used) {
            out += hex(r.base, 8) + "  " + hex(r.limit, 8) + "  " + pad_right(size_text(r.limit - r.base + 1), 10);
        } else {
            out += pad_right("unused", 34);
        }
        out += pad_right(region_layout_name(r.index), 8) + r.name + "\n";
    }
    return out;
}

std::string masters_text(const Descriptor& d) {
    std::string out = "Masters (FMBA " + hex(d.fmba) + ")\n";
    for (const FlashMaster& m : d.masters) {
        out += "  FLMSTR" + decimal(m.index) + "  " + hex(m.raw, 8) + "  " + m.name;
        if (d.ifd_version == 1) out += "  (requester ID " + hex(m.raw & 0xFFFF, 4) + ")";
        out += "\n";
    }
    // Read/write matrix over the region slots the descriptor has.
    size_t columns = d.regions.size();
    std::string header = "  " + pad_right("", 22);
    for (size_t i = 0; i < columns; ++i) header += pad_right(region_layout_name(static_cast<int>(i)), 7);
    while (!header.empty() && header.back() == ' ') header.pop_back();
    out += "\n" + header + "\n";
    for (const FlashMaster& m : d.masters) {
        for (int write = 0; write < 2; ++write) {
            uint32_t bits = write ? m.write_regions : m.read_regions;
            std::string row = "  " + pad_right(write ? "" : m.name, 16) + pad_right(write ? "write" : "read", 6);
            for (size_t i = 0; i < columns; ++i) row += pad_right((bits >> i) & 1 ? "yes" : "-", 7);
            while (!row.empty() && row.back() == ' ') row.pop_back();
            out += row + "\n";
        }
    }
    return out;
}

// The ME-disable bits the formats document is sure about (§1.8).
std::string strap_note(const Descriptor& d, bool north, size_t n, uint32_t v) {
    PchFamily f = d.platform.family;
    bool ich = f == PchFamily::ich8 || f == PchFamily::ich9 || f == PchFamily::ich10 || d.signature_offset == 0;
    if (ich && n == 0) return "  meDisable (bit 0) = " + decimal(v & 1);
    if (north) return "";
    bool alt = f == PchFamily::ibex_peak || f == PchFamily::cougar_point || f == PchFamily::lynx_point ||
               f == PchFamily::wildcat_point || f == PchFamily::bay_trail;
    if (alt && n == 10) return "  AltMeDisable (bit 7) = " + decimal((v >> 7) & 1);
    if (f == PchFamily::sunrise_point && n == 0) return "  HAP (bit 16) = " + decimal((v >> 16) & 1);
    return "";
}

std::string straps_text(const Descriptor& d) {
    bool ich = d.signature_offset == 0 || d.platform.family == PchFamily::ich8 || d.platform.family == PchFamily::ich9 ||
               d.platform.family == PchFamily::ich10;
    std::string south = ich ? "ICHSTRP" : "PCHSTRP", north = ich ? "MCHSTRP" : "PROCSTRP";
    std::string out = (ich ? "ICH straps (FISBA " : "PCH straps (FPSBA ") + hex(d.fpsba) + ", " +
                      decimal(d.pch_straps.size()) + ")\n";
    for (size_t i = 0; i < d.pch_straps.size(); ++i) {
        out += "  " + pad_right(south + decimal(i), 12) + hex(d.pch_straps[i], 8) + strap_note(d, false, i, d.pch_straps[i]) +
               "\n";
    }
    out += (ich ? "MCH straps (FMSBA " : "Processor straps (FMSBA ") + hex(d.fmsba) + ", " +
           decimal(d.north_straps.size()) + ")\n";
    for (size_t i = 0; i < d.north_straps.size(); ++i) {
        out += "  " + pad_right(north + decimal(i), 12) + hex(d.north_straps[i], 8) +
               strap_note(d, true, i, d.north_straps[i]) + "\n";
    }
    return out;
}

std::string vscc_text(const Descriptor& d) {
    std::string out = "ME VSCC table (VTBA " + hex(d.vtba) + ", " + decimal(d.vscc.size()) + " entries)\n";
    for (size_t i = 0; i < d.vscc.size(); ++i) {
        uint32_t jid = d.vscc[i].jid;
        out += "  " + pad_right(decimal(i), 4) + "JID " + hex(jid, 8) + " (JEDEC ID " + hex_digits(jid & 0xFF, 2) + " " +
               hex_digits((jid >> 8) & 0xFF, 2) + " " + hex_digits((jid >> 16) & 0xFF, 2) + ")  VSCC " +
               hex(d.vscc[i].vscc, 8) + "\n";
    }
    return out;
}

}  // namespace

std::string descriptor_dump_text(const Descriptor& d) {
    const PlatformGuess& p = d.platform;
    std::string out = "Intel flash descriptor, IFD v" + decimal(static_cast<uint64_t>(d.ifd_version)) +
                      " (by the region-slot rule), signature at " + hex(d.signature_offset) + "\n";
    out += "Chipset: " + std::string(pch_family_name(p.family));
    if (p.sku != PchSku::not_applicable) out += ", SKU " + std::string(pch_sku_name(p.sku));
    out += " [" + std::string(confidence_name(p.confidence)) + ": " + p.rule + "]\n\n";
    out += maps_text(d) + "\n" + component_text(d) + "\n" + regions_text(d) + "\n" + masters_text(d) + "\n" +
           straps_text(d) + "\n" + vscc_text(d);
    return out;
}

std::string descriptor_checks_text(const std::vector<DescriptorCheck>& checks) {
    std::string out;
    for (const DescriptorCheck& c : checks) {
        if (!c.applicable) {
            out += "[skipped] " + c.title + " (" + c.skipped_because + ")\n";
        } else {
            if (c.passed()) out += "[ok]      " + c.title + "\n";
            for (const Finding& f : c.findings) {
                out += pad_right("[" + std::string(severity_name(f.severity)) + "]", 10) + f.message;
                if (f.offset) out += " (" + f.code + " at " + hex(*f.offset) + ")";
                else out += " (" + f.code + ")";
                out += "\n";
            }
        }
    }
    return out;
}

}  // namespace meclean
