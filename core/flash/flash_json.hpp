// JSON pieces shared by the flash workflow results (join, split, compare, verify, inject);
// the shapes are documented in docs/schema/*.schema.json.
#pragma once

#include <optional>
#include <vector>

#include "base/findings.hpp"
#include "base/json_writer.hpp"
#include "base/verdict.hpp"
#include "flash/chips.hpp"

namespace meclean {

// Opens a result object: {"kind": kind, "headline": {...}, "checks": [...], — the caller adds its
// facts and closes it.
void begin_result_json(JsonWriter& j, const char* kind, const Headline& headline, const std::vector<CheckLine>& checks);

// {"code", "message", "detail", "offset"} or null.
void write_problem_json(JsonWriter& j, const std::optional<Problem>& problem);
// {"number", "offset", "size", "regions": [..]}
void write_chip(JsonWriter& j, const FlashChip& chip);
void write_chips(JsonWriter& j, const std::vector<FlashChip>& chips);

}  // namespace meclean
