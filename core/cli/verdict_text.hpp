// Prints an engine result's headline and checklist as text, the same words the page shows.
#pragma once

#include <vector>

#include "base/verdict.hpp"

namespace meclean::cli {

void print_verdict(const Headline& headline, const std::vector<CheckLine>& checks);

}  // namespace meclean::cli
