// libFuzzer target: a $CPD directory (header and entries) and the signed head of its FTPR.man,
// in an ME 11 region ($CPD v1), a CSME 15 region ($CPD v2, which me_cleaner reads from +0x10)
// and the FTPR sub-partitions of CSME 16 and CSME 12 regions (fuzz_templates.cpp), through the
// session (session_fuzz.hpp).
#include "template_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return meclean::fuzz::run_template_target("cpd_fuzz", "cpd", data, size,
                                              [](const meclean::fuzz::Template&, std::span<const uint8_t>, uint8_t) {});
}
