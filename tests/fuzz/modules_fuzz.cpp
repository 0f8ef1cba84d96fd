// libFuzzer target: the generation-2 module table — the module count, the $MME headers and the
// Huffman LLUT with its chunk list (formats.md §2.6) — of ME 7, TXE 1 and ME 6 Ignition regions
// (fuzz_templates.cpp), through the session (session_fuzz.hpp), whose requests include the
// module removal (-S, clean, -k, -w, -b) that walks these tables.
#include "template_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return meclean::fuzz::run_template_target("modules_fuzz", "modules", data, size,
                                              [](const meclean::fuzz::Template&, std::span<const uint8_t>, uint8_t) {});
}
