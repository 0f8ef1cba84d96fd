// `meclean ifd --json`: the descriptor on its own (a full dump or a 4 KiB descriptor file), its
// checks as checklist lines and its flashrom layout. Shape: docs/report.schema.json ("meclean-ifd").
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "ifd/descriptor.hpp"

namespace meclean {

std::string descriptor_report_json(const Descriptor& descriptor, std::span<const uint8_t> file, const std::string& name);

}  // namespace meclean
