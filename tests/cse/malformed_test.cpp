// Malformed CSE layouts (formats.md §3.2–§3.4): each defect becomes the finding the reader
// names for it — never a crash, never a hang. Built from valid synthetic images whose bytes
// are then damaged at the offsets the builder's layout reports.
#include "cse_support.hpp"

namespace meclean::cse_test {
namespace {

namespace T = synth::bpdt_type;

// Inspects and returns the CSE findings; fails when the CSE layout is no longer found at all.
std::vector<Finding> cse_findings(const Bytes& image) {
    const Analysis a = inspect(image);
    EXPECT_TRUE(a.cse) << "the CSE layout is no longer recognised";
    return a.cse ? a.cse->findings : std::vector<Finding>{};
}

void expect_finding(const Bytes& image, const std::string& code) {
    const auto findings = cse_findings(image);
    EXPECT_TRUE(has_finding(findings, code)) << "wanted " << code << ", got: " << finding_codes(findings);
}

const synth::CseRegionLayout& L() { return csme16_region().layout; }

TEST(CseMalformed, ValidImagesHaveNoFindings) {
    // The control for every case below.
    EXPECT_TRUE(cse_findings(csme16_region().bytes).empty());
    EXPECT_TRUE(cse_findings(csme12_region().bytes).empty());
    EXPECT_TRUE(cse_findings(glk_ifwi().bytes).empty());
}

TEST(CseMalformed, BpdtCountPastTheEnd) {
    Bytes b = glk_ifwi().bytes;
    ASSERT_GT(0x18u + 0xFFFFu * 12, b.size());
    put16(b, 4, 0xFFFF);
    expect_finding(b, "bpdt_malformed");

    Bytes v2 = csme16_region().bytes;
    const uint32_t bp3 = L().bp3->offset;
    ASSERT_GT(bp3 + 0x18u + 0xFFFFu * 12, v2.size());
    put16(v2, bp3 + 4, 0xFFFF);
    expect_finding(v2, "bpdt_malformed");
}

// Regression (fuzzing): a count that fits the file but no real table (20,000 entries) gave one
// finding per entry, 20,000 of them, and a 2.5 MB report. Here: 5,000 entries that fit the file.
TEST(CseMalformed, BpdtCountFarAboveAnyRealTable) {
    Bytes b = glk_ifwi().bytes;
    ASSERT_LT(0x18u + 5000u * 12, b.size());
    put16(b, 4, 5000);
    const auto findings = cse_findings(b);
    EXPECT_TRUE(has_finding(findings, "bpdt_malformed")) << finding_codes(findings);
    EXPECT_LT(findings.size(), 10u) << finding_codes(findings).substr(0, 300);
    bool named = false;
    for (const Finding& f : findings) named |= f.message.find("declares 5000 entries") != std::string::npos;
    EXPECT_TRUE(named) << finding_codes(findings);
}

TEST(CseMalformed, CpdCountPastTheEnd) {
    Bytes b = csme16_region().bytes;
    const uint32_t cpd = L().bp1.ftpr().offset;
    put32(b, cpd + 4, 0x00FFFFFF);
    const auto findings = cse_findings(b);
    EXPECT_TRUE(has_finding(findings, "cpd_malformed")) << finding_codes(findings);
    EXPECT_TRUE(has_finding(findings, "ftpr_missing")) << finding_codes(findings);
}

TEST(CseMalformed, CpdCountFarAboveAnyRealDirectory) {
    // 5,000 entries fit in the region but in no real directory: one finding, not 5,000 items.
    Bytes b = csme16_region().bytes;
    const uint32_t cpd = L().bp1.ftpr().offset;
    ASSERT_LT(cpd + 0x10u + 5000u * 24, b.size());
    put32(b, cpd + 4, 5000);
    const Analysis a = inspect(b);
    ASSERT_TRUE(a.cse);
    EXPECT_TRUE(has_finding(a.cse->findings, "cpd_malformed")) << finding_codes(a.cse->findings);
    EXPECT_NE(analysis_json(a).find("declares 5000 entries"), std::string::npos);
}

TEST(CseMalformed, DataPartitionCountPastTheEnd) {
    Bytes b = csme16_region().bytes;
    put32(b, L().data_partition.offset + 4, 0x00FFFFFF);
    expect_finding(b, "data_fpt_malformed");
}

TEST(CseMalformed, BpdtEntriesOverlap) {
    Bytes b = csme16_region().bytes;
    const auto* pmcp = L().bp1.find(T::PMCP);
    const auto* ftpr = L().bp1.find(T::FTPR);
    ASSERT_TRUE(pmcp && ftpr);
    // PMCP now starts inside FTPR (offsets are relative to the BPDT).
    put32(b, pmcp->entry_offset + 4, ftpr->data.offset - L().bp1.offset + 0x100);
    synth::recompute_bpdt_crc(b, L().bp1.offset);
    expect_finding(b, "bpdt_overlap");
}

TEST(CseMalformed, Ifwi2EntriesOverlap) {
    Bytes b = glk_ifwi().bytes;
    const auto* smip = glk_ifwi().layout.find(T::SMIP);
    const auto* ucod = glk_ifwi().layout.find(T::UCOD);
    ASSERT_TRUE(smip && ucod);
    // UCOD grows into the entry placed after it (still inside the image).
    put32(b, ucod->entry_offset + 8, ucod->data.size + 0x1000);
    ASSERT_LE(ucod->data.end() + 0x1000, b.size());
    expect_finding(b, "bpdt_overlap");
}

TEST(CseMalformed, SecondaryBpdtPointingBackAtThePrimary) {
    for (bool v2 : {true, false}) {
        SCOPED_TRACE(v2 ? "BPDT v2" : "IFWI 2.0");
        Bytes b = v2 ? csme16_region().bytes : glk_ifwi().bytes;
        const synth::BootPartitionLayout& bp = v2 ? L().bp1 : glk_ifwi().layout;
        const auto* s = bp.find(T::S_BPDT);
        ASSERT_TRUE(s);
        put32(b, s->entry_offset + 4, 0);  // → the primary BPDT itself
        if (v2) synth::recompute_bpdt_crc(b, bp.offset);
        const Analysis a = inspect(b);  // must return (no endless recursion)
        ASSERT_TRUE(a.cse);
        EXPECT_TRUE(has_finding(a.cse->findings, "bpdt_recursive")) << finding_codes(a.cse->findings);
        // The primary's entries are not listed a second time as S-BPDT entries.
        ASSERT_FALSE(a.cse->boot_partitions.empty());
        for (const BpdtEntry& e : a.cse->boot_partitions[0].entries) EXPECT_FALSE(e.secondary) << e.name;
    }
}

TEST(CseMalformed, SecondaryBpdtPointingAtItself) {
    // An S-BPDT whose own entry list names an S-BPDT again (itself).
    Bytes b = csme16_region().bytes;
    const uint32_t sbpdt = *L().bp1.secondary_offset;
    const auto* iomp = L().bp1.find(23, true);
    ASSERT_TRUE(iomp);
    put32(b, iomp->entry_offset, T::S_BPDT);
    put32(b, iomp->entry_offset + 4, sbpdt - L().bp1.offset);
    put32(b, iomp->entry_offset + 8, 0x1000);
    synth::recompute_bpdt_crc(b, sbpdt);
    synth::recompute_bpdt_crc(b, L().bp1.offset);
    const Analysis a = inspect(b);
    ASSERT_TRUE(a.cse);
    EXPECT_TRUE(has_finding(a.cse->findings, "bpdt_recursive")) << finding_codes(a.cse->findings);
}

TEST(CseMalformed, BpdtEntryOutsideTheRegion) {
    Bytes b = csme16_region().bytes;
    const auto* pchc = L().bp1.find(T::PCHC);
    ASSERT_TRUE(pchc);
    put32(b, pchc->entry_offset + 4, 0x7FFFF000);
    synth::recompute_bpdt_crc(b, L().bp1.offset);
    expect_finding(b, "bpdt_entry_outside");
    // A size running past the end counts too.
    Bytes c = csme16_region().bytes;
    put32(c, pchc->entry_offset + 8, uint32_t(c.size()));
    synth::recompute_bpdt_crc(c, L().bp1.offset);
    expect_finding(c, "bpdt_entry_outside");
}

TEST(CseMalformed, CpdV2CrcMismatch) {
    Bytes b = csme16_region().bytes;
    const auto& ftpr = L().bp1.ftpr();
    b.at(ftpr.entries.back().entry_offset + 0x14) ^= 0x01;  // a reserved byte of the last entry
    const Analysis a = inspect(b);
    ASSERT_TRUE(a.cse && a.cse->ftpr);
    EXPECT_FALSE(a.cse->ftpr->integrity_ok);
    EXPECT_TRUE(has_finding(a.cse->findings, "cpd_integrity")) << finding_codes(a.cse->findings);
}

TEST(CseMalformed, CpdV1ChecksumMismatch) {
    Bytes b = glk_ifwi().bytes;
    const auto& ftpr = glk_ifwi().layout.ftpr();
    b.at(ftpr.checksum_offset) ^= 0x5A;
    expect_finding(b, "cpd_integrity");
}

TEST(CseMalformed, LayoutTableCrcWrong) {
    Bytes b = csme16_region().bytes;
    b.at(L().layout_crc_offset) ^= 0x01;
    const Analysis a = inspect(b);
    ASSERT_TRUE(a.cse);
    ASSERT_TRUE(a.cse->layout_crc_ok);
    EXPECT_FALSE(*a.cse->layout_crc_ok);
    EXPECT_TRUE(has_finding(a.cse->findings, "layout_crc")) << finding_codes(a.cse->findings);
    EXPECT_EQ(a.cse->version, "16.1.30.2307");  // still read
}

TEST(CseMalformed, LayoutTablePartitionsOverlap) {
    Bytes b = csme16_region().bytes;
    // BP3 starts inside the data partition.
    put32(b, L().bp_offset_field(3), L().data.offset + 0x1000);
    synth::recompute_layout_crc(b, 0);
    expect_finding(b, "layout_overlap");
}

TEST(CseMalformed, DataPartitionCrcMismatch) {
    Bytes b = csme16_region().bytes;
    b.at(L().data_partition.entries[0].entry_offset + 0x10) ^= 0x01;  // a reserved field of PSVN
    const Analysis a = inspect(b);
    ASSERT_TRUE(a.cse && a.cse->data_partition && a.cse->data_partition->crc_ok);
    EXPECT_FALSE(*a.cse->data_partition->crc_ok);
    EXPECT_TRUE(has_finding(a.cse->findings, "data_fpt_crc")) << finding_codes(a.cse->findings);
}

TEST(CseMalformed, BpdtV2CrcMismatch) {
    Bytes b = csme16_region().bytes;
    b.at(L().bp1.offset + 0xC) ^= 0x01;  // IFWI version, covered by the CRC
    expect_finding(b, "bpdt_crc");
}

TEST(CseMalformed, ManifestTagMissing) {
    Bytes b = csme16_region().bytes;
    b.at(L().bp1.ftpr().manifest->offset + 0x1C) = 'X';
    expect_finding(b, "manifest_tag");
}

TEST(CseMalformed, SignatureInTheLastFourBytesIsABpdtCutShort) {
    // A BPDT signature that ends exactly at the window's end is still a BPDT, whose header is cut
    // off: the reader says so instead of taking the window for something else.
    const Bytes b = {0xAA, 0x55, 0x00, 0x00};
    const std::optional<CseFirmware> cse = read_cse_firmware(b, 0, b.size());
    ASSERT_TRUE(cse) << "a BPDT signature in the last four bytes was not recognised";
    EXPECT_EQ(cse->layout, "IFWI 2.0 BPDT");
    EXPECT_FALSE(cse->findings.empty()) << "the cut-off header was not reported";
}

TEST(CseMalformed, TruncatedAnywhereNeverCrashes) {
    const Bytes& full = csme16_region().bytes;
    std::vector<size_t> cuts = {0x10, 0x20, 0x48, 0x58, 0x1000, 0x1010, 0x1018, 0x1030};
    for (const auto& e : L().bp1.entries) {
        if (e.data.size) cuts.push_back(e.data.offset + 0x10);
        if (e.directory) cuts.push_back(e.directory->offset + 0x14);
    }
    cuts.push_back(L().data_partition.offset + 0x30);
    cuts.push_back(L().bp1.ftpr().manifest->offset + 0x100);
    cuts.push_back(full.size() - 1);
    for (size_t cut : cuts) {
        SCOPED_TRACE(cut);
        const Bytes b(full.begin(), full.begin() + std::ptrdiff_t(std::min(cut, full.size())));
        const Analysis a = inspect(b);
        (void)analysis_json(a);
    }
}

TEST(CseMalformed, RandomDamageNeverCrashes) {
    // Deterministic byte damage in the tables (layout, BPDTs, $CPD headers, data $FPT).
    std::vector<std::pair<uint32_t, uint32_t>> tables = {{0, 0x58},
                                                         {L().bp1.offset, 0x18 + 12 * L().bp1.entry_count},
                                                         {*L().bp1.secondary_offset, 0x30},
                                                         {L().bp1.ftpr().offset, 0x14 + 0x18 * 8},
                                                         {L().data_partition.offset, 0x20 + 0x20 * 13}};
    uint32_t x = 0x12345678;
    auto next = [&] { return x = x * 1664525u + 1013904223u; };
    for (int round = 0; round < 300; ++round) {
        Bytes b = csme16_region().bytes;
        for (int k = 0; k < 4; ++k) {
            const auto& t = tables[next() % tables.size()];
            b.at(t.first + next() % t.second) = uint8_t(next() >> 24);
        }
        const Analysis a = inspect(b);
        (void)analysis_json(a);
    }
    SUCCEED();
}

}  // namespace
}  // namespace meclean::cse_test
