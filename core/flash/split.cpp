#include "flash/split.hpp"

#include <cstring>

#include "base/text.hpp"
#include "crypto/crypto.hpp"
#include "flash/flash_json.hpp"

namespace meclean {
namespace {

SplitResult refuse(SplitResult& r, SplitError error, std::string message, std::string what_to_do,
                   std::optional<uint64_t> offset = std::nullopt) {
    r.error = error;
    r.problem = Problem{split_error_id(error), message, what_to_do, offset, {}, Remedy::none};
    r.headline = {State::fail, "The image was not split", std::move(message), std::move(what_to_do)};
    r.files.clear();
    return std::move(r);
}

std::string chip_flashrom(const std::string& programmer, const char* mode, const std::string& file) {
    // flashrom verifies every write by reading the chip back; -c CHIP is needed only when it
    // finds several chip definitions that match the chip's ID.
    return "flashrom -p " + programmer + " " + mode + " " + file;
}

}  // namespace

const char* split_error_id(SplitError error) {
    switch (error) {
        case SplitError::none: return "none";
        case SplitError::no_descriptor: return "no_descriptor";
        case SplitError::one_chip_flash: return "one_chip_flash";
        case SplitError::size_differs: return "size_differs";
        case SplitError::original_size_differs: return "original_size_differs";
    }
    return "none";
}

SplitResult split_flash_image(std::span<const uint8_t> image, const SplitRequest& request) {
    SplitResult r;
    std::optional<Descriptor> d = read_descriptor(image);
    if (!d) {
        return refuse(r, SplitError::no_descriptor, "The image has no readable flash descriptor at 0x0 or 0x10",
                      "Split the whole flash image (the joined reads), not a region or an ME file.");
    }
    std::vector<FlashChip> chips = flash_chips(*d);
    const uint64_t flash = d->component.total_size();
    if (chips.size() != 2) {
        return refuse(r, SplitError::one_chip_flash,
                      "The descriptor declares one flash chip" + (flash ? " of " + size_text(flash) : std::string()) +
                          ": there is nothing to split",
                      "Write the whole image to the chip.", d->fcba);
    }
    if (image.size() != flash) {
        return refuse(r, SplitError::size_differs,
                      "The image is " + size_text(image.size()) + " but its descriptor declares " + size_text(flash) +
                          " (" + size_text(chips[0].range.length) + " + " + size_text(chips[1].range.length) + ")",
                      "Split only a whole image of both chips (meclean join makes one from two reads).", d->fcba);
    }
    const bool know_original = !request.original.empty();
    if (know_original && request.original.size() != image.size()) {
        return refuse(r, SplitError::original_size_differs,
                      "The original image is " + size_text(request.original.size()) + ", this one " + size_text(image.size()),
                      "Give the joined reads of this board's chips as the original.");
    }
    size_t changed = 0;
    for (const FlashChip& chip : chips) {
        ChipFile f;
        f.chip = chip;
        f.name = request.base_name + "-chip" + decimal(chip.number) + ".bin";
        auto bytes = image.subspan(chip.range.offset, chip.range.length);
        f.sha256 = hex_bytes(crypto::sha256(bytes));
        if (know_original) {
            f.changed = std::memcmp(bytes.data(), request.original.data() + chip.range.offset, bytes.size()) != 0;
            f.write = *f.changed;
        }
        if (f.write) f.write_command = chip_flashrom(request.programmer, "-w", f.name);
        f.read_command = chip_flashrom(request.programmer, "-r",
                                       request.base_name + "-chip" + decimal(chip.number) + "-readback.bin");
        std::string what = "Chip " + decimal(chip.number) + " (" + size_text(chip.range.length) + ", " +
                           region_list_text(chip.regions) + ")";
        if (!know_original) {
            r.checks.push_back({f.name, State::info, what + ": " + f.name, "SHA-256 " + f.sha256, chip.range.offset});
        } else if (*f.changed) {
            ++changed;
            r.checks.push_back({f.name, State::warn, what + " changed: write " + f.name, f.write_command, chip.range.offset});
        } else {
            r.checks.push_back({f.name, State::ok, what + " is unchanged: do not rewrite it",
                                "Leave this chip alone; writing it again only risks a bad write.", chip.range.offset});
        }
        r.files.push_back(std::move(f));
    }
    if (!know_original) {
        r.headline = {State::info, "Split into one file per chip", "Chip 1 holds the descriptor; write each file to its own chip.",
                      "Write each file with an external programmer, read it back and check with meclean verify."};
    } else if (changed == 0) {
        r.headline = {State::ok, "Neither chip changed", "The image is identical to the original: there is nothing to write.",
                      "Do not rewrite either chip."};
    } else {
        std::string which;
        for (const ChipFile& f : r.files) {
            if (f.write) which += (which.empty() ? "" : " and ") + f.name;
        }
        r.headline = {State::warn, changed == 1 ? "Write one chip: " + which : "Write both chips",
                      changed == 1 ? "Only one chip differs from the original; the other keeps its bytes."
                                   : "Both chips differ from the original.",
                      "Write " + which + " with an external programmer, then read it back and run meclean verify."};
    }
    return r;
}

void write_split_json(JsonWriter& j, const SplitResult& r) {
    begin_result_json(j, "split", r.headline, r.checks);
    j.key("error").value(split_error_id(r.error)).key("problem");
    write_problem_json(j, r.problem);
    j.key("files").begin_array();
    for (const ChipFile& f : r.files) {
        j.begin_object().key("name").value(f.name).key("chip");
        write_chip(j, f.chip);
        j.key("sha256").value(f.sha256).key("changed");
        if (f.changed) j.value(*f.changed); else j.null();
        j.key("write").value(f.write).key("write_command").value(f.write_command);
        j.key("read_command").value(f.read_command).end_object();
    }
    j.end_array().end_object();
}

}  // namespace meclean
