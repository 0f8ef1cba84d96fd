// The status report as JSON (meclean status --json; the page's "Did it work?" panel). Its shape
// is docs/schema/status.schema.json: add fields, never rename them.
#pragma once

#include <string>

#include "status/status.hpp"

namespace meclean {

std::string status_json(const StatusReport& report);

}  // namespace meclean
