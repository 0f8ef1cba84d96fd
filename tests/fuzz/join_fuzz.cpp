// libFuzzer target: join_chip_reads() and split_flash_image() on two chip reads built from the
// fuzz input (flash_fuzz_input.hpp). Besides "no crash, no leak, no hang": a joined image is the
// two reads back to back in chip order and as large as the descriptor's chips; a refusal hands
// back no image; splitting a joined image gives the reads back.
#include <cstring>

#include "flash/join.hpp"
#include "flash/split.hpp"
#include "flash_fuzz_input.hpp"

namespace {

[[noreturn]] void broken(const char* promise) { meclean::fuzz::broken("join_fuzz", promise); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace meclean;
    fuzz::FlashInput in = fuzz::flash_input(data, size);
    std::vector<uint8_t> chip1(in.whole.begin(), in.whole.begin() + fuzz::kChip);
    std::vector<uint8_t> chip2(in.whole.begin() + fuzz::kChip, in.whole.end());
    chip2 = fuzz::damaged(chip2, in.damages);
    if (in.flags & 2) std::fill(chip2.begin(), chip2.end(), uint8_t(0xFF));
    const bool swap = in.flags & 1;
    JoinResult r = swap ? join_chip_reads(chip2, chip1) : join_chip_reads(chip1, chip2);
    JsonWriter j;
    write_join_json(j, r);
    if (j.take().empty()) broken("empty JSON");
    if (r.problem) {
        if (!r.image.empty() || r.headline.state != State::fail) broken("a refusal with an image");
        return 0;
    }
    if (r.image.size() != chip1.size() + chip2.size()) broken("joined size");
    if (std::memcmp(r.image.data(), chip1.data(), chip1.size()) != 0) broken("chip 1 first");
    if (std::memcmp(r.image.data() + chip1.size(), chip2.data(), chip2.size()) != 0) broken("chip 2 second");
    if (r.swapped != swap) broken("swapped flag");
    SplitResult s = split_flash_image(r.image, {});
    if (s.problem || s.files.size() != 2) broken("a joined image does not split");
    if (s.files[0].chip.range.length != chip1.size() || s.files[1].chip.range.offset != chip1.size()) broken("split sizes");
    return 0;
}
