#include "status/status_json.hpp"

#include "base/json_writer.hpp"
#include "base/text.hpp"
#include "base/version.hpp"

namespace meclean {
namespace {

template <typename T>
void optional_bool(JsonWriter& j, const char* key, const std::optional<T>& value) {
    j.key(key);
    if (value) j.value(bool(*value)); else j.null();
}

void write_error(JsonWriter& j, const std::optional<PasteError>& e) {
    if (!e) {
        j.null();
        return;
    }
    j.begin_object().key("message").value(e->what).key("where").value(e->where());
    j.key("line").value(e->line).key("column").value(e->column).key("word");
    if (e->word) j.value(*e->word); else j.null();
    j.end_object();
}

void write_input(JsonWriter& j, const StatusReport& r) {
    j.begin_object().key("formats").begin_array();
    for (PasteFormat f : r.formats) j.value(paste_format_id(f));
    j.end_array().key("device_id");
    if (r.device_id) j.value(hex(*r.device_id, 4)); else j.null();
    j.key("device_name");
    if (r.device_name.empty()) j.null(); else j.value(r.device_name);
    j.key("firmware_version");
    if (r.firmware_version) j.value(version_text(*r.firmware_version)); else j.null();
    j.end_object();
}

void write_layout(JsonWriter& j, const StatusReport& r) {
    j.begin_object().key("id");
    if (r.layout.layout) j.value(status_layout_id(*r.layout.layout)); else j.null();
    j.key("name");
    if (r.layout.layout) j.value(status_layout_name(*r.layout.layout)); else j.null();
    j.key("basis").value(layout_basis_id(r.layout.basis)).key("why").value(r.layout.why);
    j.key("generation_needed").value(r.generation_needed).end_object();
}

void write_registers(JsonWriter& j, const std::vector<DecodedRegister>& registers) {
    j.begin_array();
    for (const DecodedRegister& reg : registers) {
        j.begin_object().key("name").value("HFSTS" + decimal(reg.index)).key("index").value(reg.index);
        j.key("value").value(uint64_t{reg.value}).key("hex").value(hex(reg.value, 8)).key("fields").begin_array();
        for (const DecodedField& f : reg.fields) {
            const FieldSpec& s = *f.spec;
            j.begin_object().key("key").value(s.key).key("label").value(s.label);
            j.key("bits").begin_array().value(unsigned(s.low_bit + s.width - 1)).value(unsigned(s.low_bit)).end_array();
            j.key("value").value(uint64_t{f.value}).key("meaning").value(f.meaning);
            j.key("source").value(s.source).key("confidence").value(source_confidence_name(s.confidence)).end_object();
        }
        j.end_array().end_object();
    }
    j.end_array();
}

void write_boot_guard(JsonWriter& j, const std::optional<BootGuardRuntime>& bg) {
    if (!bg) {
        j.null();
        return;
    }
    j.begin_object().key("state").value(boot_guard_state_id(bg->state)).key("basis").value(bg->basis).key("msr");
    if (bg->msr) j.value(hex(*bg->msr)); else j.null();
    optional_bool(j, "verified", bg->verified);
    optional_bool(j, "measured", bg->measured);
    optional_bool(j, "facb", bg->facb);
    optional_bool(j, "nem", bg->nem);
    optional_bool(j, "revoked", bg->revoked);
    optional_bool(j, "tpm_success", bg->tpm_success);
    j.key("tpm_type");
    if (bg->tpm_type) j.value(*bg->tpm_type); else j.null();
    j.end_object();
}

}  // namespace

std::string status_json(const StatusReport& r) {
    JsonWriter j;
    j.begin_object().key("meclean_version").value(kVersion).key("verdict").value(status_verdict_id(r.verdict));
    j.key("headline");
    write_headline(j, r.headline);
    j.key("lines");
    write_check_lines(j, r.lines);
    j.key("error");
    write_error(j, r.error);
    j.key("input");
    write_input(j, r);
    j.key("layout");
    write_layout(j, r);
    j.key("registers");
    write_registers(j, r.registers);
    j.key("boot_guard");
    write_boot_guard(j, r.boot_guard);
    j.end_object();
    return j.take();
}

}  // namespace meclean
