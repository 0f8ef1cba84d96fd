// Which register layout applies: the person's answer, else the image they opened, else what
// the paste (or the system) says about the firmware or the device, else ask.
#include "base/text.hpp"
#include "status/mei_devices.hpp"
#include "status/status.hpp"

namespace meclean {
namespace {

LayoutDecision from_version(const std::array<uint16_t, 4>& v, LayoutBasis basis, bool txe, const char* where) {
    // TXE 1–2 report like ME 6–10; CSTXE 3–4 like CSME 11 (fwupd treats TXE apart but reads the same bits).
    StatusLayout layout = txe ? (v[0] <= 2 ? StatusLayout::me_6_10 : StatusLayout::csme_11_17)
                              : status_layout_for_major(v[0]);
    return {layout, basis, std::string(txe ? "TXE " : "firmware ") + version_text(v) + " " + where};
}

std::optional<LayoutDecision> device_decision(const PasteFacts& facts, const StatusHints& hints) {
    std::optional<uint16_t> device = facts.device_id ? facts.device_id : hints.device_id;
    const MeiDevice* d = device ? find_mei_device(*device) : nullptr;
    if (!d) return std::nullopt;
    return LayoutDecision{d->layout, LayoutBasis::device_id, std::string("MEI device 8086:") + hex_digits(*device, 4) + ", " + d->name};
}

}  // namespace

const char* layout_basis_id(LayoutBasis basis) {
    switch (basis) {
        case LayoutBasis::user: return "user";
        case LayoutBasis::image: return "image";
        case LayoutBasis::firmware_version: return "firmware_version";
        case LayoutBasis::meinfo_version: return "meinfo_version";
        case LayoutBasis::device_id: return "device_id";
        case LayoutBasis::word_count: return "word_count";
        case LayoutBasis::unknown: return "unknown";
    }
    return "unknown";
}

LayoutDecision choose_layout(const PasteFacts& facts, const StatusHints& hints) {
    if (hints.chosen) return {hints.chosen, LayoutBasis::user, std::string("chosen: ") + status_layout_name(*hints.chosen)};
    if (hints.image_version) return from_version(*hints.image_version, LayoutBasis::image, hints.image_is_txe, "in the image you opened");
    std::optional<LayoutDecision> by_device = device_decision(facts, hints);
    if (facts.firmware_version) {
        LayoutDecision by_version = from_version(*facts.firmware_version, LayoutBasis::firmware_version, false, "in the paste");
        // intelmetool prints a version even when the ME's answer was garbage (felixsinger/bootguard-status #40:
        // "25.1005.1.9" on a 9-series board): the device id is a hardware fact and wins a disagreement.
        if (by_device && by_device->layout != by_version.layout) {
            by_device->why += "; the firmware version " + version_text(*facts.firmware_version) +
                              " in the paste does not fit this chipset and was set aside";
            return *by_device;
        }
        return by_version;
    }
    if (hints.running_version) {
        return from_version(*hints.running_version, LayoutBasis::firmware_version, false, "reported by the MEI driver (fw_ver)");
    }
    if (facts.meinfo_major) {
        StatusLayout layout = status_layout_for_major(*facts.meinfo_major);
        return {layout, LayoutBasis::meinfo_version, "MEInfo " + decimal(*facts.meinfo_major) + " (it matches the firmware's major version)"};
    }
    if (by_device) return *by_device;
    // Linux reads 1 word on ICH10 and 2 on the 5- to 7-series (ME 6–8); 6 from the 8-series on.
    size_t words = facts.words.known();
    if (facts.formats.size() == 1 && facts.formats[0] == PasteFormat::fw_status_words && (words == 1 || words == 2)) {
        return {StatusLayout::me_6_10, LayoutBasis::word_count,
                decimal(words) + " fw_status word" + (words == 1 ? "" : "s") + ": only ICH10 and 5- to 7-series chipsets (ME ≤ 8) give fewer than six"};
    }
    return {std::nullopt, LayoutBasis::unknown, "nothing in the paste says which generation this is"};
}

}  // namespace meclean
