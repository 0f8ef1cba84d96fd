#include "fuzz_templates.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "synth/ifwi_builder.hpp"
#include "synth/image_builder.hpp"

namespace meclean::fuzz {
namespace {

using namespace meclean::synth;
using Bytes = std::vector<uint8_t>;

uint32_t round_up(uint32_t v, uint32_t to) { return (v + to - 1) / to * to; }

// The smallest flash (512 KiB at least) that holds the region at `base` and leaves some BIOS.
uint32_t flash_for(uint32_t region_end) {
    uint32_t flash = 0x80000;
    while (flash < region_end + 0x10000) flash *= 2;
    return flash;
}

// A full image as small as the descriptor allows: the preset descriptor with the ME region
// resized to `me`, the BIOS region after it to the end of a small flash, and the density to match.
Bytes small_full_image(DescriptorSpec d, const Bytes& me, bool four_bit_density) {
    const uint32_t me_base = d.region(kRegionMe).base();
    const uint32_t me_end = me_base + round_up(uint32_t(me.size()), 0x1000);
    const uint32_t flash = flash_for(me_end);
    d.set_region(kRegionMe, RegionSlot::range(me_base, me_end - 1));
    d.set_region(kRegionBios, RegionSlot::range(me_end, flash - 1));
    const unsigned code = density_code_for(flash);
    d.flcomp = four_bit_density ? (d.flcomp & ~0xFFu) | flcomp_density_4bit(code, 0xF)
                                : (d.flcomp & ~0x3Fu) | flcomp_density_3bit(code, code);
    FlashImageSpec spec;
    spec.descriptor = d;
    spec.me_region = me;
    spec.flash_size = flash;
    return build_flash_image(spec).bytes;
}

// The preset regions with their largest filler partitions shrunk: the engine reads the tables,
// not the filler, and every byte less is a faster execution.
void shrink(std::vector<FptPartition>& partitions) {
    for (FptPartition& p : partitions) {
        if (p.content == PartitionContent::Filler && p.length > 0x2000) p.length = 0x2000;
    }
}

Gen2RegionSpec small(Gen2RegionSpec s) {
    shrink(s.partitions);
    return s;
}

Gen3RegionSpec small(Gen3RegionSpec s) {
    shrink(s.partitions);
    return s;
}

// The FPT (from the region start: the ROM bypass vector, the header and every entry) and the
// signed head of the FTPR manifest with the start of the key (its MD5 names the key).
std::vector<Window> fpt_windows(const FptLayout& fpt, const ManifestLayout& manifest) {
    const size_t entries_end = fpt.entries_offset + fpt.partitions.size() * kFptEntrySize;
    return {{0, entries_end}, {manifest.offset, kManifestSignedPrefix + 0x10}};
}

Template gen2_fpt(const char* name, const Gen2RegionSpec& spec) {
    Gen2Region r = build_gen2_region(spec);
    return {name, r.bytes, fpt_windows(r.layout.fpt, r.layout.manifest)};
}

Template gen3_fpt(const char* name, const Gen3RegionSpec& spec) {
    Gen3Region r = build_gen3_region(spec);
    return {name, r.bytes, fpt_windows(r.layout.fpt, r.layout.manifest)};
}

Template gen1_fpt() {
    Gen1Region r = build_gen1_region(me5_region_spec());
    return {"me5", r.bytes, fpt_windows(r.layout.fpt, r.layout.manifest)};
}

// The module count, the $MME headers (with the partition name before them) and the LLUT with
// its chunk table (§2.6): what me_cleaner's module removal walks.
Template gen2_modules(const char* name, const Gen2RegionSpec& spec) {
    Gen2Region r = build_gen2_region(spec);
    const Gen2Layout& l = r.layout;
    const size_t m = l.manifest.offset;
    std::vector<Window> w = {{m + 0x20, 4},
                             {m + kGen2PartitionNameAt, 0xC + l.modules.size() * l.module_header_size}};
    if (l.llut) w.push_back({l.llut->offset, kLlutHeaderSize + size_t{l.llut->chunk_count} * 4});
    return {name, r.bytes, w};
}

// A $CPD directory (header and entries) and the signed head of its FTPR.man.
std::vector<Window> cpd_windows(size_t cpd, size_t entries, size_t manifest) {
    // me_cleaner reads the entries from +0x10 whatever the header length (§2.9 item 11): the
    // window covers both readings.
    return {{cpd, 0x14 + entries * kCpdEntrySize}, {manifest, kManifestSignedPrefix + 0x10}};
}

Template gen3_cpd(const char* name, const Gen3RegionSpec& spec) {
    Gen3Region r = build_gen3_region(spec);
    const Gen3Layout& l = r.layout;
    return {name, r.bytes, cpd_windows(l.cpd_offset, l.entries.size(), l.manifest.offset)};
}

Template cse_cpd(const char* name, const CseRegionSpec& spec) {
    CseRegion r = build_cse_region(spec);
    const CpdLayout& c = r.layout.bp1.ftpr();
    return {name, r.bytes, cpd_windows(c.offset, c.entries.size(), c.manifest->offset)};
}

// The layout table, BP1's BPDT and S-BPDT, and the data partition's $FPT (§3.2–§3.4).
Template cse_layout(const char* name, const CseRegionSpec& spec) {
    CseRegion r = build_cse_region(spec);
    const CseRegionLayout& l = r.layout;
    std::vector<Window> w = {{l.layout_table, 0x60},
                             {l.bp1.offset, kBpdtHeaderSize + size_t{l.bp1.entry_count} * kBpdtEntrySize}};
    if (l.bp1.secondary_offset)
        w.push_back({*l.bp1.secondary_offset, kBpdtHeaderSize + size_t{l.bp1.secondary_entry_count} * kBpdtEntrySize});
    w.push_back({l.data_partition.offset, 0x20 + l.data_partition.entries.size() * 0x20});
    return {name, r.bytes, w};
}

// IFWI 2.0: the BPDT at the start of the file and its S-BPDT.
Template ifwi_layout() {
    BootPartition bp = build_boot_partition(glk_ifwi_spec());
    const BootPartitionLayout& l = bp.layout;
    std::vector<Window> w = {{l.offset, kBpdtHeaderSize + size_t{l.entry_count} * kBpdtEntrySize}};
    if (l.secondary_offset)
        w.push_back({*l.secondary_offset, kBpdtHeaderSize + size_t{l.secondary_entry_count} * kBpdtEntrySize});
    return {"glk_ifwi", bp.bytes, w};
}

// A CSME 16 region in a small ADL-S full image: the same tables reached through the descriptor.
Template adl_full(std::vector<Window> (*windows)(const CseRegionLayout&, size_t)) {
    CseRegion r = build_cse_region(csme16_region_spec());
    const uint32_t me_size = round_up(uint32_t(r.bytes.size()), 0x1000);
    const uint32_t flash = flash_for(0x1000 + me_size);
    Bytes image = build_full_cse_image(adl_s_descriptor(me_size, flash), r.bytes, flash);
    return {"adl_csme16", image, windows(r.layout, 0x1000)};
}

std::vector<Window> descriptor_window(const CseRegionLayout&, size_t) { return {{0, kDescriptorSize}}; }

std::vector<Window> layout_windows(const CseRegionLayout& l, size_t base) {
    std::vector<Window> w = {{base + l.layout_table, 0x60},
                             {base + l.bp1.offset, kBpdtHeaderSize + size_t{l.bp1.entry_count} * kBpdtEntrySize},
                             {base + l.data_partition.offset, 0x20 + l.data_partition.entries.size() * 0x20}};
    return w;
}

// GbE: a t420-like 512 KiB image with an 8 KiB GbE region, the first 0x80 bytes of each bank
// (MAC, signature word, checksum word). Without ME firmware (cheap: no signature to check) and
// with it (the whole report: GbE lines beside the ME's).
Template gbe_image(bool with_me) {
    DescriptorSpec d = t420_descriptor();
    d.set_region(kRegionGbe, RegionSlot::range(0x1000, 0x2FFF));
    FlashImageSpec spec;
    spec.gbe_region = build_gbe_region({0x00, 0x21, 0xCC, 0x5E, 0x12, 0x34});
    Bytes me;
    if (with_me) {
        me = build_gen2_region(small(me7_region_spec())).bytes;
    } else {
        me.assign(0x1000, 0xFF);
    }
    const uint32_t me_end = 0x3000 + round_up(uint32_t(me.size()), 0x1000);
    const uint32_t flash = flash_for(me_end);
    d.set_region(kRegionMe, RegionSlot::range(0x3000, me_end - 1));
    d.set_region(kRegionBios, RegionSlot::range(me_end, flash - 1));
    d.flcomp = (d.flcomp & ~0x3Fu) | flcomp_density_3bit(density_code_for(flash), density_code_for(flash));
    spec.descriptor = d;
    spec.me_region = me;
    spec.flash_size = flash;
    return {with_me ? "t420_gbe_me7" : "t420_gbe", build_flash_image(spec).bytes, {{0x1000, 0x80}, {0x2000, 0x80}}};
}

// Each target's templates, built when the target first asks: a fuzzer builds only its own (the
// builder signs every manifest with the test keys, about a second for all of them under ASan).
std::vector<Template> build_for(const std::string& target) {
    std::vector<Template> list;
    if (target == "descriptor") {
        const Bytes me7 = build_gen2_region(small(me7_region_spec())).bytes;
        const Bytes me11 = build_gen3_region(small(me11_region_spec())).bytes;
        const Bytes me5 = build_gen1_region(me5_region_spec()).bytes;
        list = {{"t420_me7", small_full_image(t420_descriptor(), me7, false), {{0, kDescriptorSize}}},
                {"skylake_me11", small_full_image(skylake_descriptor(), me11, true), {{0, kDescriptorSize}}},
                {"ich9_me5", small_full_image(ich9_descriptor(), me5, false), {{0, kDescriptorSize}}},
                adl_full(descriptor_window)};
    } else if (target == "fpt") {
        list = {gen2_fpt("me7", small(me7_region_spec())), gen2_fpt("txe1", small(txe1_region_spec())),
                gen2_fpt("me6_ignition", small(me6_ignition_region_spec())), gen3_fpt("me11", small(me11_region_spec())),
                gen1_fpt()};
    } else if (target == "modules") {
        list = {gen2_modules("me7", small(me7_region_spec())), gen2_modules("txe1", small(txe1_region_spec())),
                gen2_modules("me6_ignition", small(me6_ignition_region_spec()))};
    } else if (target == "cpd") {
        list = {gen3_cpd("me11", small(me11_region_spec())), gen3_cpd("csme15", small(csme15_region_spec())),
                cse_cpd("csme16", csme16_region_spec()), cse_cpd("csme12", csme12_region_spec())};
    } else if (target == "cse") {
        list = {cse_layout("csme16", csme16_region_spec()), cse_layout("csme12", csme12_region_spec()), ifwi_layout(),
                adl_full(layout_windows)};
    } else if (target == "gbe") {
        list = {gbe_image(false), gbe_image(true)};
    } else {
        throw std::out_of_range("no fuzz templates for " + target);
    }
    for (const Template& t : list) {
        for (const Window& w : t.windows) {
            if (w.length == 0 || w.offset + w.length > t.image.size())
                throw std::logic_error("fuzz template " + target + "/" + t.name + ": a window lies outside the image");
        }
    }
    return list;
}

}  // namespace

size_t Template::window_bytes() const {
    size_t n = 0;
    for (const Window& w : windows) n += w.length;
    return n;
}

const std::vector<Template>& templates_for(const std::string& target) {
    static std::map<std::string, std::vector<Template>> built;
    auto it = built.find(target);
    if (it == built.end()) it = built.emplace(target, build_for(target)).first;
    return it->second;
}

const std::vector<std::string>& template_targets() {
    static const std::vector<std::string> names = {"cpd", "cse", "descriptor", "fpt", "gbe", "modules"};
    return names;
}

std::vector<uint8_t> place(const Template& t, std::span<const uint8_t> payload) {
    std::vector<uint8_t> image = t.image;
    for (const Window& w : t.windows) {
        if (payload.empty()) break;
        const size_t n = std::min(w.length, payload.size());
        std::copy_n(payload.begin(), n, image.begin() + std::ptrdiff_t(w.offset));
        payload = payload.subspan(n);
    }
    return image;
}

std::vector<uint8_t> seed_payload(const Template& t) {
    std::vector<uint8_t> out;
    for (const Window& w : t.windows)
        out.insert(out.end(), t.image.begin() + std::ptrdiff_t(w.offset), t.image.begin() + std::ptrdiff_t(w.offset + w.length));
    return out;
}

}  // namespace meclean::fuzz
