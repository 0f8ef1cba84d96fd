// inspect(): everything there is to know about an image; never writes (docs/architecture.md).
#pragma once

#include <cstdint>
#include <span>

#include "inspect/analysis.hpp"

namespace meclean {

Analysis inspect(std::span<const uint8_t> image);

}  // namespace meclean
