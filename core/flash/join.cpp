#include "flash/join.hpp"

#include <algorithm>
#include <cstring>

#include "base/text.hpp"
#include "flash/flash_json.hpp"

namespace meclean {
namespace {

const char* kOrdinal[2] = {"first", "second"};

// Takes `r` by reference: the message is often built from r's own fields, and a by-value
// parameter moved from r could be made before those arguments are evaluated.
JoinResult refuse(JoinResult& r, JoinError error, std::string message, std::string what_to_do,
                  std::optional<uint64_t> offset = std::nullopt) {
    r.error = error;
    r.problem = Problem{join_error_id(error), message, what_to_do, offset, {}, Remedy::none};
    r.headline = {State::fail, "The reads were not joined", std::move(message), std::move(what_to_do)};
    r.image.clear();
    return std::move(r);
}

bool same_bytes(std::span<const uint8_t> a, std::span<const uint8_t> b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string chip_sizes_text(const std::vector<FlashChip>& chips) {
    std::string out;
    for (const FlashChip& c : chips) out += (out.empty() ? "" : " + ") + size_text(c.range.length);
    return out;
}

// Which read holds the descriptor; refuses when neither or both do.
std::optional<size_t> descriptor_read(JoinResult& r, std::span<const uint8_t> reads[2]) {
    bool has[2] = {find_descriptor_signature(reads[0]).has_value(), find_descriptor_signature(reads[1]).has_value()};
    if (has[0] != has[1]) return has[0] ? 0 : 1;
    bool identical = same_bytes(reads[0], reads[1]);
    if (!has[0]) {
        r = refuse(r, JoinError::no_descriptor,
                   std::string("Neither read starts with a flash descriptor (5A A5 F0 0F at 0x0 or 0x10)") +
                       (identical ? "; the two files are identical: two reads of the same chip." : "."),
                   "Both reads seem to come from the chip without the descriptor (or from no flash chip at all). "
                   "Read the other chip too: on ThinkPads the 8 MiB chip holds the descriptor.");
    } else {
        r = refuse(r, JoinError::two_descriptors,
                   std::string("Both reads start with a flash descriptor") +
                       (identical ? "; the two files are identical: two reads of the same chip." : ": two reads of the first chip?"),
                   "Only one chip holds the descriptor. Read the other chip (on ThinkPads the 4 MiB one) and join that "
                   "read with one read of this chip. Compare two reads of each chip first (meclean compare).");
    }
    return std::nullopt;
}

}  // namespace

const char* join_error_id(JoinError error) {
    switch (error) {
        case JoinError::none: return "none";
        case JoinError::no_descriptor: return "no_descriptor";
        case JoinError::two_descriptors: return "two_descriptors";
        case JoinError::already_whole: return "already_whole";
        case JoinError::descriptor_unreadable: return "descriptor_unreadable";
        case JoinError::one_chip_flash: return "one_chip_flash";
        case JoinError::size_matches_no_chip: return "size_matches_no_chip";
        case JoinError::blank_chip: return "blank_chip";
        case JoinError::regions_do_not_fit: return "regions_do_not_fit";
    }
    return "none";
}

JoinResult join_chip_reads(std::span<const uint8_t> first, std::span<const uint8_t> second) {
    JoinResult r;
    std::span<const uint8_t> reads[2] = {first, second};
    std::optional<size_t> with = descriptor_read(r, reads);
    if (!with) return r;
    const size_t without = 1 - *with;
    r.input_of_chip = {*with, without};
    r.swapped = *with == 1;
    std::optional<Descriptor> d = read_descriptor(reads[*with]);
    if (!d) {
        return refuse(r, JoinError::descriptor_unreadable,
                      std::string("The descriptor in the ") + kOrdinal[*with] + " read points outside it",
                      "The read is damaged or cut short: read the chip again and compare two reads.");
    }
    r.chips = flash_chips(*d);
    const uint64_t flash = d->component.total_size();
    if (r.chips.size() != 2) {
        if (reads[*with].size() == flash && flash != 0) {
            return refuse(r, JoinError::already_whole,
                          std::string("The ") + kOrdinal[*with] + " read is already the whole " + size_text(flash) +
                              " flash its descriptor declares (one chip)",
                          "There is nothing to join: work on that read alone (meclean -c FILE).");
        }
        return refuse(r, JoinError::one_chip_flash,
                      "The descriptor declares " + decimal(d->component.chips) + " flash chip(s) (FLMAP0 NC), " +
                          (flash ? size_text(flash) : std::string("of no known size")) + ": there is no second chip to join",
                      "Work on the read with the descriptor alone; if it is smaller than the flash, read the chip again "
                      "with the right chip size.",
                      d->fcba);
    }
    if (reads[*with].size() == flash) {
        return refuse(r, JoinError::already_whole,
                      std::string("The ") + kOrdinal[*with] + " read is already the whole " + size_text(flash) + " flash (" +
                          chip_sizes_text(r.chips) + ")",
                      "There is nothing to join: it was joined before, or read through the board's own SPI controller.");
    }
    for (size_t chip = 0; chip < 2; ++chip) {
        size_t input = r.input_of_chip[chip];
        uint64_t want = r.chips[chip].range.length;
        if (reads[input].size() == want) continue;
        return refuse(r, JoinError::size_matches_no_chip,
                      std::string("The ") + kOrdinal[input] + " read is " + size_text(reads[input].size()) + " but chip " +
                          decimal(chip + 1) + " is " + size_text(want) + " (the descriptor's component densities: " +
                          chip_sizes_text(r.chips) + ")",
                      chip == 0 ? "Read the chip that holds the descriptor again, with the programmer set to its real size."
                                : "Read the second chip again, with the programmer set to its real size (flashrom -c CHIP); "
                                  "a read of a different size is from another chip or a wrong chip setting.",
                      d->fcba);
    }
    for (const FlashRegion& region : d->regions) {
        if (region.used && region.limit >= flash) {
            return refuse(r, JoinError::regions_do_not_fit,
                          "Region " + decimal(region.index) + " (" + region.name + ") ends at " + hex(region.limit) +
                              ", past the end of the " + size_text(flash) + " flash the chips add up to",
                          "The descriptor does not match these chips: check that both reads come from this board.",
                          d->frba + 4 * uint64_t(region.index));
        }
    }
    Blankness blank = blankness(reads[without]);
    if (blank != Blankness::not_blank && !r.chips[1].regions.empty()) {
        return refuse(r, JoinError::blank_chip,
                      std::string("The ") + kOrdinal[without] + " read (chip 2) is all " +
                          (blank == Blankness::all_ff ? "0xFF" : "0x00") + ", yet the descriptor places " +
                          region_list_text(r.chips[1].regions) + " there",
                      "The clip made no contact or the programmer read nothing: re-seat the clip on chip 2 and read it again.");
    }
    r.image.reserve(flash);
    r.image.insert(r.image.end(), reads[*with].begin(), reads[*with].end());
    r.image.insert(r.image.end(), reads[without].begin(), reads[without].end());
    for (const FlashChip& c : r.chips) {
        r.checks.push_back({"chip" + decimal(c.number), State::ok,
                            "Chip " + decimal(c.number) + ": the " + kOrdinal[r.input_of_chip[c.number - 1]] + " read, " +
                                size_text(c.range.length),
                            "At " + hex(c.range.offset) + "–" + hex(c.range.end() - 1) + " of the flash; regions: " +
                                region_list_text(c.regions),
                            c.range.offset});
    }
    if (r.swapped) {
        r.checks.push_back({"order", State::info, "The reads came in the other order",
                            "The second read holds the descriptor, so it is chip 1 and goes first.", std::nullopt});
    }
    r.headline = {State::ok, "Joined the two chip reads into one " + size_text(flash) + " image",
                  "Chip 1 (" + size_text(r.chips[0].range.length) + ", with the descriptor) then chip 2 (" +
                      size_text(r.chips[1].range.length) + "), as the descriptor's component densities declare.",
                  "Check the joined image (meclean -c) before cleaning it; keep both reads as your backup."};
    return r;
}

void write_join_json(JsonWriter& j, const JoinResult& r) {
    begin_result_json(j, "join", r.headline, r.checks);
    j.key("error").value(join_error_id(r.error)).key("problem");
    write_problem_json(j, r.problem);
    j.key("swapped").value(r.swapped).key("input_of_chip").begin_array();
    for (size_t i : r.input_of_chip) j.value(uint64_t{i});
    j.end_array().key("chips");
    write_chips(j, r.chips);
    j.key("size").value(uint64_t{r.image.size()}).end_object();
}

}  // namespace meclean
