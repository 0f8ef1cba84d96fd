// inspect(): classification, generation, FTPR, manifest, key, signature, disable bits and
// me_cleaner's detection lines (formats.md §2.8.2–§2.8.5, §2.8.16).
#include <gtest/gtest.h>

#include <cstdio>

#include "crypto/crypto.hpp"
#include "me/key_table.hpp"
#include "test_support.hpp"

namespace meclean {
namespace {

using namespace testing_support;

std::string hexs(uint64_t v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
    return buf;
}

std::string md5_hex(const Bytes& b, size_t at, size_t length) {
    auto d = crypto::md5(std::span<const uint8_t>(b).subspan(at, length));
    std::string out;
    for (uint8_t x : d) {
        char buf[3];
        std::snprintf(buf, sizeof buf, "%02x", x);
        out += buf;
    }
    return out;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// ---- classification

TEST(Classify, FullImageGen2) {
    Analysis a = inspect(full_gen2().bytes);
    ASSERT_FALSE(a.problem) << problem_text(a.problem);
    EXPECT_EQ(a.kind, ImageKind::full);
    ASSERT_TRUE(a.descriptor);
    EXPECT_EQ(a.generation, 2);
    EXPECT_EQ(a.me_region_start, full_gen2().me.offset);
    EXPECT_EQ(a.me_region_end, full_gen2().me.end());
    EXPECT_EQ(a.bios_region_start, 0x500000u);
    EXPECT_EQ(a.bios_region_end, 0x800000u);
    EXPECT_EQ(a.descriptor_region_start, 0u);
    EXPECT_EQ(a.descriptor_region_end, 0x1000u);
    EXPECT_FALSE(a.me_region_disabled);
    EXPECT_EQ(std::string(image_kind_name(a.kind)), "full");
}

TEST(Classify, MeOnlyImage) {
    Analysis a = inspect(me7().bytes);
    ASSERT_FALSE(a.problem) << problem_text(a.problem);
    EXPECT_EQ(a.kind, ImageKind::me_only);
    EXPECT_FALSE(a.descriptor);
    EXPECT_EQ(a.generation, 2);
    ASSERT_TRUE(a.me);
    EXPECT_EQ(a.me->region_start, 0u);
    EXPECT_EQ(a.me->region_end, me7().bytes.size());
}

TEST(Classify, MeOnlyWithFptAtZero) {
    Analysis a = inspect(me5().bytes);
    ASSERT_FALSE(a.problem) << problem_text(a.problem);
    EXPECT_EQ(a.kind, ImageKind::me_only);
    ASSERT_TRUE(a.me);
    EXPECT_EQ(a.me->fpt.offset, 0u);
    EXPECT_EQ(a.generation, 1);  // CODE partition → gen 1 (§2.8.3 step 4)
}

TEST(Classify, UnknownImage) {
    Bytes b(0x2000, 0x5C);
    Analysis a = inspect(b);
    EXPECT_EQ(a.kind, ImageKind::unknown);
    ASSERT_TRUE(a.problem);
    EXPECT_EQ(a.problem->code, "unknown_image");
    EXPECT_EQ(a.problem->message, "Unknown image");
    EXPECT_FALSE(a.me);
}

TEST(Classify, FptWinsOverDescriptorSignature) {
    // §2.8.2 step 2: $FPT at 0 or 0x10 is tested first.
    Bytes b = me7().bytes;
    put32(b, 0, 0x0FF0A55A);
    Analysis a = inspect(b);
    EXPECT_EQ(a.kind, ImageKind::me_only);
}

// ---- generations and FTPR

TEST(Generation, Gen1FullImage) {
    Analysis a = inspect(full_gen1().bytes);
    ASSERT_FALSE(a.problem) << problem_text(a.problem);
    EXPECT_EQ(a.kind, ImageKind::full);
    EXPECT_EQ(a.generation, 1);
    ASSERT_TRUE(a.me);
    EXPECT_EQ(a.me->manifest.tag, "$MAN");
    EXPECT_EQ(a.me->ftpr_offset, me5().layout.code.offset);
    EXPECT_EQ(a.me->fpt.entries[a.me->ftpr_entry].name, "CODE");
}

TEST(Generation, Gen2FtprAndManifest) {
    Analysis a = inspect(full_gen2().bytes);
    ASSERT_TRUE(a.me);
    const auto& L = me7().layout;
    const auto* ftpr = L.fpt.find("FTPR");
    ASSERT_NE(ftpr, nullptr);
    EXPECT_EQ(a.me->ftpr_offset, ftpr->offset_field);
    EXPECT_EQ(a.me->ftpr_length, ftpr->length_field);
    EXPECT_EQ(a.me->ftpr_offset, L.ftpr.offset);
    EXPECT_EQ(a.me->mn2_offset, 0u);
    EXPECT_EQ(a.me->manifest.offset, L.manifest.offset);
    EXPECT_EQ(a.me->manifest.tag, "$MN2");
    EXPECT_EQ(a.me->manifest.header_length, L.manifest.header_length);
    EXPECT_EQ(a.me->manifest.size, L.manifest.size);
    EXPECT_EQ(a.me->fpt.offset, L.fpt.fpt_offset);
    EXPECT_EQ(a.me->fpt.entry_count, L.fpt.partitions.size());
    std::array<uint16_t, 4> v{7, 1, 30, 1000};
    EXPECT_EQ(a.me->manifest.version, v);
}

TEST(Generation, Gen2Modules) {
    Analysis a = inspect(me7().bytes);
    ASSERT_TRUE(a.me);
    const auto& L = me7().layout;
    ASSERT_EQ(a.me->modules.size(), L.modules.size());
    for (size_t i = 0; i < L.modules.size(); ++i) {
        EXPECT_EQ(a.me->modules[i].name, L.modules[i].name);
        EXPECT_EQ(a.me->modules[i].offset, L.modules[i].data_offset) << L.modules[i].name;
    }
}

TEST(Generation, Gen3ManifestViaCpd) {
    Analysis a = inspect(full_gen3().bytes);
    ASSERT_FALSE(a.problem) << problem_text(a.problem);
    EXPECT_EQ(a.generation, 3);
    ASSERT_TRUE(a.me);
    const auto& L = me11().layout;
    EXPECT_EQ(a.me->ftpr_offset, L.cpd_offset);
    EXPECT_EQ(a.me->ftpr_length, L.fpt.find("FTPR")->length_field);
    const auto* man = L.find("FTPR.man");
    ASSERT_NE(man, nullptr);
    EXPECT_EQ(a.me->mn2_offset, man->data_offset - L.cpd_offset);
    EXPECT_EQ(a.me->manifest.offset, L.manifest.offset);
    std::array<uint16_t, 4> v{11, 8, 50, 1000};
    EXPECT_EQ(a.me->manifest.version, v);
    EXPECT_EQ(a.me->modules.size(), L.entries.size());
}

TEST(Generation, TxeIsGen2) {
    Analysis a = inspect(txe1().bytes);
    ASSERT_FALSE(a.problem) << problem_text(a.problem);
    EXPECT_EQ(a.generation, 2);
    std::array<uint16_t, 4> v{1, 1, 4, 1000};
    EXPECT_EQ(a.me->manifest.version, v);
}

// ---- keys (§2.8.3 step 8, §2.8.16)

TEST(Keys, Md5OfModulusAndExponent) {
    Analysis a = inspect(me7().bytes);
    ASSERT_TRUE(a.me);
    uint32_t m = me7().layout.manifest.offset;
    EXPECT_EQ(a.me->manifest.key_md5, md5_hex(me7().bytes, m + 0x80, 0x104));
    EXPECT_EQ(a.me->manifest.exponent, 17u);
    EXPECT_EQ(a.me->manifest.key_size_dwords, 0x40u);
}

TEST(Keys, KnownKeysFromTheTable) {
    KeyMatch me78 = match_public_key("0903fc25b0f6bed8c4ed724aca02124c", 8);
    EXPECT_TRUE(me78.known);
    EXPECT_EQ(me78.variant, FirmwareVariant::me);
    KeyMatch me11k = match_public_key("986a78e481f185f7d54e4af06eb413f6", 11);
    EXPECT_TRUE(me11k.known);
    EXPECT_EQ(me11k.variant, FirmwareVariant::me);
    KeyMatch txe = match_public_key("b726a2ab9cd59d4e62fe2bead7cf6997", 1);
    EXPECT_TRUE(txe.known);
    EXPECT_EQ(txe.variant, FirmwareVariant::txe);
    KeyMatch sps = match_public_key("31ef3d950eac99d18e187375c0764ca4", 4);
    EXPECT_TRUE(sps.known);
    EXPECT_EQ(sps.variant, FirmwareVariant::sps);
    // A known key decides the variant whatever the version says.
    EXPECT_EQ(match_public_key("bda0b6bb8ca0bf0cac55ac4c4d55e0f2", 9).variant, FirmwareVariant::txe);
    // Not in 1.2's table: glk CSTXE 4.0 and the ME 16.1 key.
    EXPECT_FALSE(match_public_key("95a0c8587bd5521ce8aaae9288f084e2", 4).known);
    EXPECT_FALSE(match_public_key("e7155f4342af9d1b7e4cac467190d382", 16).known);
    // Upper-case hex is not what me_cleaner compares.
    EXPECT_FALSE(match_public_key("0903FC25B0F6BED8C4ED724ACA02124C", 8).known);
}

TEST(Keys, KnownKeyLine) {
    KeyMatch me78 = match_public_key("0903fc25b0f6bed8c4ed724aca02124c", 8);
    EXPECT_EQ(describe_key_match(me78, "0903fc25b0f6bed8c4ed724aca02124c"),
              "Public key match: Intel ME, firmware versions 7.x.x.x, 8.x.x.x");
    KeyMatch txe = match_public_key("b726a2ab9cd59d4e62fe2bead7cf6997", 1);
    EXPECT_EQ(describe_key_match(txe, "b726a2ab9cd59d4e62fe2bead7cf6997"),
              "Public key match: Intel TXE, firmware versions 1.x.x.x");
}

TEST(Keys, UnknownKeyVariantByMajor) {
    EXPECT_EQ(match_public_key("00000000000000000000000000000000", 6).variant, FirmwareVariant::me);
    EXPECT_EQ(match_public_key("00000000000000000000000000000000", 5).variant, FirmwareVariant::txe);
    EXPECT_EQ(match_public_key("00000000000000000000000000000000", 0).variant, FirmwareVariant::txe);
}

TEST(Keys, SyntheticKeysAreUnknown) {
    Analysis me = inspect(me7().bytes);
    EXPECT_FALSE(me.me->key.known);
    EXPECT_EQ(me.me->key.variant, FirmwareVariant::me);
    Analysis txe = inspect(txe1().bytes);
    EXPECT_FALSE(txe.me->key.known);
    EXPECT_EQ(txe.me->key.variant, FirmwareVariant::txe);  // major 1 < 6
    Analysis gen1 = inspect(me5().bytes);
    EXPECT_EQ(gen1.me->key.variant, FirmwareVariant::txe);  // quirk §2.9 item 4
}

// ---- signatures

TEST(Signature, ValidOnBuilderImages) {
    for (const Bytes* b : {&me7().bytes, &txe1().bytes, &me11().bytes, &full_gen2().bytes, &full_gen3().bytes}) {
        Analysis a = inspect(*b);
        ASSERT_TRUE(a.me) << problem_text(a.problem);
        EXPECT_TRUE(a.me->manifest.signature.me_cleaner_valid);
        EXPECT_TRUE(a.me->manifest.signature.strict_valid);
        EXPECT_EQ(a.me->manifest.signature.scheme, "RSA-2048 PKCS#1 v1.5 SHA-256");
    }
}

TEST(Signature, FlippedSignedBodyByteFailsBoth) {
    Bytes b = me7().bytes;
    const auto& M = me7().layout.manifest;
    b.at(M.offset + M.header_length) ^= 0x01;  // first byte of the signed body
    Analysis a = inspect(b);
    ASSERT_TRUE(a.me) << problem_text(a.problem);
    EXPECT_FALSE(a.me->manifest.signature.me_cleaner_valid);
    EXPECT_FALSE(a.me->manifest.signature.strict_valid);
}

TEST(Signature, FlippedSignedHeaderByteFailsBoth) {
    Bytes b = me11().bytes;
    const auto& M = me11().layout.manifest;
    b.at(M.offset + 0x14) ^= 0x10;  // date, inside the first 0x80 signed bytes
    Analysis a = inspect(b);
    ASSERT_TRUE(a.me) << problem_text(a.problem);
    EXPECT_FALSE(a.me->manifest.signature.me_cleaner_valid);
    EXPECT_FALSE(a.me->manifest.signature.strict_valid);
}

TEST(Signature, FlippedSignatureByteFailsBoth) {
    Bytes b = me7().bytes;
    const auto& M = me7().layout.manifest;
    b.at(M.signature_offset + 0x40) ^= 0x80;
    Analysis a = inspect(b);
    ASSERT_TRUE(a.me);
    EXPECT_FALSE(a.me->manifest.signature.me_cleaner_valid);
    EXPECT_FALSE(a.me->manifest.signature.strict_valid);
}

TEST(Signature, UnsignedBytesDoNotMatter) {
    // Module data after the manifest is not covered by the signature.
    Bytes b = me7().bytes;
    const auto& M = me7().layout.manifest;
    b.at(M.end() + 0x100) ^= 0x01;
    Analysis a = inspect(b);
    ASSERT_TRUE(a.me);
    EXPECT_TRUE(a.me->manifest.signature.me_cleaner_valid);
    EXPECT_TRUE(a.me->manifest.signature.strict_valid);
}

TEST(Signature, PssManifestIsStrictValidButNotMeCleanerValid) {
    // §2.4/§2.9 item 1: me_cleaner's 2048-bit check fails on 3072-bit manifests; the strict
    // check verifies RSASSA-PSS SHA-384. A $CPD v1 directory keeps me_cleaner's fixed +0x10
    // walk working, so the 3072-bit manifest is found.
    synth::Gen3RegionSpec spec = synth::me11_region_spec();
    spec.ftpr.manifest.key = synth::SigningKey::Rsa3072E65537;
    synth::Gen3Region r = synth::build_gen3_region(spec);
    Analysis a = inspect(r.bytes);
    ASSERT_TRUE(a.me) << problem_text(a.problem);
    EXPECT_EQ(a.generation, 3);
    EXPECT_EQ(a.me->manifest.key_size_dwords, 0x60u);
    EXPECT_EQ(a.me->manifest.header_version, 0x21000u);
    EXPECT_EQ(a.me->manifest.header_length, 0x384u);
    EXPECT_FALSE(a.me->manifest.signature.me_cleaner_valid);
    EXPECT_TRUE(a.me->manifest.signature.strict_valid);
    EXPECT_EQ(a.me->manifest.signature.scheme, "RSA-3072 PSS SHA-384");
    // One flipped signed byte breaks the PSS check too.
    r.bytes.at(r.layout.manifest.offset + r.layout.manifest.header_length) ^= 1;
    Analysis b = inspect(r.bytes);
    ASSERT_TRUE(b.me);
    EXPECT_FALSE(b.me->manifest.signature.strict_valid);
}

TEST(Signature, CpdV2DirectoryIsWalkedFromFixedOffset) {
    // §2.8.3 step 5 / §2.9 item 11: me_cleaner reads $CPD entries from +0x10 whatever the
    // header length, so on a v2 directory (header 0x14) FTPR.man is not found → exit.
    Analysis a = inspect(csme15().bytes);
    ASSERT_TRUE(a.problem);
    EXPECT_EQ(a.problem->code, "manifest_missing");
    EXPECT_EQ(a.problem->offset, std::optional<uint64_t>(csme15().layout.cpd_offset));
}

// ---- disable bits (§1.8, §2.8.4)

TEST(DisableBits, AltMeDisableOnGen2) {
    Analysis a = inspect(full_gen2().bytes);
    ASSERT_EQ(a.disable_bits.size(), 1u);
    const DisableBit& d = a.disable_bits[0];
    EXPECT_EQ(d.name, "AltMeDisable");
    EXPECT_EQ(d.strap, "PCHSTRP10");
    EXPECT_EQ(d.offset, 0x100u + 0x28u);
    EXPECT_EQ(d.bit, 7u);
    EXPECT_FALSE(d.set);
    EXPECT_TRUE(has_line(a.log, "The AltMeDisable bit is NOT SET"));

    Bytes b = full_gen2().bytes;
    b.at(0x128) |= 0x80;
    Analysis s = inspect(b);
    ASSERT_EQ(s.disable_bits.size(), 1u);
    EXPECT_TRUE(s.disable_bits[0].set);
    EXPECT_TRUE(has_line(s.log, "The AltMeDisable bit is SET"));
}

TEST(DisableBits, HapOnGen3) {
    Analysis a = inspect(full_gen3().bytes);
    ASSERT_EQ(a.disable_bits.size(), 1u);
    const DisableBit& d = a.disable_bits[0];
    EXPECT_EQ(d.name, "HAP");
    EXPECT_EQ(d.strap, "PCHSTRP0");
    EXPECT_EQ(d.offset, 0x100u);
    EXPECT_EQ(d.bit, 16u);
    EXPECT_FALSE(d.set);
    EXPECT_TRUE(has_line(a.log, "The HAP bit is NOT SET"));

    Bytes b = full_gen3().bytes;
    b.at(0x102) |= 0x01;  // §1.8: byte 0x102 bit 0
    Analysis s = inspect(b);
    EXPECT_TRUE(s.disable_bits.at(0).set);
    EXPECT_TRUE(has_line(s.log, "The HAP bit is SET"));
}

TEST(DisableBits, MeDisableOnGen1) {
    Analysis a = inspect(full_gen1().bytes);
    ASSERT_EQ(a.disable_bits.size(), 2u);
    EXPECT_EQ(a.disable_bits[0].strap, "ICHSTRP0");
    EXPECT_EQ(a.disable_bits[0].offset, synth::ich9_descriptor().fpsba);
    EXPECT_EQ(a.disable_bits[0].bit, 0u);
    EXPECT_EQ(a.disable_bits[1].strap, "MCHSTRP0");
    EXPECT_EQ(a.disable_bits[1].offset, synth::ich9_descriptor().fmsba);
    EXPECT_EQ(a.disable_bits[1].bit, 0u);
    EXPECT_FALSE(a.disable_bits[0].set);
    EXPECT_FALSE(a.disable_bits[1].set);
}

TEST(DisableBits, NoneOnMeOnlyImages) {
    EXPECT_TRUE(inspect(me7().bytes).disable_bits.empty());
}

// ---- ME 6 Ignition (§2.8.5)

TEST(Ignition, DetectedOnIgnitionImage) {
    Analysis a = inspect(me6_ignition().bytes);
    ASSERT_TRUE(a.me) << problem_text(a.problem);
    EXPECT_TRUE(a.me->ignition);
    EXPECT_EQ(a.me->manifest.version[0], 6);
    ASSERT_TRUE(me6_ignition().layout.sku_marker_offset);
}

TEST(Ignition, NotDetectedElsewhere) {
    EXPECT_FALSE(inspect(me7().bytes).me->ignition);
    // Breaking the $SKU tag removes the verdict.
    Bytes b = me6_ignition().bytes;
    b.at(*me6_ignition().layout.sku_marker_offset) = 'X';
    Analysis a = inspect(b);
    ASSERT_TRUE(a.me);
    EXPECT_FALSE(a.me->ignition);
    // Non-zero bytes 8–11 of the record also remove it.
    Bytes c = me6_ignition().bytes;
    c.at(*me6_ignition().layout.sku_marker_offset + 8) = 1;
    EXPECT_FALSE(inspect(c).me->ignition);
}

// ---- me_cleaner's console lines (corpus wording)

TEST(Log, FullGen2DetectionLines) {
    Analysis a = inspect(full_gen2().bytes);
    const auto* ftpr = me7().layout.fpt.find("FTPR");
    std::string md5 = md5_hex(me7().bytes, me7().layout.manifest.offset + 0x80, 0x104);
    std::string want = "Full image detected\n"
                       "Found FPT header at 0x3010\n"
                       "Found " + std::to_string(me7().layout.fpt.partitions.size()) + " partition(s)\n"
                       "Found FTPR header: FTPR partition spans from " + hexs(ftpr->offset_field) + " to " +
                       hexs(ftpr->offset_field + ftpr->length_field) + "\n"
                       "ME/TXE firmware version 7.1.30.1000 (generation 2)\n"
                       "WARNING Unknown public key " + md5 + "\n"
                       "        Assuming Intel ME\n"
                       "        Please report this warning to the project's maintainer!\n"
                       "The AltMeDisable bit is NOT SET\n";
    EXPECT_EQ(joined(a.log), want);
}

TEST(Log, MeOnlyGen3DetectionLines) {
    Analysis a = inspect(me11().bytes);
    const auto& L = me11().layout;
    const auto* ftpr = L.fpt.find("FTPR");
    std::string md5 = md5_hex(me11().bytes, L.manifest.offset + 0x80, 0x104);
    std::string want = "ME/TXE image detected\n"
                       "Found FPT header at 0x10\n"
                       "Found " + std::to_string(L.fpt.partitions.size()) + " partition(s)\n"
                       "Found FTPR header: FTPR partition spans from " + hexs(ftpr->offset_field) + " to " +
                       hexs(ftpr->offset_field + ftpr->length_field) + "\n"
                       "Found FTPR manifest at " + hexs(L.manifest.offset) + "\n"
                       "ME/TXE firmware version 11.8.50.1000 (generation 3)\n"
                       "WARNING Unknown public key " + md5 + "\n"
                       "        Assuming Intel ME\n"
                       "        Please report this warning to the project's maintainer!\n";
    EXPECT_EQ(joined(a.log), want);
}

TEST(Log, TxeUnknownKeyAssumesTxe) {
    Analysis a = inspect(txe1().bytes);
    std::string all = joined(a.log);
    EXPECT_NE(all.find("        Assuming Intel TXE\n"), std::string::npos) << all;
    EXPECT_NE(all.find("ME/TXE firmware version 1.1.4.1000 (generation 2)\n"), std::string::npos) << all;
}

TEST(Log, DisabledMeRegionLine) {
    Bytes b = full_gen2().bytes;
    put32(b, 0x40 + 8, 0x00001FFF);
    Analysis a = inspect(b);
    EXPECT_TRUE(a.me_region_disabled);
    EXPECT_FALSE(a.me);
    EXPECT_TRUE(has_line(a.log, "The ME region in this image has already been disabled"));
}

}  // namespace
}  // namespace meclean
