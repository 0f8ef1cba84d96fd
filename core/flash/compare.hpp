// Comparing two or more reads of the same chip before anything is cleaned: a read from a loose
// clip differs from the next one, and cleaning it would write its damage back.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/verdict.hpp"
#include "flash/read_diff.hpp"

namespace meclean {

struct ReadSummary {
    uint64_t size = 0;
    std::string sha256;  // lower-case hex
    size_t same_as = 0;  // index of the first read with identical bytes (itself when none before it)
};

// How read `read` differs from the reference read.
struct ReadDifference {
    size_t read = 0;
    ReadDiff diff;
};

struct CompareResult {
    Headline headline;
    std::vector<CheckLine> checks;
    bool identical = false;     // every read has the same bytes
    size_t reference = 0;       // the read the others are compared with: the one most others agree with
    std::vector<ReadSummary> reads;
    std::vector<ReadDifference> differences;  // one per read that differs from the reference
    std::vector<DiffPattern> patterns;        // every pattern seen, each once
};

// Needs at least two reads (with fewer it says so in a failing headline).
CompareResult compare_reads(std::span<const std::span<const uint8_t>> reads);

// The words for a pattern: what it means and what to do (shared by compare and verify).
struct PatternWords {
    DiffPattern pattern;
    const char* meaning;
    const char* remedy;
};
const PatternWords& pattern_words(DiffPattern pattern);

void write_compare_json(JsonWriter& j, const CompareResult& result);

}  // namespace meclean
