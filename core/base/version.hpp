// meclean's version and the size limit every front end enforces.
#pragma once

#include <cstdint>

namespace meclean {

inline constexpr const char* kVersion = MECLEAN_VERSION;  // CMakeLists.txt: project(... VERSION)

// The largest image meclean reads or writes: the biggest SPI flash setups are two 32 MiB chips.
inline constexpr uint64_t kMaxImageBytes = 64ull << 20;

}  // namespace meclean
