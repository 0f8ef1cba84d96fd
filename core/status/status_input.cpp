#include "status/status_input.hpp"

#include <algorithm>

#include "base/text.hpp"

namespace meclean {

const char* status_layout_id(StatusLayout layout) {
    switch (layout) {
        case StatusLayout::me_6_10: return "me6-10";
        case StatusLayout::csme_11_17: return "csme11-17";
        case StatusLayout::csme_18_plus: return "csme18+";
    }
    return "me6-10";
}

const char* status_layout_name(StatusLayout layout) {
    switch (layout) {
        case StatusLayout::me_6_10: return "ME 6–10 / TXE 1–2";
        case StatusLayout::csme_11_17: return "CSME 11–17";
        case StatusLayout::csme_18_plus: return "CSME 18 and later";
    }
    return "";
}

std::optional<StatusLayout> status_layout_from_id(std::string_view id) {
    for (StatusLayout l : {StatusLayout::me_6_10, StatusLayout::csme_11_17, StatusLayout::csme_18_plus}) {
        if (id == status_layout_id(l)) return l;
    }
    return std::nullopt;
}

// ME 1–5 firmware reports through the same HFSTS1 layout that intelmetool decodes for ME 6–10;
// fwupd's families start a new layout at CSME 11 and again at CSME 18.
StatusLayout status_layout_for_major(unsigned major) {
    if (major >= 18) return StatusLayout::csme_18_plus;
    if (major >= 11) return StatusLayout::csme_11_17;
    return StatusLayout::me_6_10;
}

const char* paste_format_id(PasteFormat format) {
    switch (format) {
        case PasteFormat::fw_status_words: return "fw_status_words";
        case PasteFormat::intelmetool_me: return "intelmetool_me";
        case PasteFormat::intelmetool_bootguard: return "intelmetool_bootguard";
        case PasteFormat::meinfo: return "meinfo";
        case PasteFormat::coreboot_log: return "coreboot_log";
        case PasteFormat::lspci: return "lspci";
        case PasteFormat::msr_value: return "msr_value";
        case PasteFormat::no_device_message: return "no_device_message";
    }
    return "fw_status_words";
}

const char* paste_format_name(PasteFormat format) {
    switch (format) {
        case PasteFormat::fw_status_words: return "status words (fw_status)";
        case PasteFormat::intelmetool_me: return "intelmetool -m";
        case PasteFormat::intelmetool_bootguard: return "intelmetool -b";
        case PasteFormat::meinfo: return "MEInfo";
        case PasteFormat::coreboot_log: return "coreboot's log";
        case PasteFormat::lspci: return "lspci";
        case PasteFormat::msr_value: return "MSR 0x13A";
        case PasteFormat::no_device_message: return "“no MEI device”";
    }
    return "";
}

size_t StatusWords::known() const {
    return size_t(std::count_if(hfsts.begin(), hfsts.end(), [](const auto& w) { return w.has_value(); }));
}

void PasteFacts::add_format(PasteFormat format) {
    if (std::find(formats.begin(), formats.end(), format) == formats.end()) formats.push_back(format);
}

std::string PasteError::where() const {
    if (line == 0) return "";
    std::string out = "line " + decimal(line);
    if (column > 0) out += ", column " + decimal(column);
    if (word) out += " (word " + decimal(*word) + ")";
    return out;
}

}  // namespace meclean
