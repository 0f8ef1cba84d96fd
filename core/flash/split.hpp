// Splitting a whole two-chip flash image into one file per chip, for writing back with an
// external programmer; given the image the chips hold now, it also says which chips changed
// (after a clean usually only chip 1, which holds the ME region) and which must not be rewritten.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/findings.hpp"
#include "base/verdict.hpp"
#include "flash/chips.hpp"

namespace meclean {

enum class SplitError { none, no_descriptor, one_chip_flash, size_differs, original_size_differs };
const char* split_error_id(SplitError error);  // stable, for JSON

struct SplitRequest {
    std::string base_name = "flash";       // files are "<base_name>-chip1.bin", "<base_name>-chip2.bin"
    std::span<const uint8_t> original;     // what the chips hold now (empty: not known)
    std::string programmer = "ch341a_spi"; // flashrom's -p for the commands
};

struct ChipFile {
    FlashChip chip;
    std::string name;              // "<base>-chip1.bin"
    std::string sha256;            // of the chip's bytes, lower-case hex
    std::optional<bool> changed;   // against SplitRequest::original, when given
    bool write = true;             // false: leave this chip alone ("do not rewrite")
    std::string write_command;     // flashrom command that writes the file; empty when !write
    std::string read_command;      // flashrom command that reads the chip back for `meclean verify`
};

struct SplitResult {
    Headline headline;
    std::vector<CheckLine> checks;
    SplitError error = SplitError::none;
    std::optional<Problem> problem;
    std::vector<ChipFile> files;   // the bytes of files[i] are image[files[i].chip.range]
};

SplitResult split_flash_image(std::span<const uint8_t> image, const SplitRequest& request);

void write_split_json(JsonWriter& j, const SplitResult& result);

}  // namespace meclean
