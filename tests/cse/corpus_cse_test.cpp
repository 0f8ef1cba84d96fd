// The CSME 16 (Alder Lake / Raptor Lake, MSI PRO Z690-A / Z790-P) and Gemini Lake IFWI
// samples: region files and assembled full images. Every expected value is quoted from
// docs/formats.md §3.2–§3.5 and Appendix A.
#include "cse_support.hpp"

#include "crypto/crypto.hpp"

namespace meclean::cse_test {
namespace {

constexpr const char* kCorpus = "MECLEAN_CORPUS";
constexpr const char* kInputs = "MECLEAN_CORPUS_INPUTS";

struct Csme16Sample {
    const char* region_file;
    const char* full_file;
    const char* platform;  // CDMD platform string (§3.9)
};
const Csme16Sample kAdl{"images/csme16.1.30.2307_msi-ms7d25.bin", "full_csme16_msi-ms7d25.bin",
                        "AlderLake S Chipset - Consumer"};
const Csme16Sample kRpl{"images/csme16.1.30.2307_msi-ms7e06.bin", "full_csme16_msi-ms7e06.bin",
                        "RaptorLake S Chipset - Consumer"};

const BpdtEntry* entry_named(const Bpdt& bpdt, const std::string& name, bool secondary = false) {
    for (const BpdtEntry& e : bpdt.entries)
        if (e.name == name && e.secondary == secondary) return &e;
    return nullptr;
}

// adl_me / rpl_me, §3.2–§3.5 and Appendix A; `base` = file offset of the ME region.
void expect_csme16(const Analysis& a, const Bytes& image, uint64_t base, const Csme16Sample& sample) {
    ASSERT_TRUE(a.cse);
    const CseFirmware& c = *a.cse;
    EXPECT_EQ(c.layout, "CSE layout table 1.7");
    EXPECT_EQ(c.layout_offset, base);
    // §3.2 table: size 0x48, flags 0, CRC 0x81D54C58 (adl), data 0x1A7000/0x8B000, BP1 0x1000/0x1A6000,
    // BP3 0x232000/0x1A6000, ELOG 0x214000/0x1000.
    EXPECT_EQ(le16(image, base + 0x10), 0x48);
    EXPECT_EQ(image[base + 0x12], 0);
    if (sample.region_file == kAdl.region_file) EXPECT_EQ(le32(image, base + 0x14), 0x81D54C58u);
    ASSERT_TRUE(c.layout_crc_ok);
    EXPECT_TRUE(*c.layout_crc_ok);
    EXPECT_EQ(le32(image, base + 0x50), 0x214000u);
    EXPECT_EQ(std::string(image.begin() + base + 0x214000, image.begin() + base + 0x214004), "ELOG");

    // §3.4 data partition: $FPT v2.1 at 0x1A7000, CRC 0x449A0282 (adl), 13 entries, offsets $FPT-relative.
    ASSERT_TRUE(c.data_partition);
    const CseDataPartition& d = *c.data_partition;
    EXPECT_EQ(d.offset, base + 0x1A7000);
    EXPECT_EQ(d.header_version, 0x21u);
    ASSERT_TRUE(d.crc_ok);
    EXPECT_TRUE(*d.crc_ok);
    if (sample.region_file == kAdl.region_file) EXPECT_EQ(le32(image, base + 0x1A7000 + 0x14), 0x449A0282u);
    const std::vector<std::string> names = {"PSVN", "UEP", "RSTR", "IMDP", "HVMP", "IVBP", "MFS",
                                            "UTOK", "FLOG", "ELOG", "EFS",  "FITC", "CDMD"};
    ASSERT_EQ(d.entries.size(), names.size());
    for (size_t i = 0; i < names.size(); ++i) EXPECT_EQ(d.entries[i].name, names[i]);
    EXPECT_EQ(d.entries[6].offset, 0x5000u);   // MFS → region 0x1AC000
    EXPECT_EQ(le32(image, base + 0x1AC000), 0xAA557887u);  // MFS page magic 87 78 55 AA
    EXPECT_EQ(d.entries[9].offset, 0x6D000u);  // ELOG → region 0x214000

    // §3.3 BP1 and BP3: BPDT v2, FIT 16.1.30.2319, CRCs 0x265D72EA / 0x116616C0 (adl).
    ASSERT_EQ(c.boot_partitions.size(), 2u);
    const Bpdt& bp1 = c.boot_partitions[0];
    const Bpdt& bp3 = c.boot_partitions[1];
    EXPECT_EQ(bp1.offset, base + 0x1000);
    EXPECT_EQ(bp3.offset, base + 0x232000);
    for (const Bpdt* b : {&bp1, &bp3}) {
        EXPECT_EQ(b->version, 2u);
        EXPECT_FALSE(b->recovery);
        ASSERT_TRUE(b->crc_ok);
        EXPECT_TRUE(*b->crc_ok);
        EXPECT_EQ(b->fit_version, "16.1.30.2319");
    }
    if (sample.region_file == kAdl.region_file) {
        EXPECT_EQ(le32(image, base + 0x1000 + 8), 0x265D72EAu);
        EXPECT_EQ(le32(image, base + 0x232000 + 8), 0x116616C0u);
    }
    EXPECT_EQ(bp1.entries.size(), 12u);  // no S-BPDT entries: the S-BPDT entry is empty
    struct Want { const char* name; uint32_t offset, size; };
    for (const Want& w : {Want{"RBEP", 0x1000, 0x20000}, Want{"PMCP", 0x21000, 0x40000},
                          Want{"FTPR", 0x61000, 0x125000}, Want{"xPHY", 0x186000, 0xD000},
                          Want{"PCHC", 0x193000, 0x5000}, Want{"DPHY", 0x198000, 0xE000}}) {
        SCOPED_TRACE(w.name);
        const BpdtEntry* e = entry_named(bp1, w.name);
        ASSERT_TRUE(e);
        EXPECT_EQ(e->offset, base + 0x1000 + w.offset);  // relative to the BPDT
        EXPECT_EQ(e->size, w.size);
        EXPECT_TRUE(e->directory);
    }
    for (const char* empty : {"DLMP", "UEPB", "S-BPDT", "UFS PHY", "UFS GPP", "OEMP"}) {
        const BpdtEntry* e = entry_named(bp1, empty);
        ASSERT_TRUE(e) << empty;
        EXPECT_EQ(e->size, 0u) << empty;
    }
    // The $CPD name differs from the BPDT type name (§3.3).
    ASSERT_TRUE(entry_named(bp1, "xPHY")->directory);
    EXPECT_EQ(entry_named(bp1, "xPHY")->directory->partition_name, "NPHY");
    EXPECT_EQ(entry_named(bp1, "DPHY")->directory->partition_name, "SPHY");
    EXPECT_EQ(bp3.entries.size(), 9u);
    size_t non_empty = 0;
    for (const BpdtEntry& e : bp3.entries) non_empty += e.size != 0;
    EXPECT_EQ(non_empty, 1u);
    const BpdtEntry* nftp = entry_named(bp3, "NFTP");
    ASSERT_TRUE(nftp);
    EXPECT_EQ(nftp->offset, base + 0x233000);
    EXPECT_EQ(nftp->size, 0x1A5000u);

    // §3.5 / §2.7: FTPR $CPD v2 at region 0x62000 (29 entries, CRC ok), manifest 0x622CC, 16.1.30.2307.
    ASSERT_TRUE(c.ftpr);
    EXPECT_EQ(c.ftpr->offset, base + 0x62000);
    EXPECT_EQ(c.ftpr->header_version, 2u);
    EXPECT_EQ(c.ftpr->partition_name, "FTPR");
    EXPECT_EQ(c.ftpr->items.size(), 29u);
    EXPECT_TRUE(c.ftpr->integrity_ok);
    if (sample.region_file == kAdl.region_file) EXPECT_EQ(le32(image, base + 0x62000 + 0x10), 0x12753391u);
    ASSERT_TRUE(c.manifest);
    EXPECT_EQ(c.manifest->offset, base + 0x622CC);
    EXPECT_EQ(c.version, "16.1.30.2307");
    // §3.6 / Appendix A: RSA-3072, e = 65537, header version 0x21000, PSS SHA-384 valid; key e7155f43….
    EXPECT_EQ(c.manifest->header_version, 0x21000u);
    EXPECT_EQ(c.manifest->key_size_dwords * 32, 3072u);
    EXPECT_EQ(c.manifest->exponent, 65537u);
    EXPECT_EQ(c.manifest->key_md5.rfind("e7155f43", 0), 0u) << c.manifest->key_md5;
    EXPECT_EQ(c.manifest->key_sha256.size(), 64u);
    EXPECT_TRUE(c.manifest->signature.strict_valid);
    EXPECT_FALSE(c.manifest->signature.me_cleaner_valid);  // "me_cleaner check would fail"
    EXPECT_NE(c.manifest->signature.scheme.find("3072"), std::string::npos);
    EXPECT_NE(c.manifest->signature.scheme.find("PSS"), std::string::npos);
    EXPECT_NE(c.manifest->signature.scheme.find("SHA-384"), std::string::npos);
    // §3.9: the CDMD platform string.
    EXPECT_EQ(c.build_target.rfind(sample.platform, 0), 0u) << c.build_target;
    // Nothing malformed in a real image.
    for (const Finding& f : c.findings) ADD_FAILURE() << "unexpected finding " << f.code << ": " << f.message;
}

TEST(CseCorpus, AdlRegionFile) {
    CSE_CORPUS_OR_SKIP(image, kCorpus, kAdl.region_file);
    ASSERT_EQ(image.size(), 0x3D8000u);
    const Analysis a = inspect(image);
    expect_csme16(a, image, 0, kAdl);
}

TEST(CseCorpus, RplRegionFile) {
    CSE_CORPUS_OR_SKIP(image, kCorpus, kRpl.region_file);
    ASSERT_EQ(image.size(), 0x3D8000u);
    const Analysis a = inspect(image);
    expect_csme16(a, image, 0, kRpl);
}

TEST(CseCorpus, AdlFullImage) {
    CSE_CORPUS_OR_SKIP(image, kInputs, kAdl.full_file);
    const Analysis a = inspect(image);
    EXPECT_EQ(a.kind, ImageKind::full);
    EXPECT_EQ(a.me_region_start, 0x1000u);   // Appendix A: ME 0x1000–0x3D8FFF
    EXPECT_EQ(a.me_region_end, 0x3D9000u);
    expect_csme16(a, image, 0x1000, kAdl);
}

TEST(CseCorpus, RplFullImage) {
    CSE_CORPUS_OR_SKIP(image, kInputs, kRpl.full_file);
    const Analysis a = inspect(image);
    EXPECT_EQ(a.kind, ImageKind::full);
    expect_csme16(a, image, 0x1000, kRpl);
}

// glk_ifwi (§3.3, §3.5, Appendix A); `base` = file offset of the BIOS region (LBP1).
void expect_glk(const Analysis& a, const Bytes& image, uint64_t base) {
    ASSERT_TRUE(a.cse);
    const CseFirmware& c = *a.cse;
    EXPECT_EQ(c.layout, "IFWI 2.0 BPDT");
    EXPECT_EQ(c.layout_offset, base);
    EXPECT_FALSE(c.layout_crc_ok);
    EXPECT_FALSE(c.data_partition);  // not in this BPDT (§3.1)
    ASSERT_EQ(c.boot_partitions.size(), 1u);  // only one LBP in the sample
    const Bpdt& b = c.boot_partitions[0];
    EXPECT_EQ(b.offset, base);
    EXPECT_EQ(b.version, 1u);
    EXPECT_FALSE(b.crc_ok);
    EXPECT_EQ(b.fit_version, "4.0.50.2096");
    EXPECT_EQ(le16(image, base + 4), 13);
    struct Want { const char* name; uint32_t offset, size; };
    const Want primary[] = {{"UEPB", 0x200, 0x10},      {"S-BPDT", 0x1D8000, 0x105000}, {"RBEP", 0x3000, 0xB000},
                            {"FTPR", 0x1D000, 0x61000}, {"UEP", 0x210, 0x108},          {"SMIP", 0x1000, 0x2000},
                            {"PMCP", 0xE000, 0xF000},   {"UCOD", 0x7E000, 0x26000},     {"IBBP", 0xA4000, 0x132000},
                            {"UTOK", 0x1D6000, 0x2000}};
    size_t primaries = 0;
    for (const BpdtEntry& e : b.entries) primaries += !e.secondary;
    EXPECT_EQ(primaries, 13u);
    for (const Want& w : primary) {
        SCOPED_TRACE(w.name);
        const BpdtEntry* e = entry_named(b, w.name);
        ASSERT_TRUE(e);
        EXPECT_EQ(e->offset, base + w.offset);
        EXPECT_EQ(e->size, w.size);
    }
    for (const char* empty : {"DLMP", "UFS PHY", "UFS GPP"}) {
        ASSERT_TRUE(entry_named(b, empty)) << empty;
        EXPECT_EQ(entry_named(b, empty)->size, 0u) << empty;
    }
    // S-BPDT (v1, 1 entry): NFTP 0x1D9000/0x104000, relative to the LBP start.
    const BpdtEntry* nftp = entry_named(b, "NFTP", true);
    ASSERT_TRUE(nftp);
    EXPECT_EQ(nftp->offset, base + 0x1D9000);
    EXPECT_EQ(nftp->size, 0x104000u);
    EXPECT_EQ(le16(image, base + 0x1D8000 + 4), 1);
    // Seven BPDT-referenced directories (§3.8).
    size_t directories = 0;
    for (const BpdtEntry& e : b.entries) directories += e.directory.has_value();
    EXPECT_EQ(directories, 7u);
    // FTPR $CPD v1 at 0x1D000 (11 entries, checksum 0x42 matches), manifest 0x1D130, 4.0.50.2083.
    ASSERT_TRUE(c.ftpr);
    EXPECT_EQ(c.ftpr->offset, base + 0x1D000);
    EXPECT_EQ(c.ftpr->header_version, 1u);
    EXPECT_EQ(c.ftpr->items.size(), 11u);
    EXPECT_EQ(image[base + 0x1D000 + 0x0B], 0x42);
    EXPECT_TRUE(c.ftpr->integrity_ok);
    ASSERT_TRUE(c.manifest);
    EXPECT_EQ(c.manifest->offset, base + 0x1D130);
    EXPECT_EQ(c.version, "4.0.50.2083");
    EXPECT_EQ(c.manifest->key_size_dwords * 32, 2048u);
    EXPECT_EQ(c.manifest->exponent, 65537u);
    EXPECT_EQ(c.manifest->key_md5.rfind("95a0c858", 0), 0u) << c.manifest->key_md5;
    EXPECT_TRUE(c.manifest->signature.strict_valid);
    EXPECT_NE(c.manifest->signature.scheme.find("PKCS#1"), std::string::npos);
    EXPECT_NE(c.manifest->signature.scheme.find("SHA-256"), std::string::npos);
    for (const Finding& f : c.findings) ADD_FAILURE() << "unexpected finding " << f.code << ": " << f.message;
}

TEST(CseCorpus, GeminiLakeIfwiFile) {
    CSE_CORPUS_OR_SKIP(image, kCorpus, "images/ifwi-txe4.0.50.2083_protectli-vp2410.bin");
    ASSERT_EQ(image.size(), 0x2FF000u);
    expect_glk(inspect(image), image, 0);
}

TEST(CseCorpus, GeminiLakeFullImage) {
    CSE_CORPUS_OR_SKIP(image, kInputs, "full_glk-ifwi_protectli-vp2410.bin");
    const Analysis a = inspect(image);
    EXPECT_EQ(a.kind, ImageKind::full);
    EXPECT_TRUE(a.me_region_disabled);  // region 2 unused (Appendix A)
    EXPECT_EQ(a.bios_region_start, 0x1000u);
    expect_glk(a, image, 0x1000);
}

}  // namespace
}  // namespace meclean::cse_test
