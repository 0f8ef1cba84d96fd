// The analysis and the plan as JSON, inside the report (report/report_json.cpp).
#include "report/descriptor_json.hpp"
#include "base/json_writer.hpp"
#include "report/analysis_json.hpp"

#include "advice/advice_json.hpp"
#include "fit/fit_json.hpp"
#include "base/version.hpp"
#include "base/text.hpp"
#include "ifd/flash_layout.hpp"

namespace meclean {
namespace {

void write_lines(JsonWriter& j, const std::vector<std::string>& lines) {
    j.begin_array();
    for (const std::string& line : lines) j.value(line);
    j.end_array();
}


void write_signature(JsonWriter& j, const SignatureCheck& s) {
    j.begin_object().key("me_cleaner_valid").value(s.me_cleaner_valid).key("strict_valid").value(s.strict_valid);
    j.key("scheme").value(s.scheme).end_object();
}

void write_me(JsonWriter& j, const MeFirmware& me, int generation) {
    const Manifest& m = me.manifest;
    j.begin_object();
    j.key("region_start").value(me.region_start).key("region_end").value(me.region_end);
    j.key("generation").value(generation);
    j.key("version").value(version_text(m.version));
    j.key("variant").value(firmware_variant_name(me.key.variant)).key("key_known").value(me.key.known).key("key_versions").value(me.key.versions);
    j.key("key_md5").value(m.key_md5).key("key_sha256").value(m.key_sha256);
    j.key("manifest").begin_object().key("offset").value(m.offset).key("tag").value(m.tag);
    j.key("header_version").value(uint64_t{m.header_version}).key("size").value(uint64_t{m.size});
    j.key("key_bits").value(uint64_t{m.key_size_dwords} * 32).key("exponent").value(uint64_t{m.exponent});
    j.key("signature");
    write_signature(j, m.signature);
    j.end_object();
    j.key("fpt").begin_object().key("offset").value(me.fpt.offset).key("header_version").value(unsigned{me.fpt.header_version});
    j.key("header_length").value(unsigned{me.fpt.header_length}).key("checksum").value(unsigned{me.fpt.checksum});
    j.key("flags").value(uint64_t{me.fpt.flags}).key("entries").begin_array();
    for (const FptEntry& e : me.fpt.entries) {
        j.begin_object().key("name").value(e.name).key("offset").value(uint64_t{e.offset});
        j.key("length").value(uint64_t{e.length}).key("type").value(e.type()).key("flags").value(uint64_t{e.flags});
        j.end_object();
    }
    j.end_array().end_object();
    j.key("ftpr").begin_object().key("offset").value(uint64_t{me.ftpr_offset}).key("length").value(uint64_t{me.ftpr_length});
    j.end_object();
    j.key("modules").begin_array();
    for (const FtprModule& mod : me.modules) {
        j.begin_object().key("name").value(mod.name).key("compression").value(mod.compression);
        j.key("offset").value(mod.offset).key("size").value(mod.size).end_object();
    }
    j.end_array().key("ignition").value(me.ignition);
    j.key("cleaned_before").begin_object().key("only_ftpr_listed").value(me.traces.only_ftpr_listed);
    j.key("ends_inside_ftpr").value(me.traces.ends_inside_ftpr).end_object().end_object();
}

void write_cpd(JsonWriter& j, const CpdDirectory& d) {
    j.begin_object().key("offset").value(d.offset).key("header_version").value(d.header_version);
    j.key("name").value(d.partition_name).key("integrity_ok").value(d.integrity_ok).key("items").begin_array();
    for (const CpdItem& item : d.items) {
        j.begin_object().key("name").value(item.name).key("offset").value(item.offset);
        j.key("size").value(uint64_t{item.size}).key("huffman").value(item.huffman).end_object();
    }
    j.end_array().end_object();
}

void write_optional_bool(JsonWriter& j, const std::optional<bool>& b) {
    if (b) j.value(*b); else j.null();
}

void write_cse(JsonWriter& j, const CseFirmware& c) {
    j.begin_object().key("name").value(cse_name(c)).key("layout").value(c.layout).key("layout_offset").value(c.layout_offset);
    j.key("layout_crc_ok");
    write_optional_bool(j, c.layout_crc_ok);
    j.key("version").value(c.version).key("build_target").value(c.build_target);
    j.key("data_partition");
    if (c.data_partition) {
        j.begin_object().key("offset").value(c.data_partition->offset);
        j.key("header_version").value(c.data_partition->header_version).key("crc_ok");
        write_optional_bool(j, c.data_partition->crc_ok);
        j.key("entries").begin_array();
        for (const FptEntry& e : c.data_partition->entries) {
            j.begin_object().key("name").value(e.name).key("offset").value(uint64_t{e.offset});
            j.key("length").value(uint64_t{e.length}).end_object();
        }
        j.end_array().end_object();
    } else {
        j.null();
    }
    j.key("boot_partitions").begin_array();
    for (const Bpdt& b : c.boot_partitions) {
        j.begin_object().key("offset").value(b.offset).key("version").value(b.version).key("recovery").value(b.recovery);
        j.key("crc_ok");
        write_optional_bool(j, b.crc_ok);
        j.key("fit_version").value(b.fit_version).key("entries").begin_array();
        for (const BpdtEntry& e : b.entries) {
            j.begin_object().key("type").value(e.type).key("name").value(e.name).key("offset").value(e.offset);
            j.key("size").value(uint64_t{e.size}).key("secondary").value(e.secondary).key("directory");
            if (e.directory) write_cpd(j, *e.directory); else j.null();
            j.end_object();
        }
        j.end_array().end_object();
    }
    j.end_array().key("manifest");
    if (c.manifest) {
        const Manifest& m = *c.manifest;
        j.begin_object().key("offset").value(m.offset).key("header_version").value(uint64_t{m.header_version});
        j.key("key_bits").value(uint64_t{m.key_size_dwords} * 32).key("key_md5").value(m.key_md5);
        j.key("key_sha256").value(m.key_sha256).key("signature");
        write_signature(j, m.signature);
        j.end_object();
    } else {
        j.null();
    }
    j.end_object();
}

void write_verdicts(JsonWriter& j, const std::vector<PartVerdict>& verdicts) {
    j.begin_array();
    for (const PartVerdict& v : verdicts) {
        j.begin_object().key("name").value(v.name).key("detail").value(v.detail).key("action").value(part_action_name(v.action));
        j.key("size").value(v.size);
        if (v.has_range) j.key("start").value(v.start).key("end").value(v.end);
        j.end_object();
    }
    j.end_array();
}

void write_extra(JsonWriter& j, const std::optional<ExtraFile>& file) {
    if (!file) {
        j.null();
        return;
    }
    j.begin_object().key("name").value(file->name).key("offset").value(file->offset).key("length").value(file->length);
    j.end_object();
}

void write_triage(JsonWriter& j, const Triage& t) {
    j.begin_object().key("kind").value(triage_kind_name(t.kind)).key("what").value(t.what).key("advice").value(t.advice);
    j.key("embedded");
    if (t.embedded) {
        j.begin_object().key("offset").value(t.embedded->offset).key("length").value(t.embedded->length).end_object();
    } else {
        j.null();
    }
    j.end_object();
}

}  // namespace

void write_descriptor(JsonWriter& j, const Descriptor& d) {
    j.begin_object();
    j.key("signature_offset").value(d.signature_offset).key("ifd_version").value(d.ifd_version);
    j.key("flmap").begin_array().value(uint64_t{d.flmap0}).value(uint64_t{d.flmap1}).value(uint64_t{d.flmap2}).end_array();
    j.key("fcba").value(uint64_t{d.fcba}).key("frba").value(uint64_t{d.frba}).key("fmba").value(uint64_t{d.fmba});
    j.key("fpsba").value(uint64_t{d.fpsba}).key("fmsba").value(uint64_t{d.fmsba});
    j.key("regions").begin_array();
    for (const FlashRegion& r : d.regions) {
        j.begin_object().key("index").value(r.index).key("name").value(r.name).key("layout_name").value(region_layout_name(r.index));
        j.key("raw").value(uint64_t{r.raw});
        j.key("base").value(r.base).key("limit").value(r.limit).key("used").value(r.used).end_object();
    }
    j.end_array().key("masters").begin_array();
    for (const FlashMaster& m : d.masters) {
        j.begin_object().key("index").value(m.index).key("name").value(m.name).key("raw").value(uint64_t{m.raw});
        j.key("read").begin_array();
        for (int i = 0; i < 16; ++i) {
            if ((m.read_regions >> i) & 1) j.value(i);
        }
        j.end_array().key("write").begin_array();
        for (int i = 0; i < 16; ++i) {
            if ((m.write_regions >> i) & 1) j.value(i);
        }
        j.end_array().end_object();
    }
    j.end_array().key("pch_straps").begin_array();
    for (uint32_t s : d.pch_straps) j.value(uint64_t{s});
    j.end_array().key("north_straps").begin_array();
    for (uint32_t s : d.north_straps) j.value(uint64_t{s});
    j.end_array();
    write_descriptor_details(j, d);
    j.end_object();
}

void write_problem(JsonWriter& j, const std::optional<Problem>& problem) {
    if (!problem) {
        j.null();
        return;
    }
    j.begin_object().key("code").value(problem->code).key("message").value(problem->message);
    j.key("detail").value(problem->detail).key("offset");
    if (problem->offset) j.value(*problem->offset); else j.null();
    j.key("words").value(problem->words).key("remedy").value(remedy_name(problem->remedy));
    j.end_object();
}


void write_findings(JsonWriter& j, const std::vector<Finding>& findings) {
    j.begin_array();
    for (const Finding& f : findings) {
        j.begin_object().key("severity").value(severity_name(f.severity)).key("code").value(f.code);
        j.key("message").value(f.message).key("offset");
        if (f.offset) j.value(*f.offset); else j.null();
        j.end_object();
    }
    j.end_array();
}

std::string analysis_json(const Analysis& a) {
    JsonWriter j;
    write_analysis(j, a);
    return j.take();
}

std::string plan_json(const Plan& p) {
    JsonWriter j;
    write_plan(j, p);
    return j.take();
}

void write_analysis(JsonWriter& j, const Analysis& a) {
    j.begin_object();
    j.key("meclean_version").value(kVersion).key("size").value(a.size).key("kind").value(image_kind_name(a.kind));
    j.key("generation").value(a.generation);
    j.key("descriptor");
    if (a.descriptor) write_descriptor(j, *a.descriptor); else j.null();
    j.key("me_region").begin_object().key("start").value(a.me_region_start).key("end").value(a.me_region_end);
    j.key("disabled").value(a.me_region_disabled).end_object();
    j.key("me");
    if (a.me) write_me(j, *a.me, a.generation); else j.null();
    j.key("cse");
    if (a.cse) write_cse(j, *a.cse); else j.null();
    j.key("triage");
    if (a.triage) write_triage(j, *a.triage); else j.null();
    j.key("fit");
    if (a.fit) write_fit(j, *a.fit); else j.null();
    j.key("advice");
    write_advice(j, a.advice);
    j.key("gbe");
    if (a.gbe) write_gbe_json(j, *a.gbe); else j.null();
    j.key("fdv");
    if (a.fdv) {
        j.begin_object().key("present").value(a.fdv->present).key("extension_found").value(a.fdv->extension_found);
        j.key("digest_matches");
        write_optional_bool(j, a.fdv->digest_matches);
        j.key("exclusions").begin_array();
        for (auto [start, end] : a.fdv->exclusions) {
            j.begin_array().value(unsigned{start}).value(unsigned{end}).end_array();
        }
        j.end_array().key("summary").value(a.fdv->summary).end_object();
    } else {
        j.null();
    }
    j.key("disable_bits").begin_array();
    for (const DisableBit& b : a.disable_bits) {
        j.begin_object().key("name").value(b.name).key("strap").value(b.strap).key("offset").value(b.offset);
        j.key("bit").value(b.bit).key("set").value(b.set).end_object();
    }
    j.end_array();
    j.key("descriptor_checks");
    write_descriptor_checks(j, a.descriptor_checks);
    j.key("findings");
    write_findings(j, a.findings);
    j.key("log");
    write_lines(j, a.log);
    j.key("problem");
    write_problem(j, a.problem);
    j.end_object();
}

void write_plan(JsonWriter& j, const Plan& p) {
    j.begin_object();
    j.key("ok").value(!p.problem);
    j.key("edits").begin_array();
    for (const Edit& e : p.edits) {
        j.begin_object().key("kind").value(edit_kind_name(e.kind)).key("offset").value(e.offset);
        j.key("length").value(e.length);
        if (e.kind == EditKind::move) j.key("source").value(e.source);
        if (e.kind == EditKind::write) j.key("bytes").value(hex_bytes(std::span<const uint8_t>(e.bytes).first(std::min<size_t>(e.bytes.size(), 64))));
        j.key("reason").value(e.reason).end_object();
    }
    j.end_array();
    j.key("partitions");
    write_verdicts(j, p.partitions);
    j.key("modules");
    write_verdicts(j, p.modules);
    j.key("minimum_size");
    if (p.minimum_size) j.value(*p.minimum_size); else j.null();
    j.key("output_size").value(p.output_size);
    j.key("descriptor_copy");
    write_extra(j, p.descriptor_copy);
    j.key("me_copy");
    write_extra(j, p.me_copy);
    j.key("final_signature");
    if (p.final_signature) write_signature(j, *p.final_signature); else j.null();
    j.key("findings");
    write_findings(j, p.findings);
    j.key("log");
    write_lines(j, p.log);
    j.key("problem");
    write_problem(j, p.problem);
    j.end_object();
}

}  // namespace meclean
