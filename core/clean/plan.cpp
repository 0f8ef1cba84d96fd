// plan(): the option rules, then me_cleaner's run on a scratch copy (cleaner.cpp).
#include "clean/cleaner.hpp"
#include "clean/hap_plan.hpp"
#include "clean/plan.hpp"
#include "base/text.hpp"

namespace meclean {
namespace {

// Every edit must stay inside the descriptor or the ME region (or be the ME image's
// own truncation): the one promise a user relies on when flashing only those regions.
void check_edits_stay_in_place(const Analysis& a, const Plan& p) {
    uint64_t me_start = a.kind == ImageKind::full ? a.me_region_start : 0;
    uint64_t me_end = a.kind == ImageKind::full ? a.me_region_end : a.size;
    for (const Edit& e : p.edits) {
        if (e.kind == EditKind::resize) continue;
        uint64_t end = e.offset + e.length;
        bool in_me = e.offset >= me_start && end <= me_end;
        bool in_descriptor = a.kind == ImageKind::full && e.offset >= a.descriptor_region_start &&
                             end <= a.descriptor_region_end;
        if (!in_me && !in_descriptor) {
            fail("edit_outside_regions", "Internal check failed: a change at " + hex(e.offset) +
                                             " lies outside the descriptor and the ME region (" + e.reason + ")",
                 e.offset);
        }
    }
}

}  // namespace

Plan plan(const Analysis& analysis, std::span<const uint8_t> image, const Options& options) {
    Plan p;
    p.options = options;
    p.output_size = image.size();
    try {
        if (auto conflict = check_option_conflicts(options)) throw FormatError(*conflict);
        if (options.platform) {
            plan_platform_soft_disable(analysis, image, options, p);
            check_edits_stay_in_place(analysis, p);
            return p;
        }
        if (analysis.kind == ImageKind::me_only && needs_full_image(options)) {
            p.log.assign(analysis.log.begin(), analysis.log.begin() + 1);  // "ME/TXE image detected"
            throw FormatError(Problem{
                "needs_full_image", "-d, -D, -M, -S and -s require a full dump",
                "This file is an ME/TXE region on its own; those options change or copy the flash descriptor.",
                std::nullopt,
                "This file is an ME/TXE region on its own. Setting the disable bit, restricting the ME's access "
                "and saving the descriptor all need the flash descriptor, which only a dump of the whole chip has.",
                Remedy::use_full_dump});
        }
        p.log = analysis.log;
        if (analysis.problem) throw FormatError(*analysis.problem);
        Cleaner cleaner(analysis, image, options, p);
        cleaner.run();
        p.edits = cleaner.take_edits();
        for (const Edit& e : p.edits) {
            if (e.kind == EditKind::resize) p.output_size = e.length;
        }
        check_edits_stay_in_place(analysis, p);
    } catch (const FormatError& error) {
        p.problem = error.problem();
        p.edits.clear();
        p.descriptor_copy.reset();
        p.me_copy.reset();
    }
    return p;
}

}  // namespace meclean
