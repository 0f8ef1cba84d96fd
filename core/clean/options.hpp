// What the user asked for: me_cleaner's options, one field each.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/findings.hpp"

namespace meclean {

struct Options {
    bool check_only = false;          // -c: analyse and verify, change nothing
    bool soft_disable = false;        // -S: clean and set HAP / AltMeDisable
    bool soft_disable_only = false;   // -s: only set HAP / AltMeDisable
    bool relocate = false;            // -r: move FTPR to the start of the region
    bool truncate = false;            // -t: cut the ME image to its minimum size
    bool keep_modules = false;        // -k: keep every FTPR module
    std::optional<std::vector<std::string>> whitelist;  // -w: keep these partitions too
    std::optional<std::vector<std::string>> blacklist;  // -b: remove only these partitions
    bool restrict_me_master = false;  // -d: ME may only access its own region
    bool extract_descriptor = false;  // -D: hand back a copy of the descriptor
    bool extract_me = false;          // -M: hand back a copy of the ME region
    bool separate_output = false;     // -O: the caller writes a new file (only matters for the -c rule)
    // --platform: set HAP where the chipset keeps it (CSME 12+, formats.md §1.8) instead of
    // me_cleaner's fixed PCHSTRP0. "auto" = identify the PCH from the descriptor, or an id
    // from hap_table.cpp ("alder_point_s"). Not me_cleaner behaviour, so only on request.
    std::optional<std::string> platform;
    bool allow_fdv_override = false;  // --force-fdv: edit a strap that an FDV hash covers
    // File names shown in the console lines of -D and -M (the engine writes no file).
    std::string descriptor_file_name = "descriptor.bin";
    std::string me_file_name = "me.bin";
};

// me_cleaner's command line for the options: "-S -r -t -w EFFS,MFS" (empty for none).
std::string command_line(const Options& options);

// Splits me_cleaner's comma-separated partition list ("EFFS,MFS").
std::vector<std::string> split_partition_list(const std::string& text);

// The option combinations me_cleaner refuses before it reads the image
// (formats.md §2.8.1 rules 2–4; rule 1 is the argument parser's business).
// Returns the error to report, or nothing when the combination is allowed.
std::optional<Problem> check_option_conflicts(const Options& options);

// Whether an option needs a full flash image (rule 5).
bool needs_full_image(const Options& options);

}  // namespace meclean
