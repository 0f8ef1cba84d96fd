// The JSON of the analysis and of a plan (UTF-8, one object each), inside the report.
#pragma once

#include <string>

#include "clean/plan.hpp"
#include "inspect/analysis.hpp"

namespace meclean {

std::string analysis_json(const Analysis& analysis);
std::string plan_json(const Plan& plan);

}  // namespace meclean
