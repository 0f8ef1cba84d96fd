// The engine's public face: inspect → plan → apply (see ../shared/docs/architecture.md
// in the project's shared folder). Pure functions over byte spans; no files, no printing.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "analysis.hpp"
#include "options.hpp"
#include "plan.hpp"

namespace meclean {

inline constexpr const char* kVersion = MECLEAN_VERSION;  // CMakeLists.txt: project(... VERSION)

// The largest image meclean reads or writes: the biggest SPI flash setups are two 32 MiB chips.
inline constexpr uint64_t kMaxImageBytes = 64ull << 20;

// Reads everything there is to know; never writes.
Analysis inspect(std::span<const uint8_t> image);

// Decides what would change. `image` must be the bytes `analysis` was made from.
Plan plan(const Analysis& analysis, std::span<const uint8_t> image, const Options& options);

// Carries the plan out on a copy of `image`, then re-inspects the result and
// refuses it (Outcome::problem) if its FTPR signature or layout no longer checks out.
Outcome apply(const Plan& plan, std::span<const uint8_t> image);

// JSON reports (UTF-8, one object each) for the CLI's --json and the page.
std::string analysis_json(const Analysis& analysis);
std::string plan_json(const Plan& plan);

}  // namespace meclean
