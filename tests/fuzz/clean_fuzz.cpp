// libFuzzer target: inspect → plan → apply with options from the input's first two bytes.
// Besides "no crash, no leak, no hang" it asserts the engine's promises (architecture.md):
//   - a plan with a problem makes apply() refuse, with no image and no extra files;
//   - the input is never modified;
//   - every edit (and every move source) lies inside the descriptor or the ME region;
//   - apply() is deterministic, and a successful result has the plan's output size.
// A broken promise aborts with a message naming it, so libFuzzer saves the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "meclean.hpp"

namespace {

[[noreturn]] void broken(const char* promise) { fuzz_support::broken("clean_fuzz", promise); }

meclean::Options options_from(uint16_t bits) {
    meclean::Options o;
    o.check_only = bits & (1u << 0);
    o.soft_disable = bits & (1u << 1);
    o.soft_disable_only = bits & (1u << 2);
    o.relocate = bits & (1u << 3);
    o.truncate = bits & (1u << 4);
    o.keep_modules = bits & (1u << 5);
    o.restrict_me_master = bits & (1u << 6);
    o.extract_descriptor = bits & (1u << 7);
    o.extract_me = bits & (1u << 8);
    if (bits & (1u << 9)) o.whitelist = std::vector<std::string>{"MFS"};
    if (bits & (1u << 10)) o.blacklist = std::vector<std::string>{"EFFS"};
    o.separate_output = bits & (1u << 11);
    return o;
}

// A hash of the bytes (libstdc++'s, uninstrumented): cheaper than keeping a copy of a multi-MiB input.
size_t fingerprint(std::span<const uint8_t> bytes) {
    return std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

bool inside(uint64_t offset, uint64_t length, uint64_t start, uint64_t end) {
    return offset >= start && offset <= end && length <= end - offset;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    const meclean::Options options = options_from(uint16_t(data[0] | data[1] << 8));
    // The image is the rest of libFuzzer's heap buffer, so a read past its end is an ASan report.
    const std::span<const uint8_t> input(data + 2, size - 2);
    const size_t before = fingerprint(input);

    const meclean::Analysis a = meclean::inspect(input);
    const meclean::Plan p = meclean::plan(a, input, options);
    (void)meclean::plan_json(p);
    if (fingerprint(input) != before) broken("plan() modified its input");

    const uint64_t me_start = a.kind == meclean::ImageKind::full ? a.me_region_start : 0;
    const uint64_t me_end = a.kind == meclean::ImageKind::full ? a.me_region_end : a.size;
    for (const meclean::Edit& e : p.edits) {
        if (e.kind == meclean::EditKind::resize) {
            if (a.kind != meclean::ImageKind::me_only) broken("resize edit on a full image");
            continue;
        }
        bool in_me = inside(e.offset, e.length, me_start, me_end);
        bool in_descriptor = a.kind == meclean::ImageKind::full &&
                             inside(e.offset, e.length, a.descriptor_region_start, a.descriptor_region_end);
        if (!in_me && !in_descriptor) broken("edit outside the descriptor and the ME region");
        if (e.kind == meclean::EditKind::write && e.bytes.size() != e.length) broken("write edit length != bytes");
        if (e.kind == meclean::EditKind::move && !inside(e.source, e.length, me_start, me_end))
            broken("move source outside the ME region");
    }

    const meclean::Outcome first = meclean::apply(p, input);
    if (fingerprint(input) != before) broken("apply() modified its input");
    if (p.problem && !first.problem) broken("plan has a problem but apply() succeeded");
    if (first.problem) {
        if (!first.image.empty() || first.descriptor_copy || first.me_copy) broken("a refused apply() handed back output");
        return 0;
    }
    if (first.image.size() != p.output_size) broken("apply() output size differs from the plan's");
    const meclean::Outcome second = meclean::apply(p, input);
    if (second.problem || first.image != second.image || first.descriptor_copy != second.descriptor_copy ||
        first.me_copy != second.me_copy)
        broken("apply() is not deterministic");
    return 0;
}
