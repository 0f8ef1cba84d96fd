#include "flash/flash_json.hpp"

namespace meclean {

void begin_result_json(JsonWriter& j, const char* kind, const Headline& headline, const std::vector<CheckLine>& checks) {
    j.begin_object().key("kind").value(kind).key("headline");
    write_headline(j, headline);
    j.key("checks");
    write_check_lines(j, checks);
}

void write_problem_json(JsonWriter& j, const std::optional<Problem>& p) {
    if (!p) {
        j.null();
        return;
    }
    j.begin_object().key("code").value(p->code).key("message").value(p->message).key("detail").value(p->detail);
    j.key("offset");
    if (p->offset) j.value(*p->offset); else j.null();
    j.end_object();
}

void write_chip(JsonWriter& j, const FlashChip& c) {
    j.begin_object().key("number").value(c.number).key("offset").value(c.range.offset).key("size").value(c.range.length);
    j.key("regions").begin_array();
    for (int r : c.regions) j.value(r);
    j.end_array().end_object();
}

void write_chips(JsonWriter& j, const std::vector<FlashChip>& chips) {
    j.begin_array();
    for (const FlashChip& c : chips) write_chip(j, c);
    j.end_array();
}

}  // namespace meclean
