#include "report/descriptor_json.hpp"

#include "ifd/descriptor_dump.hpp"
#include "ifd/flash_layout.hpp"

namespace meclean {

void write_descriptor_details(JsonWriter& j, const Descriptor& d) {
    j.key("flmap3");
    if (d.flmap3) j.value(uint64_t{*d.flmap3}); else j.null();
    j.key("flumap1").value(uint64_t{d.flumap1});
    const PlatformGuess& p = d.platform;
    j.key("platform").begin_object().key("family").value(pch_family_id(p.family));
    j.key("name").value(pch_family_name(p.family)).key("sku").value(pch_sku_name(p.sku));
    j.key("confidence").value(confidence_name(p.confidence)).key("rule").value(p.rule).end_object();
    const FlashComponents& c = d.component;
    j.key("component").begin_object().key("present").value(c.present);
    j.key("flcomp").value(uint64_t{c.flcomp}).key("flill").value(uint64_t{c.flill});
    j.key("flill1_or_flpb").value(uint64_t{c.flill1_or_flpb}).key("chips").value(c.chips);
    j.key("four_bit_density").value(c.four_bit_density);
    j.key("density").begin_array();
    for (unsigned i = 0; i < c.chips && i < 2; ++i) j.value(c.density[i]);
    j.end_array().key("total_size").value(c.total_size()).key("rows").begin_array();
    for (const auto& [label, value] : component_rows(d)) j.begin_array().value(label).value(value).end_array();
    j.end_array().end_object();
    j.key("layout").value(flashrom_layout(d));
    j.key("map_rows").begin_array();
    for (const MapRow& row : map_rows(d)) {
        j.begin_object().key("register").value(row.name).key("value").value(uint64_t{row.value}).key("fields").begin_array();
        for (const auto& [label, value] : row.fields) j.begin_array().value(label).value(value).end_array();
        j.end_array().end_object();
    }
    j.end_array();
    j.key("vscc").begin_array();
    for (const VsccEntry& v : d.vscc) {
        j.begin_object().key("jid").value(uint64_t{v.jid}).key("vscc").value(uint64_t{v.vscc}).end_object();
    }
    j.end_array();
}

void write_descriptor_checks(JsonWriter& j, const std::vector<DescriptorCheck>& checks) {
    j.begin_array();
    for (const DescriptorCheck& c : checks) {
        j.begin_object().key("code").value(c.code).key("title").value(c.title);
        j.key("applicable").value(c.applicable).key("skipped_because").value(c.skipped_because);
        j.key("passed").value(c.passed()).key("findings").begin_array();
        for (const Finding& f : c.findings) {
            j.begin_object().key("severity").value(severity_name(f.severity)).key("code").value(f.code);
            j.key("message").value(f.message).key("offset");
            if (f.offset) j.value(*f.offset); else j.null();
            j.end_object();
        }
        j.end_array().end_object();
    }
    j.end_array();
}

}  // namespace meclean
