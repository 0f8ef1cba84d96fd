// The descriptor's full-dump fields and §1.9 checks in the JSON report (report_json.cpp calls
// these inside its "descriptor" object and the analysis object).
#pragma once

#include <vector>

#include "base/json_writer.hpp"
#include "ifd/descriptor.hpp"
#include "ifd/descriptor_checks.hpp"

namespace meclean {

// Writes keys "flmap3", "flumap1", "platform", "component", "vscc" into the open object.
void write_descriptor_details(JsonWriter& j, const Descriptor& d);
// Writes an array of {code, title, applicable, skipped_because, passed, findings:[...]}.
void write_descriptor_checks(JsonWriter& j, const std::vector<DescriptorCheck>& checks);

}  // namespace meclean
