// apply(): replay the plan's edits on a copy of the part of the image they touch, cut out the
// extra files, then check the result again before handing it back (docs/architecture.md: never a
// half-modified output).
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

// The cleaned image's FTPR signature must verify where the plan says it is, and the image must
// still parse (unless me_cleaner itself dropped the FTPR entry). `image` is the new head: it holds
// the descriptor and the whole ME region, which is all the reading of the firmware needs.
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

// How much of the start of the image the plan changes or reads back: its edits, its copies and
// the region it re-verifies; all of it when the image is resized (a bare ME image, -t).
uint64_t head_length(const Plan& plan, uint64_t size) {
    uint64_t end = 0;
    auto reach = [&](uint64_t offset, uint64_t length) { end = std::max(end, offset + length); };
    for (const Edit& e : plan.edits) {
        if (e.kind == EditKind::resize) return size;
        reach(e.offset, e.length);
        if (e.kind == EditKind::move) reach(e.source, e.length);
    }
    if (plan.descriptor_copy) reach(plan.descriptor_copy->offset, plan.descriptor_copy->length);
    if (plan.me_copy) reach(plan.me_copy->offset, plan.me_copy->length);
    if (plan.verification) reach(plan.verification->region_start, plan.verification->region_end - plan.verification->region_start);
    return std::min(end, size);
}

}  // namespace

PatchedOutcome apply_patched(const Plan& plan, std::span<const uint8_t> image) {
    PatchedOutcome out;
    if (plan.problem) {
        out.problem = plan.problem;
        return out;
    }
    try {
        std::vector<uint8_t> head(image.begin(), image.begin() + head_length(plan, image.size()));
        const bool resized = head.size() == image.size();
        for (const Edit& edit : plan.edits) apply_edit(head, edit);
        if (plan.descriptor_copy) out.descriptor_copy = cut(head, *plan.descriptor_copy);
        if (plan.me_copy) out.me_copy = cut(head, *plan.me_copy);
        if (plan.verification) reverify(head, *plan.verification);
        out.size = resized ? head.size() : image.size();
        out.head = std::move(head);
    } catch (const FormatError& error) {
        out = PatchedOutcome{};
        out.problem = error.problem();
    }
    return out;
}

std::vector<uint8_t> materialize(const PatchedOutcome& outcome, std::span<const uint8_t> image) {
    std::vector<uint8_t> out(outcome.head);
    if (outcome.size > out.size()) out.insert(out.end(), image.begin() + out.size(), image.begin() + outcome.size);
    return out;
}

Outcome apply(const Plan& plan, std::span<const uint8_t> image) {
    PatchedOutcome patched = apply_patched(plan, image);
    Outcome out;
    out.problem = std::move(patched.problem);
    if (out.problem) return out;
    out.image = materialize(patched, image);
    out.descriptor_copy = std::move(patched.descriptor_copy);
    out.me_copy = std::move(patched.me_copy);
    return out;
}

}  // namespace meclean
