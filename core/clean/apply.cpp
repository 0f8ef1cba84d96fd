// apply(): replay the plan's edits on a copy, cut out the extra files, then check the
// result again before handing it back (architecture.md: never a half-modified output).
#include "base/byte_reader.hpp"
#include "clean/edits.hpp"
#include "me/manifest.hpp"
#include "clean/plan.hpp"
#include "inspect/inspect.hpp"
#include "base/text.hpp"

namespace meclean {
namespace {

std::vector<uint8_t> cut(const std::vector<uint8_t>& image, const ExtraFile& file) {
    if (file.offset > image.size() || file.length > image.size() - file.offset) {
        fail("extract_outside_image", "The " + file.name + " copy (" + hex(file.offset) + ", " + hex(file.length) +
                                          " bytes) runs past the end of the image",
             file.offset);
    }
    std::vector<uint8_t> out(image.begin() + file.offset, image.begin() + file.offset + file.length);
    for (const auto& [at, value] : file.dword_patches) {
        if (at + 4 > out.size()) fail("extract_patch_outside", "A region patch lies outside the extracted descriptor", at);
        store_le32(out.data() + at, value);
    }
    return out;
}

// The cleaned image's FTPR signature must verify where the plan says it is, and the
// image must still parse (unless me_cleaner itself dropped the FTPR entry).
void reverify(const std::vector<uint8_t>& image, const Plan::Verification& v) {
    if (!check_manifest_signature(RegionView(image, v.region_start, v.region_end), v.manifest_offset).me_cleaner_valid) {
        fail("reverify_signature", "The cleaned image's FTPR signature does not verify; nothing was written",
             v.region_start + v.manifest_offset);
    }
    if (!v.layout_must_parse) return;
    Analysis after = inspect(image);
    if (!after.me) {
        fail("reverify_layout", "The cleaned image no longer parses as ME firmware; nothing was written",
             after.problem ? after.problem->offset : std::nullopt,
             after.problem ? after.problem->message : std::string());
    }
    if (!after.me->manifest.signature.me_cleaner_valid) {
        fail("reverify_signature", "The cleaned image's FTPR signature does not verify; nothing was written",
             after.me->region_start + after.me->manifest.offset);
    }
}

}  // namespace

Outcome apply(const Plan& plan, std::span<const uint8_t> image) {
    Outcome out;
    if (plan.problem) {
        out.problem = plan.problem;
        return out;
    }
    try {
        std::vector<uint8_t> result(image.begin(), image.end());
        for (const Edit& edit : plan.edits) apply_edit(result, edit);
        if (plan.descriptor_copy) out.descriptor_copy = cut(result, *plan.descriptor_copy);
        if (plan.me_copy) out.me_copy = cut(result, *plan.me_copy);
        if (plan.verification) reverify(result, *plan.verification);
        out.image = std::move(result);
    } catch (const FormatError& error) {
        out = Outcome{};
        out.problem = error.problem();
    }
    return out;
}

}  // namespace meclean
