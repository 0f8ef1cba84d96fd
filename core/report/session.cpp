// inspect → plan → apply for a front end, and the report that says what each step decided.
#include "report/session.hpp"

#include "advice/match.hpp"
#include "flash/split.hpp"
#include "inspect/inspect.hpp"
#include "report/checklist.hpp"
#include "report/choices.hpp"
#include "report/flash_write.hpp"
#include "report/headline.hpp"

namespace meclean {
namespace {

std::string stem_of(const std::string& name) {
    size_t slash = name.find_last_of("/\\");
    std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
    size_t dot = base.find_last_of('.');
    if (dot != std::string::npos && dot > 0) base.resize(dot);
    return base.empty() ? std::string("image") : base;
}

Options check_only() {
    Options o;
    o.check_only = true;
    return o;
}

void add_outputs(Report& report, const Request& r, const PatchedOutcome& out) {
    const Options& o = report.options;
    bool cleaning = o.soft_disable || !(o.soft_disable_only || o.platform);
    if (!o.check_only) {
        report.outputs.push_back({OutputRole::image, r.image_name, cleaning ? "Cleaned image" : "New image", out.size});
    }
    if (out.descriptor_copy) {
        report.outputs.push_back({OutputRole::descriptor, r.descriptor_name, "Extracted descriptor (-D)",
                                  out.descriptor_copy->size()});
    }
    if (out.me_copy) {
        report.outputs.push_back({OutputRole::me_region, r.me_name, "Extracted ME region (-M)", out.me_copy->size()});
    }
    if (report.flash_write) {
        report.outputs.push_back({OutputRole::layout, r.layout_name, "flashrom layout", report.flash_write->layout.size()});
        for (const ChipWrite& c : report.flash_write->chips) {
            report.outputs.push_back({OutputRole::chip, c.name, "Chip " + std::to_string(c.number) + " of the new image",
                                      c.range.length, c.range});
        }
    }
}

// A two-chip flash goes back one chip at a time with an external programmer: which chip files
// changed, and the command for each (core/flash/split.hpp).
void add_chip_writes(FlashWrite& w, std::span<const uint8_t> original, std::span<const uint8_t> written,
                     const std::string& image_name) {
    SplitRequest split;
    split.base_name = stem_of(image_name);
    split.original = original;
    SplitResult result = split_flash_image(written, split);
    if (result.error != SplitError::none) return;
    for (const ChipFile& f : result.files) {
        w.chips.push_back({f.chip.number, f.name, f.chip.range, f.sha256, f.changed.value_or(true), f.write_command,
                           f.read_command, f.chip.regions});
    }
    if (!w.chips.empty()) {
        w.notes.push_back("This board has two flash chips: an external programmer writes them one at a time, each "
                          "from its own file; rewrite only the chips that changed.");
    }
}

}  // namespace

Request with_default_names(Request r) {
    std::string stem = stem_of(r.input_name);
    if (r.image_name.empty()) r.image_name = stem + "-meclean.bin";
    if (r.descriptor_name.empty()) r.descriptor_name = stem + "-descriptor.bin";
    if (r.me_name.empty()) r.me_name = stem + "-me.bin";
    if (r.layout_name.empty()) r.layout_name = stem_of(r.image_name) + ".layout";
    return r;
}

Session::Session(std::span<const uint8_t> image) : image_(image), analysis_(inspect(image)) {}

const Summary& Session::summary() const {
    if (!summary_) {
        Summary s;
        s.hap = hap_offer(analysis_, image_);
        s.presets = presets(analysis_, image_, s.hap);
        s.default_preset = default_preset(s.presets, analysis_);
        s.checks = checklist(analysis_);
        s.verdict = headline(analysis_, s.presets, s.hap, s.default_preset);
        summary_ = std::move(s);
    }
    return *summary_;
}

Report Session::report(const Request& request, Outcome* outcome) const {
    PatchedOutcome patched;
    Report rep = report(request, &patched);
    if (outcome && !rep.refusal) {
        outcome->image = patched.head.empty() && patched.size == 0 ? std::vector<uint8_t>{} : materialize(patched, image_);
        outcome->descriptor_copy = std::move(patched.descriptor_copy);
        outcome->me_copy = std::move(patched.me_copy);
    }
    return rep;
}

Report Session::report(const Request& request, PatchedOutcome* outcome) const {
    const Request r = with_default_names(request);
    Report rep;
    rep.analysis = &analysis_;
    rep.input_name = r.input_name;
    if (r.summary) rep.summary = &summary();

    Options o = r.options ? *r.options : check_only();
    o.descriptor_file_name = r.descriptor_name;
    o.me_file_name = r.me_name;
    rep.options = o;
    rep.flags = command_line(o);
    rep.controls = option_controls(o, analysis_);

    Plan p = plan(analysis_, image_, o);
    rep.log = p.log;
    rep.warnings = p.findings;
    if (auto w = boot_guard_preset_warning(analysis_, o)) {
        rep.warnings.push_back({Severity::warning, w->line.id, w->line.title + ": " + w->line.detail, w->line.offset});
    }
    if (p.problem) rep.refusal = explain_refusal(analysis_, *p.problem);
    // A check changes nothing, but with -D/-M it still hands back the copies (as me_cleaner -c does).
    if (r.apply && !rep.refusal && (!o.check_only || o.extract_descriptor || o.extract_me)) {
        PatchedOutcome out = meclean::apply_patched(p, image_);
        if (out.problem) {
            rep.refusal = explain_refusal(analysis_, *out.problem);
        } else {
            // Past the head the new image is the input: the write-back plan compares the heads.
            if (!o.check_only && out.size == image_.size()) {
                rep.flash_write = plan_flash_write(analysis_, image_.first(out.head.size()), out.head, r.image_name,
                                                   r.layout_name);
            }
            if (rep.flash_write && analysis_.descriptor && analysis_.descriptor->component.chips == 2) {
                add_chip_writes(*rep.flash_write, image_, materialize(out, image_), r.image_name);
            }
            add_outputs(rep, r, out);
            if (outcome) *outcome = std::move(out);
        }
    }
    rep.plan = std::move(p);
    return rep;
}

}  // namespace meclean
