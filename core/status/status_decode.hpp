// Status words → named fields, through the field table (status_fields.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "status/status_fields.hpp"
#include "status/status_input.hpp"

namespace meclean {

struct DecodedField {
    const FieldSpec* spec = nullptr;
    uint32_t value = 0;
    std::string meaning;  // "Normal", "yes", "M0 kernel load", "3"
};

struct DecodedRegister {
    unsigned index = 0;  // 1..6: HFSTSn
    uint32_t value = 0;
    std::vector<DecodedField> fields;
};

// Without a layout only the fields every layout shares are decoded, and values whose name
// depends on the generation are left as numbers.
std::vector<DecodedRegister> decode_registers(const StatusWords& words, std::optional<StatusLayout> layout);

// The field in the decoded registers, or nothing.
const DecodedField* find_decoded(const std::vector<DecodedRegister>& registers, StatusField field);

}  // namespace meclean
