// Matched known outcomes as JSON: the "advice" key of the image report.
#pragma once

#include <vector>

#include "advice/known_outcomes.hpp"
#include "base/json_writer.hpp"

namespace meclean {

void write_advice(JsonWriter& j, const std::vector<AdviceMatch>& advice);

}  // namespace meclean
