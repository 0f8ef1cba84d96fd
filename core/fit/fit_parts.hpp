// The parts of the FIT reader (fit.hpp is the interface): the table (fit_table.cpp), the
// components an entry names (fit_components.cpp, boot_policy.cpp) and the words (fit_summary.cpp).
#pragma once

#include <span>
#include <string>

#include "fit/fit.hpp"

namespace meclean::fit_parts {

inline constexpr uint64_t kFourGiB = 1ull << 32;

ManifestGeneration generation_of(uint8_t structure_version);

void add_finding(FitReport& report, Severity severity, const char* code, std::string message,
                 std::optional<uint64_t> offset);

// Each reads what `entry.target` points at and fills its part of `entry`; a structure that is
// not there or runs out of the image becomes a finding.
void read_microcode(std::span<const uint8_t> image, FitEntry& entry, FitReport& report);
void read_startup_acm(std::span<const uint8_t> image, FitEntry& entry, FitReport& report);
void read_key_manifest(std::span<const uint8_t> image, FitEntry& entry, FitReport& report);
void read_boot_policy(std::span<const uint8_t> image, FitEntry& entry, FitReport& report);

// Headline, checklist lines and the provisioning verdict, from what was read.
void summarise(FitReport& report);

}  // namespace meclean::fit_parts
