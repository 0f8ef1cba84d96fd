// The reader on synthetic CSE images from core/synth/ifwi_builder: every layout variant
// (CSE LT 1.7 + BPDT v2 + $CPD v2 + PSS, LT 1.6 + BPDT v1 + $CPD v1 + PKCS#1, IFWI 2.0),
// as region files and inside full images. Expected values come from the builder's layouts.
#include "cse_support.hpp"

#include "crypto/crypto.hpp"

namespace meclean::cse_test {
namespace {

namespace T = synth::bpdt_type;

// Every entry the builder wrote appears (in any order: the S-BPDT's entries may follow
// the S-BPDT entry) with its type, level, file offset, size and directory.
void expect_entries_match(const Bpdt& bpdt, const synth::BootPartitionLayout& layout, uint64_t base) {
    ASSERT_EQ(bpdt.entries.size(), layout.entries.size());
    for (const auto& want : layout.entries) {
        SCOPED_TRACE("type " + std::to_string(want.type) + (want.secondary ? " (S-BPDT)" : ""));
        const BpdtEntry* got = bpdt_entry(bpdt, want.type, want.secondary);
        ASSERT_TRUE(got);
        EXPECT_EQ(got->size, want.data.size);
        if (want.data.size != 0) EXPECT_EQ(got->offset, base + want.data.offset);
        EXPECT_EQ(got->directory.has_value(), want.directory.has_value());
        if (got->directory && want.directory) {
            EXPECT_EQ(got->directory->offset, base + want.directory->offset);
            EXPECT_TRUE(got->directory->integrity_ok);
            EXPECT_EQ(got->directory->items.size(), want.directory->entries.size());
        }
    }
}

void expect_csme16(const CseFirmware& cse, const synth::CseRegion& region, uint64_t base) {
    const auto& L = region.layout;
    EXPECT_EQ(cse.layout, "CSE layout table 1.7");
    EXPECT_EQ(cse.layout_offset, base);
    ASSERT_TRUE(cse.layout_crc_ok.has_value());
    EXPECT_TRUE(*cse.layout_crc_ok);
    ASSERT_TRUE(cse.data_partition);
    EXPECT_EQ(cse.data_partition->offset, base + L.data_partition.offset);
    EXPECT_EQ(cse.data_partition->header_version, 0x21u);
    ASSERT_TRUE(cse.data_partition->crc_ok.has_value());
    EXPECT_TRUE(*cse.data_partition->crc_ok);
    ASSERT_EQ(cse.data_partition->entries.size(), L.data_partition.entries.size());
    for (size_t i = 0; i < L.data_partition.entries.size(); ++i) {
        EXPECT_EQ(cse.data_partition->entries[i].name, L.data_partition.entries[i].name);
        EXPECT_EQ(cse.data_partition->entries[i].offset, L.data_partition.entries[i].offset_field);  // $FPT-relative
    }
    ASSERT_EQ(cse.boot_partitions.size(), 2u);
    EXPECT_EQ(cse.boot_partitions[0].offset, base + L.bp1.offset);
    EXPECT_EQ(cse.boot_partitions[0].version, 2u);
    EXPECT_FALSE(cse.boot_partitions[0].recovery);
    ASSERT_TRUE(cse.boot_partitions[0].crc_ok.has_value());
    EXPECT_TRUE(*cse.boot_partitions[0].crc_ok);
    EXPECT_EQ(cse.boot_partitions[0].fit_version, "16.1.30.2319");
    expect_entries_match(cse.boot_partitions[0], L.bp1, base);
    ASSERT_TRUE(L.bp3);
    EXPECT_EQ(cse.boot_partitions[1].offset, base + L.bp3->offset);
    expect_entries_match(cse.boot_partitions[1], *L.bp3, base);
    ASSERT_TRUE(cse.ftpr);
    EXPECT_EQ(cse.ftpr->offset, base + L.bp1.ftpr().offset);
    EXPECT_EQ(cse.ftpr->header_version, 2u);
    EXPECT_EQ(cse.ftpr->partition_name, "FTPR");
    EXPECT_TRUE(cse.ftpr->integrity_ok);
    ASSERT_TRUE(cse.manifest);
    EXPECT_EQ(cse.manifest->offset, base + L.bp1.ftpr().manifest->offset);
    EXPECT_EQ(cse.version, "16.1.30.2307");
    EXPECT_EQ(cse.manifest->header_version, 0x21000u);
    EXPECT_EQ(cse.manifest->key_size_dwords, 0x60u);
    EXPECT_EQ(cse.manifest->exponent, 65537u);
    EXPECT_TRUE(cse.manifest->signature.strict_valid) << cse.manifest->signature.scheme;
    EXPECT_NE(cse.manifest->signature.scheme.find("3072"), std::string::npos);
    EXPECT_NE(cse.manifest->signature.scheme.find("PSS"), std::string::npos);
    EXPECT_EQ(cse.build_target.rfind("AlderLake S Chipset - Consumer", 0), 0u) << cse.build_target;
    EXPECT_TRUE(cse.findings.empty()) << finding_codes(cse.findings);
}

TEST(CseSynthetic, BuilderWritesWhatFormatsMdDescribes) {
    // Independent of the engine: the builder's own bytes follow §3.2–§3.4.
    const Bytes& b = csme16_region().bytes;
    const auto& L = csme16_region().layout;
    for (int i = 0; i < 16; ++i) EXPECT_EQ(b[i], 0xFF);  // ROM bypass
    EXPECT_EQ(le16(b, 0x10), 0x48);
    Bytes table(b.begin() + 0x10, b.begin() + 0x10 + 0x48);
    put32(table, 4, 0);
    EXPECT_EQ(crypto::crc32(table), le32(b, 0x14));
    EXPECT_EQ(le32(b, 0x20), L.bp1.offset);
    EXPECT_EQ(le32(b, 0x18), L.data_partition.offset);
    EXPECT_EQ(le32(b, 0x50), L.elog.offset);
    EXPECT_EQ(std::string(b.begin() + L.elog.offset, b.begin() + L.elog.offset + 4), "ELOG");
    for (uint32_t i = 0x58; i < 0x1000; ++i) ASSERT_EQ(b[i], 0xFF) << i;
    EXPECT_EQ(le32(b, L.bp1.offset), 0x000055AAu);
    EXPECT_EQ(std::string(b.begin() + L.data_partition.offset, b.begin() + L.data_partition.offset + 4), "$FPT");
    const auto* cdmd = L.data_partition.find("CDMD");
    ASSERT_TRUE(cdmd);
    EXPECT_EQ(std::string(b.begin() + cdmd->data.offset, b.begin() + cdmd->data.offset + 15), "FIT AS A FIDDLE");
    // FTPR.man sits where the $CPD entry points, with $MN2 at +0x1C.
    const auto& ftpr = L.bp1.ftpr();
    EXPECT_EQ(std::string(b.begin() + ftpr.manifest->offset + 0x1C, b.begin() + ftpr.manifest->offset + 0x20), "$MN2");
    // The S-BPDT's entries are relative to the boot partition start (§3.3).
    ASSERT_TRUE(L.bp1.secondary_offset);
    const auto* ishc = L.bp1.find(T::ISHC, true);
    ASSERT_TRUE(ishc);
    EXPECT_EQ(le32(b, ishc->entry_offset + 4) + L.bp1.offset, ishc->data.offset);
}

TEST(CseSynthetic, LayoutTable17RegionFile) {
    const Analysis a = inspect(csme16_region().bytes);
    EXPECT_EQ(a.kind, ImageKind::unknown);
    ASSERT_TRUE(a.problem);
    EXPECT_EQ(a.problem->message, "Unknown image");
    ASSERT_TRUE(a.cse);
    expect_csme16(*a.cse, csme16_region(), 0);
}

TEST(CseSynthetic, LayoutTable17FullImage) {
    const Analysis a = inspect(full_csme16());
    EXPECT_EQ(a.kind, ImageKind::full);
    EXPECT_EQ(a.me_region_start, 0x1000u);
    ASSERT_TRUE(a.problem);
    EXPECT_EQ(a.problem->message, "The ME/TXE region is valid but the firmware is corrupted or missing");
    ASSERT_TRUE(a.cse);
    expect_csme16(*a.cse, csme16_region(), 0x1000);
}

TEST(CseSynthetic, LayoutTable17WithoutElogPair) {
    synth::CseRegionSpec spec = synth::csme16_region_spec();
    spec.elog_pair = false;
    const synth::CseRegion region = synth::build_cse_region(spec);
    ASSERT_EQ(le16(region.bytes, 0x10), 0x40);
    const Analysis a = inspect(region.bytes);
    ASSERT_TRUE(a.cse);
    EXPECT_EQ(a.cse->layout, "CSE layout table 1.7");
    ASSERT_TRUE(a.cse->layout_crc_ok);
    EXPECT_TRUE(*a.cse->layout_crc_ok);
    EXPECT_EQ(a.cse->version, "16.1.30.2307");
}

TEST(CseSynthetic, LayoutTable16RegionFile) {
    const auto& r = csme12_region();
    const Analysis a = inspect(r.bytes);
    ASSERT_TRUE(a.cse);
    const CseFirmware& cse = *a.cse;
    EXPECT_EQ(cse.layout, "CSE layout table 1.6");
    EXPECT_FALSE(cse.layout_crc_ok.has_value());  // 1.6 has no CRC-32
    ASSERT_TRUE(cse.data_partition);
    EXPECT_EQ(cse.data_partition->offset, r.layout.data_partition.offset);
    EXPECT_EQ(cse.data_partition->header_version, 0x20u);
    EXPECT_FALSE(cse.data_partition->crc_ok.has_value());
    ASSERT_EQ(cse.boot_partitions.size(), 1u);
    EXPECT_EQ(cse.boot_partitions[0].version, 1u);
    EXPECT_FALSE(cse.boot_partitions[0].crc_ok.has_value());
    expect_entries_match(cse.boot_partitions[0], r.layout.bp1, 0);
    ASSERT_TRUE(cse.ftpr);
    EXPECT_EQ(cse.ftpr->header_version, 1u);
    EXPECT_TRUE(cse.ftpr->integrity_ok);
    ASSERT_TRUE(cse.manifest);
    EXPECT_EQ(cse.manifest->offset, r.layout.bp1.ftpr().manifest->offset);
    EXPECT_EQ(cse.version, "12.0.47.1524");
    EXPECT_EQ(cse.manifest->key_size_dwords, 0x40u);
    EXPECT_TRUE(cse.manifest->signature.strict_valid);
    EXPECT_NE(cse.manifest->signature.scheme.find("PKCS#1"), std::string::npos);
    EXPECT_NE(cse.manifest->signature.scheme.find("SHA-256"), std::string::npos);
    EXPECT_EQ(cse.build_target.rfind("CannonLake H Chipset", 0), 0u) << cse.build_target;
    EXPECT_TRUE(cse.findings.empty()) << finding_codes(cse.findings);
}

TEST(CseSynthetic, Ifwi20RegionFileAndFullImage) {
    const auto& ifwi = glk_ifwi();
    for (bool full : {false, true}) {
        SCOPED_TRACE(full ? "full image" : "IFWI file");
        const Analysis a = inspect(full ? full_glk() : ifwi.bytes);
        const uint64_t base = full ? 0x1000 : 0;
        ASSERT_TRUE(a.cse);
        EXPECT_EQ(a.cse->layout, "IFWI 2.0 BPDT");
        EXPECT_EQ(a.cse->layout_offset, base);
        EXPECT_FALSE(a.cse->data_partition);
        ASSERT_EQ(a.cse->boot_partitions.size(), 1u);
        const Bpdt& bpdt = a.cse->boot_partitions[0];
        EXPECT_EQ(bpdt.version, 1u);
        EXPECT_EQ(bpdt.fit_version, "4.0.50.2096");
        expect_entries_match(bpdt, ifwi.layout, base);
        const BpdtEntry* nftp = bpdt_entry(bpdt, T::NFTP, true);
        ASSERT_TRUE(nftp);
        EXPECT_EQ(nftp->offset, base + ifwi.layout.find(T::NFTP, true)->data.offset);
        ASSERT_TRUE(a.cse->manifest);
        EXPECT_EQ(a.cse->version, "4.0.50.2083");
        EXPECT_EQ(a.cse->manifest->offset, base + ifwi.layout.ftpr().manifest->offset);
        EXPECT_TRUE(a.cse->manifest->signature.strict_valid);
        EXPECT_TRUE(a.cse->findings.empty()) << finding_codes(a.cse->findings);
    }
}

TEST(CseSynthetic, RecoveryBpdtSignatureIsRead) {
    synth::BootPartitionSpec spec = synth::glk_ifwi_spec();
    spec.recovery = true;
    const synth::BootPartition ifwi = synth::build_boot_partition(spec);
    ASSERT_EQ(le32(ifwi.bytes, 0), 0x00AA55AAu);
    const Analysis a = inspect(ifwi.bytes);
    ASSERT_TRUE(a.cse);
    ASSERT_EQ(a.cse->boot_partitions.size(), 1u);
    EXPECT_TRUE(a.cse->boot_partitions[0].recovery);
    EXPECT_EQ(a.cse->version, "4.0.50.2083");
}

TEST(CseSynthetic, BpdtV1With2048KeyInLayout17) {
    // A mixed variant: LT 1.7 whose BP1 is a v2 BPDT but whose FTPR is signed PKCS#1 2048 ($CPD v1).
    synth::CseRegionSpec spec = synth::csme16_region_spec();
    spec.bp1.ftpr.header_version = 1;
    spec.bp1.ftpr.manifest.key = synth::SigningKey::Rsa2048E65537;
    spec.bp1.ftpr.manifest.version = {15, 0, 22, 1000};
    const synth::CseRegion region = synth::build_cse_region(spec);
    const Analysis a = inspect(region.bytes);
    ASSERT_TRUE(a.cse && a.cse->manifest && a.cse->ftpr);
    EXPECT_EQ(a.cse->ftpr->header_version, 1u);
    EXPECT_EQ(a.cse->version, "15.0.22.1000");
    EXPECT_TRUE(a.cse->manifest->signature.strict_valid);
    EXPECT_NE(a.cse->manifest->signature.scheme.find("2048"), std::string::npos);
}

TEST(CseSynthetic, TamperedManifestFailsSignature) {
    Bytes b = csme16_region().bytes;
    const auto& m = *csme16_region().layout.bp1.ftpr().manifest;
    b.at(m.offset + m.header_length + 4) ^= 0x01;  // a signed byte after the header
    const Analysis a = inspect(b);
    ASSERT_TRUE(a.cse && a.cse->manifest);
    EXPECT_FALSE(a.cse->manifest->signature.strict_valid);
    EXPECT_TRUE(has_finding(a.cse->findings, "cse_signature_invalid")) << finding_codes(a.cse->findings);
}

}  // namespace
}  // namespace meclean::cse_test
