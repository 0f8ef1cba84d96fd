// libFuzzer target: the flash descriptor. The input's payload is the 4 KiB descriptor of a small
// full image (t420 + ME 7, Skylake + ME 11, ICH9 + ME 5, ADL-S + CSME 16: fuzz_templates.cpp)
// whose regions hold valid firmware. Besides the session (session_fuzz.hpp): `meclean ifd`'s
// report, dump and layout, and --unlock, whose output differs from the input only in the
// master section and keeps the image's size.
#include <algorithm>
#include <cstring>

#include "flash/chips.hpp"
#include "clean/descriptor_edit.hpp"
#include "ifd/descriptor_dump.hpp"
#include "ifd/flash_layout.hpp"
#include "report/ifd_report.hpp"
#include "template_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace meclean;
    return fuzz::run_template_target("descriptor_fuzz", "descriptor", data, size,
                                     [](const fuzz::Template&, std::span<const uint8_t> image, uint8_t) {
        auto broken = [](const char* promise) { fuzz_support::broken("descriptor_fuzz", promise); };
        std::optional<Descriptor> d = read_descriptor(image);
        if (!d) return;
        const std::string json = descriptor_report_json(*d, image, "image.bin");
        if (json.empty() || json.front() != '{' || json.back() != '}') broken("the ifd report is not one JSON object");
        (void)descriptor_dump_text(*d);
        (void)flashrom_layout(*d);
        const Plan unlock = plan_descriptor_unlock(*d, image);
        const Outcome out = meclean::apply(unlock, image);
        if (unlock.problem && !out.problem) broken("an unlock with a problem was carried out");
        if (out.problem) return;
        if (out.image.size() != image.size()) broken("the unlocked image changed size");
        const size_t masters = std::min<size_t>(d->fmba, image.size());
        const size_t after = std::min<size_t>(d->fmba + 4 * d->masters.size(), image.size());
        if (std::memcmp(out.image.data(), image.data(), masters) != 0 ||
            std::memcmp(out.image.data() + after, image.data() + after, image.size() - after) != 0)
            broken("--unlock changed a byte outside the master section");
    });
}
