// The status verdict on published captures (tests/status/fixtures: each file names its source;
// the expected verdict is what the source itself reports — "it works", "shuts down after 30
// minutes", "HAP set" — or what the me_cleaner wiki's table says for those lines), and the
// generation-specific decoding on words built from the register tables.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "status/status.hpp"
#include "status/status_json.hpp"

namespace meclean {
namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(MECLEAN_STATUS_FIXTURES) + "/" + name, std::ios::binary);
    EXPECT_TRUE(in) << "missing fixture " << name;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

StatusReport decode(const std::string& text, std::optional<StatusLayout> chosen = std::nullopt) {
    StatusRequest request;
    request.text = text;
    request.hints.chosen = chosen;
    return decode_status(request);
}

const CheckLine* line(const StatusReport& r, const std::string& id) {
    auto it = std::find_if(r.lines.begin(), r.lines.end(), [&](const CheckLine& l) { return l.id == id; });
    return it == r.lines.end() ? nullptr : &*it;
}

std::string meaning(const StatusReport& r, StatusField field) {
    const DecodedField* f = find_decoded(r.registers, field);
    return f ? f->meaning : "(absent)";
}

struct Case {
    const char* file;
    StatusVerdict verdict;
    std::optional<StatusLayout> layout;
    LayoutBasis basis;
};

class PublishedCapture : public ::testing::TestWithParam<Case> {};

TEST_P(PublishedCapture, Verdict) {
    const Case& c = GetParam();
    StatusReport r = decode(fixture(c.file));
    ASSERT_FALSE(r.error) << r.error->where() << ": " << r.error->what;
    EXPECT_EQ(r.verdict, c.verdict) << status_verdict_id(r.verdict);
    EXPECT_EQ(r.layout.layout, c.layout);
    EXPECT_EQ(r.layout.basis, c.basis) << r.layout.why;
    std::string json = status_json(r);
    EXPECT_NE(json.find(std::string("\"verdict\":\"") + status_verdict_id(c.verdict) + "\""), std::string::npos);
}

constexpr auto kMe = StatusLayout::me_6_10;
constexpr auto kCsme = StatusLayout::csme_11_17;

INSTANTIATE_TEST_SUITE_P(
    Fixtures, PublishedCapture,
    ::testing::Values(
        Case{"intelmetool_cleaned_me8_x230.txt", StatusVerdict::neutralised_by_cleaning, kMe, LayoutBasis::device_id},
        Case{"intelmetool_altmedisable_me7_x220.txt", StatusVerdict::hap_in_effect, kMe, LayoutBasis::device_id},
        Case{"intelmetool_altmedisable_me9_h87.txt", StatusVerdict::hap_in_effect, kMe, LayoutBasis::device_id},
        Case{"intelmetool_stock_me9_h87.txt", StatusVerdict::running_normally, kMe, LayoutBasis::device_id},
        Case{"intelmetool_stock_csme11_h170.txt", StatusVerdict::running_normally, kCsme, LayoutBasis::device_id},
        Case{"intelmetool_shutdown_me8_hm76.txt", StatusVerdict::shutdown_pending, kMe, LayoutBasis::device_id},
        Case{"intelmetool_no_device_t480.txt", StatusVerdict::no_device, std::nullopt, LayoutBasis::unknown},
        Case{"intelmetool_sps_x99.txt", StatusVerdict::sps_firmware, kMe, LayoutBasis::device_id},
        Case{"intelmetool_heci2_zero.txt", StatusVerdict::registers_unreadable, kCsme, LayoutBasis::device_id},
        Case{"intelmetool_bootguard_z97.txt", StatusVerdict::running_normally, kMe, LayoutBasis::device_id},
        Case{"meinfo_altdisable_me8.txt", StatusVerdict::hap_in_effect, kMe, LayoutBasis::meinfo_version},
        Case{"meinfo_shutdown_me9_m6800.txt", StatusVerdict::shutdown_pending, kMe, LayoutBasis::meinfo_version},
        Case{"fw_status_stock_me9_h81.txt", StatusVerdict::running_normally, std::nullopt, LayoutBasis::unknown},
        Case{"coreboot_hap_csme18_v560.txt", StatusVerdict::hap_in_effect, std::nullopt, LayoutBasis::unknown},
        Case{"lspci_stock_me9_8cba.txt", StatusVerdict::running_normally, kMe, LayoutBasis::device_id}),
    [](const ::testing::TestParamInfo<Case>& info) {
        std::string name = info.param.file;
        name = name.substr(0, name.find('.'));
        return name;
    });

TEST(StatusVerdict, CleanedMe8MatchesTheWiki) {
    StatusReport r = decode(fixture("intelmetool_cleaned_me8_x230.txt"));
    EXPECT_EQ(meaning(r, StatusField::progress_state), "M0 kernel load");
    EXPECT_EQ(meaning(r, StatusField::error_code), "Image Failure");
    ASSERT_TRUE(line(r, "wiki_table"));
    EXPECT_EQ(line(r, "wiki_table")->state, State::ok);
    EXPECT_EQ(r.headline.state, State::ok);
}

TEST(StatusVerdict, HapNamesTheLabellingTrap) {
    StatusReport r = decode(fixture("intelmetool_altmedisable_me7_x220.txt"));
    EXPECT_EQ(meaning(r, StatusField::progress_state), "Check to see if straps say ME DISABLED");
    ASSERT_TRUE(line(r, "trap_mode_2"));
    EXPECT_NE(line(r, "trap_mode_2")->detail.find("Alt Disable Mode"), std::string::npos);
    StatusReport h87 = decode(fixture("intelmetool_altmedisable_me9_h87.txt"));
    ASSERT_TRUE(line(h87, "wiki_table"));
    EXPECT_EQ(line(h87, "wiki_table")->state, State::info);  // state 0x4d, "seems OK" per the maintainer
}

TEST(StatusVerdict, ShutdownPendingIsAFailure) {
    EXPECT_EQ(decode(fixture("intelmetool_shutdown_me8_hm76.txt")).headline.state, State::fail);
    EXPECT_EQ(decode(fixture("meinfo_shutdown_me9_m6800.txt")).registers.size(), 6u);
}

TEST(StatusVerdict, SpsModeNamesIntelmetoolsMislabel) {
    StatusReport r = decode(fixture("intelmetool_sps_x99.txt"));
    ASSERT_TRUE(line(r, "trap_unnamed_mode"));
    EXPECT_EQ(meaning(r, StatusField::operation_mode), "SPS firmware (Server Platform Services)");
}

TEST(StatusVerdict, GarbageVersionLineLosesToTheDevice) {
    StatusReport r = decode(fixture("intelmetool_bootguard_z97.txt"));
    EXPECT_NE(r.layout.why.find("set aside"), std::string::npos);
    ASSERT_TRUE(r.boot_guard);
    EXPECT_EQ(r.boot_guard->state, BootGuardState::capable_off);
    EXPECT_EQ(r.boot_guard->msr, 0x100000000u);
    EXPECT_EQ(r.boot_guard->verified, false);
}

TEST(StatusVerdict, GenerationIsAskedThenAnswered) {
    StatusReport asked = decode(fixture("fw_status_stock_me9_h81.txt"));
    EXPECT_TRUE(asked.generation_needed);
    EXPECT_EQ(line(asked, "layout")->state, State::warn);
    EXPECT_EQ(meaning(asked, StatusField::manufacturing_mode), "(absent)");  // differs by layout
    EXPECT_EQ(meaning(asked, StatusField::phase), "6 (its name depends on the generation)");
    StatusReport answered = decode(fixture("fw_status_stock_me9_h81.txt"), StatusLayout::me_6_10);
    EXPECT_FALSE(answered.generation_needed);
    EXPECT_EQ(answered.layout.basis, LayoutBasis::user);
    EXPECT_EQ(meaning(answered, StatusField::phase), "Host Communication");
    EXPECT_EQ(meaning(answered, StatusField::manufacturing_mode), "yes");
}

TEST(StatusVerdict, Csme18LayoutFromTheChoice) {
    StatusReport r = decode(fixture("coreboot_hap_csme18_v560.txt"), StatusLayout::csme_18_plus);
    EXPECT_EQ(meaning(r, StatusField::working_state), "Disabled");
    EXPECT_EQ(meaning(r, StatusField::spi_protection_mode), "yes");
    EXPECT_EQ(meaning(r, StatusField::manufacturing_mode), "(absent)");
    EXPECT_EQ(meaning(r, StatusField::operation_state), "M0 with UMA");
}

// Words built from the tables: HFSTS1 working state 0xE and mode 7 exist only from CSME 18 on;
// operation state 2 only on CSME; HFSTS6 carries Boot Guard on CSME 11–17 (fwupd fu-mei.rs).
TEST(StatusDecode, ValuesNamedOnlyInTheirLayout) {
    const std::string words = "0x0007008E 0x00000000 0x0 0x0 0x0 0x00000201\n";
    StatusReport me = decode(words, StatusLayout::me_6_10);
    StatusReport csme = decode(words, StatusLayout::csme_11_17);
    StatusReport csme18 = decode(words, StatusLayout::csme_18_plus);
    EXPECT_EQ(meaning(csme18, StatusField::working_state), "Halt");
    EXPECT_EQ(meaning(me, StatusField::working_state), "14 (no name known)");
    EXPECT_EQ(meaning(csme18, StatusField::operation_mode), "Enhanced Debug");
    EXPECT_EQ(meaning(csme, StatusField::operation_mode), "7 (no name known)");
    EXPECT_EQ(meaning(csme, StatusField::operation_state), "M0, power gated");
    EXPECT_EQ(meaning(me, StatusField::operation_state), "2 (no name known)");
    // HFSTS6 = 0x201: force Boot Guard ACM (bit 0) and verified boot (bit 9).
    EXPECT_EQ(meaning(csme, StatusField::verified_boot), "yes");
    EXPECT_EQ(meaning(csme, StatusField::force_boot_guard_acm), "yes");
    ASSERT_TRUE(csme.boot_guard);
    EXPECT_EQ(csme.boot_guard->state, BootGuardState::verified);
    EXPECT_EQ(csme.boot_guard->basis, "HFSTS6");
    EXPECT_FALSE(me.boot_guard);  // ME 6–10 has no HFSTS6 Boot Guard fields
    EXPECT_EQ(meaning(me, StatusField::verified_boot), "(absent)");
}

TEST(StatusDecode, BootGuardMsrBits) {
    StatusReport verified = decode("MSR 0x13A: 0x100000061\n");  // capability, NEM, measured, verified
    EXPECT_EQ(verified.verdict, StatusVerdict::boot_guard_only);
    ASSERT_TRUE(verified.boot_guard);
    EXPECT_EQ(verified.boot_guard->state, BootGuardState::verified);
    EXPECT_EQ(verified.boot_guard->nem, true);
    EXPECT_EQ(verified.headline.state, State::warn);
    EXPECT_EQ(decode("MSR 0x13A: 0x0\n").boot_guard->state, BootGuardState::not_capable);
    EXPECT_EQ(decode("MSR 0x13A: 0x100000020\n").boot_guard->state, BootGuardState::measured_only);
    StatusReport words = decode("ME Capability: BootGuard Mode : Verified Boot\n");
    EXPECT_EQ(words.boot_guard->state, BootGuardState::unknown);
}

TEST(StatusDecode, NoDeviceByRequestAndItsConflict) {
    StatusRequest request;
    request.no_device = true;
    StatusReport r = decode_status(request);
    EXPECT_EQ(r.verdict, StatusVerdict::no_device);
    request.text = "1E000255\n";
    EXPECT_EQ(decode_status(request).verdict, StatusVerdict::refused);
}

TEST(StatusDecode, RefusalCarriesWhereAndWhat) {
    StatusReport r = decode("hello\n");
    EXPECT_EQ(r.verdict, StatusVerdict::refused);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.headline.state, State::fail);
    EXPECT_NE(r.headline.detail.find("line 1, column 1"), std::string::npos);
    EXPECT_NE(status_json(r).find("\"error\":{\"message\""), std::string::npos);
}

}  // namespace
}  // namespace meclean
