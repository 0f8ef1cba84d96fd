#include "status/status_decode.hpp"

#include "base/text.hpp"

namespace meclean {
namespace {

constexpr uint8_t kEveryLayout = layout_bit(StatusLayout::me_6_10) | layout_bit(StatusLayout::csme_11_17) |
                                 layout_bit(StatusLayout::csme_18_plus);

bool applies(const FieldSpec& spec, std::optional<StatusLayout> layout) {
    return layout ? (spec.layouts & layout_bit(*layout)) != 0 : spec.layouts == kEveryLayout;
}

// A name that does not depend on the layout (for an unknown one).
const char* shared_name(const FieldSpec& spec, uint32_t value) {
    for (const ValueName& v : spec.names) {
        if (v.value == value && v.layouts == 0) return v.name;
    }
    return nullptr;
}

std::string meaning_of(const FieldSpec& spec, uint32_t value, uint32_t hfsts2, std::optional<StatusLayout> layout) {
    if (spec.field == StatusField::progress_state) {
        const char* step = layout == StatusLayout::me_6_10 ? phase_state_name(hfsts2 >> 28, value) : nullptr;
        return step ? step : hex(value, 2);
    }
    if (!spec.names.empty()) {
        const char* name = layout ? value_name(spec, value, *layout) : shared_name(spec, value);
        if (name) return name;
        return decimal(value) + (layout ? " (no name known)" : " (its name depends on the generation)");
    }
    if (spec.width == 1) return value ? "yes" : "no";
    return decimal(value);
}

}  // namespace

std::vector<DecodedRegister> decode_registers(const StatusWords& words, std::optional<StatusLayout> layout) {
    std::vector<DecodedRegister> out;
    const uint32_t hfsts2 = words.hfsts[1].value_or(0);
    for (unsigned i = 0; i < words.hfsts.size(); ++i) {
        if (!words.hfsts[i]) continue;
        DecodedRegister reg{i + 1, *words.hfsts[i], {}};
        for (const FieldSpec& spec : status_fields()) {
            if (spec.reg != i + 1 || !applies(spec, layout)) continue;
            uint32_t value = field_bits(spec, reg.value);
            reg.fields.push_back({&spec, value, meaning_of(spec, value, hfsts2, layout)});
        }
        out.push_back(std::move(reg));
    }
    return out;
}

const DecodedField* find_decoded(const std::vector<DecodedRegister>& registers, StatusField field) {
    for (const DecodedRegister& r : registers) {
        for (const DecodedField& f : r.fields) {
            if (f.spec->field == field) return &f;
        }
    }
    return nullptr;
}

}  // namespace meclean
