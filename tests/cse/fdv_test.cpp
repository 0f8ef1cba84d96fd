// The descriptor's own signed hash (FDV, formats.md §3.9): a manifest at descriptor +0x800
// with extension 0x17. A HAP edit the hash covers is refused unless --force-fdv; an edit
// inside an exclusion range is allowed and keeps the digest valid.
#include <array>

#include "cse_support.hpp"
#include "ifd/fdv.hpp"

namespace meclean::cse_test {
namespace {

using Ranges = std::array<std::pair<uint16_t, uint16_t>, 8>;

const Ranges kStandard{{{0x800, 0xC00}, {0x80, 0x100}}};
const Ranges kExcludingHap{{{0x800, 0xC00}, {0x80, 0x100}, {0x1DC, 0x1E0}}};  // §3.9's synthetic check

Bytes with_fdv(const Ranges& ranges, synth::SigningKey key = synth::SigningKey::Rsa3072E65537,
               bool corrupt = false, bool omit_extension = false) {
    Bytes image = full_csme16();
    synth::FdvManifestSpec spec;
    spec.key = key;
    spec.ranges = ranges;
    spec.corrupt_digest = corrupt;
    spec.omit_extension = omit_extension;
    synth::install_fdv_manifest(image, spec);
    return image;
}

// The stored digest (byte-reversed) equals the digest of the descriptor with the ranges filled.
bool stored_digest_matches(const Bytes& image, const Ranges& ranges, bool sha384) {
    const synth::FdvLayout layout = [&] {
        Bytes scratch = full_csme16();
        synth::FdvManifestSpec spec;
        spec.ranges = ranges;
        return synth::install_fdv_manifest(scratch, spec);
    }();
    std::vector<uint8_t> digest = synth::fdv_descriptor_digest(image, ranges, sha384);
    return std::equal(digest.rbegin(), digest.rend(), image.begin() + layout.digest_offset);
}

Options set_hap(bool force = false) {
    Options o = hap_options("alder_point_s");
    o.allow_fdv_override = force;
    return o;
}

TEST(Fdv, BuilderManifestShape) {
    const Bytes image = with_fdv(kStandard);
    EXPECT_EQ(le32(image, 0x810), 0x8086u);
    EXPECT_EQ(std::string(image.begin() + 0x81C, image.begin() + 0x820), "$MN2");
    const uint32_t header = le32(image, 0x804) * 4;
    EXPECT_EQ(header, 0x384u);  // 3072-bit key
    EXPECT_EQ(le32(image, 0x818) * 4, header + 0x58);
    EXPECT_EQ(le32(image, 0x800 + header), 0x17u);
    EXPECT_EQ(le32(image, 0x800 + header + 4), 0x58u);
    EXPECT_EQ(le16(image, 0x800 + header + 8), 0x800);
    EXPECT_EQ(le16(image, 0x800 + header + 10), 0xC00);
    EXPECT_TRUE(stored_digest_matches(image, kStandard, true));
}

TEST(Fdv, ReadFdvOnSyntheticDescriptors) {
    const Bytes image = with_fdv(kStandard);
    const FdvState state = read_fdv(std::span<const uint8_t>(image).first(0x1000));
    EXPECT_TRUE(state.present);
    EXPECT_TRUE(state.extension_found);
    ASSERT_EQ(state.exclusions.size(), 2u);
    ASSERT_TRUE(state.digest_matches);
    EXPECT_TRUE(*state.digest_matches);
    EXPECT_FALSE(fdv_excludes(state, 0x1DE));
    EXPECT_TRUE(fdv_excludes(state, 0x800));
    EXPECT_FALSE(fdv_excludes(state, 0xC00));  // end exclusive (§3.9)

    const Bytes sha256 = with_fdv(kStandard, synth::SigningKey::Rsa2048E65537);
    const FdvState s256 = read_fdv(std::span<const uint8_t>(sha256).first(0x1000));
    ASSERT_TRUE(s256.digest_matches);
    EXPECT_TRUE(*s256.digest_matches);

    const Bytes corrupt = with_fdv(kStandard, synth::SigningKey::Rsa3072E65537, true);
    const FdvState bad = read_fdv(std::span<const uint8_t>(corrupt).first(0x1000));
    ASSERT_TRUE(bad.digest_matches);
    EXPECT_FALSE(*bad.digest_matches);

    const FdvState none = read_fdv(std::span<const uint8_t>(full_csme16()).first(0x1000));
    EXPECT_FALSE(none.present);
    EXPECT_NE(none.summary.find("not in use"), std::string::npos);
}

TEST(Fdv, CoveredHapByteRefused) {
    const Bytes image = with_fdv(kStandard);
    const Result r = run(image, set_hap());
    ASSERT_TRUE(r.plan.problem);
    EXPECT_EQ(r.plan.problem->code, "fdv_covers_hap") << problem_text(r.plan.problem);
    EXPECT_TRUE(r.plan.edits.empty());
    EXPECT_TRUE(r.outcome.image.empty());
}

TEST(Fdv, SameImageWithoutManifestIsAllowed) {
    // Control for the refusal above: the only difference is the manifest.
    const Result r = run(full_csme16(), set_hap());
    ASSERT_FALSE(r.plan.problem) << problem_text(r.plan.problem);
    EXPECT_EQ(differences(full_csme16(), r.outcome.image), std::vector<size_t>{0x1DE});
}

TEST(Fdv, ExcludedHapByteAllowedAndDigestStillMatches) {
    const Bytes image = with_fdv(kExcludingHap);
    ASSERT_TRUE(stored_digest_matches(image, kExcludingHap, true));
    const Result r = run(image, set_hap());
    ASSERT_FALSE(r.plan.problem) << problem_text(r.plan.problem);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(differences(image, r.outcome.image), std::vector<size_t>{0x1DE});
    EXPECT_EQ(r.outcome.image.at(0x1DE), 0x11);
    EXPECT_TRUE(stored_digest_matches(r.outcome.image, kExcludingHap, true));
    const FdvState after = read_fdv(std::span<const uint8_t>(r.outcome.image).first(0x1000));
    ASSERT_TRUE(after.digest_matches);
    EXPECT_TRUE(*after.digest_matches);
}

TEST(Fdv, ForceAllowsCoveredEditWithWarning) {
    const Bytes image = with_fdv(kStandard);
    const Result r = run(image, set_hap(/*force=*/true));
    ASSERT_FALSE(r.plan.problem) << problem_text(r.plan.problem);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const auto diff = differences(image, r.outcome.image);
    EXPECT_EQ(diff, std::vector<size_t>{0x1DE});  // never anything in 0x800–0xBFF
    bool warned = false;
    for (const Finding& f : r.plan.findings) warned |= f.code == "fdv_overridden" && f.severity == Severity::warning;
    EXPECT_TRUE(warned) << finding_codes(r.plan.findings);
    EXPECT_FALSE(stored_digest_matches(r.outcome.image, kStandard, true));  // the hash is now broken, as warned
}

TEST(Fdv, ManifestWithoutHashExtensionRefused) {
    // §3.9 step 2: present but extension 0x17 missing → state unknown → refuse.
    const Bytes image = with_fdv(kStandard, synth::SigningKey::Rsa3072E65537, false, /*omit_extension=*/true);
    const Result r = run(image, set_hap());
    ASSERT_TRUE(r.plan.problem);
    EXPECT_TRUE(r.plan.edits.empty());
    EXPECT_TRUE(r.outcome.image.empty());
}

TEST(Fdv, PlanReportsNotInUseOnCorpus) {
    for (const char* file : {"full_csme16_msi-ms7d25.bin", "full_csme16_msi-ms7e06.bin"}) {
        SCOPED_TRACE(file);
        CSE_CORPUS_OR_SKIP(image, "MECLEAN_CORPUS_INPUTS", file);
        EXPECT_TRUE(std::all_of(image.begin() + 0x800, image.begin() + 0xC00, [](uint8_t b) { return b == 0xFF; }));
        const Result r = run(image, hap_options("auto", /*check_only=*/true));
        ASSERT_FALSE(r.plan.problem) << problem_text(r.plan.problem);
        bool said = false;
        for (const std::string& line : r.plan.log) said |= line.find("FDV") != std::string::npos &&
                                                           line.find("not in use") != std::string::npos;
        EXPECT_TRUE(said);
    }
}

// §3.9 recommendation 6 ("Report what was found either way"): the read-only
// analysis itself (inspect, --json, the page) shows the FDV state, without --platform.
TEST(Fdv, AnalysisReportsNotInUseOnCorpus) {
    for (const char* file : {"full_csme16_msi-ms7d25.bin", "full_csme16_msi-ms7e06.bin"}) {
        SCOPED_TRACE(file);
        CSE_CORPUS_OR_SKIP(image, "MECLEAN_CORPUS_INPUTS", file);
        const Analysis a = inspect(image);
        bool in_findings = false;
        for (const Finding& f : a.findings)
            in_findings |= f.code.rfind("fdv", 0) == 0 && f.message.find("not in use") != std::string::npos;
        const std::string json = analysis_json(a);
        const bool in_json = json.find("\"fdv\"") != std::string::npos && json.find("not in use") != std::string::npos;
        EXPECT_TRUE(in_findings || in_json) << "inspect() says nothing about FDV";
    }
}

}  // namespace
}  // namespace meclean::cse_test
