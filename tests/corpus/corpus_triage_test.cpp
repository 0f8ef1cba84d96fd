// Triage on real firmware: the corpus's real BIOS region is recognised as one, every
// corpus full image is left alone at its own size, and found again, whole, inside a vendor
// capsule and inside a mirrored read, cleaning there exactly as it does alone.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/corpus_files.hpp"
#include "meclean.hpp"

namespace meclean {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

using test_common::env_dir;
using test_common::have;
using test_common::read_all;

// An AMI Aptio capsule header (GUID 4A3CA68B-7723-48FB-803D-578CC1FEC44D as stored) of 0x800 bytes.
Bytes aptio_capsule(const Bytes& body) {
    Bytes file = {0x8B, 0xA6, 0x3C, 0x4A, 0x23, 0x77, 0xFB, 0x48, 0x80, 0x3D, 0x57, 0x8C, 0xC1, 0xFE, 0xC4, 0x4D,
                  0x1C, 0, 0, 0, 0, 0, 4, 0};
    file.resize(0x800, 0);
    file.insert(file.end(), body.begin(), body.end());
    return file;
}

Bytes soft_disabled(std::span<const uint8_t> image) {
    Options o;
    o.soft_disable = true;
    Analysis a = inspect(image);
    return meclean::apply(plan(a, image, o), image).image;
}

TEST(CorpusTriage, RealBiosRegion) {
    fs::path corpus = env_dir("MECLEAN_CORPUS");
    if (!have(corpus, "MECLEAN_CORPUS")) GTEST_SKIP() << "no corpus: run through ctest with ../shared/corpus present";
    Bytes bios = read_all(corpus / "images" / "bios_lenovo-t420_stock.bin");
    ASSERT_EQ(bios.size(), 3u << 20);
    Analysis a = inspect(bios);
    ASSERT_TRUE(a.problem);
    EXPECT_EQ(a.problem->code, "unknown_image");
    ASSERT_TRUE(a.triage);
    EXPECT_STREQ(triage_kind_name(a.triage->kind), "bios_region");
}

TEST(CorpusTriage, FullImagesInsideCapsulesAndMirroredReads) {
    fs::path inputs = env_dir("MECLEAN_CORPUS_INPUTS");
    if (!have(inputs, "MECLEAN_CORPUS_INPUTS")) GTEST_SKIP() << "no corpus inputs: run through ctest";
    size_t images = 0;
    for (const auto& entry : fs::directory_iterator(inputs)) {
        if (entry.path().filename().string().rfind("full_", 0) != 0) continue;
        SCOPED_TRACE(entry.path().filename().string());
        ++images;
        const Bytes plain = read_all(entry.path());
        EXPECT_FALSE(inspect(plain).triage) << "a corpus image has the size its descriptor declares";
        const Bytes expected = soft_disabled(plain);
        Bytes mirrored = plain;
        mirrored.insert(mirrored.end(), plain.begin(), plain.end());
        for (const Bytes& file : {aptio_capsule(plain), mirrored}) {
            Analysis a = inspect(file);
            ASSERT_TRUE(a.triage && a.triage->embedded);
            const ByteRange& e = *a.triage->embedded;
            ASSERT_EQ(e.length, plain.size());
            std::span<const uint8_t> inner = std::span<const uint8_t>(file).subspan(e.offset, e.length);
            ASSERT_TRUE(std::equal(inner.begin(), inner.end(), plain.begin()));
            EXPECT_EQ(soft_disabled(inner), expected);
        }
    }
    EXPECT_GE(images, 18u) << "every recipe of recipes.json";
}

}  // namespace
}  // namespace meclean
