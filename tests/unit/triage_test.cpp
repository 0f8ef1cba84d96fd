// Triage of what people drop instead of a plain dump: every kind is built here from
// builder images and from byte layouts written out in the test (capsule headers, firmware
// volume headers, magic numbers), never from the engine's own output.
#include <gtest/gtest.h>

#include "synth/descriptor_builder.hpp"
#include "synth/flash_image_builder.hpp"
#include "test_support.hpp"

namespace meclean {
namespace {

using namespace testing_support;

Bytes concat(Bytes a, const Bytes& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

Bytes filled(size_t n, uint8_t value) { return Bytes(n, value); }

// Bytes that are neither 0x00 nor 0xFF nor any magic number.
Bytes junk(size_t n) {
    Bytes b(n);
    uint32_t x = 0x12345678;
    for (auto& v : b) {
        x = x * 1103515245u + 12345u;
        v = uint8_t(0x20 + (x >> 24) % 0x40);
    }
    return b;
}

// A capsule header: GUID as stored (little-endian first fields), HeaderSize, Flags, CapsuleImageSize,
// then (AMI Aptio) RomImageOffset and RomLayoutOffset; padded with zeros to `header_size`.
Bytes capsule_header(const uint8_t (&guid)[16], uint32_t header_size, uint32_t body_size) {
    Bytes h(header_size, 0);
    for (size_t i = 0; i < 16; ++i) h[i] = guid[i];
    put32(h, 0x10, 0x1C);
    put32(h, 0x14, 0x40000);
    put32(h, 0x18, header_size + body_size);
    put16(h, 0x1C, uint16_t(header_size));
    return h;
}
// 4A3CA68B-7723-48FB-803D-578CC1FEC44D and 3B6686BD-0D76-4030-B70E-B5519E2FC5A0 as stored.
constexpr uint8_t kAptioSigned[16] = {0x8B, 0xA6, 0x3C, 0x4A, 0x23, 0x77, 0xFB, 0x48,
                                      0x80, 0x3D, 0x57, 0x8C, 0xC1, 0xFE, 0xC4, 0x4D};
constexpr uint8_t kEfiCapsule[16] = {0xBD, 0x86, 0x66, 0x3B, 0x76, 0x0D, 0x30, 0x40,
                                     0xB7, 0x0E, 0xB5, 0x51, 0x9E, 0x2F, 0xC5, 0xA0};

// A UEFI firmware volume header at `at`: "_FVH" at +0x28, HeaderLength 0x48 at +0x30, and the
// checksum word at +0x32 chosen so that the header's 16-bit words sum to zero.
void put_firmware_volume(Bytes& b, size_t at, bool good_checksum = true) {
    std::fill(b.begin() + std::ptrdiff_t(at), b.begin() + std::ptrdiff_t(at + 0x48), 0);
    put32(b, at + 0x20, 0x10000);  // FvLength
    put_tag(b, at + 0x28, "_FVH");
    b[at + 0x30] = 0x48;
    put32(b, at + 0x38, 16);      // block map: 16 blocks
    put32(b, at + 0x3C, 0x1000);  // of 4 KiB
    unsigned sum = 0;
    for (size_t i = 0; i < 0x48; i += 2) sum += b[at + i] | (b[at + i + 1] << 8);
    uint16_t check = uint16_t(0x10000 - (sum & 0xFFFF)) + (good_checksum ? 0 : 1);
    put16(b, at + 0x32, check);
}

Analysis inspect_bytes(const Bytes& b) { return inspect(b); }

void expect_foreign(const Analysis& a, const std::string& kind) {
    ASSERT_TRUE(a.problem.has_value());
    EXPECT_EQ(a.problem->code, "unknown_image");
    EXPECT_EQ(a.problem->message, "Unknown image");  // me_cleaner's words stay first
    ASSERT_TRUE(a.triage.has_value()) << kind;
    EXPECT_EQ(triage_kind_name(a.triage->kind), kind);
    EXPECT_NE(a.problem->detail.find(a.triage->what), std::string::npos) << "the detail tells the user what it is";
    EXPECT_NE(a.problem->detail.find(a.triage->advice), std::string::npos) << "and what to do";
}

// The image inside must clean exactly like the same image given alone.
void expect_embedded_cleans_like(const Bytes& file, const Analysis& a, const Bytes& plain) {
    ASSERT_TRUE(a.triage && a.triage->embedded);
    const ByteRange& e = *a.triage->embedded;
    ASSERT_LE(e.offset + e.length, file.size());
    Bytes inner(file.begin() + std::ptrdiff_t(e.offset), file.begin() + std::ptrdiff_t(e.offset + e.length));
    ASSERT_EQ(inner, plain);
    Options o;
    o.soft_disable = true;
    Outcome from_inner = run(inner, o).outcome, from_plain = run(plain, o).outcome;
    ASSERT_FALSE(from_inner.problem) << problem_text(from_inner.problem);
    EXPECT_EQ(from_inner.image, from_plain.image);
}

TEST(Triage, PlainImagesOfTheRightSizeHaveNone) {
    for (const Bytes* b : {&full_gen1().bytes, &full_gen2().bytes, &full_gen3().bytes, &me7().bytes, &me11().bytes}) {
        EXPECT_FALSE(inspect_bytes(*b).triage.has_value());
    }
}

TEST(Triage, EmptyAndBlankFiles) {
    expect_foreign(inspect_bytes(Bytes{}), "empty");
    Analysis ff = inspect_bytes(filled(0x100000, 0xFF));
    expect_foreign(ff, "blank");
    EXPECT_NE(ff.triage->what.find("0xff"), std::string::npos);
    Analysis zero = inspect_bytes(filled(0x1000, 0x00));
    expect_foreign(zero, "blank");
    EXPECT_NE(zero.triage->what.find("0x00"), std::string::npos);
}

TEST(Triage, AptioCapsuleWithAFlashImageInside) {
    const Bytes& plain = full_gen2().bytes;
    Bytes file = concat(capsule_header(kAptioSigned, 0x800, uint32_t(plain.size())), plain);
    Analysis a = inspect_bytes(file);
    expect_foreign(a, "capsule");
    EXPECT_NE(a.triage->what.find("AMI Aptio"), std::string::npos) << a.triage->what;
    ASSERT_TRUE(a.triage->embedded);
    EXPECT_EQ(a.triage->embedded->offset, 0x800u);
    EXPECT_EQ(a.triage->embedded->length, plain.size());  // the descriptor's 8 MiB
    expect_embedded_cleans_like(file, a, plain);
}

TEST(Triage, CapsuleWithoutAFlashImageIsABiosUpdate) {
    Bytes body = junk(0x20000);
    put_firmware_volume(body, 0x10000);
    Bytes file = concat(capsule_header(kEfiCapsule, 0x50, uint32_t(body.size())), body);
    Analysis a = inspect_bytes(file);
    expect_foreign(a, "capsule");
    EXPECT_FALSE(a.triage->embedded);
    EXPECT_NE(a.triage->what.find("UEFI capsule"), std::string::npos);
    EXPECT_NE(a.triage->advice.find("BIOS-only"), std::string::npos);
}

TEST(Triage, DescriptorAtAnUnexpectedOffset) {
    const Bytes& plain = full_gen3().bytes;
    Bytes file = concat(junk(0x1230), plain);
    Analysis a = inspect_bytes(file);
    expect_foreign(a, "descriptor_at_offset");
    ASSERT_TRUE(a.triage->embedded);
    EXPECT_EQ(a.triage->embedded->offset, 0x1230u);
    EXPECT_NE(a.triage->what.find("0x1240"), std::string::npos) << "names where the signature is";
    expect_embedded_cleans_like(file, a, plain);
}

TEST(Triage, ImageInsideAProgramGetsTheProgramName) {
    const Bytes& plain = full_gen2().bytes;
    Bytes exe = concat(Bytes{'M', 'Z'}, junk(0x3FE));
    Bytes file = concat(concat(exe, plain), junk(0x777));  // the updater goes on after the image
    Analysis a = inspect_bytes(file);
    expect_foreign(a, "program");
    ASSERT_TRUE(a.triage->embedded);
    EXPECT_EQ(a.triage->embedded->offset, 0x400u);
    EXPECT_EQ(a.triage->embedded->length, plain.size());
}

TEST(Triage, ArchivesProgramsAndPicturesByTheirFirstBytes) {
    struct Case {
        Bytes head;
        const char* kind;
        const char* name;
    };
    const Case cases[] = {
        {{'P', 'K', 3, 4}, "archive", "ZIP"},
        {{0x1F, 0x8B, 8, 0}, "archive", "gzip"},
        {{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C}, "archive", "7-Zip"},
        {{0x7F, 'E', 'L', 'F'}, "program", "Linux"},
        {{'M', 'Z'}, "program", "Windows"},
        {{0xFF, 0xD8, 0xFF, 0xE0}, "not_firmware", "JPEG"},
        {{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, "not_firmware", "PNG"},
        {{'%', 'P', 'D', 'F'}, "not_firmware", "PDF"},
    };
    for (const Case& c : cases) {
        Analysis a = inspect_bytes(concat(c.head, junk(0x2000)));
        expect_foreign(a, c.kind);
        EXPECT_NE(a.triage->what.find(c.name), std::string::npos) << a.triage->what;
        EXPECT_FALSE(a.triage->embedded);
    }
}

TEST(Triage, MeUpdateFilesStartWithAPartitionNotATable) {
    // Gen 2: the FTPR partition alone ($MN2 manifest at +0x1C); gen 3: the FTPR $CPD directory alone.
    const Bytes& g2 = me7().bytes;
    Analysis a2 = inspect_bytes(Bytes(g2.begin() + me7().layout.ftpr.offset, g2.end()));
    expect_foreign(a2, "me_update");
    EXPECT_NE(a2.triage->what.find("$MN2"), std::string::npos);
    const Bytes& g3 = me11().bytes;
    Analysis a3 = inspect_bytes(Bytes(g3.begin() + me11().layout.cpd_offset, g3.end()));
    expect_foreign(a3, "me_update");
    EXPECT_NE(a3.triage->what.find("$CPD"), std::string::npos);
}

TEST(Triage, BiosRegionByItsFirmwareVolumes) {
    Bytes bios = junk(0x40000);
    put_firmware_volume(bios, 0x20000);
    Analysis a = inspect_bytes(bios);
    expect_foreign(a, "bios_region");
    EXPECT_NE(a.triage->what.find("0x20000"), std::string::npos);
    EXPECT_NE(a.triage->advice.find("two flash chips"), std::string::npos);

    Bytes bad = junk(0x40000);
    put_firmware_volume(bad, 0x20000, /*good_checksum=*/false);
    Analysis b = inspect_bytes(bad);
    EXPECT_FALSE(b.triage.has_value()) << "a volume header whose checksum fails is not taken for one";
    EXPECT_EQ(b.problem->code, "unknown_image");
}

TEST(Triage, SignatureWithoutAPlausibleDescriptorIsNotAnImage) {
    Bytes b = junk(0x3000);
    put32(b, 0x810, 0x0FF0A55A);  // the signature, but FLMAP0 is junk
    EXPECT_FALSE(inspect_bytes(b).triage.has_value());
}

TEST(Triage, DumpSizes) {
    const Bytes& plain = full_gen2().bytes;  // 8 MiB declared, 8 MiB long
    ASSERT_EQ(plain.size(), 0x800000u);
    struct Case {
        const char* kind;
        Bytes file;
        bool offers_first_8_mib;
    };
    Case cases[] = {
        {"mirrored_dump", concat(concat(plain, plain), concat(plain, plain)), true},
        {"padded_dump", concat(plain, filled(0x800000, 0xFF)), true},
        {"oversized_dump", concat(plain, junk(0x1000)), true},
        {"truncated_dump", Bytes(plain.begin(), plain.begin() + 0x700000), false},  // the ME region still fits
    };
    for (const Case& c : cases) {
        Analysis a = inspect_bytes(c.file);
        ASSERT_TRUE(a.triage.has_value()) << c.kind;
        EXPECT_STREQ(triage_kind_name(a.triage->kind), c.kind);
        EXPECT_FALSE(a.problem) << "me_cleaner works on these as it always did";
        EXPECT_EQ(a.triage->embedded.has_value(), c.offers_first_8_mib) << c.kind;
        if (c.offers_first_8_mib) {
            EXPECT_EQ(a.triage->embedded->offset, 0u);
            EXPECT_EQ(a.triage->embedded->length, 0x800000u);
            expect_embedded_cleans_like(c.file, a, plain);
        }
        // The descriptor check says the same thing, once.
        bool in_check = false;
        for (const Finding& f : a.findings) in_check |= f.code == "ifd_image_size" && f.message == a.triage->what;
        EXPECT_TRUE(in_check) << c.kind;
    }
    EXPECT_NE(inspect_bytes(cases[0].file).triage->what.find("4 identical copies"), std::string::npos);
}

TEST(Triage, FirstChipOfTwo) {
    synth::FlashImageSpec spec;
    spec.descriptor = synth::t420_descriptor();
    spec.descriptor.nc = 1;
    spec.descriptor.flcomp = (spec.descriptor.flcomp & ~0x3Fu) | synth::flcomp_density_3bit(4, 3);  // 8 + 4 MiB
    spec.me_region = me7().bytes;
    Bytes first_chip = synth::build_flash_image(spec).bytes;
    ASSERT_EQ(first_chip.size(), 0x800000u);
    Analysis a = inspect_bytes(first_chip);
    ASSERT_TRUE(a.triage.has_value());
    EXPECT_EQ(a.triage->kind, TriageKind::first_chip_only);
    EXPECT_FALSE(a.triage->embedded);
    EXPECT_FALSE(a.problem) << "the ME region lies in the first chip";
    EXPECT_NE(a.triage->advice.find("meclean join -O full.bin first.bin second.bin"), std::string::npos);

    Bytes both = concat(first_chip, junk(0x400000));
    EXPECT_FALSE(inspect_bytes(both).triage.has_value()) << "12 MiB is the whole flash";
}

TEST(Triage, ReportedInTheJson) {
    Bytes file = concat(capsule_header(kAptioSigned, 0x800, uint32_t(full_gen2().bytes.size())), full_gen2().bytes);
    std::string json = analysis_json(inspect_bytes(file));
    EXPECT_NE(json.find("\"triage\":{\"kind\":\"capsule\""), std::string::npos) << json.substr(0, 400);
    EXPECT_NE(json.find("\"embedded\":{\"offset\":2048,\"length\":8388608}"), std::string::npos);
    EXPECT_NE(analysis_json(inspect_bytes(full_gen2().bytes)).find("\"triage\":null"), std::string::npos);
}

}  // namespace
}  // namespace meclean
