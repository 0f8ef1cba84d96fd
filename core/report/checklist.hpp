// The checklist of an image (report/checklist.cpp).
#pragma once

#include <vector>

#include "base/verdict.hpp"
#include "inspect/analysis.hpp"

namespace meclean {

std::vector<CheckLine> checklist(const Analysis& analysis);

// One descriptor check (docs/formats.md §1.9) as a checklist line "ifd-<code>".
CheckLine descriptor_check_line(const DescriptorCheck& check);

}  // namespace meclean
