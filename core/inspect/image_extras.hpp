// What inspect() adds after reading the ME: Boot Guard from the image (fit/) and advice from
// known outcomes (advice/), each with its findings.
#pragma once

#include <cstdint>
#include <span>

#include "inspect/analysis.hpp"

namespace meclean {

// The FIT below 4 GiB, where the top of the BIOS region is mapped: that of a full image, or all of
// a BIOS region file on its own (TriageKind::bios_region).
void add_boot_guard(Analysis& analysis, std::span<const uint8_t> image);
void add_advice(Analysis& analysis);

}  // namespace meclean
