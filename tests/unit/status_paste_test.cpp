// The status paste parser: each tool's output, and the specific refusal for each kind of garbage
// or truncation (what, and where: line, column, word).
#include <gtest/gtest.h>

#include "status/paste_parser.hpp"

namespace meclean {
namespace {

PasteFacts parsed(std::string_view text) {
    PasteParse p = parse_status_paste(text);
    EXPECT_FALSE(p.error) << p.error->where() << ": " << p.error->what;
    return p.facts;
}

PasteError refused(std::string_view text) {
    PasteParse p = parse_status_paste(text);
    EXPECT_TRUE(p.error) << "accepted: " << text;
    return p.error.value_or(PasteError{});
}

bool mentions(const PasteError& e, std::string_view words) { return e.what.find(words) != std::string::npos; }

TEST(StatusPaste, FwStatusWords) {
    PasteFacts f = parsed("1E000255\n60002306\n00000200\n00004000\n00041F03\nC7E003CB\n");
    ASSERT_EQ(f.words.known(), 6u);
    EXPECT_EQ(f.words.hfsts[0], 0x1E000255u);
    EXPECT_EQ(f.words.hfsts[5], 0xC7E003CBu);
    EXPECT_EQ(f.formats, std::vector<PasteFormat>{PasteFormat::fw_status_words});
}

TEST(StatusPaste, WordsOnOneLineWithPrefixesAndCommandsAndCrlf) {
    PasteFacts f = parsed("$ cat /sys/class/mei/mei0/fw_status\r\n0x245 0x69000000\r\n");
    ASSERT_EQ(f.words.known(), 2u);
    EXPECT_EQ(f.words.hfsts[0], 0x245u);
    EXPECT_EQ(f.words.hfsts[1], 0x69000000u);
}

TEST(StatusPaste, EmptyAndGarbage) {
    PasteError empty = refused(" \n\n");
    EXPECT_EQ(empty.line, 0u);
    EXPECT_TRUE(mentions(empty, "empty"));
    PasteError garbage = refused("\nhello world\n");
    EXPECT_EQ(garbage.line, 2u);
    EXPECT_EQ(garbage.column, 1u);
    EXPECT_TRUE(mentions(garbage, "“hello”"));
    PasteError stray = refused("1E000255\n  not a word\n");
    EXPECT_EQ(stray.line, 2u);
    EXPECT_EQ(stray.column, 3u);
}

TEST(StatusPaste, TruncatedAndOversizedWords) {
    PasteError cut = refused("1E000255\n600023\n");
    EXPECT_EQ(cut.line, 2u);
    EXPECT_EQ(cut.column, 1u);
    EXPECT_EQ(cut.word, 2u);
    EXPECT_TRUE(mentions(cut, "6 hex digits"));
    PasteError long_word = refused("1E000255 1E0002550\n");
    EXPECT_EQ(long_word.word, 2u);
    EXPECT_EQ(long_word.column, 10u);
    EXPECT_TRUE(mentions(long_word, "32 bits"));
    PasteError seventh = refused("00000001 00000002 00000003\n00000004 00000005 00000006 00000007\n");
    EXPECT_EQ(seventh.word, 7u);
    EXPECT_EQ(seventh.line, 2u);
    EXPECT_EQ(seventh.column, 28u);
}

TEST(StatusPaste, Intelmetool) {
    PasteFacts f = parsed("MEI found: [8086:1c3a] 6 Series MEI Controller #1\n\nME Status   : 0x20191\n"
                          "ME Status 2 : 0x100a0000\n\nME: Current Working State   : Initializing\n"
                          "ME: Firmware Version 7.1.60.1193 (code) 7.1.60.1193 (recovery)\n");
    EXPECT_EQ(f.words.hfsts[0], 0x20191u);
    EXPECT_EQ(f.words.hfsts[1], 0x100A0000u);
    EXPECT_EQ(f.device_id, 0x1C3A);
    EXPECT_EQ(f.firmware_version, (std::array<uint16_t, 4>{7, 1, 60, 1193}));
    EXPECT_EQ(f.formats, std::vector<PasteFormat>{PasteFormat::intelmetool_me});
}

TEST(StatusPaste, IntelmetoolRefusals) {
    PasteError no_second = refused("ME Status   : 0x20191\nME: Error Code : No Error\n");
    EXPECT_EQ(no_second.line, 1u);
    EXPECT_TRUE(mentions(no_second, "“ME Status 2” is missing"));
    PasteError no_value = refused("ME Status   :\nME Status 2 : 0x1\n");
    EXPECT_EQ(no_value.line, 1u);
    EXPECT_EQ(no_value.column, 14u);
    EXPECT_TRUE(mentions(no_value, "no value after “ME Status”"));
    PasteError not_hex = refused("ME Status   : 0xzz\nME Status 2 : 0x1\n");
    EXPECT_EQ(not_hex.column, 15u);
    EXPECT_TRUE(mentions(not_hex, "“0xzz”"));
    PasteError decoded_only = refused("Bad news, you have ...\nME: FW Partition Table      : OK\nME: Error Code : Image Failure\n");
    EXPECT_EQ(decoded_only.line, 2u);
    EXPECT_TRUE(mentions(decoded_only, "decoded lines"));
    PasteError stops = refused("Bad news, you have ...\n\nMEI found: [8086:a13a] Sunrise Point-H CSME HECI #1\n");
    EXPECT_EQ(stops.line, 3u);
    EXPECT_TRUE(mentions(stops, "stops here"));
}

TEST(StatusPaste, MeinfoAndCorebootLog) {
    PasteFacts m = parsed("Intel(R) MEInfo Version: 11.8.50.3425\nFW Status Register1: 0x94000245\n"
                          "FW Status Register2: 0x09F10506\nFW Version: 11.8.50.3425 H Consumer\n");
    EXPECT_EQ(m.words.known(), 2u);
    EXPECT_EQ(m.meinfo_major, 11u);
    EXPECT_EQ(m.firmware_version, (std::array<uint16_t, 4>{11, 8, 50, 3425}));
    PasteError gap = refused("FW Status Register2: 0x09F10506\n");
    EXPECT_EQ(gap.line, 1u);
    EXPECT_TRUE(mentions(gap, "“FW Status Register1” is missing"));
    PasteFacts c = parsed("[DEBUG]  ME: HFSTS1                      : 0x80022054\n[DEBUG]  ME: HFSTS2 : 0x32284110\n");
    EXPECT_EQ(c.words.hfsts[0], 0x80022054u);
    EXPECT_EQ(c.formats, std::vector<PasteFormat>{PasteFormat::coreboot_log});
}

const char* kLspciHeader = "00:16.0 Communication controller [0780]: Intel Corporation Sunrise Point-H CSME HECI #1 [8086:a13a]\n";
const char* kRows =
    "00: 86 80 3a a1 06 04 10 00 31 00 80 07 00 00 80 00\n10: 04 40 22 df 00 00 00 00 00 00 00 00 00 00 00 00\n"
    "20: 00 00 00 00 00 00 00 00 00 00 00 00 28 10 be 07\n30: 00 00 00 00 50 00 00 00 00 00 00 00 ff 01 00 00\n"
    "40: 45 02 00 90 00 00 00 00 06 03 11 86 00 00 00 00\n50: 01 8c 03 c8 08 00 00 00 00 00 00 00 00 00 00 00\n"
    "60: 00 02 00 00 00 00 00 00 00 00 00 00 41 00 00 00\n70: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n";

TEST(StatusPaste, Lspci) {
    PasteFacts f = parsed(std::string(kLspciHeader) + "\tKernel driver in use: mei_me\n" + kRows);
    EXPECT_EQ(f.device_id, 0xA13A);
    EXPECT_EQ(f.words.hfsts[0], 0x90000245u);
    EXPECT_EQ(f.words.hfsts[1], 0x86110306u);
    EXPECT_EQ(f.words.hfsts[2], 0x200u);
    EXPECT_EQ(f.words.hfsts[5], 0x41u);
    // Among other devices, the MEI device is the one picked.
    std::string other = "00:1f.3 Audio device [0403]: Intel Corporation Device [8086:a170]\n"
                        "00: 86 80 70 a1 06 04 10 00 31 00 03 04 00 00 00 00\n";
    EXPECT_EQ(parsed(other + kLspciHeader + kRows).words.hfsts[0], 0x90000245u);
}

TEST(StatusPaste, LspciRefusals) {
    std::string header = kLspciHeader;
    std::string rows = kRows;
    PasteError short_dump = refused(header + rows.substr(0, rows.find("40:")));
    EXPECT_EQ(short_dump.line, 5u);
    EXPECT_TRUE(mentions(short_dump, "stops at row 0x30"));
    EXPECT_TRUE(mentions(short_dump, "-xxx"));
    PasteError cut_row = refused(header + rows.substr(0, rows.find("40:")) + "40: 45 02 00\n");
    EXPECT_EQ(cut_row.line, 6u);
    EXPECT_TRUE(mentions(cut_row, "holds 3 bytes"));
    PasteError before_60 = refused(header + rows.substr(0, rows.find("60:")));
    EXPECT_TRUE(mentions(before_60, "HFSTS3–6"));
    PasteError bad_byte = refused(header + "00: 86 80 zz a1\n");
    EXPECT_EQ(bad_byte.column, 11u);
    PasteError no_mei = refused("00:1f.3 Audio device [0403]: Intel Corporation Device\n00: 86 80 70 a1 06 04 10 00 31 00 03 04 00 00 00 00\n"
                                "00:02.0 VGA compatible controller: Intel Corporation Device\n00: 86 80 12 34 06 04 10 00 31 00 03 04 00 00 00 00\n");
    EXPECT_TRUE(mentions(no_mei, "none of them is the MEI device"));
    PasteError no_dump = refused(header + "\tKernel driver in use: mei_me\n");
    EXPECT_TRUE(mentions(no_dump, "no hex dump"));
}

TEST(StatusPaste, TwoSourcesAreRefused) {
    PasteError twice = refused("ME Status   : 0x20191\nME Status 2 : 0x100a0000\n1E000255\n60002306\n");
    EXPECT_EQ(twice.line, 3u);
    EXPECT_TRUE(mentions(twice, "twice"));
}

TEST(StatusPaste, BootGuard) {
    EXPECT_EQ(parsed("Boot Guard MSR Output : 0x100000000\n").boot_guard_msr, 0x100000000u);
    EXPECT_EQ(parsed("BootGuard MSR Output : 0x40000007d\n").boot_guard_msr, 0x40000007Du);
    EXPECT_EQ(parsed("$ sudo rdmsr 0x13a\n100000000\n").boot_guard_msr, 0x100000000u);
    EXPECT_EQ(parsed("MSR 0x13A = 0x100000041\n").boot_guard_msr, 0x100000041u);
    EXPECT_EQ(parsed("ME Capability: BootGuard Mode                              : Verified Boot\n").boot_guard_words,
              BootGuardWords::verified);
    EXPECT_EQ(parsed("Your system isn't bootguard ready. You can flash other firmware!\n").boot_guard_words,
              BootGuardWords::not_ready);
    PasteError bad = refused("$ sudo rdmsr 0x13a\nrdmsr: open: No such file or directory\n");
    EXPECT_EQ(bad.line, 2u);
}

TEST(StatusPaste, NoDeviceMessage) {
    PasteFacts f = parsed("Bad news, you have a `Sunrise Point LPC Controller/eSPI Controller` ...\n\nCan't find ME PCI device\n");
    EXPECT_TRUE(f.no_device);
    EXPECT_EQ(f.words.known(), 0u);
}

TEST(StatusPaste, SysfsFiles) {
    // fwupd issue #4927 quotes fw_ver as "0:16.0.15.1810".
    EXPECT_EQ(parse_sysfs_fw_ver("0:16.0.15.1810\n0:16.0.15.1810\n0:16.0.15.1810\n"),
              (std::array<uint16_t, 4>{16, 0, 15, 1810}));
    EXPECT_FALSE(parse_sysfs_fw_ver("garbage\n"));
    EXPECT_EQ(parse_sysfs_device_id("0xa13a\n"), 0xA13A);
    EXPECT_FALSE(parse_sysfs_device_id("0x12345\n"));
}

}  // namespace
}  // namespace meclean
