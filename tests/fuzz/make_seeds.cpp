// Writes the fuzzers' seed corpus: synthetic images from the builder (core/synth) and,
// when given, the real corpus's component files and the status captures.
//   make_seeds OUT_DIR [CORPUS_IMAGES_DIR] [STATUS_FIXTURES_DIR]
// OUT_DIR/status_paste/ gets each capture behind a one-byte choice (status_paste_fuzz.cpp);
// OUT_DIR/fit/ the builder's FIT regions in fit_fuzz's shape (fit_fuzz_layout.hpp).
// OUT_DIR/<target>/ for each structure-aware target (descriptor, fpt, modules, cpd, cse, gbe):
// every template's own window bytes behind a few request bytes (fuzz_templates.hpp).
// OUT_DIR/inspect/ gets the raw images; OUT_DIR/clean/ the same images behind a
// two-byte option word (clean_fuzz.cpp: bit 0 -c, 1 -S, 2 -s, 3 -r, 4 -t, 5 -k, 6 -d,
// 7 -D, 8 -M, 9 -w MFS, 10 -b EFFS, 11 -O).
// Seeds: the 8 MiB (ich9: 4 MiB) preset flash images, the bare ME/TXE regions, and
// 1–2 MiB flash images with the same regions (small inputs fuzz much faster).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "fit_fuzz_layout.hpp"
#include "fuzz_templates.hpp"
#include "synth/image_builder.hpp"

namespace fs = std::filesystem;
using namespace meclean::synth;
using Bytes = std::vector<uint8_t>;

namespace {

// -c · none (clean) · -S · -t -r · -D -M -d · -s · -k -w MFS · -b EFFS -O
const uint16_t kOptionWords[] = {0x0001, 0x0000, 0x0002, 0x0018, 0x01C0, 0x0004, 0x0220, 0x0C00};

void write_file(const fs::path& path, const Bytes& prefix, const Bytes& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(prefix.data()), std::streamsize(prefix.size()));
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

struct Writer {
    fs::path out;
    size_t count = 0;

    // `variants` option words go to clean/ (large images get fewer).
    void seed(const std::string& name, const Bytes& bytes, size_t variants) {
        write_file(out / "inspect" / (name + ".bin"), {}, bytes);
        for (size_t i = 0; i < variants && i < std::size(kOptionWords); ++i) {
            uint16_t w = kOptionWords[i];
            char suffix[16];
            std::snprintf(suffix, sizeof suffix, "-%04x.bin", w);
            write_file(out / "clean" / (name + suffix), {uint8_t(w), uint8_t(w >> 8)}, bytes);
        }
        ++count;
    }
};

uint32_t round_up(uint32_t v, uint32_t to) { return (v + to - 1) / to * to; }

// The preset descriptor with the ME region at its usual base, sized to `me`, the BIOS
// region right after it, and a 1 or 2 MiB flash.
FlashImageSpec small_flash(DescriptorSpec d, const Bytes& me, bool ifd_v2) {
    const uint32_t me_base = d.region(kRegionMe).base();
    const uint32_t me_end = me_base + round_up(uint32_t(me.size()), 0x1000);
    const uint32_t flash = me_end + 0x10000 <= 0x100000 ? 0x100000 : 0x200000;
    if (me_end + 0x1000 > flash) throw std::runtime_error("ME region too large for a small flash");
    d.set_region(kRegionMe, RegionSlot::range(me_base, me_end - 1));
    d.set_region(kRegionBios, RegionSlot::range(me_end, flash - 1));
    const unsigned code = density_code_for(flash);
    d.flcomp = ifd_v2 ? (d.flcomp & ~0xFFu) | flcomp_density_4bit(code, 0xF)
                      : (d.flcomp & ~0x3Fu) | flcomp_density_3bit(code, code);
    FlashImageSpec spec;
    spec.descriptor = d;
    spec.me_region = me;
    spec.flash_size = flash;
    return spec;
}

// Each capture as pasted, and again with a generation chosen (first byte 2: CSME 11–17).
size_t write_status_seeds(const fs::path& out, const fs::path& fixtures) {
    fs::create_directories(out);
    size_t count = 0;
    if (!fs::is_directory(fixtures)) return 0;
    for (const auto& entry : fs::directory_iterator(fixtures)) {
        std::ifstream in(entry.path(), std::ios::binary);
        Bytes text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (uint8_t choice : {uint8_t{0}, uint8_t{2}}) {
            write_file(out / (entry.path().stem().string() + "-" + std::to_string(choice)), {choice}, text);
            ++count;
        }
    }
    return count;
}

// FIT regions without manifests, with Boot Guard 1.0 and with CBnT ones, cut to fit_fuzz's payload.
size_t write_fit_seeds(const fs::path& out) {
    fs::create_directories(out);
    struct Variant {
        const char* name;
        FitManifests manifests;
        uint8_t cbnt_version;
    };
    const Variant variants[] = {{"none", FitManifests::none, 0}, {"bg1", FitManifests::boot_guard_1, 0},
                                {"cbnt21", FitManifests::cbnt, 0x21}, {"cbnt24", FitManifests::cbnt, 0x24}};
    for (const Variant& v : variants) {
        FitSpec spec;
        spec.region_size = fit_fuzz::kRegionSize;
        spec.table_offset = fit_fuzz::kTableOffset;
        spec.manifests = v.manifests;
        if (v.cbnt_version) spec.cbnt_version = v.cbnt_version;
        Bytes region = build_fit_region(spec).bytes;
        Bytes payload(region.begin() + fit_fuzz::kTableOffset, region.begin() + fit_fuzz::kPointerOffset);
        write_file(out / (std::string("fit_") + v.name), {0, 0, 0, 0, 0}, payload);
    }
    return std::size(variants);
}

// Seeds for join_fuzz, compare_fuzz and verify_fuzz (flash_fuzz_input.hpp): two header bytes,
// a two-chip descriptor (512 KiB + 512 KiB: GbE, ME, then BIOS across both chips), damages.
void write_flash_seeds(const fs::path& dir) {
    fs::create_directories(dir);
    DescriptorSpec d = t420_descriptor();
    d.nc = 1;
    d.flcomp = (d.flcomp & ~0x3Fu) | flcomp_density_3bit(density_code_for(0x80000), density_code_for(0x80000));
    d.set_region(kRegionGbe, RegionSlot::range(0x1000, 0x2FFF));
    d.set_region(kRegionMe, RegionSlot::range(0x3000, 0x7FFFF));
    d.set_region(kRegionBios, RegionSlot::range(0x80000, 0xFFFFF));
    const Bytes descriptor = build_descriptor(d);
    // kind, offset / 16 (two bytes), argument: a bit flip in the GbE region, an 0xFF block in the
    // BIOS region of chip 2, two dropped bytes in the ME region, a stuck bit.
    const Bytes damages = {0, 0x01, 0x20, 3, 1, 0x90, 0x00, 40, 3, 0x05, 0x00, 2, 4, 0, 0, 2};
    const struct {
        const char* name;
        Bytes header;
        bool with_damages;
    } seeds[] = {{"plain", {0, 0}, false}, {"swapped", {1, 1}, false}, {"blank_chip2", {2, 0}, false},
                 {"damaged", {0, 1}, true}, {"damaged_swapped_three_reads", {1, 2}, true}};
    for (const auto& seed : seeds) {
        Bytes body = descriptor;
        if (seed.with_damages) body.insert(body.end(), damages.begin(), damages.end());
        write_file(dir / (std::string(seed.name) + ".bin"), seed.header, body);
    }
}

// The requests each template seed comes with (session_fuzz.hpp): a check with the summary, a
// clean, -S, -r -t, -k and -c -D -M carried out, -s --platform auto, -w without the apply.
size_t write_template_seeds(const fs::path& out) {
    const uint8_t requests[] = {0x10, 0x21, 0x22, 0x24, 0x26, 0x29, 0x2B, 0x07};
    size_t count = 0;
    for (const std::string& target : meclean::fuzz::template_targets()) {
        const auto& templates = meclean::fuzz::templates_for(target);
        fs::create_directories(out / target);
        for (size_t i = 0; i < templates.size(); ++i) {
            const Bytes payload = meclean::fuzz::seed_payload(templates[i]);
            for (uint8_t request : requests) {
                char suffix[8];
                std::snprintf(suffix, sizeof suffix, "-%02x", request);
                write_file(out / target / (templates[i].name + suffix), {request, uint8_t(i)}, payload);
                ++count;
            }
        }
    }
    return count;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) {
        std::cerr << "usage: make_seeds OUT_DIR [CORPUS_IMAGES_DIR] [STATUS_FIXTURES_DIR]\n";
        return 2;
    }
    try {
        Writer w{argv[1]};
        fs::create_directories(w.out / "inspect");
        fs::create_directories(w.out / "clean");

        struct Region {
            const char* name;
            Bytes bytes;
            DescriptorSpec (*descriptor)();
            bool ifd_v2;
        };
        const Region regions[] = {
            {"me7", build_gen2_region(me7_region_spec()).bytes, t420_descriptor, false},
            {"txe1", build_gen2_region(txe1_region_spec()).bytes, t420_descriptor, false},
            {"me6_ignition", build_gen2_region(me6_ignition_region_spec()).bytes, t420_descriptor, false},
            {"me11", build_gen3_region(me11_region_spec()).bytes, skylake_descriptor, true},
            {"csme15", build_gen3_region(csme15_region_spec()).bytes, skylake_descriptor, true},
            {"me5", build_gen1_region(me5_region_spec()).bytes, ich9_descriptor, false},
        };
        for (const Region& r : regions) {
            const std::string name = r.name;
            w.seed("region_" + name, r.bytes, std::size(kOptionWords));
            w.seed("small_full_" + name, build_flash_image(small_flash(r.descriptor(), r.bytes, r.ifd_v2)).bytes,
                   std::size(kOptionWords));
            FlashImageSpec full;
            full.descriptor = r.descriptor();
            full.me_region = r.bytes;
            w.seed("full_" + name, build_flash_image(full).bytes, 2);
        }
        // The bare descriptors too: the shortest path into the descriptor parser.
        w.seed("descriptor_t420", build_descriptor(t420_descriptor()), 3);
        w.seed("descriptor_skylake", build_descriptor(skylake_descriptor()), 3);
        w.seed("descriptor_ich9", build_descriptor(ich9_descriptor()), 3);

        write_flash_seeds(w.out / "flash");

        size_t corpus = 0;
        size_t status = write_status_seeds(w.out / "status_paste", argc == 4 ? fs::path(argv[3]) : fs::path());
        size_t fit = write_fit_seeds(w.out / "fit");
        size_t templated = write_template_seeds(w.out);
        std::cout << "make_seeds: " << status << " status, " << fit << " FIT and " << templated << " template seeds\n";
        if (argc >= 3 && fs::is_directory(argv[2])) {
            std::vector<fs::path> files;
            for (const auto& entry : fs::directory_iterator(argv[2]))
                if (entry.is_regular_file() && entry.path().extension() == ".bin") files.push_back(entry.path());
            std::sort(files.begin(), files.end());
            for (const fs::path& f : files) {
                std::ifstream in(f, std::ios::binary);
                Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                // Clean seeds alternate between "clean" and "-t -r" for the real images.
                w.seed("corpus_" + f.stem().string(), bytes, 0);
                uint16_t word = corpus % 2 ? 0x0018 : 0x0000;
                write_file(w.out / "clean" / ("corpus_" + f.stem().string() + ".bin"), {uint8_t(word), uint8_t(word >> 8)},
                           bytes);
                ++corpus;
            }
        }
        std::cout << "make_seeds: " << w.count << " seeds (" << corpus << " from the corpus) in " << w.out.string()
                  << "\n";
    } catch (const std::exception& e) {
        std::cerr << "make_seeds: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
