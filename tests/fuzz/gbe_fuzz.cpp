// libFuzzer target: the GbE region — the first 0x80 bytes of both banks (MAC address, bank
// signature, checksum word) of a small t420-like image, without and with ME firmware
// (fuzz_templates.cpp) — through the session (session_fuzz.hpp), and `meclean ifd --inject gbe=`
// of that region into the template image with the review that follows it.
#include "clean/region_inject.hpp"
#include "flash/chips.hpp"
#include "flash/inject_review.hpp"
#include "gbe/gbe.hpp"
#include "template_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace meclean;
    return fuzz::run_template_target("gbe_fuzz", "gbe", data, size,
                                     [](const fuzz::Template& t, std::span<const uint8_t> image, uint8_t) {
        auto broken = [](const char* promise) { fuzz_support::broken("gbe_fuzz", promise); };
        std::optional<Descriptor> d = read_descriptor(image);
        if (!d) broken("the template's descriptor is gone (the payload never covers it)");
        std::optional<GbeInfo> gbe = read_gbe(image, *d);
        if (!gbe) broken("no GbE region read");
        if (gbe->banks.size() > 2) broken("more than two GbE banks");
        if (gbe->active_bank && *gbe->active_bank >= gbe->banks.size()) broken("an active bank that is not there");
        JsonWriter j;
        write_gbe_json(j, *gbe);
        // Inject the fuzzed region into the template as built.
        const std::span<const uint8_t> region = image.subspan(gbe->region.offset, gbe->region.length);
        const Plan plan = plan_region_inject(*d, t.image, 3, region);
        const Outcome out = meclean::apply(plan, t.image);
        if (plan.problem && !out.problem) broken("an injection with a problem was carried out");
        const Analysis after = out.problem ? Analysis{} : inspect(out.image);
        const InjectReview review = review_injection(plan, after, 3, region.size());
        JsonWriter k;
        write_inject_json(k, review);
        if (!out.problem && out.image != std::vector<uint8_t>(image.begin(), image.end()))
            broken("injecting the fuzzed GbE region did not give the fuzzed image");
    });
}
