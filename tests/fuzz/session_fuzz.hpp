// One image through the engine's single answer, Session::report, as a front end asks for it:
// the request byte picks the options (one of kRequests), whether the report carries the summary
// (verdict, checklist, every preset planned) and whether the plan is carried out. Besides "no
// crash, no leak, no hang" it holds the engine to its promises (docs/architecture.md):
//   - the input is never written;
//   - the report is one JSON object;
//   - a refusal hands back no output;
//   - a clean has the plan's output size, changes bytes only in the descriptor or the ME region
//     (or truncates an ME-only image), and its FTPR signature verifies where the plan says.
#pragma once

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_support.hpp"
#include "me/manifest.hpp"
#include "meclean.hpp"

namespace meclean::fuzz {

// Bits 0–3 of the request byte: the options, as me_cleaner's flags.
inline Options request_options(uint8_t request) {
    Options o;
    switch (request & 0x0F) {
        case 0: o.check_only = true; break;                                                  // -c
        case 1: break;                                                                        // (clean)
        case 2: o.soft_disable = true; break;                                                 // -S
        case 3: o.soft_disable_only = true; break;                                            // -s
        case 4: o.relocate = o.truncate = true; break;                                        // -r -t
        case 5: o.soft_disable = o.relocate = o.truncate = true; break;                       // -S -r -t
        case 6: o.keep_modules = true; break;                                                 // -k
        case 7: o.whitelist = std::vector<std::string>{"EFFS", "MFS"}; break;                 // -w EFFS,MFS
        case 8: o.blacklist = std::vector<std::string>{"NFTP", "MFS"}; break;                 // -b NFTP,MFS
        case 9: o.check_only = o.extract_descriptor = o.extract_me = true; break;             // -c -D -M
        case 10: o.soft_disable = o.restrict_me_master = true; break;                         // -S -d
        case 11: o.soft_disable_only = true; o.platform = "auto"; break;                      // -s --platform auto
        case 12: o.truncate = o.extract_me = true; break;                                     // -t -M
        case 13: o.soft_disable = o.keep_modules = o.extract_descriptor = true; break;        // -S -k -D
        case 14: o.relocate = true; break;                                                    // -r
        case 15: o.soft_disable = true; o.platform = "auto"; break;                           // a conflict
    }
    o.allow_fdv_override = request & 0x40;
    o.separate_output = !o.check_only;
    return o;
}

inline constexpr uint8_t kWithSummary = 0x10;
inline constexpr uint8_t kApply = 0x20;

// libstdc++'s hash of the bytes (uninstrumented): cheaper than keeping a copy.
inline size_t fingerprint(std::span<const uint8_t> bytes) {
    return std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

inline bool inside(uint64_t offset, uint64_t length, uint64_t start, uint64_t end) {
    return offset >= start && offset <= end && length <= end - offset;
}

inline void run_session(const char* target, std::span<const uint8_t> image, uint8_t request) {
    auto broken = [target](const char* promise) { fuzz_support::broken(target, promise); };
    const size_t before = fingerprint(image);
    Session session(image);
    const Analysis& a = session.analysis();
    if (a.size != image.size()) broken("analysis size differs from the input's");

    Request r;
    r.options = request_options(request);
    r.summary = request & kWithSummary;
    r.apply = request & kApply;
    Outcome out;
    const Report rep = session.report(r, &out);
    const std::string json = report_json(rep);
    if (json.empty() || json.front() != '{' || json.back() != '}') broken("the report is not one JSON object");
    if (fingerprint(image) != before) broken("the engine wrote to its input");
    if (!rep.plan) broken("a report without its plan");
    if (rep.refusal) {
        if (!out.image.empty() || out.descriptor_copy || out.me_copy) broken("a refusal handed back output");
        return;
    }
    if (!r.apply || r.options->check_only) return;
    const Plan& p = *rep.plan;
    if (out.image.size() != p.output_size) broken("the output's size differs from the plan's");
    const uint64_t me_start = a.kind == ImageKind::full ? a.me_region_start : 0;
    const uint64_t me_end = a.kind == ImageKind::full ? a.me_region_end : a.size;
    for (const Edit& e : p.edits) {
        if (e.kind == EditKind::resize) {
            if (a.kind != ImageKind::me_only) broken("a resize of a full image");
            continue;
        }
        const bool in_me = inside(e.offset, e.length, me_start, me_end);
        const bool in_descriptor =
            a.kind == ImageKind::full && inside(e.offset, e.length, a.descriptor_region_start, a.descriptor_region_end);
        if (!in_me && !in_descriptor) broken("an edit outside the descriptor and the ME region");
    }
    // Bytes outside every edit are the input's (up to the output's size); compared gap by gap.
    std::vector<std::pair<uint64_t, uint64_t>> touched;  // [from, to)
    for (const Edit& e : p.edits) {
        if (e.kind == EditKind::resize) continue;
        touched.push_back({e.offset, e.offset + e.length});
        if (e.kind == EditKind::move) touched.push_back({e.source, e.source + e.length});  // a move erases where it read
    }
    std::sort(touched.begin(), touched.end());
    const uint64_t common = std::min(out.image.size(), image.size());
    uint64_t at = 0;
    auto same_up_to = [&](uint64_t to) {
        to = std::min(to, common);
        if (to > at && std::memcmp(out.image.data() + at, image.data() + at, to - at) != 0)
            broken("a byte changed that no edit names");
    };
    for (const auto& [from, to] : touched) {
        same_up_to(from);
        at = std::max(at, to);
    }
    same_up_to(common);
    if (p.verification) {
        const Plan::Verification& v = *p.verification;
        if (!check_manifest_signature(RegionView(out.image, v.region_start, v.region_end), v.manifest_offset).me_cleaner_valid)
            broken("a clean whose FTPR signature does not verify");
    }
}

}  // namespace meclean::fuzz
