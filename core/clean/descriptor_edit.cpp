#include "clean/descriptor_edit.hpp"

#include "base/text.hpp"
#include "ifd/straps.hpp"

namespace meclean {

std::optional<uint32_t> unlocked_master_value(const Descriptor& d, const FlashMaster& m) {
    if (d.ifd_version == 1) {
        // v1: FLMSTR1 = FLMSTR2 = 0xFFFF0000; FLMSTR3 = 0x08080000 with its requester ID kept.
        if (m.index == 1 || m.index == 2) return 0xFFFF0000u;
        if (m.index == 3) return 0x08080000u | (m.raw & 0xFFFF);
        return std::nullopt;
    }
    // v2: FLMSTR1/2/3/5 = 0xFFFFFFFF with extended regions, else 0xFFFFFF00 keeping the low byte.
    if (m.index != 1 && m.index != 2 && m.index != 3 && m.index != 5) return std::nullopt;
    return has_extended_regions(d.platform.family) ? 0xFFFFFFFFu : (0xFFFFFF00u | (m.raw & 0xFF));
}

Plan plan_descriptor_unlock(const Descriptor& d, std::span<const uint8_t> image) {
    Plan p;
    p.output_size = image.size();
    for (const FlashMaster& m : d.masters) {
        std::optional<uint32_t> value = unlocked_master_value(d, m);
        if (!value || *value == m.raw) continue;
        uint64_t at = d.fmba + 4 * static_cast<uint64_t>(m.index - 1);
        if (at + 4 > image.size() || at + 4 > kDescriptorBytes) {
            p.problem = Problem{"unlock_outside_descriptor", "FLMSTR" + decimal(m.index) + " lies outside the descriptor",
                                "", at};
            p.edits.clear();
            return p;
        }
        Edit e;
        e.kind = EditKind::write;
        e.offset = at;
        e.length = 4;
        e.bytes = {static_cast<uint8_t>(*value), static_cast<uint8_t>(*value >> 8), static_cast<uint8_t>(*value >> 16),
                   static_cast<uint8_t>(*value >> 24)};
        e.reason = "unlock FLMSTR" + decimal(m.index) + " (" + m.name + "): " + hex(m.raw, 8) + " → " + hex(*value, 8);
        p.edits.push_back(std::move(e));
    }
    if (p.edits.empty()) {
        p.findings.push_back({Severity::info, "ifd_already_unlocked",
                              "Every master already has the unlocked value: nothing to change", d.fmba});
    }
    return p;
}

}  // namespace meclean
