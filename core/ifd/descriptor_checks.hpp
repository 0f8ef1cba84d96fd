// The sanity checks a careful descriptor tool runs (formats.md §1.9), each with a stable
// code, a title for the checklist and the findings it raised (none = passed).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/findings.hpp"
#include "ifd/descriptor.hpp"

namespace meclean {

// One of the descriptor sanity checks (docs/formats.md §1.9).
struct DescriptorCheck {
    std::string code;   // "ifd_sections", "ifd_regions_in_image", ... (stable)
    std::string title;  // "Sections lie inside the descriptor and do not overlap"
    bool applicable = true;
    std::string skipped_because;    // set when !applicable
    std::vector<Finding> findings;  // info findings (e.g. "descriptor unlocked") do not fail the check
    bool passed() const {
        for (const Finding& f : findings) {
            if (f.severity != Severity::info) return false;
        }
        return applicable;
    }
};

// `image` is the whole file the descriptor came from (4 KiB for a descriptor on its own:
// the checks that need the rest of the flash are then skipped).
std::vector<DescriptorCheck> check_descriptor(const Descriptor& descriptor, std::span<const uint8_t> image);

// All findings of the checks, in order.
std::vector<Finding> descriptor_findings(const std::vector<DescriptorCheck>& checks);

// The pairs of used regions that share bytes (some vendors overlap them on purpose).
std::vector<std::pair<const FlashRegion*, const FlashRegion*>> overlapping_regions(const Descriptor& descriptor);

// The master that owns a region (FLMSTR1 → region 1 …, FLMSTR5 → EC region 8); -1 if none.
int own_region_of_master(int master_index);

}  // namespace meclean
