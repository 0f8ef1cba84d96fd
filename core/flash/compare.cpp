#include "flash/compare.hpp"

#include <algorithm>
#include <cstring>

#include "base/text.hpp"
#include "flash/flash_json.hpp"
#include "crypto/crypto.hpp"
#include "flash/chips.hpp"
#include "ifd/flash_layout.hpp"

namespace meclean {
namespace {

// What each pattern usually means on an SPI clip read (flashrom's and me_cleaner's issue
// trackers: loose clips, long wires, a second chip powered through the clip).
constexpr PatternWords kPatternWords[] = {
    {DiffPattern::bit_flips, "single bits differ here and there",
     "A marginal contact or too fast a clock: shorten the wires or lower the SPI speed"},
    {DiffPattern::stuck_bit_low, "one data bit always reads 0",
     "A data line has no contact: re-seat the clip, check the wiring of that pin"},
    {DiffPattern::stuck_bit_high, "one data bit always reads 1",
     "A data line floats high: re-seat the clip, check the wiring of that pin"},
    {DiffPattern::erased_block, "a block reads as 0xFF", "The read lost contact for a while (or a block was erased)"},
    {DiffPattern::zeroed_block, "a block reads as 0x00", "The read lost contact or power for a while"},
    {DiffPattern::shifted, "the data is shifted by a few bytes", "The programmer dropped or repeated bytes: read again, slower"},
    {DiffPattern::size_differs, "the reads are of different sizes",
     "The programmer assumed another chip size: name the chip (flashrom -c) and read again"},
    {DiffPattern::unrelated, "more than half of the bytes differ",
     "Reads of different chips, or no contact at all: check which chip the clip is on"},
    {DiffPattern::other, "bytes differ without a recognisable pattern", "Read again until two reads agree"},
};

std::string pattern_list(const std::vector<DiffPattern>& patterns) {
    std::string out;
    for (DiffPattern p : patterns) out += (out.empty() ? "" : "; ") + std::string(pattern_words(p).meaning);
    return out;
}

std::string range_text(const DiffRange& d) {
    std::string where = hex(d.range.offset) + "–" + hex(d.range.end() - 1);
    std::string region = d.region >= 0 ? std::string(region_name(d.region)) + " region" : "outside every region";
    std::string what = pattern_words(d.pattern).meaning;
    if (d.bit >= 0) what += " (bit " + decimal(d.bit) + ")";
    if (d.pattern == DiffPattern::shifted) {
        what += " (by " + decimal(d.shift < 0 ? -d.shift : d.shift) + (d.shift > 0 ? ": bytes were skipped)" : ": bytes were repeated)");
    }
    return where + " (" + region + "): " + decimal(d.bytes_differ) + " byte(s); " + what;
}

// The read that most others are identical to; ties go to the earliest.
size_t pick_reference(const std::vector<ReadSummary>& reads) {
    size_t best = 0, best_count = 0;
    for (size_t i = 0; i < reads.size(); ++i) {
        size_t count = std::count_if(reads.begin(), reads.end(), [&](const ReadSummary& r) { return r.same_as == reads[i].same_as; });
        if (count > best_count) {
            best = reads[i].same_as;
            best_count = count;
        }
    }
    return best;
}

}  // namespace

const PatternWords& pattern_words(DiffPattern pattern) {
    for (const PatternWords& w : kPatternWords) {
        if (w.pattern == pattern) return w;
    }
    return kPatternWords[std::size(kPatternWords) - 1];
}

CompareResult compare_reads(std::span<const std::span<const uint8_t>> reads) {
    CompareResult r;
    if (reads.size() < 2) {
        r.headline = {State::fail, "Two reads are needed", "Comparing needs at least two reads of the same chip.",
                      "Read the chip twice (without moving the clip in between) and give both files."};
        return r;
    }
    for (size_t i = 0; i < reads.size(); ++i) {
        ReadSummary s{reads[i].size(), hex_bytes(crypto::sha256(reads[i])), i};
        for (size_t k = 0; k < i; ++k) {
            if (reads[k].size() == reads[i].size() && std::memcmp(reads[k].data(), reads[i].data(), reads[i].size()) == 0) {
                s.same_as = r.reads[k].same_as;
                break;
            }
        }
        r.reads.push_back(std::move(s));
    }
    r.reference = pick_reference(r.reads);
    const std::optional<Descriptor> layout = read_descriptor(reads[r.reference]);
    r.identical = std::all_of(r.reads.begin(), r.reads.end(), [&](const ReadSummary& s) { return s.same_as == 0; });
    for (size_t i = 0; i < reads.size(); ++i) {
        const std::string name = "Read " + decimal(i + 1);
        if (r.reads[i].same_as == r.reads[r.reference].same_as) {
            r.checks.push_back({"read" + decimal(i + 1), State::ok,
                                name + (i == r.reference ? " (the reference)" : " equals read " + decimal(r.reference + 1)),
                                "SHA-256 " + r.reads[i].sha256, std::nullopt});
            continue;
        }
        ReadDifference d{i, diff_reads(reads[r.reference], reads[i], layout ? &*layout : nullptr)};
        std::string detail = decimal(d.diff.bytes_differ) + " byte(s) differ in " + decimal(d.diff.ranges_total) + " range(s): " +
                             pattern_list(d.diff.patterns) + ".";
        for (size_t k = 0; k < d.diff.ranges.size() && k < 8; ++k) detail += "\n" + range_text(d.diff.ranges[k]);
        if (d.diff.ranges_total > 8) detail += "\n… and " + decimal(d.diff.ranges_total - 8) + " more range(s)";
        std::optional<uint64_t> first;
        if (!d.diff.ranges.empty()) first = d.diff.ranges.front().range.offset;
        r.checks.push_back({"read" + decimal(i + 1), State::fail, name + " differs from read " + decimal(r.reference + 1),
                            detail, first});
        for (DiffPattern p : d.diff.patterns) {
            if (std::find(r.patterns.begin(), r.patterns.end(), p) == r.patterns.end()) r.patterns.push_back(p);
        }
        r.differences.push_back(std::move(d));
    }
    if (r.identical) {
        r.headline = {State::ok, "The " + decimal(reads.size()) + " reads agree",
                      "Every read has the same " + decimal(reads[0].size()) + " bytes (SHA-256 " + r.reads[0].sha256 + ").",
                      "Keep one read as your backup (somewhere else too) and work on a copy."};
        return r;
    }
    std::string remedies;
    for (DiffPattern p : r.patterns) remedies += (remedies.empty() ? "" : " ") + std::string(pattern_words(p).remedy) + ".";
    r.headline = {State::fail, "The reads differ: re-seat the clip and read again; do not clean yet",
                  "What differs: " + pattern_list(r.patterns) + ". " + remedies,
                  "Re-seat the clip and read again until two reads agree; do not clean yet."};
    return r;
}

void write_compare_json(JsonWriter& j, const CompareResult& r) {
    begin_result_json(j, "compare", r.headline, r.checks);
    j.key("identical").value(r.identical).key("reference").value(uint64_t{r.reference}).key("reads").begin_array();
    for (const ReadSummary& s : r.reads) {
        j.begin_object().key("size").value(s.size).key("sha256").value(s.sha256).key("same_as").value(uint64_t{s.same_as});
        j.end_object();
    }
    j.end_array().key("patterns").begin_array();
    for (DiffPattern p : r.patterns) j.value(diff_pattern_id(p));
    j.end_array().key("differences").begin_array();
    for (const ReadDifference& d : r.differences) {
        j.begin_object().key("read").value(uint64_t{d.read}).key("diff");
        write_read_diff(j, d.diff);
        j.end_object();
    }
    j.end_array().end_object();
}

}  // namespace meclean
