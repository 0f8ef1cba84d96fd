// Replacing one flash region with the contents of a file (what `ifdtool -i` does), planned
// like every other change: a Plan of Edits with their reasons, carried out by apply().
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "clean/plan.hpp"
#include "ifd/descriptor.hpp"

namespace meclean {

// A region by ifdtool's name (Descriptor, BIOS, ME, GbE, Platform, ...), flashrom's layout
// name (fd, bios, me, gbe, pd, ...) or its number (0–15); case does not matter.
std::optional<int> region_index_by_name(std::string_view name);

// Writes `file` at the region's base and pads the rest of the region with 0xFF (a finding says
// so). Refuses (Plan::problem) a file larger than the region, an unused region, or a region
// that lies past the end of `image`.
Plan plan_region_inject(const Descriptor& descriptor, std::span<const uint8_t> image, int region,
                        std::span<const uint8_t> file);

}  // namespace meclean
