#include "flash/chips.hpp"

#include <algorithm>

#include "base/findings.hpp"
#include "ifd/flash_layout.hpp"

namespace meclean {

std::vector<FlashChip> flash_chips(const Descriptor& d) {
    const FlashComponents& c = d.component;
    std::vector<FlashChip> chips;
    if (!c.present) return chips;
    uint64_t at = 0;
    for (unsigned i = 0; i < c.chips; ++i) {
        if (c.density[i] == 0) return {};
        FlashChip chip;
        chip.number = i + 1;
        chip.range = {at, c.density[i]};
        for (const FlashRegion& r : d.regions) {
            if (r.used && r.base < chip.range.end() && r.limit >= chip.range.offset) chip.regions.push_back(r.index);
        }
        chips.push_back(std::move(chip));
        at += c.density[i];
    }
    return chips;
}

std::optional<Descriptor> read_descriptor(std::span<const uint8_t> bytes) {
    std::optional<uint64_t> signature = find_descriptor_signature(bytes);
    if (!signature) return std::nullopt;
    try {
        return parse_descriptor(bytes, *signature);
    } catch (const FormatError&) {
        return std::nullopt;
    }
}

std::string region_list_text(const std::vector<int>& regions) {
    std::string out;
    for (int r : regions) out += (out.empty() ? "" : ", ") + std::string(region_layout_name(r));
    return out.empty() ? "none" : out;
}

Blankness blankness(std::span<const uint8_t> bytes) {
    if (bytes.empty()) return Blankness::not_blank;
    uint8_t first = bytes[0];
    if (first != 0xFF && first != 0x00) return Blankness::not_blank;
    if (!std::all_of(bytes.begin(), bytes.end(), [first](uint8_t b) { return b == first; })) return Blankness::not_blank;
    return first == 0xFF ? Blankness::all_ff : Blankness::all_00;
}

}  // namespace meclean
