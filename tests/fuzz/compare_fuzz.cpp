// libFuzzer target: compare_reads() on 2–4 reads of one chip, all but the first damaged by the
// fuzz input (flash_fuzz_input.hpp). Promises: identical reads are called identical and nothing
// else is; every reported range lies inside the reads and holds at least one differing byte.

#include "flash/compare.hpp"
#include "flash_fuzz_input.hpp"

namespace {

[[noreturn]] void broken(const char* promise) { meclean::fuzz::broken("compare_fuzz", promise); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace meclean;
    fuzz::FlashInput in = fuzz::flash_input(data, size);
    // The first 64 KiB of chip 1 (descriptor, GbE, the start of ME): regions still map, and the
    // fuzzer runs eight times faster than on the whole 512 KiB chip.
    constexpr size_t kRead = 64 * 1024;
    std::vector<uint8_t> chip1(in.whole.begin(), in.whole.begin() + kRead);
    std::vector<std::vector<uint8_t>> reads{chip1};
    for (unsigned i = 1; i < in.reads; ++i) {
        // Each later read gets a different slice of the damages.
        size_t skip = std::min(in.damages.size(), size_t{4} * (i - 1));
        reads.push_back(fuzz::damaged(chip1, in.damages.subspan(skip)));
    }
    std::vector<std::span<const uint8_t>> spans(reads.begin(), reads.end());
    CompareResult r = compare_reads(spans);
    bool all_same = true;
    for (const auto& read : reads) all_same &= read == reads[0];
    if (r.identical != all_same) broken("identical verdict");
    if (r.identical != (r.headline.state == State::ok)) broken("headline state");
    for (const ReadDifference& d : r.differences) {
        const auto& ref = reads.at(r.reference);
        const auto& other = reads.at(d.read);
        for (const DiffRange& range : d.diff.ranges) {
            uint64_t limit = std::max(ref.size(), other.size());
            if (range.range.length == 0 || range.range.end() > limit) broken("range outside the reads");
            if (range.pattern != DiffPattern::size_differs && range.bytes_differ == 0) broken("a range without differences");
        }
        if (d.diff.identical()) broken("a difference that is none");
    }
    JsonWriter j;
    write_compare_json(j, r);
    if (j.take().empty()) broken("empty JSON");
    return 0;
}
