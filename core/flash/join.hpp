// Joining the reads of a two-chip flash (ThinkPad X230/T430/T440p/W541: 8 + 4 MiB) into the
// one image the descriptor describes. The chip holding the descriptor comes first, whichever
// order the reads are given in; the chip sizes come from the descriptor's component densities.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/findings.hpp"
#include "base/verdict.hpp"
#include "flash/chips.hpp"

namespace meclean {

enum class JoinError {
    none,
    no_descriptor,          // neither read starts with a descriptor
    two_descriptors,        // both do: two reads of the first chip?
    already_whole,          // the read with the descriptor is already the whole flash
    descriptor_unreadable,  // a signature, but the maps point outside the read
    one_chip_flash,         // the descriptor declares one chip: nothing to join
    size_matches_no_chip,   // a read whose size is not its chip's density
    blank_chip,             // a read that is all 0xFF or all 0x00 while regions lie in it
    regions_do_not_fit,     // a used region ends past the joined image
};
const char* join_error_id(JoinError error);  // "none", "no_descriptor", ... (stable, for JSON)

struct JoinResult {
    Headline headline;
    std::vector<CheckLine> checks;
    JoinError error = JoinError::none;
    std::optional<Problem> problem;  // set when refused: message, what to do (detail), offset
    // input_of_chip[0] is the index (0 or 1) of the read that became chip 1.
    std::vector<size_t> input_of_chip;
    bool swapped = false;            // the reads came in the other order
    std::vector<FlashChip> chips;
    std::vector<uint8_t> image;      // the whole flash; empty when refused
};

JoinResult join_chip_reads(std::span<const uint8_t> first, std::span<const uint8_t> second);

void write_join_json(JsonWriter& j, const JoinResult& result);

}  // namespace meclean
