// The engine's public face: inspect → plan → apply (docs/architecture.md).
// Pure functions over byte spans; no files, no printing.
#pragma once

#include "base/version.hpp"
#include "clean/plan.hpp"
#include "inspect/inspect.hpp"
#include "report/report_json.hpp"
