// libFuzzer target: the CSE layout table (1.7 and 1.6), the boot partition descriptor tables
// (BPDT v2 and v1, with their S-BPDT) and the data partition's $FPT of CSME 16 and CSME 12
// regions, an IFWI 2.0 boot partition, and a CSME 16 region inside an ADL-S full image
// (fuzz_templates.cpp), through the session (session_fuzz.hpp). The reader also promises at most
// 256 entries per table and findings that stay few.
#include "cse/cse.hpp"
#include "template_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace meclean;
    return fuzz::run_template_target("cse_fuzz", "cse", data, size,
                                     [](const fuzz::Template&, std::span<const uint8_t> image, uint8_t) {
        auto broken = [](const char* promise) { fuzz_support::broken("cse_fuzz", promise); };
        std::optional<CseFirmware> cse = read_cse_firmware(image, 0, image.size());
        if (!cse) return;
        for (const Bpdt& b : cse->boot_partitions) {
            if (b.entries.size() > 2 * 256) broken("a BPDT and its S-BPDT with more than 512 entries");
        }
        if (cse->findings.size() > 1200) broken("more findings than the tables have entries");
        (void)describe_cse(*cse);
    });
}
