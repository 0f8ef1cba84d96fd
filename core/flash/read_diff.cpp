#include "flash/read_diff.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace meclean {
namespace {

constexpr uint64_t kBlock = 4096;           // memcmp stride before looking at single bytes
constexpr uint64_t kMinBlockPattern = 64;   // shorter ranges are judged bit by bit
constexpr int64_t kMaxShift = 64;
constexpr uint64_t kShiftSample = 512;
constexpr uint64_t kMinStuckBytes = 16;     // fewer differing bytes are flips, not a stuck line

// What every differing byte has in common: one bit, and the value the other read holds there.
struct BitStats {
    bool all_single_bit = true;
    uint8_t common_bit = 0;  // the xor when every xor is this same single bit, else 0
    bool first = true;
    bool other_always_low = true, other_always_high = true;
    void add(uint8_t ref, uint8_t other) {
        uint8_t x = ref ^ other;
        if (std::popcount(x) != 1) all_single_bit = false;
        common_bit = first ? x : (common_bit == x ? x : 0);
        first = false;
        other_always_low &= (other & x) == 0;
        other_always_high &= (other & x) == x;
    }
    bool stuck() const { return all_single_bit && common_bit != 0 && (other_always_low || other_always_high); }
};

// Raw runs of differing bytes, merged across gaps shorter than kDiffMergeGap.
std::vector<ByteRange> differing_runs(std::span<const uint8_t> a, std::span<const uint8_t> b, uint64_t size,
                                      uint64_t& count, BitStats& stats) {
    std::vector<ByteRange> runs;
    for (uint64_t block = 0; block < size; block += kBlock) {
        uint64_t end = std::min(size, block + kBlock);
        if (std::memcmp(a.data() + block, b.data() + block, end - block) == 0) continue;
        for (uint64_t i = block; i < end; ++i) {
            if (a[i] == b[i]) continue;
            ++count;
            stats.add(a[i], b[i]);
            if (!runs.empty() && i - runs.back().end() < kDiffMergeGap) {
                runs.back().length = i + 1 - runs.back().offset;
            } else {
                runs.push_back({i, 1});
            }
        }
    }
    return runs;
}

// Region boundaries (first byte and one past the last of every used region), sorted.
std::vector<uint64_t> boundaries(const Descriptor* layout) {
    std::vector<uint64_t> out;
    if (!layout) return out;
    for (const FlashRegion& r : layout->regions) {
        if (!r.used) continue;
        out.push_back(r.base);
        out.push_back(r.limit + 1);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// The smallest used region holding `at` (z77-style layouts: the BIOS region covers everything).
int region_at(const Descriptor* layout, uint64_t at) {
    if (!layout) return -1;
    int best = -1;
    uint64_t best_size = UINT64_MAX;
    for (const FlashRegion& r : layout->regions) {
        if (!r.used || at < r.base || at > r.limit) continue;
        if (r.limit - r.base < best_size) {
            best = r.index;
            best_size = r.limit - r.base;
        }
    }
    return best;
}

bool all_equal(std::span<const uint8_t> bytes, uint8_t value) {
    return std::all_of(bytes.begin(), bytes.end(), [value](uint8_t b) { return b == value; });
}

// The shift s (other[i] == ref[i + s]) that explains at least 90 % of a sample of the range.
std::optional<int64_t> find_shift(std::span<const uint8_t> ref, std::span<const uint8_t> other, ByteRange range) {
    const uint64_t n = std::min(range.length, kShiftSample);
    for (int64_t s = -kMaxShift; s <= kMaxShift; ++s) {
        if (s == 0) continue;
        uint64_t matches = 0, tried = 0;
        for (uint64_t i = range.offset; i < range.offset + n && tried - matches <= n / 10; ++i) {
            int64_t j = static_cast<int64_t>(i) + s;
            if (j < 0 || static_cast<uint64_t>(j) >= ref.size()) continue;
            ++tried;
            matches += other[i] == ref[static_cast<size_t>(j)];
        }
        if (tried >= n / 2 && matches * 10 >= n * 9) return s;
    }
    return std::nullopt;
}

void classify(DiffRange& d, std::span<const uint8_t> ref, std::span<const uint8_t> other, const BitStats& global) {
    auto mine = other.subspan(d.range.offset, d.range.length);
    auto theirs = ref.subspan(d.range.offset, d.range.length);
    if (d.range.length >= kMinBlockPattern && all_equal(mine, 0xFF) && !all_equal(theirs, 0xFF)) {
        d.pattern = DiffPattern::erased_block;
    } else if (d.range.length >= kMinBlockPattern && all_equal(mine, 0x00) && !all_equal(theirs, 0x00)) {
        d.pattern = DiffPattern::zeroed_block;
    } else if (global.stuck() && d.bytes_differ > 0) {
        d.pattern = global.other_always_low ? DiffPattern::stuck_bit_low : DiffPattern::stuck_bit_high;
        d.bit = std::countr_zero(global.common_bit);
    } else if (auto s = d.range.length >= 32 ? find_shift(ref, other, d.range) : std::nullopt) {
        d.pattern = DiffPattern::shifted;
        d.shift = *s;
    } else {
        BitStats local;
        for (uint64_t i = 0; i < mine.size(); ++i) {
            if (mine[i] != theirs[i]) local.add(theirs[i], mine[i]);
        }
        d.pattern = local.all_single_bit ? DiffPattern::bit_flips : DiffPattern::other;
    }
}

void note_pattern(ReadDiff& diff, DiffPattern p) {
    if (std::find(diff.patterns.begin(), diff.patterns.end(), p) == diff.patterns.end()) diff.patterns.push_back(p);
}

}  // namespace

const char* diff_pattern_id(DiffPattern pattern) {
    switch (pattern) {
        case DiffPattern::bit_flips: return "bit_flips";
        case DiffPattern::stuck_bit_low: return "stuck_bit_low";
        case DiffPattern::stuck_bit_high: return "stuck_bit_high";
        case DiffPattern::erased_block: return "erased_block";
        case DiffPattern::zeroed_block: return "zeroed_block";
        case DiffPattern::shifted: return "shifted";
        case DiffPattern::size_differs: return "size_differs";
        case DiffPattern::unrelated: return "unrelated";
        case DiffPattern::other: return "other";
    }
    return "other";
}

ReadDiff diff_reads(std::span<const uint8_t> ref, std::span<const uint8_t> other, const Descriptor* layout) {
    ReadDiff diff;
    diff.compared = std::min(ref.size(), other.size());
    diff.size_differs = ref.size() != other.size();
    BitStats global;
    std::vector<ByteRange> runs = differing_runs(ref, other, diff.compared, diff.bytes_differ, global);
    // The stuck-line verdict needs enough evidence; a few single-bit differences are flips.
    if (diff.bytes_differ < kMinStuckBytes) global.common_bit = 0;
    if (diff.compared > 0 && diff.bytes_differ * 2 > diff.compared && !global.stuck()) note_pattern(diff, DiffPattern::unrelated);
    const std::vector<uint64_t> cuts = boundaries(layout);
    for (const ByteRange& run : runs) {
        uint64_t at = run.offset;
        while (at < run.end()) {
            auto next_cut = std::upper_bound(cuts.begin(), cuts.end(), at);
            uint64_t end = next_cut == cuts.end() ? run.end() : std::min(run.end(), *next_cut);
            DiffRange d;
            d.range = {at, end - at};
            for (uint64_t i = at; i < end; ++i) d.bytes_differ += ref[i] != other[i];
            at = end;
            if (d.bytes_differ == 0) continue;  // a merged gap that fell on its own side of a boundary
            ++diff.ranges_total;
            if (diff.ranges.size() >= kMaxDiffRanges) continue;  // counted, not judged: the list is full
            d.region = region_at(layout, d.range.offset);
            classify(d, ref, other, global);
            note_pattern(diff, d.pattern);
            diff.ranges.push_back(d);
        }
    }
    if (diff.size_differs) {
        DiffRange extra;
        extra.range = {diff.compared, std::max(ref.size(), other.size()) - diff.compared};
        extra.region = region_at(layout, extra.range.offset);
        extra.pattern = DiffPattern::size_differs;
        note_pattern(diff, DiffPattern::size_differs);
        ++diff.ranges_total;
        if (diff.ranges.size() < kMaxDiffRanges) diff.ranges.push_back(extra);
    }
    return diff;
}

void write_read_diff(JsonWriter& j, const ReadDiff& diff) {
    j.begin_object().key("compared").value(diff.compared).key("bytes_differ").value(diff.bytes_differ);
    j.key("size_differs").value(diff.size_differs).key("patterns").begin_array();
    for (DiffPattern p : diff.patterns) j.value(diff_pattern_id(p));
    j.end_array().key("ranges_total").value(diff.ranges_total).key("ranges").begin_array();
    for (const DiffRange& d : diff.ranges) {
        j.begin_object().key("offset").value(d.range.offset).key("length").value(d.range.length);
        j.key("bytes_differ").value(d.bytes_differ).key("region");
        if (d.region >= 0) j.value(d.region); else j.null();
        j.key("pattern").value(diff_pattern_id(d.pattern)).key("bit");
        if (d.bit >= 0) j.value(d.bit); else j.null();
        j.key("shift").value(int64_t{d.shift}).end_object();
    }
    j.end_array().end_object();
}

}  // namespace meclean
