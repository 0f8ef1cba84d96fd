// The status report in words for the terminal: what the JSON says, in the same order as the page.
#pragma once

#include <string>

#include "status/status.hpp"

namespace meclean::cli {

std::string status_text(const StatusReport& report);

}  // namespace meclean::cli
