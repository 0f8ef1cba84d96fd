// A stretch of a file: where it starts and how long it is.
#pragma once

#include <cstdint>

namespace meclean {

struct ByteRange {
    uint64_t offset = 0;
    uint64_t length = 0;
    uint64_t end() const { return offset + length; }  // exclusive
};

}  // namespace meclean
