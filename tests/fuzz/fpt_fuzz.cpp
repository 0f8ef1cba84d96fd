// libFuzzer target: the $FPT partition table and the signed head of the FTPR manifest (header,
// version, key size, the start of the key) of bare ME/TXE regions of every generation (ME 7,
// TXE 1, ME 6 Ignition, ME 11, ME 5: fuzz_templates.cpp), through the session (session_fuzz.hpp).
#include "template_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return meclean::fuzz::run_template_target("fpt_fuzz", "fpt", data, size,
                                              [](const meclean::fuzz::Template&, std::span<const uint8_t>, uint8_t) {});
}
