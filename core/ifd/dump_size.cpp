#include "ifd/dump_size.hpp"

#include <algorithm>
#include <cstring>

#include "base/text.hpp"

namespace meclean {

std::optional<DumpSizeJudgement> judge_dump_size(const Descriptor& d, std::span<const uint8_t> image) {
    const FlashComponents& c = d.component;
    uint64_t flash = c.total_size(), size = image.size();
    if (flash == 0 || size == flash) return std::nullopt;
    std::string declared = decimal(c.chips) + " chip(s) with " + hex(flash) + " bytes in all";
    std::string work_on_first = "meclean can work on the first " + hex(flash) + " bytes, which is what the chip holds.";
    if (size < flash) {
        if (c.chips == 2 && size == c.density[0]) {
            return DumpSizeJudgement{DumpSizeMismatch::first_chip_only,
                          "The descriptor declares two flash chips (" + hex(c.density[0]) + " and " +
                              hex(c.density[1]) + " bytes) and this file is as large as the first: it is a dump of "
                              "the first chip only.",
                          "That is enough when the ME region lies in the first chip (the checks say whether it does): "
                          "write the result back to that chip only. For a backup of the whole flash, dump the second "
                          "chip too and join the two (meclean join -O full.bin first.bin second.bin, in either order).",
                          std::nullopt};
        }
        return DumpSizeJudgement{DumpSizeMismatch::truncated,
                      "The image is " + hex(size) + " bytes but the descriptor declares " + declared +
                          ": the dump is cut short, or the programmer assumed a smaller chip.",
                      "Read the chip again, whole, and compare two reads. Do not flash an image made from a partial "
                      "dump.",
                      std::nullopt};
    }
    auto first = image.first(flash);
    bool copies = size % flash == 0;
    for (uint64_t at = flash; copies && at < size; at += flash) {
        copies = std::memcmp(first.data(), image.data() + at, flash) == 0;
    }
    ByteRange chip{0, flash};
    if (copies) {
        return DumpSizeJudgement{DumpSizeMismatch::mirrored,
                      "The image is " + decimal(size / flash) + " identical copies of the " + hex(flash) +
                          "-byte flash the descriptor declares: the programmer read the chip as a larger one.",
                      work_on_first + " Set the real chip size in the programmer before writing.", chip};
    }
    auto tail = image.subspan(flash);
    if (std::all_of(tail.begin(), tail.end(), [](uint8_t b) { return b == 0xFF; })) {
        return DumpSizeJudgement{DumpSizeMismatch::padded,
                      "The image is " + hex(size) + " bytes but the descriptor declares " + declared +
                          "; everything after " + hex(flash - 1) + " is 0xFF padding.",
                      work_on_first, chip};
    }
    return DumpSizeJudgement{DumpSizeMismatch::oversized,
                  "The image is " + hex(size) + " bytes but the descriptor declares " + declared +
                      ", and the bytes after " + hex(flash - 1) + " are not padding.",
                  "Check that the dump comes from this board's chip and that the programmer used the right chip "
                  "size. " + work_on_first,
                  chip};
}

}  // namespace meclean
