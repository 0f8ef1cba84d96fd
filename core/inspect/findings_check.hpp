// The checks a careful person makes by hand, turned into findings (formats.md §1.9, §2.9).
#pragma once

#include "inspect/analysis.hpp"

namespace meclean {

void add_findings(Analysis& analysis);

}  // namespace meclean
