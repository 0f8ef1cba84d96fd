#include "status/status.hpp"

#include "base/text.hpp"
#include "status/mei_devices.hpp"
#include "status/paste_parser.hpp"
#include "status/paste_text.hpp"

namespace meclean {
namespace {

StatusReport refused(PasteError error) {
    StatusReport r;
    r.verdict = StatusVerdict::refused;
    std::string where = error.where();
    r.headline = {State::fail, "meclean cannot read this input",
                  (where.empty() ? "" : where + ": ") + error.what,
                  "Paste the whole output of one tool: /sys/class/mei/mei0/fw_status, intelmetool -m or -b, MEInfo "
                  "-fwsts, or lspci -vvv -xxx -s 00:16.0."};
    r.error = std::move(error);
    return r;
}

}  // namespace

StatusReport decode_status(const StatusRequest& request) {
    PasteFacts facts;
    if (request.no_device && paste::is_blank(request.text)) {
        facts.no_device = true;
    } else {
        PasteParse parsed = parse_status_paste(request.text);
        if (parsed.error) return refused(std::move(*parsed.error));
        facts = std::move(parsed.facts);
        if (request.no_device && facts.words.known() > 0) {
            return refused({"you said there is no MEI device, but the paste holds its status words", 0, 0, std::nullopt});
        }
        facts.no_device = facts.no_device || request.no_device;
    }
    StatusReport r;
    r.formats = facts.formats;
    r.device_id = facts.device_id ? facts.device_id : request.hints.device_id;
    if (r.device_id) {
        if (const MeiDevice* d = find_mei_device(*r.device_id)) r.device_name = d->name;
    }
    r.firmware_version = facts.firmware_version ? facts.firmware_version : request.hints.running_version;
    r.layout = choose_layout(facts, request.hints);
    r.generation_needed = !r.layout.layout && facts.words.known() > 0;
    r.registers = decode_registers(facts.words, r.layout.layout);
    r.boot_guard = boot_guard_runtime(facts, r.registers);
    judge_status(r, facts);
    return r;
}

}  // namespace meclean
