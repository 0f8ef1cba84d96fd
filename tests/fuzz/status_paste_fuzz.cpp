// libFuzzer target: the status decoder (paste parser → fields → verdict → JSON) on arbitrary text.
// The first byte picks the generation answer (none or one of the three layouts) and the "no MEI
// device" flag, as the page and --generation would; the rest is the paste. Besides "no crash, no
// leak, no hang": a refusal names where (a line within the paste) and decodes nothing; a decoded
// report has no error and at most six registers; the JSON is one object.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz_support.hpp"
#include "status/paste_parser.hpp"
#include "status/status.hpp"
#include "status/status_json.hpp"

namespace {

[[noreturn]] void broken(const char* promise) { fuzz_support::broken("status_paste_fuzz", promise); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace meclean;
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    StatusRequest request;
    request.text = text;
    const unsigned choice = data[0] & 3;
    if (choice > 0) request.hints.chosen = StatusLayout(choice - 1);
    request.no_device = (data[0] & 4) != 0;
    StatusReport report = decode_status(request);
    if (report.verdict == StatusVerdict::refused) {
        if (!report.error) broken("a refusal without an error");
        if (!report.registers.empty()) broken("a refusal with decoded registers");
        size_t lines = 1;
        for (char c : text) lines += c == '\n';
        if (report.error->line > lines) broken("an error line past the paste");
    } else {
        if (report.error) broken("a decoded report with an error");
        if (report.registers.size() > 6) broken("more than six registers");
    }
    std::string json = status_json(report);
    if (json.empty() || json.front() != '{' || json.back() != '}') broken("JSON is not one object");
    parse_sysfs_fw_ver(text);
    parse_sysfs_device_id(text);
    return 0;
}
