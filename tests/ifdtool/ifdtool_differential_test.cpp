// coreboot's ifdtool (Debian's coreboot-utils, 4.15) as a peer oracle: on
// every corpus descriptor and full image, its -d dump facts (maps, regions, masters, straps,
// component fields, VSCC table), its -f layout, its -x extracted regions and its -u unlocked
// bytes must equal what meclean's engine reads or writes. The places where ifdtool 4.15 is
// behind are listed in kExceptions with the reason, and counted; nothing else may differ.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "clean/descriptor_edit.hpp"
#include "ifdtool/ifdtool_dump.hpp"
#include "flash/chips.hpp"
#include "ifd/flash_layout.hpp"
#include "meclean.hpp"

namespace meclean {
namespace {

namespace fs = std::filesystem;
using namespace ifdtool;
using Bytes = std::vector<uint8_t>;

// Where ifdtool 4.15 is behind meclean (and current coreboot); each is skipped and counted.
const std::map<std::string, const char*> kExceptions = {
    {"density_3bit", "4.15 decodes FLCOMP densities with the 3-bit layout on every IFD v1 descriptor, Lynx Point too "
                     "(formats.md §1.3); meclean uses 4 bits from Lynx Point on"},
    {"v2_region_table", "on IFD v2 4.15 knows only its platform's regions (0-4 and 8; 0-5 and 8 on Gemini Lake): its "
                        "dump, -f and -x skip the others (e.g. Device Expansion 2 on Alder Lake); current coreboot knows all 16"},
    {"v2_no_flmap2", "4.15 does not print FLMAP2 on IFD v2 platforms"},
    {"unlock_extended_bits", "-u: 4.15 leaves the access bits of regions 12-15 (FLMSTR bits 0-7) alone on CNL/ADL and "
                             "later; current coreboot (and meclean) sets them too"},
    {"old_region_names", "-x: 4.15 names region 5 on Gemini Lake flashregion_5_reserved.bin; current coreboot (and "
                         "meclean) flashregion_5_device_exp1.bin"},
    {"vscc_beyond_8", "4.15 prints at most 8 VSCC table entries; the table (VTL) may hold more"},
    {"straps_beyond_isl", "4.15 prints PCH straps past the ISL count from its own tables; meclean reads ISL straps"},
    {"layout_order", "4.15 writes the -f layout in region order, meclean (and flashrom) in address order"},
    {"needs_platform", "4.15 reads IFD v2 only with -p PLATFORM; the test passes the platform meclean identifies"},
    {"extract_descriptor_file", "-x on a 4 KiB descriptor file: the regions lie past its end (4.15 fails to write them)"},
};

struct Counts {
    std::map<std::string, int> compared, exceptions;
};
Counts& counts() {
    static Counts c;
    return c;
}

Bytes read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// ifdtool's -p name for the PCH families of the corpus's IFD v2 descriptors.
std::string platform_option(const Descriptor& d) {
    if (d.ifd_version != 2) return "";
    switch (d.platform.family) {
        case PchFamily::sunrise_point: return "-p sklkbl ";
        case PchFamily::gemini_lake: return "-p glk ";
        case PchFamily::cannon_point: return "-p cnl ";
        case PchFamily::alder_point_s: return "-p adl ";
        default: return "";
    }
}

// The regions ifdtool 4.15 knows on this platform: those its dump prints a FLREG line for
// (0-4 on v1; 0-4 and 8 on most v2 platforms, 0-5 and 8 on Gemini Lake).
std::set<int>& known_regions() {
    static std::set<int> known;
    return known;
}
bool ifdtool_knows_region(const Descriptor&, int index) { return known_regions().count(index) > 0; }

void compare(const char* category, uint64_t want, uint64_t got, const std::string& what) {
    ++counts().compared[category];
    EXPECT_EQ(got, want) << what << " (ifdtool " << std::hex << want << ", meclean " << got << ")";
}

void except(const char* id) {
    ASSERT_TRUE(kExceptions.count(id)) << id;
    ++counts().exceptions[id];
}

void check_dump(const fs::path& dir, const std::string& file, const Descriptor& d) {
    const std::string dump = run_ifdtool(dir, platform_option(d) + "-d " + file);
    if (d.ifd_version == 2) except("needs_platform");
    std::map<std::string, uint32_t> v = dump_values(dump);
    ASSERT_TRUE(v.count("FLMAP0")) << dump.substr(0, 400);
    compare("maps", v["FLMAP0"], d.flmap0, "FLMAP0");
    compare("maps", v["FLMAP1"], d.flmap1, "FLMAP1");
    if (v.count("FLMAP2") || d.ifd_version == 1) compare("maps", v["FLMAP2"], d.flmap2, "FLMAP2");
    else except("v2_no_flmap2");
    compare("maps", v["FLUMAP1"], d.flumap1, "FLUMAP1");
    std::map<int, DumpedRegion> regions = dump_regions(dump);
    known_regions().clear();
    for (const auto& [index, region] : regions) known_regions().insert(index);
    EXPECT_TRUE(d.ifd_version == 2 || known_regions() == (std::set<int>{0, 1, 2, 3, 4})) << "v1: regions 0-4";
    for (const FlashRegion& r : d.regions) {
        const std::string name = "FLREG" + std::to_string(r.index);
        if (!ifdtool_knows_region(d, r.index)) { except("v2_region_table"); continue; }
        if (!v.count(name)) {
            ADD_FAILURE() << "ifdtool prints no " << name;
            continue;
        }
        compare("regions", v[name], r.raw, name);
        ASSERT_TRUE(regions.count(r.index)) << name;
        compare("regions", regions[r.index].unused ? 0 : 1, r.used ? 1 : 0, name + " used");
        if (r.used) {
            compare("regions", regions[r.index].base, r.base, name + " base");
            compare("regions", regions[r.index].limit, r.limit, name + " limit");
        }
    }
    for (const FlashMaster& m : d.masters) {
        const std::string name = "FLMSTR" + std::to_string(m.index);
        if (v.count(name)) compare("masters", v[name], m.raw, name);
    }
    for (size_t n = 0; v.count("PCHSTRP" + std::to_string(n)); ++n) {
        if (n >= d.pch_straps.size()) { except("straps_beyond_isl"); continue; }
        compare("straps", v["PCHSTRP" + std::to_string(n)], d.pch_straps[n], "PCHSTRP" + std::to_string(n));
    }
    compare("components", v["FLCOMP"], d.component.flcomp, "FLCOMP");
    compare("components", v["FLILL"], d.component.flill, "FLILL");
    const char* third = v.count("FLILL1") ? "FLILL1" : "FLPB";
    compare("components", v[third], d.component.flill1_or_flpb, third);
    std::map<int, uint64_t> densities = dump_densities(dump);
    if (d.ifd_version == 1 && d.component.four_bit_density) {
        except("density_3bit");
    } else {
        for (unsigned chip = 0; chip < 2; ++chip) {
            uint64_t ours = chip < d.component.chips ? d.component.density[chip] : 0;
            if (densities.count(int(chip + 1)) && (chip < d.component.chips || densities[int(chip + 1)] == 0)) {
                compare("components", densities[int(chip + 1)], ours, "component " + std::to_string(chip + 1) + " density");
            }
        }
    }
    for (size_t i = 0; i < d.vscc.size(); ++i) {
        if (i >= 8 && !v.count("JID" + std::to_string(i))) { except("vscc_beyond_8"); continue; }
        compare("vscc", v["JID" + std::to_string(i)], d.vscc[i].jid, "JID" + std::to_string(i));
        compare("vscc", v["VSCC" + std::to_string(i)], d.vscc[i].vscc, "VSCC" + std::to_string(i));
    }
}

void check_layout(const fs::path& dir, const std::string& file, const Descriptor& d) {
    run_ifdtool(dir, platform_option(d) + "-f ifdtool.layout " + file);
    std::ifstream in(dir / "ifdtool.layout");
    std::multiset<std::string> theirs, ours;
    for (std::string line; std::getline(in, line);) theirs.insert(line);
    std::istringstream mine(flashrom_layout(d));
    for (std::string line; std::getline(mine, line);) {
        // Lines are "base:limit name"; drop the regions 4.15 does not know.
        std::string name = line.substr(line.find(' ') + 1);
        int index = 0;
        while (index < 16 && name != region_layout_name(index)) ++index;
        if (ifdtool_knows_region(d, index)) ours.insert(line); else except("v2_region_table");
    }
    except("layout_order");
    ++counts().compared["layout"];
    EXPECT_EQ(theirs, ours) << file;
}

void check_unlock(const fs::path& dir, const std::string& file, const Descriptor& d, const Bytes& bytes) {
    run_ifdtool(dir, platform_option(d) + "-u " + file);
    Bytes theirs = read_all(dir / (file + ".new"));
    Outcome ours = meclean::apply(plan_descriptor_unlock(d, bytes), bytes);
    ASSERT_FALSE(ours.problem);
    ++counts().compared["unlock"];
    ASSERT_EQ(theirs.size(), ours.image.size());
    bool extended_only = true, differs = false;
    for (size_t i = 0; i < theirs.size(); ++i) {
        if (theirs[i] == ours.image[i]) continue;
        differs = true;
        bool low_byte_of_a_master = i >= d.fmba && (i - d.fmba) % 4 == 0 && (i - d.fmba) / 4 < d.masters.size();
        extended_only &= low_byte_of_a_master && ours.image[i] == 0xFF && has_extended_regions(d.platform.family);
    }
    if (differs && extended_only) except("unlock_extended_bits");
    else EXPECT_FALSE(differs) << file << ": ifdtool -u and meclean ifd --unlock differ";
}

void check_extract(const fs::path& dir, const std::string& file, const Descriptor& d, const Bytes& bytes) {
    if (bytes.size() <= 0x1000) { except("extract_descriptor_file"); return; }
    run_ifdtool(dir, platform_option(d) + "-x " + file);
    for (const FlashRegion& r : d.regions) {
        if (!r.used) continue;
        if (!ifdtool_knows_region(d, r.index)) { except("v2_region_table"); continue; }
        fs::path extracted = dir / region_file_name(r.index);
        ++counts().compared["extract"];
        if (!fs::exists(extracted)) {
            const std::string prefix = "flashregion_" + std::to_string(r.index) + "_";
            for (const auto& e : fs::directory_iterator(dir)) {
                if (e.path().filename().string().rfind(prefix, 0) == 0) extracted = e.path();
            }
            ASSERT_TRUE(fs::exists(extracted)) << file << ": ifdtool wrote no " << prefix << "*.bin";
            except("old_region_names");
        }
        Bytes want(bytes.begin() + r.base, bytes.begin() + std::min<uint64_t>(r.limit + 1, bytes.size()));
        EXPECT_TRUE(read_all(extracted) == want) << file << ": " << extracted.filename();
    }
}

void check_file(const fs::path& source) {
    SCOPED_TRACE(source.filename().string());
    const Bytes bytes = read_all(source);
    std::optional<Descriptor> d = read_descriptor(bytes);
    ASSERT_TRUE(d);
    const fs::path dir = fs::temp_directory_path() / ("meclean-ifdtool-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(source, dir / "image.bin");
    check_dump(dir, "image.bin", *d);
    check_layout(dir, "image.bin", *d);
    check_unlock(dir, "image.bin", *d, bytes);
    check_extract(dir, "image.bin", *d, bytes);
    fs::remove_all(dir);
}

std::vector<fs::path> files(const char* variable, const char* prefix) {
    std::vector<fs::path> out;
    const char* dir = std::getenv(variable);
    if (!dir || !fs::is_directory(dir)) return out;
    fs::path root = std::string(variable) == "MECLEAN_CORPUS" ? fs::path(dir) / "images" : fs::path(dir);
    for (const auto& e : fs::directory_iterator(root)) {
        if (e.path().filename().string().rfind(prefix, 0) == 0) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(IfdtoolDifferential, EveryCorpusDescriptorAndFullImage) {
    std::vector<fs::path> descriptors = files("MECLEAN_CORPUS", "ifd_"), images = files("MECLEAN_CORPUS_INPUTS", "full_");
    if (ifdtool_path().empty() || descriptors.empty() || images.empty()) {
        if (std::getenv("CI")) FAIL() << "ifdtool (coreboot-utils) or the corpus is missing";
        GTEST_SKIP() << "no ifdtool or no corpus";
    }
    EXPECT_EQ(descriptors.size(), 15u);
    EXPECT_EQ(images.size(), 18u);
    for (const fs::path& f : descriptors) check_file(f);
    for (const fs::path& f : images) check_file(f);
    int total = 0;
    for (const auto& [category, n] : counts().compared) {
        std::printf("ifdtool differential | compared | %-10s | %d\n", category.c_str(), n);
        total += n;
    }
    for (const auto& [id, n] : counts().exceptions) {
        std::printf("ifdtool differential | exception | %-24s | %d | %s\n", id.c_str(), n, kExceptions.at(id));
    }
    std::printf("ifdtool differential | %zu files, %d facts compared\n", descriptors.size() + images.size(), total);
}

}  // namespace
}  // namespace meclean
