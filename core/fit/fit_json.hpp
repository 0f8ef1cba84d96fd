// The FIT report as JSON: the "fit" key of the image report (report/report_json.cpp).
#pragma once

#include "base/json_writer.hpp"
#include "fit/fit.hpp"

namespace meclean {

void write_fit(JsonWriter& j, const FitReport& fit);

}  // namespace meclean
