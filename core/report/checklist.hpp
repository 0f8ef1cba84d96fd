// The checklist of an image (report/checklist.cpp).
#pragma once

#include <vector>

#include "base/verdict.hpp"
#include "inspect/analysis.hpp"

namespace meclean {

std::vector<CheckLine> checklist(const Analysis& analysis);

}  // namespace meclean
