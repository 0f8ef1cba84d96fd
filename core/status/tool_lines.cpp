// The lines of intelmetool (coreboot util/intelmetool), Intel's MEInfo and rdmsr that carry
// facts; every other line of their output is read past.
#include "base/text.hpp"
#include "status/paste_reader.hpp"

namespace meclean::paste {
namespace {

bool digit_1_to_6(char c) { return c >= '1' && c <= '6'; }

}  // namespace

// intelmetool -m: "ME Status   : 0x20191", "ME Status 2 : 0x100a0000", "MEI found: [8086:1c3a] ...",
// "ME: Firmware Version 11.6.1212.13 (code) ...", "Can't find ME PCI device".
bool Reader::intelmetool_line(const Line& line) {
    const std::string_view text = line.text;
    if (auto at = value_after_label(text, "ME Status 2")) {
        status2_ = register_value(line, *at, "ME Status 2");
        status2_line_ = line.number;
    } else if (auto at1 = value_after_label(text, "ME Status")) {
        status1_ = register_value(line, *at1, "ME Status");
        status1_line_ = line.number;
    } else if (contains_nocase(text, "Can't find ME PCI device") || contains_nocase(text, "MEI device not found")) {
        facts_.no_device = true;
        facts_.add_format(PasteFormat::no_device_message);
        return true;
    } else if (auto found = value_after_label(text, "MEI found")) {
        mei_found_line_ = line.number;
        size_t id = text.find("[8086:");
        if (id != std::string_view::npos) {
            if (auto token = read_hex(text, id + 6); token && token->digits == 4) facts_.device_id = uint16_t(token->value);
        }
    } else if (auto version = value_after_label(text, "ME: Firmware Version", true)) {
        facts_.firmware_version = parse_version(text, *version);
    } else if (starts_with_nocase(text.substr(first_non_space(text)), "ME: HFSTS")) {
        numbered_register(line, first_non_space(text) + 9, "ME: HFSTS", coreboot_);
        facts_.add_format(PasteFormat::coreboot_log);
        return true;
    } else if (starts_with_nocase(text.substr(first_non_space(text)), "ME: ") &&
               text.find(':', first_non_space(text) + 4) != std::string_view::npos) {
        // "ME: Current Working State : Normal": intelmetool's (or coreboot's) decoded lines.
        if (!decoded_line_) decoded_line_ = line.number;
    } else {
        return false;
    }
    facts_.add_format(PasteFormat::intelmetool_me);
    return true;
}

// intelmetool -b: newer versions print "BootGuard MSR Output : 0x100000000" (some spell it
// "Boot Guard"); older ones only "ME Capability: BootGuard Mode ...: Verified Boot".
bool Reader::bootguard_line(const Line& line) {
    const std::string_view text = line.text;
    std::optional<size_t> at = value_after_label(text, "BootGuard MSR Output");
    if (!at) at = value_after_label(text, "Boot Guard MSR Output");
    if (at) {
        facts_.boot_guard_msr = msr_value(line, *at, "BootGuard MSR Output");
    } else if (auto mode = value_after_label(text, "ME Capability: BootGuard Mode")) {
        std::string_view words = text.substr(*mode);
        facts_.boot_guard_words = starts_with_nocase(words, "Verified & Measured") ? BootGuardWords::verified_and_measured
                                  : starts_with_nocase(words, "Verified")          ? BootGuardWords::verified
                                  : starts_with_nocase(words, "Measured")          ? BootGuardWords::measured
                                  : starts_with_nocase(words, "Disabled")          ? BootGuardWords::disabled
                                                                                   : facts_.boot_guard_words;
    } else if (contains_nocase(text, "isn't bootguard ready") || contains_nocase(text, "isn't boot guard ready")) {
        if (facts_.boot_guard_words == BootGuardWords::none) facts_.boot_guard_words = BootGuardWords::not_ready;
    } else {
        return false;
    }
    facts_.add_format(PasteFormat::intelmetool_bootguard);
    return true;
}

// MEInfo -fwsts: "Intel(R) MEInfo Version: 9.1.45.3000", "FW Status Register1: 0x1C020181",
// "FW Version: 11.8.50.3425 H Consumer".
bool Reader::meinfo_line(const Line& line) {
    const std::string_view text = line.text;
    const size_t start = first_non_space(text);
    if (auto at = value_after_label(text, "Intel(R) MEInfo Version")) {
        if (auto v = parse_version(text, *at)) facts_.meinfo_major = (*v)[0];
        meinfo_line_ = line.number;
    } else if (starts_with_nocase(text.substr(start), "FW Status Register")) {
        if (!numbered_register(line, start + 18, "FW Status Register", meinfo_)) return true;
        if (!meinfo_line_) meinfo_line_ = line.number;
    } else if (auto version = value_after_label(text, "FW Version")) {
        facts_.firmware_version = parse_version(text, *version);
    } else {
        return false;
    }
    facts_.add_format(PasteFormat::meinfo);
    return true;
}

// "<label>N: 0x..." with N = 1..6 at `at`; false after failing.
bool Reader::numbered_register(const Line& line, size_t at, const char* label, Numbered& into) {
    const std::string_view text = line.text;
    at = skip_spaces(text, at);
    if (at >= text.size() || !digit_1_to_6(text[at])) {
        fail("“" + std::string(label) + "” without a number 1–6", line.number, at);
        return false;
    }
    size_t index = size_t(text[at] - '1');
    auto value_at = value_after_label(text.substr(at + 1), "");
    if (!value_at) {
        fail("no “:” after “" + std::string(label) + decimal(index + 1) + "”", line.number, at + 1);
        return false;
    }
    into.values[index] = register_value(line, at + 1 + *value_at, std::string(label) + decimal(index + 1));
    into.lines[index] = line.number;
    return !failed();
}

// "MSR 0x13A: 0x100000000" written by hand, or "rdmsr 0x13a" with its output on the next line.
bool Reader::msr_line(const Line& line) {
    const std::string_view text = line.text;
    for (std::string_view label : {"MSR 0x13A", "MSR_BOOT_GUARD_SACM_INFO", "BOOT_GUARD_SACM_INFO"}) {
        if (auto at = value_after_label(text, label)) {
            facts_.boot_guard_msr = msr_value(line, *at, label);
            facts_.add_format(PasteFormat::msr_value);
            return true;
        }
    }
    if (contains_nocase(text, "rdmsr") && contains_nocase(text, "0x13a")) {
        expect_msr_ = true;
        return true;
    }
    return false;
}

}  // namespace meclean::paste
