#include "ifd_inject.hpp"

#include <cstdio>
#include <optional>
#include <vector>

#include "base/json_writer.hpp"
#include "base/text.hpp"
#include "clean/region_inject.hpp"
#include "files.hpp"
#include "flash/chips.hpp"
#include "flash/inject_review.hpp"
#include "meclean.hpp"
#include "verdict_text.hpp"

namespace meclean::cli {

int run_ifd_inject(const InjectArguments& a) {
    size_t cut = a.spec.find_first_of("=:");
    if (cut == std::string::npos || cut == 0 || cut + 1 == a.spec.size()) {
        std::fprintf(stderr, "meclean ifd: error: --inject takes REGION=FILE (e.g. me=me.bin)\n");
        return 2;
    }
    const std::string region_name_given = a.spec.substr(0, cut), file_path = a.spec.substr(cut + 1);
    std::optional<int> region = region_index_by_name(region_name_given);
    if (!region) {
        std::fprintf(stderr, "meclean ifd: error: unknown region \"%s\" (Descriptor, BIOS, ME, GbE, Platform, fd, bios, me, "
                     "gbe, pd, ... or 0-15)\n", region_name_given.c_str());
        return 2;
    }
    std::vector<uint8_t> image, file;
    for (auto [path, into] : {std::pair{a.input, &image}, std::pair{file_path, &file}}) {
        if (std::string error = read_file(path, *into); !error.empty()) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
    }
    std::optional<Descriptor> descriptor = read_descriptor(image);
    if (!descriptor) {
        std::fprintf(stderr, "%s: no readable flash descriptor (signature 5A A5 F0 0F at 0x0 or 0x10)\n", a.input.c_str());
        return 1;
    }
    Plan plan = plan_region_inject(*descriptor, image, *region, file);
    Outcome outcome = meclean::apply(plan, image);
    if (!plan.problem && outcome.problem) plan.problem = outcome.problem;
    Analysis after = outcome.problem ? Analysis{} : inspect(outcome.image);
    InjectReview review = review_injection(plan, after, *region, file.size());
    if (a.json) {
        JsonWriter j;
        write_inject_json(j, review);
        std::printf("%s\n", j.take().c_str());
    } else {
        for (const Edit& e : plan.edits) std::printf("%s–%s: %s\n", hex(e.offset).c_str(), hex(e.offset + e.length - 1).c_str(), e.reason.c_str());
        print_verdict(review.headline, review.checks);
    }
    if (plan.problem) {
        std::fprintf(stderr, "meclean ifd: %s%s\n%s\n", plan.problem->message.c_str(),
                     plan.problem->offset ? (" (at " + hex(*plan.problem->offset) + ")").c_str() : "",
                     plan.problem->detail.c_str());
        return 1;
    }
    if (!review.may_write && !a.force) {
        std::fprintf(stderr, "meclean ifd: not writing %s: %s (--force writes it anyway)\n", a.output.c_str(),
                     review.headline.title.c_str());
        return 1;
    }
    if (write_files_or_report({{a.output, &outcome.image}}) != 0) return 1;
    if (!a.json) std::printf("Wrote %s\n", a.output.c_str());
    return 0;
}

}  // namespace meclean::cli
