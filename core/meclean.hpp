// The engine's public face (docs/architecture.md): open an image in a Session, ask it for a
// Report on a Request (check, preview or clean), render the report. Pure functions over byte
// spans; no files, no printing. The stages (inspect → plan → apply) are reachable one by one
// for tests and tools.
#pragma once

#include "base/version.hpp"
#include "clean/plan.hpp"
#include "inspect/inspect.hpp"
#include "report/analysis_json.hpp"
#include "report/report_json.hpp"
#include "report/session.hpp"
