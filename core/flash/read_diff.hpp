// Where two reads of the same flash differ, merged into ranges, cut at region boundaries, and
// named by the pattern a bad read leaves (a loose clip, a stuck data line, a dropped byte).
// Used by compare (reads of one chip) and verify (the written image against its read-back).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/byte_range.hpp"
#include "base/json_writer.hpp"
#include "ifd/descriptor.hpp"

namespace meclean {

enum class DiffPattern {
    bit_flips,       // single bits differ here and there
    stuck_bit_low,   // one data bit reads 0 wherever it should be 1 (DiffRange::bit)
    stuck_bit_high,  // one data bit reads 1 wherever it should be 0
    erased_block,    // the other read holds 0xFF where the reference has data
    zeroed_block,    // the other read holds 0x00 where the reference has data
    shifted,         // the other read is the reference moved by DiffRange::shift bytes
    size_differs,    // the reads are not the same size (the range is the extra part)
    unrelated,       // more than half of the bytes differ: another chip, or no contact
    other,           // none of the above
};
const char* diff_pattern_id(DiffPattern pattern);  // "bit_flips", ... (stable, for JSON and tests)

struct DiffRange {
    ByteRange range;            // in file offsets, cut at region boundaries
    uint64_t bytes_differ = 0;  // differing bytes inside `range`
    int region = -1;            // the smallest used region holding range.offset; -1 = none
    DiffPattern pattern = DiffPattern::other;
    int bit = -1;               // stuck_bit_*: which bit (0–7)
    int64_t shift = 0;          // shifted: other[i] == reference[i + shift]
};

struct ReadDiff {
    uint64_t compared = 0;      // bytes compared: the smaller of the two sizes
    uint64_t bytes_differ = 0;  // within `compared` (the size difference is not counted)
    bool size_differs = false;
    std::vector<DiffRange> ranges;  // the first kMaxDiffRanges ranges, in address order
    uint64_t ranges_total = 0;      // how many there are in all
    std::vector<DiffPattern> patterns;  // of the listed ranges (plus unrelated), each once, in order of first appearance
    bool identical() const { return bytes_differ == 0 && !size_differs; }
};

inline constexpr size_t kMaxDiffRanges = 256;
inline constexpr uint64_t kDiffMergeGap = 64;  // differing bytes closer than this share a range

// `layout` (may be null) names the regions; normally the reference read's descriptor.
ReadDiff diff_reads(std::span<const uint8_t> reference, std::span<const uint8_t> other, const Descriptor* layout);

void write_read_diff(JsonWriter& j, const ReadDiff& diff);

}  // namespace meclean
