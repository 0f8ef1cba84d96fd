// me_cleaner's command line, flag for flag (short and long forms), plus --json.
#pragma once

#include <optional>
#include <string>

#include "clean/options.hpp"

namespace meclean::cli {

struct Arguments {
    Options options;
    std::string input;
    std::optional<std::string> output;            // -O
    std::optional<std::string> descriptor_file;   // -D
    std::optional<std::string> me_file;           // -M
    bool json = false;
    bool embedded = false;  // work on the plain image the triage found inside the file
    bool help = false;
    bool version = false;
};

struct ParseResult {
    std::optional<Arguments> arguments;
    std::string error;  // set when arguments is empty: a usage error (exit status 2)
};

ParseResult parse_arguments(int argc, const char* const* argv);

const char* usage_text();
const char* help_text();
// Examples for --help; a path written out takes this OS's form.
const char* examples_text();

}  // namespace meclean::cli
