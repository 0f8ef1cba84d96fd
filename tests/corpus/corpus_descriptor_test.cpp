// Every flash descriptor of the corpus (../shared/corpus/images/ifd_*.bin) parses with the
// values formats.md records for it: Appendix A (regions, FLCOMP and density, chipset,
// ME-disable straps, masters) and the verified tables of §1.2–§1.5. The expected values
// below are copied from the document, not from meclean's output. The three descriptors
// the document does not cover (t400, xx30, darp6) are checked against the corpus README.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "ifd/descriptor.hpp"
#include "ifd/descriptor_checks.hpp"
#include "ifd/descriptor_dump.hpp"

namespace meclean {
namespace {

namespace fs = std::filesystem;

struct Range {
    uint64_t base, limit;
};
struct Expected {
    const char* file;
    int ifd_version;
    PchFamily family;
    uint32_t flmap0, flmap1, flmap2, flumap1;  // 0 = not recorded
    uint32_t flcomp;                           // 0 = not recorded
    unsigned chips;
    uint64_t flash;
    std::optional<Range> me, bios, gbe;
    int other_index;  // -1 = none
    Range other;
    uint32_t flmstr[3];  // 0 = not recorded
    int strap_index;     // PCHSTRPn recorded for the ME-disable bit; -1 = none
    uint32_t strap_value;
};

constexpr uint32_t kV1Locked[3] = {0x0A0B0000, 0x0C0D0000, 0x08080118};
constexpr uint64_t MiB = 1u << 20;

const std::vector<Expected>& expectations() {
    static const std::vector<Expected> e = {
        {"ifd_lenovo-x201.bin", 1, PchFamily::ibex_peak, 0x03040002, 0x10100206, 0x00000020, 0x00000aed, 0x0990001C, 1,
         8 * MiB, Range{0x3000, 0x4FFFFF}, Range{0x500000, 0x7FFFFF}, Range{0x1000, 0x2FFF}, -1, {},
         {kV1Locked[0], kV1Locked[1], kV1Locked[2]}, 10, 0x00050044},
        {"ifd_lenovo-t420_stock8mb.bin", 1, PchFamily::cougar_point, 0x03040003, 0x12100206, 0x00210120, 0x000012df,
         0x49900024, 1, 8 * MiB, Range{0x3000, 0x4FFFFF}, Range{0x500000, 0x7FFFFF}, Range{0x1000, 0x2FFF}, -1, {},
         {kV1Locked[0], kV1Locked[1], kV1Locked[2]}, 10, 0x00410044},
        {"ifd_lenovo-t420_16mb.bin", 1, PchFamily::cougar_point, 0x03040003, 0x12100206, 0x00210120, 0x000012df,
         0x4990002D, 1, 16 * MiB, Range{0x3000, 0x17FFFF}, Range{0x180000, 0xFFFFFF}, Range{0x1000, 0x2FFF}, -1, {},
         {kV1Locked[0], kV1Locked[1], kV1Locked[2]}, 10, 0x00410044},
        {"ifd_gigabyte-ga-z77x-ud5h.bin", 1, PchFamily::cougar_point, 0x03040003, 0x12100206, 0x00210120, 0x00000edf,
         0x09300024, 1, 8 * MiB, Range{0x3000, 0x1FFFFF}, Range{0x0, 0x7FFFFF}, Range{0x1000, 0x2FFF}, -1, {},
         {0xFFFF0000, 0xFFFF0000, 0xFFFF0118}, 10, 0x00C10044},
        {"ifd_apple-macbookpro8-x.bin", 1, PchFamily::cougar_point, 0x02040003, 0x12100206, 0x00210120, 0x00000adf,
         0x64900024, 1, 8 * MiB, Range{0x1000, 0x180FFF}, Range{0x181000, 0x7FFFFF}, std::nullopt, -1, {},
         {0xFFFF0000, 0xFFFF0000, 0xFFFF0118}, 10, 0x00810044},
        {"ifd_lenovo-t440p.bin", 1, PchFamily::lynx_point, 0x03040103, 0x15100206, 0x00210120, 0x000016df, 0x49900034,
         2, 12 * MiB, Range{0x3000, 0x4FFFFF}, Range{0x500000, 0xBFFFFF}, Range{0x1000, 0x2FFF}, -1, {},
         {kV1Locked[0], kV1Locked[1], kV1Locked[2]}, 10, 0x00C00000},
        {"ifd_lenovo-w541.bin", 1, PchFamily::lynx_point, 0x03040103, 0x15100206, 0x00210120, 0x000016df, 0x49900034,
         2, 12 * MiB, Range{0x3000, 0x4FFFFF}, Range{0x500000, 0xBFFFFF}, Range{0x1000, 0x2FFF}, -1, {},
         {kV1Locked[0], kV1Locked[1], kV1Locked[2]}, 10, 0x00C00000},
        {"ifd_minnowboard-turbot.bin", 1, PchFamily::bay_trail, 0x02040003, 0x0b100206, 0x00210020, 0x000014df,
         0x24900024, 1, 8 * MiB, Range{0x1000, 0x1FFFFF}, Range{0x200000, 0x7FFFFF}, std::nullopt, -1, {},
         {0xFFFF0000, 0xFFFF0000, 0xFFFFFFFF}, 10, 0x00000047},
        {"ifd_51nb-x210.bin", 2, PchFamily::sunrise_point, 0x00040003, 0x42100208, 0x00310330, 0x000002df, 0x324C00F4,
         1, 8 * MiB, Range{0x1000, 0x1FFFFF}, Range{0x200000, 0x7FFFFF}, std::nullopt, -1, {},
         {0xFFFFFF00, 0xFFFFFF00, 0xFFFFFF00}, 0, 0x00000002},
        {"ifd_protectli-vp2410.bin", 2, PchFamily::gemini_lake, 0x00040003, 0x17100208, 0x00000000, 0x000002df,
         0x125802F4, 1, 8 * MiB, std::nullopt, Range{0x1000, 0x6FEFFF}, std::nullopt, 5, Range{0x6FF000, 0x7FFFFF},
         {0xFFFFFF00, 0xFFFFFF00, 0x7FF7FF00}, 0, 0x000000A1},
        {"ifd_msi-ms7d25.bin", 2, PchFamily::alder_point_s, 0x00040003, 0x73100208, 0x00140170, 0xc0ff02df, 0x0930F0F6,
         1, 32 * MiB, Range{0x1000, 0x3D8FFF}, Range{0x400000, 0x1FFFFFF}, std::nullopt, 9, Range{0x3D9000, 0x3FFFFF},
         {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}, 0, 0x1FF00000},
        {"ifd_msi-ms7e06.bin", 2, PchFamily::alder_point_s, 0x00040003, 0x73100208, 0x00140170, 0xc0ff02df, 0x0930F0F6,
         1, 32 * MiB, Range{0x1000, 0x3D8FFF}, Range{0x400000, 0x1FFFFFF}, std::nullopt, 9, Range{0x3D9000, 0x3FFFFF},
         {0xFFFFFF00, 0xFFFFFF00, 0xFFFFFF00}, 0, 0x1FF00000},
        // Not in formats.md Appendix A; the corpus README says: ICH9M, generation 1 (signature at 0),
        // ME region disabled, 8 MiB image.
        {"ifd_lenovo-t400_8mb.bin", 1, PchFamily::ich9, 0, 0, 0, 0, 0, 1, 8 * MiB, std::nullopt, std::nullopt,
         std::nullopt, -1, {}, {0, 0, 0}, -1, 0},
        // README: a 12 MiB 7-series ThinkPad whose ME region me_cleaner -t -D shrank.
        {"ifd_lenovo-xx30_cleaned.bin", 1, PchFamily::cougar_point, 0, 0, 0, 0, 0, 2, 12 * MiB, std::nullopt,
         std::nullopt, std::nullopt, -1, {}, {0, 0, 0}, -1, 0},
        // README: IFD v2, 16 MiB (CSME 14 board; §1.6: MDTBA != 0, ICCRIBA 0x34 reads as Cannon Point).
        {"ifd_system76-darp6.bin", 2, PchFamily::cannon_point, 0, 0, 0, 0, 0, 1, 16 * MiB, std::nullopt, std::nullopt,
         std::nullopt, -1, {}, {0, 0, 0}, -1, 0},
    };
    return e;
}

fs::path corpus_images() {
    const char* dir = std::getenv("MECLEAN_CORPUS");
    return dir ? fs::path(dir) / "images" : fs::path();
}

std::vector<uint8_t> read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class CorpusDescriptor : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = corpus_images();
        if (dir_.empty() || !fs::is_directory(dir_)) {
            if (std::getenv("CI")) FAIL() << "the corpus is missing (MECLEAN_CORPUS=" << dir_ << ")";
            GTEST_SKIP() << "no corpus at " << dir_ << " (expected ../shared/corpus beside the checkout)";
        }
    }
    fs::path dir_;
};

void expect_region(const Descriptor& d, int index, const std::optional<Range>& want, const char* file) {
    ASSERT_LT(static_cast<size_t>(index), d.regions.size()) << file;
    const FlashRegion& r = d.regions[index];
    if (!want) {
        EXPECT_FALSE(r.used) << file << " region " << index;
        return;
    }
    EXPECT_TRUE(r.used) << file << " region " << index;
    EXPECT_EQ(r.base, want->base) << file << " region " << index;
    EXPECT_EQ(r.limit, want->limit) << file << " region " << index;
}

TEST_F(CorpusDescriptor, EveryDescriptorIsCovered) {
    size_t found = 0;
    for (const auto& entry : fs::directory_iterator(dir_)) {
        std::string name = entry.path().filename().string();
        if (name.rfind("ifd_", 0) != 0) continue;
        ++found;
        bool listed = false;
        for (const Expected& e : expectations()) listed |= name == e.file;
        EXPECT_TRUE(listed) << name << " has no expectations in this test";
    }
    EXPECT_EQ(found, expectations().size());
}

TEST_F(CorpusDescriptor, ParsesAsDocumented) {
    for (const Expected& e : expectations()) {
        SCOPED_TRACE(e.file);
        std::vector<uint8_t> bytes = read_all(dir_ / e.file);
        ASSERT_EQ(bytes.size(), 4096u);  // §1.1: all descriptor files are 4096 bytes
        auto signature = find_descriptor_signature(bytes);
        ASSERT_TRUE(signature);
        // §1.1: signature at 0x10 in every sample; t400 is generation 1 (README): at 0.
        EXPECT_EQ(*signature, e.family == PchFamily::ich9 ? 0u : 0x10u);
        Descriptor d = parse_descriptor(bytes, *signature);
        EXPECT_EQ(d.ifd_version, e.ifd_version);
        EXPECT_EQ(d.platform.family, e.family) << d.platform.rule;
        if (e.flmap0) {
            EXPECT_EQ(d.flmap0, e.flmap0);
            EXPECT_EQ(d.flmap1, e.flmap1);
            EXPECT_EQ(d.flmap2, e.flmap2);
            EXPECT_EQ(d.flumap1, e.flumap1);
            EXPECT_EQ(d.frba, 0x40u);   // Appendix A: FRBA 0x40, FPSBA 0x100 everywhere
            EXPECT_EQ(d.fpsba, 0x100u);
            EXPECT_EQ(d.pch_strap_count, e.flmap1 >> 24);  // ISL
        }
        if (e.flcomp) EXPECT_EQ(d.component.flcomp, e.flcomp);
        EXPECT_EQ(d.component.chips, e.chips);
        EXPECT_EQ(d.component.total_size(), e.flash);
        EXPECT_EQ(d.regions.size(), e.ifd_version == 2 ? 16u : 5u);
        expect_region(d, 0, Range{0, 0xFFF}, e.file);
        if (e.flmstr[0]) {
            expect_region(d, 1, e.bios, e.file);
            expect_region(d, 2, e.me, e.file);
            expect_region(d, 3, e.gbe, e.file);
            ASSERT_GE(d.masters.size(), 3u);
            for (int k = 0; k < 3; ++k) EXPECT_EQ(d.masters[k].raw, e.flmstr[k]) << "FLMSTR" << k + 1;
        }
        if (e.other_index >= 0) expect_region(d, e.other_index, e.other, e.file);
        if (e.strap_index >= 0) {
            ASSERT_GT(d.pch_straps.size(), static_cast<size_t>(e.strap_index));
            EXPECT_EQ(d.pch_straps[e.strap_index], e.strap_value) << "PCHSTRP" << e.strap_index;
        }
        // No descriptor of the corpus has an error-level check; only z77 overlaps (§1.4).
        auto findings = descriptor_findings(check_descriptor(d, bytes));
        bool overlaps = false;
        for (const Finding& f : findings) {
            EXPECT_NE(f.severity, Severity::error) << f.code << ": " << f.message;
            overlaps |= f.code == "regions_overlap";
        }
        EXPECT_EQ(overlaps, std::string(e.file) == "ifd_gigabyte-ga-z77x-ud5h.bin");
    }
}

TEST_F(CorpusDescriptor, DocumentedMeDisableBits) {
    auto load = [&](const char* file) {
        std::vector<uint8_t> bytes = read_all(dir_ / file);
        return parse_descriptor(bytes, *find_descriptor_signature(bytes));
    };
    // §1.8: AltMeDisable = PCHSTRP10 bit 7, clear on every v1 sample.
    for (const char* file : {"ifd_lenovo-x201.bin", "ifd_lenovo-t420_stock8mb.bin", "ifd_gigabyte-ga-z77x-ud5h.bin",
                             "ifd_apple-macbookpro8-x.bin", "ifd_lenovo-t440p.bin", "ifd_minnowboard-turbot.bin"}) {
        EXPECT_EQ((load(file).pch_straps.at(10) >> 7) & 1, 0u) << file;
    }
    // HAP = PCHSTRP0 bit 16 on x210 (clear).
    EXPECT_EQ((load("ifd_51nb-x210.bin").pch_straps.at(0) >> 16) & 1, 0u);
    // ADP-S: byte 0x1DE (PCHSTRP55 bits 23:16) = 0x10, byte 0x17E (PCHSTRP31 bits 23:16) = 0x00.
    for (const char* file : {"ifd_msi-ms7d25.bin", "ifd_msi-ms7e06.bin"}) {
        Descriptor d = load(file);
        EXPECT_EQ((d.pch_straps.at(55) >> 16) & 0xFF, 0x10u) << file;
        EXPECT_EQ((d.pch_straps.at(31) >> 16) & 0xFF, 0x00u) << file;
        EXPECT_EQ(d.pch_straps.at(52), 0x10081008u) << file;  // §1.6 item 5: neither ADL-P nor ADL-N
        EXPECT_EQ(d.component.density_code[1], 0xFu) << file;  // component 2 = 0xF
    }
    // x210 and glk: FLREG10–15 = 0xFFFFFFFF, unused (§1.4).
    for (const char* file : {"ifd_51nb-x210.bin", "ifd_protectli-vp2410.bin"}) {
        Descriptor d = load(file);
        for (int i = 10; i < 16; ++i) {
            EXPECT_EQ(d.regions.at(i).raw, 0xFFFFFFFFu) << file << " " << i;
            EXPECT_FALSE(d.regions.at(i).used) << file << " " << i;
        }
    }
    // glk: region 2 is 0x00007fff (unused).
    EXPECT_EQ(load("ifd_protectli-vp2410.bin").regions.at(2).raw, 0x00007FFFu);
}

// Cannon/Comet Point keep the eSPI/EC bus clock in FLCOMP[19:17], with a table of its own: darp6's
// code 4 is 60 MHz there, not the SPI read clock's 30 MHz (docs/formats.md §1.3).
TEST_F(CorpusDescriptor, EspiClockOnCometPoint) {
    std::vector<uint8_t> bytes = read_all(dir_ / "ifd_system76-darp6.bin");
    Descriptor d = parse_descriptor(bytes, *find_descriptor_signature(bytes));
    ASSERT_EQ((d.component.flcomp >> 17) & 7, 4u);
    bool found = false;
    for (const auto& [label, value] : component_rows(d)) {
        EXPECT_NE(label, "Read clock");
        if (label == "eSPI/EC frequency") {
            EXPECT_EQ(value, "60 MHz (code 4)");
            found = true;
        }
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace meclean
