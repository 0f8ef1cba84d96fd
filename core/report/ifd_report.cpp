#include "report/ifd_report.hpp"

#include "base/version.hpp"
#include "ifd/descriptor_checks.hpp"
#include "report/analysis_json.hpp"
#include "report/checklist.hpp"
#include "report/descriptor_json.hpp"

namespace meclean {

std::string descriptor_report_json(const Descriptor& d, std::span<const uint8_t> file, const std::string& name) {
    const std::vector<DescriptorCheck> checks = check_descriptor(d, file);
    std::vector<CheckLine> lines;
    for (const DescriptorCheck& c : checks) lines.push_back(descriptor_check_line(c));
    JsonWriter j;
    j.begin_object().key("schema").value("meclean-ifd").key("schema_version").value(1);
    j.key("meclean_version").value(kVersion);
    j.key("input").begin_object().key("name").value(name).key("size").value(uint64_t{file.size()}).end_object();
    j.key("descriptor");
    write_descriptor(j, d);
    j.key("checks");
    write_check_lines(j, lines);
    j.key("descriptor_checks");
    write_descriptor_checks(j, checks);
    j.end_object();
    return j.take();
}

}  // namespace meclean
