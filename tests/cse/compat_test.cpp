// me_cleaner compatibility on CSME 12+: without --platform, -c / -s / -S still
// stop with me_cleaner 1.2's own message (formats.md Appendix A: "me_cleaner: unknown image";
// the corpus recipes note that me_cleaner cannot parse CSME 16 full images).
#include "cse_support.hpp"

namespace meclean::cse_test {
namespace {

constexpr const char* kFirmwareMissing = "The ME/TXE region is valid but the firmware is corrupted or missing";

Options flag(char f) {
    Options o;
    if (f == 'c') o.check_only = true;
    if (f == 's') o.soft_disable_only = true;
    if (f == 'S') o.soft_disable = true;
    return o;
}

void expect_me_cleaner_message(const Bytes& image, const std::string& message) {
    for (char f : {'c', 's', 'S'}) {
        SCOPED_TRACE(std::string("-") + f);
        const Result r = run(image, flag(f));
        ASSERT_TRUE(r.plan.problem);
        EXPECT_EQ(r.plan.problem->message, message);
        EXPECT_TRUE(r.plan.edits.empty());
        EXPECT_TRUE(r.outcome.image.empty());
    }
}

TEST(CseCompat, FullCsme16ImagesFailAsMeCleaner) {
    for (const char* file : {"full_csme16_msi-ms7d25.bin", "full_csme16_msi-ms7e06.bin"}) {
        SCOPED_TRACE(file);
        CSE_CORPUS_OR_SKIP(image, "MECLEAN_CORPUS_INPUTS", file);
        expect_me_cleaner_message(image, kFirmwareMissing);
    }
}

TEST(CseCompat, Csme16RegionFilesAreUnknownImages) {
    for (const char* file : {"images/csme16.1.30.2307_msi-ms7d25.bin", "images/csme16.1.30.2307_msi-ms7e06.bin"}) {
        SCOPED_TRACE(file);
        CSE_CORPUS_OR_SKIP(image, "MECLEAN_CORPUS", file);
        expect_me_cleaner_message(image, "Unknown image");
    }
}

TEST(CseCompat, SyntheticCsme16SameMessages) {
    expect_me_cleaner_message(full_csme16(), kFirmwareMissing);
    expect_me_cleaner_message(csme16_region().bytes, "Unknown image");
    // The extra analysis is there all the same.
    const Analysis a = inspect(full_csme16());
    ASSERT_TRUE(a.cse);
    EXPECT_TRUE(has_finding(a.findings, "cse_firmware"));
}

}  // namespace
}  // namespace meclean::cse_test
