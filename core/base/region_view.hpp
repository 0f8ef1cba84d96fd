// me_cleaner reaches the ME region only through a bounds-checked window [start, end)
// of the file (formats.md §2.8.2). Offsets are region-relative; each check compares the
// absolute position with the region end, exactly as the reference does, so that where
// the reference stops with "out of region", meclean stops too — with a message instead
// of a traceback, and before anything is written.
#pragma once

#include <cstdint>
#include <span>

#include "base/byte_reader.hpp"

namespace meclean {

class RegionView {
public:
    RegionView(std::span<const uint8_t> file, uint64_t start, uint64_t end)
        : file_(file), start_(start), end_(end) {}

    uint64_t start() const { return start_; }
    uint64_t end() const { return end_; }

    // Throw "out_of_region" unless [offset, offset+length) lies inside the window.
    void require(uint64_t offset, uint64_t length, const char* what) const;

    std::span<const uint8_t> read(uint64_t offset, uint64_t length, const char* what) const;
    uint32_t u32(uint64_t offset, const char* what) const;
    uint16_t u16(uint64_t offset, const char* what) const;
    bool tag_at(uint64_t offset, const char (&tag)[5]) const;  // false when outside

private:
    std::span<const uint8_t> file_;
    uint64_t start_;
    uint64_t end_;
};

}  // namespace meclean
