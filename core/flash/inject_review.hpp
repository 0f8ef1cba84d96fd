// What an injected region turned out to be, checked before the output is offered: for the ME
// region the firmware version, key and signature, and whether that firmware belongs on the
// chipset the descriptor names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/verdict.hpp"
#include "clean/plan.hpp"
#include "inspect/analysis.hpp"

namespace meclean {

struct InjectReview {
    Headline headline;
    std::vector<CheckLine> checks;
    int region = -1;
    uint64_t file_size = 0;
    uint64_t padding = 0;         // bytes of 0xFF after the file
    std::string firmware;         // "ME 9.0.31.1487", "CSE 16.1.30.2307", "" when not the ME region
    std::optional<bool> belongs;  // the firmware fits the descriptor's chipset; nothing when unknown
    bool may_write = false;       // false: the CLI writes nothing (unless told to anyway)
};

// `plan` is plan_region_inject()'s, `after` the inspection of the image it produced.
InjectReview review_injection(const Plan& plan, const Analysis& after, int region, uint64_t file_size);

void write_inject_json(JsonWriter& j, const InjectReview& review);

}  // namespace meclean
