// A catalogue of malformed inputs made from the builder's images (core/synth) by editing bytes.
// Each must end in a specific Problem that names the structure (and its file offset where the
// engine gives one), with no output and no crash. One table serves both builds: the native
// gtest (tests/unit/bad_input_test.cpp) runs it directly, and tests/tools/write_bad_inputs
// writes it to files for the WebAssembly module's test (wasm/test/bad_input.test.mjs).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/engine_test_support.hpp"

namespace meclean::test_common {

struct BadCase {
    std::string name;
    std::function<Bytes()> make;
    Options options;
    std::string code;
    std::string keyword;              // must appear in the Problem's message or detail
    std::optional<uint64_t> offset;   // expected Problem::offset, when the engine names one
};

std::vector<BadCase> bad_input_catalogue();

}  // namespace meclean::test_common
