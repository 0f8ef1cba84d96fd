// The JSON of the analysis and of a plan (UTF-8): the facts inside the report.
// Field names are part of the interface (docs/report.schema.json): add, never rename.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json_writer.hpp"
#include "clean/plan.hpp"
#include "inspect/analysis.hpp"

namespace meclean {

void write_analysis(JsonWriter& j, const Analysis& analysis);
void write_descriptor(JsonWriter& j, const Descriptor& descriptor);
void write_plan(JsonWriter& j, const Plan& plan);
void write_problem(JsonWriter& j, const std::optional<Problem>& problem);
void write_findings(JsonWriter& j, const std::vector<Finding>& findings);

std::string analysis_json(const Analysis& analysis);
std::string plan_json(const Plan& plan);

}  // namespace meclean
