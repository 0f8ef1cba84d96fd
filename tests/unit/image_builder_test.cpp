// Self-consistency tests of the synthetic image builder (tests/support): the
// bytes it writes must follow formats.md on their own, independently of the
// engine. Values quoted from formats.md Appendix A are checked literally.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "crypto/crypto.hpp"
#include "synth/image_builder.hpp"
#include "synth/test_keys.hpp"

namespace meclean::synth {
namespace {

using Buffer = std::vector<uint8_t>;

uint32_t le32(const Buffer& b, size_t at) {
    return uint32_t(b.at(at)) | uint32_t(b.at(at + 1)) << 8 | uint32_t(b.at(at + 2)) << 16 |
           uint32_t(b.at(at + 3)) << 24;
}
uint16_t le16(const Buffer& b, size_t at) { return uint16_t(b.at(at) | b.at(at + 1) << 8); }

unsigned sum8(const Buffer& b, size_t from, size_t length) {
    unsigned sum = 0;
    for (size_t i = 0; i < length; ++i) sum += b.at(from + i);
    return sum & 0xFF;
}

std::string text_at(const Buffer& b, size_t at, size_t width) {
    std::string s(b.begin() + std::ptrdiff_t(at), b.begin() + std::ptrdiff_t(at + width));
    return s.substr(0, s.find('\0'));
}

Buffer reversed(const Buffer& b, size_t at, size_t length) {
    Buffer out(b.begin() + std::ptrdiff_t(at), b.begin() + std::ptrdiff_t(at + length));
    std::reverse(out.begin(), out.end());
    return out;
}

bool all_bytes_are(const Buffer& b, size_t from, size_t length, uint8_t value) {
    return std::all_of(b.begin() + std::ptrdiff_t(from), b.begin() + std::ptrdiff_t(from + length),
                       [value](uint8_t x) { return x == value; });
}

bool any_byte_is(const Buffer& b, size_t from, size_t length, uint8_t value) {
    return std::any_of(b.begin() + std::ptrdiff_t(from), b.begin() + std::ptrdiff_t(from + length),
                       [value](uint8_t x) { return x == value; });
}

// Signed data per §2.5: first 0x80 header bytes ‖ [header length, size).
Buffer signed_data(const Buffer& b, uint32_t m) {
    const uint32_t header_length = le32(b, m + 4) * 4, size = le32(b, m + 0x18) * 4;
    Buffer data(0x80 + (size - header_length));
    std::copy_n(b.begin() + m, 0x80, data.begin());
    std::copy(b.begin() + m + header_length, b.begin() + m + size, data.begin() + 0x80);
    return data;
}

// Verifies a 2048-bit $MN2 signature from the bytes alone, the way §2.8.14 reads them.
bool pkcs1_manifest_verifies(const Buffer& b, uint32_t m) {
    const auto modulus = reversed(b, m + 0x80, 0x100);
    const auto signature = reversed(b, m + 0x184, 0x100);
    return crypto::verify_pkcs1_sha256(modulus, le32(b, m + 0x180), signature, crypto::sha256(signed_data(b, m)));
}

bool pss_manifest_verifies(const Buffer& b, uint32_t m) {
    const auto modulus = reversed(b, m + 0x80, 0x180);
    const auto signature = reversed(b, m + 0x204, 0x180);
    return crypto::verify_pss_sha384(modulus, le32(b, m + 0x200), signature, crypto::sha384(signed_data(b, m)));
}

// Shared builds: RSA signing dominates the cost of a build.
const Gen2Region& me7() {
    static const Gen2Region region = build_gen2_region(me7_region_spec());
    return region;
}
const Gen3Region& me11() {
    static const Gen3Region region = build_gen3_region(me11_region_spec());
    return region;
}

// ------------------------------------------------------------ basics

TEST(BuilderBasics, PatternIsRecognisableAndNeverErased) {
    Buffer b(0x3000);
    fill_pattern(b, 0x41);
    EXPECT_FALSE(any_byte_is(b, 0, b.size(), 0xFF));
    EXPECT_EQ(b[0], 0x41);
    EXPECT_EQ(b[2], 0x41);
    EXPECT_EQ(b[1], 0x00);
    EXPECT_EQ(b[3], 0x01);
    EXPECT_NE(b[0x101], b[0x201]);  // position-dependent: a shifted copy would differ
    EXPECT_EQ(pattern_byte(0x41, 0x1FF), b[0x1FF]);
}

TEST(BuilderBasics, NameTagsAreStableDistinctAndNotErased) {
    std::set<uint8_t> tags;
    for (const char* name : {"FTPR", "NFTP", "EFFS", "FOVD", "MDES", "FCRS", "BUP", "KERNEL"}) {
        const uint8_t tag = tag_for_name(name);
        EXPECT_EQ(tag, tag_for_name(name));
        EXPECT_NE(tag, 0xFF);
        tags.insert(tag);
    }
    EXPECT_GE(tags.size(), 7u);
    EXPECT_EQ(fourcc("$FPT"), 0x54504624u);
    EXPECT_EQ(fourcc("AB"), 0x4241u);
}

TEST(BuilderBasics, ZeroSumByteCompletesTheSum) {
    const Buffer b{0x10, 0x20, 0x00, 0xF0};
    EXPECT_EQ(zero_sum_byte(b), 0xE0);
    Buffer with = b;
    with[2] = zero_sum_byte(b);
    EXPECT_EQ(sum8(with, 0, with.size()), 0u);
}

// ------------------------------------------------------------ descriptor

TEST(DescriptorBuilder, T420MatchesAppendixA) {
    const Buffer d = build_descriptor(t420_descriptor());
    ASSERT_EQ(d.size(), 0x1000u);
    EXPECT_EQ(le32(d, 0x10), 0x0FF0A55Au);
    EXPECT_EQ(le32(d, 0x14), 0x03040003u);  // FLMAP0
    EXPECT_EQ(le32(d, 0x18), 0x12100206u);  // FLMAP1
    EXPECT_EQ(le32(d, 0x1C), 0x00210120u);  // FLMAP2
    EXPECT_EQ(le32(d, 0x30), 0x49900024u);  // FLCOMP at FCBA
    EXPECT_EQ(le32(d, 0x40), 0x00000000u);  // FLREG0 0–0xFFF
    EXPECT_EQ(le32(d, 0x44), 0x07FF0500u);  // BIOS 0x500000–0x7FFFFF
    EXPECT_EQ(le32(d, 0x48), 0x04FF0003u);  // ME 0x3000–0x4FFFFF
    EXPECT_EQ(le32(d, 0x4C), 0x00020001u);  // GbE 0x1000–0x2FFF
    EXPECT_EQ(le32(d, 0x50), kFlregUnusedV1);
    EXPECT_EQ(le32(d, 0x60), 0x0A0B0000u);  // FLMSTR1..3
    EXPECT_EQ(le32(d, 0x64), 0x0C0D0000u);
    EXPECT_EQ(le32(d, 0x68), 0x08080118u);
    EXPECT_EQ(le32(d, 0x100 + 0x28), 0x00410044u);  // PCHSTRP10
    EXPECT_EQ(le32(d, kFlumap1Offset), 0x000012DFu);
    EXPECT_TRUE(all_bytes_are(d, 0x0, 0x10, 0xFF));    // reserved before the signature
    EXPECT_TRUE(all_bytes_are(d, 0xF00, 0x100, 0xFF));  // OEM section
    EXPECT_TRUE(all_bytes_are(d, 0x100 + 18 * 4, 0x200 - (0x100 + 18 * 4), 0xFF));  // past ISL
}

TEST(DescriptorBuilder, SkylakeMatchesAppendixA) {
    const Buffer d = build_descriptor(skylake_descriptor());
    EXPECT_EQ(le32(d, 0x14), 0x00040003u);
    EXPECT_EQ(le32(d, 0x18), 0x42100208u);
    EXPECT_EQ(le32(d, 0x1C), 0x00310330u);
    EXPECT_EQ(le32(d, 0x30), 0x324C00F4u);
    EXPECT_EQ(le32(d, 0x44), 0x07FF0200u);  // BIOS 0x200000–0x7FFFFF
    EXPECT_EQ(le32(d, 0x48), 0x01FF0001u);  // ME 0x1000–0x1FFFFF
    EXPECT_EQ(le32(d, 0x4C), kFlregUnusedV2);
    for (int n = 10; n < 16; ++n) EXPECT_EQ(le32(d, 0x40 + 4 * n), kFlregAllOnes) << n;
    for (int k = 0; k < 3; ++k) EXPECT_EQ(le32(d, 0x80 + 4 * k), 0xFFFFFF00u) << k;
    EXPECT_EQ(le32(d, 0x100), 0x00000002u);  // PCHSTRP0, HAP clear
    EXPECT_EQ(le32(d, kFlumap1Offset), 0x000002DFu);
}

TEST(DescriptorBuilder, Generation1PutsSignatureAtZeroAndMapAtFour) {
    const DescriptorSpec spec = ich9_descriptor();
    const Buffer d = build_descriptor(spec);
    EXPECT_EQ(le32(d, 0x0), kFlashSignature);
    EXPECT_EQ(le32(d, 0x4) & 0xFF, 0x01u);                   // FCBA 0x10
    EXPECT_EQ((le32(d, 0x4) >> 12) & 0xFF0, 0x40u);          // FRBA, me_cleaner's arithmetic (§1.2)
    EXPECT_EQ((le32(d, 0x8) & 0xFF) << 4, 0x60u);            // FMBA
    EXPECT_EQ((le32(d, 0x8) >> 12) & 0xFF0, 0x100u);         // FISBA
    EXPECT_EQ((le32(d, 0xC) & 0xFF) << 4, 0x200u);           // FMSBA
    EXPECT_EQ(le32(d, 0x10), flcomp_density_3bit(3, 3));     // FLCOMP at FCBA
    EXPECT_EQ(le32(d, 0x48), encode_flreg(0x3000, 0x1FFFFF));
}

TEST(DescriptorBuilder, RegionSlotsEncodeAndDecodePerSection1_4) {
    EXPECT_EQ(encode_flreg(0x180000, 0xFFFFFF), 0x0FFF0180u);  // t420 16 MB FLREG1 (§2.8.12)
    EXPECT_EQ(encode_flreg(0x4F000, 0xFFFFFF), 0x0FFF004Fu);
    const RegionSlot me = RegionSlot::range(0x3000, 0x4FFFFF);
    EXPECT_TRUE(me.is_used());
    EXPECT_EQ(me.base(), 0x3000u);
    EXPECT_EQ(me.limit(), 0x4FFFFFu);
    for (uint32_t unused : {kFlregUnusedV1, kFlregUnusedV1Alt, kFlregUnusedV2, kFlregAllOnes})
        EXPECT_FALSE(RegionSlot::unused(unused).is_used()) << std::hex << unused;
    EXPECT_EQ(RegionSlot::all_ones().base(), 0x7FFF000u);   // base ≤ limit, still unused
    EXPECT_EQ(RegionSlot::all_ones().limit(), 0x7FFFFFFu);
}

TEST(DescriptorBuilder, DensityCodes) {
    EXPECT_EQ(flcomp_density_3bit(4, 4), 0x24u);   // t420 FLCOMP low bits
    EXPECT_EQ(flcomp_density_3bit(5, 5), 0x2Du);   // t420 16 MiB: 0x4990002D
    EXPECT_EQ(flcomp_density_4bit(4, 0xF), 0xF4u); // x210
    EXPECT_EQ(flcomp_density_4bit(4, 3), 0x34u);   // t440p: 8 MiB + 4 MiB
    EXPECT_EQ(density_code_for(512 * 1024), 0u);
    EXPECT_EQ(density_code_for(8 << 20), 4u);
    EXPECT_EQ(density_code_for(64 << 20), 7u);
    EXPECT_THROW(density_code_for(3 << 20), std::invalid_argument);
    EXPECT_THROW(flcomp_density_3bit(8, 0), std::invalid_argument);
}

TEST(DescriptorBuilder, StrapLengthsFollowTheVectorsUnlessOverridden) {
    DescriptorSpec spec = t420_descriptor();
    spec.pch_straps.assign(21, 0x11111111);
    spec.north_straps.clear();
    Buffer d = build_descriptor(spec);
    EXPECT_EQ(le32(d, 0x18) >> 24, 21u);
    EXPECT_EQ((le32(d, 0x1C) >> 8) & 0xFF, 0u);
    EXPECT_EQ(le32(d, 0x100 + 20 * 4), 0x11111111u);
    spec.isl = 0x42;
    spec.flmap3 = 0x00A00000;
    d = build_descriptor(spec);
    EXPECT_EQ(le32(d, 0x18) >> 24, 0x42u);
    EXPECT_EQ(le32(d, 0x20), 0x00A00000u);  // FLMAP3 at sig + 0x10
}

TEST(DescriptorBuilder, SetRegionGrowsWithUnusedSlots) {
    DescriptorSpec spec = t420_descriptor();
    spec.set_region(kRegionPdr + 2, RegionSlot::range(0x7F0000, 0x7FFFFF));
    ASSERT_EQ(spec.regions.size(), 7u);
    EXPECT_EQ(spec.regions[5].flreg, kFlregUnusedV1);  // v1 layout: v1 unused marker
    EXPECT_EQ(le32(build_descriptor(spec), 0x58), 0x07FF07F0u);
    DescriptorSpec v2 = skylake_descriptor();
    v2.regions.resize(3);
    v2.set_region(5, RegionSlot::range(0x100000, 0x1FFFFF));
    EXPECT_EQ(v2.regions[3].flreg, kFlregUnusedV2);
}

TEST(DescriptorBuilder, RejectsUnencodableLayouts) {
    DescriptorSpec spec = t420_descriptor();
    spec.fmba = 0x64;  // not a multiple of 16
    EXPECT_THROW(build_descriptor(spec), std::invalid_argument);
    spec = t420_descriptor();
    spec.fpsba = 0xFF0;  // 18 straps would run past 4 KiB
    EXPECT_THROW(build_descriptor(spec), std::invalid_argument);
}

// ------------------------------------------------------------ gen 2: $FPT

TEST(Gen2Builder, FptHeaderAndChecksumCoverTheRomBypass) {
    const Buffer& b = me7().bytes;
    const FptLayout& fpt = me7().layout.fpt;
    EXPECT_EQ(fpt.fpt_offset, 0x10u);
    EXPECT_EQ(le32(b, 0x10), fourcc("$FPT"));
    EXPECT_EQ(le32(b, 0x14), me7_region_spec().partitions.size());
    EXPECT_EQ(b[0x18], 0x20);  // header version
    EXPECT_EQ(b[0x19], 0x10);  // entry version
    EXPECT_EQ(b[0x1A], 0x30);  // header length
    EXPECT_EQ(le32(b, 0x24) & 1, 1u);  // EFFS present
    EXPECT_FALSE(all_bytes_are(b, 0, 0x10, 0));  // non-zero bypass makes the span matter
    EXPECT_EQ(sum8(b, 0x00, 0x30), 0u);          // §2.2: ME ≤ 10 sums region 0x00–0x2F
    EXPECT_NE(sum8(b, 0x10, 0x20), 0u);
    EXPECT_EQ(fpt.checksum_span.offset, 0u);
    EXPECT_EQ(fpt.checksum_span.size, 0x30u);
}

TEST(Gen2Builder, EntriesDescribeThePlacedPartitions) {
    const Buffer& b = me7().bytes;
    const FptLayout& fpt = me7().layout.fpt;
    const auto spec = me7_region_spec();
    ASSERT_EQ(fpt.partitions.size(), spec.partitions.size());
    std::vector<ByteRange> used;
    for (size_t i = 0; i < fpt.partitions.size(); ++i) {
        const PartitionLayout& p = fpt.partitions[i];
        const uint32_t e = 0x30 + 0x20 * uint32_t(i);
        EXPECT_EQ(p.entry_offset, e);
        EXPECT_EQ(text_at(b, e, 4), spec.partitions[i].name);
        EXPECT_EQ(le32(b, e + 0x08), p.offset_field);
        EXPECT_EQ(le32(b, e + 0x0C), p.length_field);
        EXPECT_EQ(le32(b, e + 0x1C) & 0x7F, spec.partitions[i].type);
        if (spec.partitions[i].type == kPartitionNvram) {
            EXPECT_EQ(p.offset_field, 0xFFFFFFFFu) << p.name;
            EXPECT_TRUE(p.data.empty());
            continue;
        }
        EXPECT_EQ(p.offset_field % 0x1000, 0u) << p.name;
        EXPECT_LE(p.data.end(), b.size());
        for (const ByteRange& other : used)
            EXPECT_TRUE(p.data.offset >= other.end() || p.data.end() <= other.offset) << p.name;
        used.push_back(p.data);
    }
    const PartitionLayout* effs = fpt.find("EFFS");
    ASSERT_NE(effs, nullptr);
    EXPECT_EQ(le32(b, effs->entry_offset + 0x1C) & 0x7F, kPartitionEffs);
    EXPECT_FALSE(any_byte_is(b, effs->data.offset, effs->data.size, 0xFF));  // filler, not erased
    EXPECT_EQ(b[effs->data.offset], tag_for_name("EFFS"));
    EXPECT_EQ(le32(b, fpt.find("MDES")->entry_offset + 4), fourcc("MDID"));  // owner
    EXPECT_EQ(fpt.find("FTPR")->data.offset, me7().layout.ftpr.offset);
}

// ------------------------------------------------------------ gen 2: manifest

TEST(Gen2Builder, ManifestHeaderFieldsFollowSection2_5) {
    const Buffer& b = me7().bytes;
    const uint32_t m = me7().layout.manifest.offset;
    EXPECT_EQ(m, me7().layout.ftpr.offset);
    EXPECT_EQ(le32(b, m + 0x00), 4u);
    EXPECT_EQ(le32(b, m + 0x04), 0xA1u);
    EXPECT_EQ(le32(b, m + 0x08), 0x10000u);
    EXPECT_EQ(le32(b, m + 0x10), 0x8086u);
    EXPECT_EQ(le32(b, m + 0x18) * 4, me7().layout.manifest.size);
    EXPECT_EQ(text_at(b, m + 0x1C, 4), "$MN2");
    EXPECT_EQ(le32(b, m + 0x20), 8u);  // module count
    EXPECT_EQ(le16(b, m + 0x24), 7);
    EXPECT_EQ(le16(b, m + 0x26), 1);
    EXPECT_EQ(le16(b, m + 0x28), 30);
    EXPECT_EQ(le16(b, m + 0x2A), 1000);
    EXPECT_EQ(le32(b, m + 0x78), 0x40u);
    EXPECT_EQ(le32(b, m + 0x7C), 1u);
    EXPECT_EQ(le32(b, m + 0x180), 17u);
    EXPECT_EQ(text_at(b, m + 0x284, 12), "FTPR");
    EXPECT_GE(me7().layout.manifest.size, 0x290u + 8 * 0x60);
}

TEST(Gen2Builder, ModulusIsTheTestKeyStoredLittleEndian) {
    const Buffer& b = me7().bytes;
    const uint32_t m = me7().layout.manifest.offset;
    EXPECT_EQ(reversed(b, m + 0x80, 0x100), test_key_2048_e17().modulus_be);
}

TEST(Gen2Builder, SignatureVerifiesAndBreaksWhenSignedBytesChange) {
    Buffer b = me7().bytes;
    const uint32_t m = me7().layout.manifest.offset;
    EXPECT_TRUE(pkcs1_manifest_verifies(b, m));
    b[me7().layout.modules[3].header_offset + 0x3C] ^= 1;  // a signed module header byte
    EXPECT_FALSE(pkcs1_manifest_verifies(b, m));
    resign_manifest(b, m, SigningKey::Rsa2048E17);
    EXPECT_TRUE(pkcs1_manifest_verifies(b, m));
    b[m + 0x80 + 0x40] ^= 1;  // the key is not signed, but the check uses it
    EXPECT_FALSE(pkcs1_manifest_verifies(b, m));
}

TEST(Gen2Builder, ModuleHeadersPointAtTheirData) {
    const Buffer& b = me7().bytes;
    const Gen2Layout& l = me7().layout;
    const auto spec = me7_region_spec();
    ASSERT_EQ(l.modules.size(), spec.ftpr.modules.size());
    EXPECT_EQ(l.module_header_size, 0x60u);
    for (size_t i = 0; i < l.modules.size(); ++i) {
        const Gen2ModuleLayout& mod = l.modules[i];
        const uint32_t h = mod.header_offset;
        EXPECT_EQ(h, l.ftpr.offset + 0x290 + 0x60 * uint32_t(i));
        EXPECT_EQ(text_at(b, h, 4), "$MME");
        EXPECT_EQ(text_at(b, h + 4, 16), spec.ftpr.modules[i].name);
        EXPECT_EQ(l.ftpr.offset + le32(b, h + 0x38), mod.data_offset) << mod.name;
        EXPECT_EQ(le32(b, h + 0x34), mod.load_address);
        EXPECT_EQ(le32(b, h + 0x3C), spec.ftpr.modules[i].uncompressed_size);
        EXPECT_EQ(le32(b, h + 0x40), mod.data_size);
        EXPECT_EQ((le32(b, h + 0x50) >> 4) & 7, uint32_t(spec.ftpr.modules[i].compression));
        if (mod.compression == Compression::Huffman) continue;
        EXPECT_LE(mod.data_offset + mod.data_size, l.ftpr.end());
        EXPECT_FALSE(any_byte_is(b, mod.data_offset, mod.data_size, 0xFF)) << mod.name;
        EXPECT_EQ(b[mod.data_offset], tag_for_name(mod.name));
        const auto digest = crypto::sha256(std::span<const uint8_t>(b).subspan(mod.data_offset, mod.data_size));
        EXPECT_TRUE(std::equal(digest.begin(), digest.end(), b.begin() + h + 0x14)) << mod.name;
    }
    EXPECT_EQ(l.modules[5].data_size, 0x2400u);  // UPDATE: LZMA, compressed size as given
}

// ------------------------------------------------------------ gen 2: LLUT

TEST(Gen2Builder, LlutCorrectionArithmeticHolds) {
    const Buffer& b = me7().bytes;
    ASSERT_TRUE(me7().layout.llut.has_value());
    const LlutLayout& llut = *me7().layout.llut;
    const uint32_t at = llut.offset;
    EXPECT_EQ(text_at(b, at, 4), "LLUT");
    EXPECT_EQ(le32(b, at + 4), llut.chunk_count);
    EXPECT_EQ(le32(b, at + 8), 0x10040000u);
    EXPECT_EQ(le16(b, at + 9), 0x0400);  // "correction"
    EXPECT_EQ(le32(b, at + 0x0C) + le16(b, at + 9), at + 0x40);  // SpiBase + correction = table (§2.6)
    EXPECT_EQ(le32(b, at + 0x30), 0x400u);
    EXPECT_EQ(le32(b, at + 0x14), at + 0x40 + 4 * llut.chunk_count);  // stream right after the table
    EXPECT_EQ(le32(b, at + 0x10), llut.stream_length);
    for (const auto& mod : me7().layout.modules)
        if (mod.compression == Compression::Huffman) {
            EXPECT_EQ(mod.data_offset, at) << mod.name;
        }
}

TEST(Gen2Builder, ChunkTableEntriesAreContiguousAndFlagged) {
    const Buffer& b = me7().bytes;
    const LlutLayout& llut = *me7().layout.llut;
    ASSERT_EQ(llut.chunk_count, 62u);
    uint32_t expected_next = llut.stream_offset;
    for (const LlutChunk& c : llut.chunks) {
        const uint32_t entry = le32(b, llut.table_offset + 4 * c.index);
        EXPECT_EQ(entry >> 24, c.flags);
        if (!c.present) {
            EXPECT_EQ(c.flags, 0x80);
            continue;
        }
        EXPECT_NE(c.flags, 0x80);
        EXPECT_EQ(entry & 0xFFFFFF, c.offset);
        EXPECT_EQ(c.offset, expected_next);
        EXPECT_GT(c.size, 0u);
        EXPECT_LT(c.size, 0x400u);
        EXPECT_FALSE(any_byte_is(b, c.offset, c.size, 0xFF));
        expected_next = c.offset + c.size;
    }
    EXPECT_EQ(expected_next, llut.stream_offset + llut.stream_length);  // stream end
    EXPECT_FALSE(llut.chunks.back().present);  // the preset's absent chunk
    EXPECT_TRUE(llut.chunks[llut.chunk_count - 2].present);
}

TEST(Gen2Builder, LoadAddressesMapOntoChunkRangesAsSection2_8_7) {
    const Buffer& b = me7().bytes;
    const LlutLayout& llut = *me7().layout.llut;
    const uint32_t base = le32(b, llut.offset + 8) + 0x10000000;
    uint32_t next_first = 0;
    for (const auto& mod : me7().layout.modules) {
        if (mod.compression != Compression::Huffman) continue;
        const uint32_t load = le32(b, mod.header_offset + 0x34);
        const uint32_t size = le32(b, mod.header_offset + 0x3C);
        const uint32_t first = (load - base) / 0x400;
        EXPECT_EQ(first, mod.first_chunk) << mod.name;
        EXPECT_EQ(first, next_first) << mod.name;  // runs are consecutive
        // me_cleaner's inclusive range ends at first + size / 0x400; for sizes that are
        // not chunk multiples that is exactly this module's last chunk.
        EXPECT_EQ(first + size / 0x400, mod.first_chunk + mod.chunk_count - 1) << mod.name;
        uint32_t compressed = 0;
        for (uint32_t c = first; c < first + mod.chunk_count; ++c) {
            EXPECT_EQ(llut.chunks[c].module, int(&mod - me7().layout.modules.data()));
            EXPECT_EQ(b[llut.chunks[c].offset], tag_for_name(mod.name));
            compressed += llut.chunks[c].size;
        }
        EXPECT_EQ(le32(b, mod.header_offset + 0x40), compressed);
        next_first = first + mod.chunk_count;
    }
}

TEST(Gen2Builder, ChunkMultipleSizeAndLeadingChunksAreHonoured) {
    Gen2RegionSpec spec = me7_region_spec();
    spec.ftpr.modules = {{"BUP", Compression::Huffman, 0x800}, {"KERNEL", Compression::Huffman, 0x1000}};
    spec.ftpr.huffman = HuffmanSpec{};
    spec.ftpr.huffman.leading_chunks = 3;
    spec.ftpr.huffman.absent_chunks = {1};
    const Gen2Region r = build_gen2_region(spec);
    const LlutLayout& llut = *r.layout.llut;
    EXPECT_EQ(llut.chunk_count, 3u + 2 + 4);
    EXPECT_EQ(r.layout.modules[0].first_chunk, 3u);
    EXPECT_EQ(r.layout.modules[1].first_chunk, 5u);
    EXPECT_FALSE(llut.chunks[1].present);
    EXPECT_EQ(le32(r.bytes, llut.table_offset + 4), 0x80000000u);
    // BUP is exactly two chunks: the inclusive range reaches KERNEL's first chunk.
    EXPECT_EQ(3 + 0x800 / 0x400, int(r.layout.modules[1].first_chunk));
    EXPECT_TRUE(pkcs1_manifest_verifies(r.bytes, r.layout.manifest.offset));
}

TEST(Gen2Builder, TxeUses0x80ByteHeadersAndNoLlut) {
    const Gen2Region r = build_gen2_region(txe1_region_spec());
    const uint32_t m = r.layout.manifest.offset;
    EXPECT_EQ(r.layout.module_header_size, 0x80u);
    EXPECT_FALSE(r.layout.llut.has_value());
    EXPECT_EQ(text_at(r.bytes, m + 0x290, 4), "$MME");
    EXPECT_EQ(text_at(r.bytes, m + 0x290 + 0x80, 4), "$MME");
    EXPECT_NE(text_at(r.bytes, m + 0x290 + 0x60, 4), "$MME");  // so the 0x60 probe fails (§2.8.7)
    EXPECT_EQ(le16(r.bytes, m + 0x24), 1);
    EXPECT_EQ(r.layout.modules[0].name, "BUP");
    EXPECT_EQ(r.layout.modules[0].compression, Compression::Stored);
    EXPECT_TRUE(pkcs1_manifest_verifies(r.bytes, m));
}

TEST(Gen2Builder, Me6IgnitionHasSkuMarkerAndOpenEndedLastEntry) {
    const Gen2RegionSpec spec = me6_ignition_region_spec();
    const Gen2Region r = build_gen2_region(spec);
    const uint32_t m = r.layout.manifest.offset;
    const uint32_t n = le32(r.bytes, m + 0x20);
    ASSERT_TRUE(r.layout.sku_marker_offset.has_value());
    const uint32_t sku = m + 0x290 + (n + 1) * 0x60;  // where me_cleaner looks (§2.8.5)
    EXPECT_EQ(*r.layout.sku_marker_offset, sku);
    EXPECT_EQ(text_at(r.bytes, sku, 4), "$SKU");
    EXPECT_EQ(le32(r.bytes, sku + 8), 0u);
    EXPECT_LE(sku + 12, r.layout.manifest.end());  // inside the signed manifest
    EXPECT_EQ(le16(r.bytes, m + 0x24), 6);
    const PartitionLayout& last = r.layout.fpt.partitions.back();
    EXPECT_EQ(last.length_field, 0xFFFFFFFFu);
    EXPECT_EQ(last.data.end(), r.bytes.size());
    EXPECT_TRUE(pkcs1_manifest_verifies(r.bytes, m));
}

TEST(Gen2Builder, FptAtRegionStartWithoutBypass) {
    Gen2RegionSpec spec = me7_region_spec();
    spec.fpt.rom_bypass_present = false;
    spec.fpt.header_length = 0x20;
    const Gen2Region r = build_gen2_region(spec);
    EXPECT_EQ(le32(r.bytes, 0), fourcc("$FPT"));
    EXPECT_EQ(r.layout.fpt.entries_offset, 0x20u);
    EXPECT_EQ(text_at(r.bytes, 0x20, 4), "FOVD");
    EXPECT_EQ(sum8(r.bytes, 0, 0x20), 0u);
}

TEST(Gen2Builder, ExplicitRegionSizeClipsPartitionsButKeepsEntries) {
    Gen2RegionSpec spec = me7_region_spec();
    const Gen2Region full = build_gen2_region(spec);
    const PartitionLayout nftp = *full.layout.fpt.find("NFTP");
    spec.region_size = nftp.data.offset + 0x1000;  // NFTP now runs past the region end
    const Gen2Region r = build_gen2_region(spec);
    EXPECT_EQ(r.bytes.size(), spec.region_size);
    EXPECT_EQ(r.layout.fpt.find("NFTP")->length_field, nftp.length_field);
    EXPECT_GT(r.layout.fpt.find("NFTP")->data.end(), r.bytes.size());
    spec.region_size = full.layout.ftpr.offset + 0x100;  // FTPR content cannot fit
    EXPECT_THROW(build_gen2_region(spec), std::invalid_argument);
}

TEST(Gen2Builder, RecomputedChecksumRepairsAnEditedHeader) {
    Gen2Region r = me7();
    r.bytes[0x24] &= 0xFE;  // clear EFFS present, as me_cleaner does
    EXPECT_NE(sum8(r.bytes, 0, 0x30), 0u);
    recompute_fpt_checksum(r.bytes, r.layout.fpt);
    EXPECT_EQ(sum8(r.bytes, 0, 0x30), 0u);
}

TEST(Gen2Builder, BuildsAreDeterministic) {
    EXPECT_EQ(build_gen2_region(me7_region_spec()).bytes, me7().bytes);
}

TEST(Gen2Builder, RejectsSpecsWithoutOneManifestPartition) {
    Gen2RegionSpec spec = me7_region_spec();
    spec.partitions.pop_back();
    spec.partitions.push_back(FptPartition::manifest_holder("FTP2"));
    EXPECT_THROW(build_gen2_region(spec), std::invalid_argument);
    spec = me7_region_spec();
    spec.partitions.erase(spec.partitions.end() - 2);
    EXPECT_THROW(build_gen2_region(spec), std::invalid_argument);
}

// ------------------------------------------------------------ gen 3

TEST(Gen3Builder, FptChecksumCoversOnlyTheHeader) {
    const Buffer& b = me11().bytes;
    EXPECT_EQ(b[0x1A], 0x20);
    EXPECT_EQ(le32(b, 0x24), 0u);            // no EFFS flag on ME 11
    EXPECT_EQ(sum8(b, 0x10, 0x20), 0u);      // §2.2: region 0x10–0x2F
    EXPECT_NE(sum8(b, 0x00, 0x30), 0u);      // the non-zero bypass is not covered
    const PartitionLayout* romb = me11().layout.fpt.find("ROMB");
    ASSERT_NE(romb, nullptr);
    EXPECT_EQ(romb->offset_field, 0u);
    EXPECT_EQ(romb->length_field, 0u);
    EXPECT_EQ(le32(b, romb->entry_offset + 0x1C), 0xFF000000u);
    EXPECT_EQ(me11().layout.ftpr.offset, 0x1000u);
}

TEST(Gen3Builder, CpdDirectoryFollowsSection2_7) {
    const Buffer& b = me11().bytes;
    const Gen3Layout& l = me11().layout;
    const uint32_t cpd = l.cpd_offset;
    EXPECT_EQ(cpd, l.ftpr.offset);
    EXPECT_EQ(text_at(b, cpd, 4), "$CPD");
    EXPECT_EQ(le32(b, cpd + 4), l.entries.size());
    EXPECT_EQ(b[cpd + 8], 1);
    EXPECT_EQ(b[cpd + 9], 1);
    EXPECT_EQ(b[cpd + 0xA], 0x10);
    EXPECT_EQ(text_at(b, cpd + 0xC, 4), "FTPR");
    EXPECT_EQ(sum8(b, cpd, 0x10 + 0x18 * l.entries.size()), 0u);
    // 1 manifest + 8 .met + 8 modules.
    ASSERT_EQ(l.entries.size(), 17u);
    EXPECT_EQ(text_at(b, cpd + 0x10, 12), "FTPR.man");
    for (size_t i = 0; i < l.entries.size(); ++i) {
        const CpdEntryLayout& e = l.entries[i];
        EXPECT_EQ(e.entry_offset, cpd + 0x10 + 0x18 * uint32_t(i));
        EXPECT_EQ(text_at(b, e.entry_offset, 12), e.name);
        EXPECT_EQ(le32(b, e.entry_offset + 0xC), e.offset_field);
        EXPECT_EQ(cpd + (e.offset_field & 0x1FFFFFF), e.data_offset);
        EXPECT_LE(e.data_offset + e.data_size, l.ftpr.end());
    }
    const CpdEntryLayout* kernel = l.find("kernel");
    ASSERT_NE(kernel, nullptr);
    EXPECT_NE(kernel->offset_field & kCpdHuffmanBit, 0u);
    EXPECT_EQ(kernel->size_field, 0xA000u);  // declared (uncompressed) size
    EXPECT_EQ(kernel->data_size, 0x6000u);
    EXPECT_EQ(l.find("rbe")->offset_field & kCpdHuffmanBit, 0u);
    ASSERT_NE(l.find("fptemp.met"), nullptr);
    EXPECT_FALSE(any_byte_is(b, l.find("fptemp")->data_offset, 0x1800, 0xFF));
}

TEST(Gen3Builder, ItemsDoNotOverlapInOffsetOrder) {
    std::vector<CpdEntryLayout> items = me11().layout.entries;
    std::sort(items.begin(), items.end(),
              [](const auto& a, const auto& c) { return a.data_offset < c.data_offset; });
    for (size_t i = 1; i < items.size(); ++i)
        EXPECT_GE(items[i].data_offset, items[i - 1].data_offset + items[i - 1].data_size) << items[i].name;
    EXPECT_EQ(items.front().name, "FTPR.man");  // right after the directory
}

TEST(Gen3Builder, ManifestIsSignedWithTheE65537Key) {
    const Buffer& b = me11().bytes;
    const Gen3Layout& l = me11().layout;
    const uint32_t m = l.cpd_offset + (le32(b, l.entries[0].entry_offset + 0xC) & 0xFFFFFF);  // §2.8.3 step 5
    EXPECT_EQ(m, l.manifest.offset);
    EXPECT_EQ(text_at(b, m + 0x1C, 4), "$MN2");
    EXPECT_EQ(le32(b, m + 0x20), 0x2Au);  // build tag, not a module count
    EXPECT_EQ(le16(b, m + 0x24), 11);
    EXPECT_EQ(le32(b, m + 0x180), 65537u);
    EXPECT_EQ(reversed(b, m + 0x80, 0x100), test_key_2048_e65537().modulus_be);
    EXPECT_EQ(le32(b, m + 0x18) * 4, l.entries[0].size_field);
    EXPECT_TRUE(pkcs1_manifest_verifies(b, m));
}

TEST(Gen3Builder, CsmeStyleUsesCpdV2AndPssManifest) {
    const Gen3Region r = build_gen3_region(csme15_region_spec());
    const Buffer& b = r.bytes;
    const uint32_t cpd = r.layout.cpd_offset;
    EXPECT_EQ(b[cpd + 8], 2);
    EXPECT_EQ(b[cpd + 0xA], 0x14);
    EXPECT_EQ(r.layout.entries[0].entry_offset, cpd + 0x14);
    const uint32_t covered = 0x14 + 0x18 * uint32_t(r.layout.entries.size());
    Buffer zeroed(b.begin() + cpd, b.begin() + cpd + covered);
    std::fill_n(zeroed.begin() + 0x10, 4, uint8_t(0));
    EXPECT_EQ(le32(b, cpd + 0x10), crypto::crc32(zeroed));
    const uint32_t m = r.layout.manifest.offset;
    EXPECT_EQ(le32(b, m + 0x04), 0xE1u);
    EXPECT_EQ(le32(b, m + 0x08), 0x21000u);
    EXPECT_EQ(le32(b, m + 0x78), 0x60u);
    EXPECT_EQ(le32(b, m + 0x200), 65537u);
    EXPECT_EQ(r.layout.manifest.signature_offset, m + 0x204);
    EXPECT_TRUE(pss_manifest_verifies(b, m));
    EXPECT_FALSE(pkcs1_manifest_verifies(b, m));
}

TEST(Gen3Builder, EmptyEntriesAndRecomputedChecksums) {
    Gen3RegionSpec spec = me11_region_spec();
    CpdModule empty;
    empty.name = "fitc.cfg";
    empty.empty_entry = true;
    spec.ftpr.modules.push_back(empty);
    Gen3Region r = build_gen3_region(spec);
    const CpdEntryLayout* fitc = r.layout.find("fitc.cfg");
    ASSERT_NE(fitc, nullptr);
    EXPECT_EQ(le32(r.bytes, fitc->entry_offset + 0xC), 0u);
    EXPECT_EQ(le32(r.bytes, fitc->entry_offset + 0x10), 0u);
    EXPECT_EQ(r.layout.find("fitc.cfg.met"), nullptr);

    const uint32_t cpd = r.layout.cpd_offset, covered = 0x10 + 0x18 * uint32_t(r.layout.entries.size());
    r.bytes[fitc->entry_offset + 0x10] = 0x40;
    EXPECT_NE(sum8(r.bytes, cpd, covered), 0u);
    recompute_cpd_checksum(r.bytes, cpd);
    EXPECT_EQ(sum8(r.bytes, cpd, covered), 0u);
}

// ------------------------------------------------------------ gen 1

TEST(Gen1Builder, FptAtZeroAndShaOneSignedManManifest) {
    const Gen1Region r = build_gen1_region(me5_region_spec());
    const Buffer& b = r.bytes;
    EXPECT_EQ(le32(b, 0), fourcc("$FPT"));
    EXPECT_EQ(text_at(b, 0x20, 4), "CODE");
    EXPECT_EQ(le32(b, 0x28), r.layout.code.offset);
    EXPECT_EQ(sum8(b, 0, 0x20), 0u);
    const uint32_t m = r.layout.manifest.offset;
    EXPECT_EQ(m, r.layout.code.offset);
    EXPECT_EQ(text_at(b, m + 0x1C, 4), "$MAN");
    EXPECT_EQ(le16(b, m + 0x24), 5);
    // SHA-1 PKCS#1 v1.5 (§3.6): the recovered block ends in DigestInfo(SHA-1) ‖ hash.
    const auto modulus = reversed(b, m + 0x80, 0x100);
    const auto signature = reversed(b, m + 0x184, 0x100);
    const Buffer e{0x00, 0x00, 0x00, 0x11};
    const auto block = crypto::modexp(signature, e, modulus);
    const auto digest = crypto::sha1(signed_data(b, m));
    ASSERT_EQ(block.size(), 0x100u);
    EXPECT_EQ(block[0], 0x00);
    EXPECT_EQ(block[1], 0x01);
    EXPECT_TRUE(std::equal(digest.begin(), digest.end(), block.end() - 20));
    EXPECT_EQ(block[0x100 - 21], 0x14);  // DigestInfo's OCTET STRING length
    EXPECT_FALSE(any_byte_is(b, m + r.layout.manifest.size, 0x100, 0xFF));  // module filler follows
}

// ------------------------------------------------------------ full images

TEST(FlashImageBuilder, PlacesRegionsAtTheirDescriptorBases) {
    FlashImageSpec spec;
    spec.descriptor = t420_descriptor();
    spec.me_region = me7().bytes;
    const FlashImage image = build_flash_image(spec);
    const Buffer& b = image.bytes;
    ASSERT_EQ(b.size(), 0x800000u);
    EXPECT_EQ(Buffer(b.begin(), b.begin() + 0x1000), build_descriptor(spec.descriptor));
    EXPECT_EQ(image.me.offset, 0x3000u);
    EXPECT_EQ(image.me.size, 0x4FD000u);
    EXPECT_TRUE(std::equal(me7().bytes.begin(), me7().bytes.end(), b.begin() + 0x3000));
    const uint32_t me_tail = 0x3000 + uint32_t(me7().bytes.size());
    EXPECT_TRUE(all_bytes_are(b, me_tail, 0x500000 - me_tail, 0xFF));
    EXPECT_EQ(image.gbe.offset, 0x1000u);
    EXPECT_FALSE(any_byte_is(b, 0x1000, 0x2000, 0xFF));
    // The LLUT landed at region base + its region offset.
    EXPECT_EQ(text_at(b, 0x3000 + me7().layout.llut->offset, 4), "LLUT");
}

TEST(FlashImageBuilder, BiosRegionIsDeterministicNoise) {
    FlashImageSpec spec;
    spec.me_region = me7().bytes;
    const FlashImage image = build_flash_image(spec);
    ASSERT_EQ(image.bios.offset, 0x500000u);
    ASSERT_EQ(image.bios.end(), 0x800000u);
    EXPECT_FALSE(any_byte_is(image.bytes, image.bios.offset, image.bios.size, 0xFF));
    std::set<uint8_t> distinct;
    for (uint32_t i = 0; i < 0x1000; ++i) {
        EXPECT_EQ(image.bytes[image.bios.offset + i], bios_filler_byte(spec.bios_seed, i));
        distinct.insert(image.bytes[image.bios.offset + i]);
    }
    EXPECT_GT(distinct.size(), 200u);
    EXPECT_EQ(image.bytes[image.bios.end() - 1], bios_filler_byte(spec.bios_seed, image.bios.size - 1));
    spec.random_bios = false;
    spec.gap_fill = 0xA5;
    const FlashImage plain = build_flash_image(spec);
    EXPECT_TRUE(all_bytes_are(plain.bytes, 0x500000, 0x300000, 0xA5));
}

TEST(FlashImageBuilder, GenerationOneAndSkylakeLayouts) {
    FlashImageSpec ich;
    ich.descriptor = ich9_descriptor();
    ich.me_region = build_gen1_region(me5_region_spec()).bytes;
    const FlashImage a = build_flash_image(ich);
    EXPECT_EQ(a.bytes.size(), 0x400000u);
    EXPECT_EQ(le32(a.bytes, 0), kFlashSignature);
    EXPECT_EQ(le32(a.bytes, 0x3000), fourcc("$FPT"));

    FlashImageSpec skl;
    skl.descriptor = skylake_descriptor();
    skl.me_region = me11().bytes;
    const FlashImage c = build_flash_image(skl);
    EXPECT_EQ(c.bytes.size(), 0x800000u);
    EXPECT_TRUE(c.gbe.empty());
    EXPECT_EQ(le32(c.bytes, 0x1010), fourcc("$FPT"));
    EXPECT_EQ(text_at(c.bytes, 0x1000 + me11().layout.cpd_offset, 4), "$CPD");
    EXPECT_EQ(c.bios.offset, 0x200000u);
}

TEST(FlashImageBuilder, OverlappingBiosIsOverwrittenByLaterRegions) {
    FlashImageSpec spec;
    spec.descriptor.set_region(kRegionBios, RegionSlot::range(0, 0x7FFFFF));  // z77 style
    spec.me_region = me7().bytes;
    const FlashImage image = build_flash_image(spec);
    EXPECT_EQ(le32(image.bytes, 0x10), kFlashSignature);
    EXPECT_EQ(le32(image.bytes, 0x3010), fourcc("$FPT"));
    EXPECT_EQ(image.bytes[0x1000], uint8_t(0x30 + kRegionGbe));  // GbE pattern over BIOS noise
    EXPECT_EQ(image.bytes[0x4FFFFF], 0xFF);                       // ME tail is gap fill, not BIOS
    EXPECT_EQ(image.bytes[0x500000], bios_filler_byte(spec.bios_seed, 0x500000));
}

TEST(FlashImageBuilder, GivenGbeContentAndClippedFlash) {
    FlashImageSpec spec;
    spec.gbe_region = Buffer(0x10, 0x42);
    spec.flash_size = 0x400000;  // the BIOS region now runs past the end of the file
    const FlashImage image = build_flash_image(spec);
    EXPECT_EQ(image.bytes.size(), 0x400000u);
    EXPECT_TRUE(all_bytes_are(image.bytes, 0x1000, 0x10, 0x42));
    EXPECT_TRUE(all_bytes_are(image.bytes, 0x1010, 0x1FF0, 0xFF));
    EXPECT_EQ(image.bios.end(), 0x800000u);  // as the descriptor says, not clipped
}

TEST(FlashImageBuilder, RejectsMeContentThatDoesNotFit) {
    FlashImageSpec spec;
    spec.me_region = Buffer(0x4FE000, 0);
    EXPECT_THROW(build_flash_image(spec), std::invalid_argument);
    spec.me_region = Buffer(0x1000, 0);
    spec.descriptor.set_region(kRegionMe, RegionSlot::unused(kFlregUnusedV1));
    EXPECT_THROW(build_flash_image(spec), std::invalid_argument);
}

}  // namespace
}  // namespace meclean::synth
