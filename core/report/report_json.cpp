// The report as JSON: what `meclean --json` prints and what the page renders. Its shape is
// docs/report.schema.json; a field is added there first, never renamed.
#include "report/report_json.hpp"

#include "base/text.hpp"
#include "base/version.hpp"
#include "report/analysis_json.hpp"

namespace meclean {
namespace {

void write_names(JsonWriter& j, const std::optional<std::vector<std::string>>& names) {
    if (!names) {
        j.null();
        return;
    }
    j.begin_array();
    for (const std::string& n : *names) j.value(n);
    j.end_array();
}

void write_preset(JsonWriter& j, const Preset& p) {
    j.begin_object().key("id").value(p.id).key("label").value(p.label).key("flags").value(p.flags);
    j.key("help").value(p.help).key("options");
    write_options(j, p.options);
    j.key("available").value(!p.refusal).key("edits").value(uint64_t{p.edits}).key("refusal");
    write_problem(j, p.refusal);
    j.key("warning");
    if (p.warning) write_check_line(j, *p.warning); else j.null();
    j.end_object();
}

void write_hap(JsonWriter& j, const HapOffer& h) {
    j.begin_object().key("offered").value(h.offered).key("why_not").value(h.why_not).key("identified");
    if (h.identified) j.value(*h.identified); else j.null();
    j.key("candidates").begin_array();
    for (const HapCandidate& c : h.candidates) {
        const HapLocation& l = *c.location;
        j.begin_object().key("id").value(l.id).key("name").value(l.name).key("strap").value(l.strap);
        j.key("second_strap");
        if (l.second_strap) j.value(l.second_strap); else j.null();
        j.key("byte_offset").value(c.byte_offset).key("bit").value(0u);
        j.key("confidence").value(hap_confidence_name(l.confidence)).key("sources").value(l.sources);
        j.key("usable").value(c.usable).end_object();
    }
    j.end_array().end_object();
}

void write_controls(JsonWriter& j, const std::vector<OptionControl>& controls) {
    j.begin_array();
    for (const OptionControl& c : controls) {
        j.begin_object().key("id").value(c.id).key("flag").value(c.flag).key("label").value(c.label);
        j.key("needs_value").value(c.needs_value).key("available").value(!c.refused).key("refused");
        if (c.refused) j.value(*c.refused); else j.null();
        j.end_object();
    }
    j.end_array();
}

void write_flash_write(JsonWriter& j, const FlashWrite& w) {
    j.begin_object().key("regions").begin_array();
    for (const RegionWrite& r : w.regions) {
        j.begin_object().key("index").value(r.index).key("name").value(r.name).key("changed").value(r.changed);
        j.key("host_may_write").value(r.host_may_write).end_object();
    }
    j.end_array().key("chips").begin_array();
    for (const ChipWrite& c : w.chips) {
        j.begin_object().key("number").value(c.number).key("name").value(c.name).key("offset").value(c.range.offset);
        j.key("length").value(c.range.length).key("sha256").value(c.sha256).key("changed").value(c.changed);
        j.key("write_command").value(c.write_command).key("read_command").value(c.read_command).key("regions").begin_array();
        for (int r : c.regions) j.value(r);
        j.end_array().end_object();
    }
    j.end_array().key("layout_file").value(w.layout_file).key("layout").value(w.layout);
    j.key("regions_command").value(w.regions_command).key("whole_command").value(w.whole_command);
    j.key("whole_image_first").value(w.whole_image_first);
    j.key("needs_external_programmer").value(w.needs_external_programmer);
    j.key("bytes_outside").value(w.bytes_outside).key("first_outside");
    if (w.first_outside) j.value(*w.first_outside); else j.null();
    j.key("notes").begin_array();
    for (const std::string& n : w.notes) j.value(n);
    j.end_array().end_object();
}

}  // namespace

void write_options(JsonWriter& j, const Options& o) {
    j.begin_object().key("check_only").value(o.check_only).key("soft_disable").value(o.soft_disable);
    j.key("soft_disable_only").value(o.soft_disable_only).key("relocate").value(o.relocate);
    j.key("truncate").value(o.truncate).key("keep_modules").value(o.keep_modules).key("whitelist");
    write_names(j, o.whitelist);
    j.key("blacklist");
    write_names(j, o.blacklist);
    j.key("restrict_me_master").value(o.restrict_me_master).key("extract_descriptor").value(o.extract_descriptor);
    j.key("extract_me").value(o.extract_me).key("platform");
    if (o.platform) j.value(*o.platform); else j.null();
    j.key("allow_fdv_override").value(o.allow_fdv_override).end_object();
}

std::string report_json(const Report& r) {
    const Analysis& a = *r.analysis;
    JsonWriter j;
    j.begin_object().key("schema").value("meclean-report").key("schema_version").value(kReportSchemaVersion);
    j.key("meclean_version").value(kVersion);
    // The SHA-256 of the input and outputs is off the critical path: a front end fills it in when
    // it has computed it (the page with WebCrypto, after the download is offered).
    j.key("input").begin_object().key("name").value(r.input_name).key("size").value(a.size).key("sha256").null();
    j.key("kind").value(image_kind_name(a.kind)).end_object();
    static const Summary kNone{};
    const Summary& s = r.summary ? *r.summary : kNone;
    j.key("verdict");
    write_headline(j, s.verdict);
    j.key("checks");
    write_check_lines(j, s.checks);
    j.key("presets").begin_array();
    for (const Preset& p : s.presets) write_preset(j, p);
    j.end_array().key("default_preset");
    if (s.default_preset) j.value(*s.default_preset); else j.null();
    j.key("hap");
    write_hap(j, s.hap);
    j.key("request").begin_object().key("options");
    write_options(j, r.options);
    j.key("flags").value(r.flags).end_object();
    j.key("controls");
    write_controls(j, r.controls);
    j.key("plan");
    if (r.plan) write_plan(j, *r.plan); else j.null();
    j.key("refusal");
    write_problem(j, r.refusal);
    j.key("outputs").begin_array();
    for (const OutputFile& o : r.outputs) {
        j.begin_object().key("role").value(output_role_name(o.role)).key("name").value(o.name);
        j.key("label").value(o.label).key("size").value(o.size).key("sha256").null().key("offset");
        if (o.range) j.value(o.range->offset); else j.null();
        j.end_object();
    }
    j.end_array().key("flash_write");
    if (r.flash_write) write_flash_write(j, *r.flash_write); else j.null();
    j.key("log").begin_array();
    for (const std::string& line : r.log) j.value(line);
    j.end_array().key("warnings");
    write_findings(j, r.warnings);
    j.key("analysis");
    write_analysis(j, a);
    j.end_object();
    return j.take();
}

const char* output_role_name(OutputRole role) {
    switch (role) {
        case OutputRole::image: return "image";
        case OutputRole::descriptor: return "descriptor";
        case OutputRole::me_region: return "me_region";
        case OutputRole::layout: return "layout";
        case OutputRole::chip: return "chip";
    }
    return "image";
}

}  // namespace meclean
