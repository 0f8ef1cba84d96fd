#include "fit/fit_json.hpp"

#include "base/text.hpp"

namespace meclean {
namespace {

void optional_number(JsonWriter& j, const char* key, const std::optional<uint64_t>& value) {
    j.key(key);
    if (value) j.value(*value); else j.null();
}

void write_boot_policy(JsonWriter& j, const BootPolicyManifest& b, ByteRange mapped) {
    j.begin_object().key("generation").value(manifest_generation_id(b.generation));
    j.key("structure_version").value(unsigned{b.structure_version}).key("revision").value(unsigned{b.revision});
    j.key("bpm_svn").value(unsigned{b.bpm_svn}).key("acm_svn").value(unsigned{b.acm_svn});
    optional_number(j, "entry_point", b.entry_point ? std::optional<uint64_t>(*b.entry_point) : std::nullopt);
    j.key("ibb").begin_array();
    for (const IbbSegment& s : b.ibb) {
        j.begin_object().key("base").value(uint64_t{s.base}).key("size").value(uint64_t{s.size});
        j.key("flags").value(unsigned{s.flags}).key("hashed").value(s.hashed());
        optional_number(j, "file_offset", fit_address_to_offset(s.base, mapped));
        j.end_object();
    }
    j.end_array();
    optional_number(j, "signature_offset", b.signature_offset);
    j.end_object();
}

void write_entry(JsonWriter& j, const FitEntry& e, ByteRange mapped) {
    j.begin_object().key("index").value(e.index).key("offset").value(e.offset);
    j.key("type").value(fit_entry_type_id(e.type)).key("type_raw").value(unsigned{e.raw_type});
    j.key("address").value(hex(e.address)).key("size_field").value(uint64_t{e.size_field});
    j.key("version").value(unsigned{e.version}).key("checksum_valid_bit").value(e.checksum_valid_bit);
    optional_number(j, "target", e.target);
    j.key("microcode");
    if (e.microcode) {
        const MicrocodeUpdate& m = *e.microcode;
        j.begin_object().key("processor_signature").value(uint64_t{m.processor_signature}).key("revision").value(uint64_t{m.revision});
        j.key("date").value(hex_digits(m.date, 8)).key("processor_flags").value(uint64_t{m.processor_flags});
        j.key("total_size").value(uint64_t{m.total_size}).end_object();
    } else {
        j.null();
    }
    j.key("acm");
    if (e.acm) {
        j.begin_object().key("header_version").value(uint64_t{e.acm->header_version}).key("date").value(hex_digits(e.acm->date, 8));
        j.key("size").value(uint64_t{e.acm->size}).key("txt_svn").value(unsigned{e.acm->txt_svn}).end_object();
    } else {
        j.null();
    }
    j.key("key_manifest");
    if (e.key_manifest) {
        const KeyManifest& k = *e.key_manifest;
        j.begin_object().key("generation").value(manifest_generation_id(k.generation));
        j.key("structure_version").value(unsigned{k.structure_version}).key("revision").value(unsigned{k.revision});
        j.key("svn").value(unsigned{k.svn}).key("id").value(unsigned{k.id}).end_object();
    } else {
        j.null();
    }
    j.key("boot_policy");
    if (e.boot_policy) write_boot_policy(j, *e.boot_policy, mapped); else j.null();
    j.end_object();
}

}  // namespace

void write_fit(JsonWriter& j, const FitReport& f) {
    j.begin_object().key("found").value(f.found);
    optional_number(j, "pointer_offset", f.pointer_offset);
    j.key("pointer").value(hex(f.pointer));
    j.key("mapped").begin_object().key("offset").value(f.mapped.offset).key("length").value(f.mapped.length).end_object();
    optional_number(j, "table_offset", f.table_offset);
    j.key("declared_entries").value(f.declared_entries).key("header_version").value(unsigned{f.header_version});
    j.key("checksum_ok");
    if (f.checksum_ok) j.value(*f.checksum_ok); else j.null();
    j.key("provisioning").value(boot_guard_provisioning_id(f.provisioning));
    j.key("headline");
    write_headline(j, f.headline);
    j.key("lines");
    write_check_lines(j, f.lines);
    j.key("entries").begin_array();
    for (const FitEntry& e : f.entries) write_entry(j, e, f.mapped);
    j.end_array().end_object();
}

}  // namespace meclean
