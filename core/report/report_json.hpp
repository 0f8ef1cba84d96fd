// The report as JSON (report/report_json.cpp; shape: docs/report.schema.json).
#pragma once

#include <string>

#include "base/json_writer.hpp"
#include "report/report.hpp"

namespace meclean {

std::string report_json(const Report& report);
// me_cleaner's options as the report writes them and the page sends them back.
void write_options(JsonWriter& j, const Options& options);

}  // namespace meclean
