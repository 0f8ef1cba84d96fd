#include "base/verdict.hpp"

namespace meclean {

const char* state_name(State state) {
    switch (state) {
        case State::ok: return "ok";
        case State::info: return "info";
        case State::warn: return "warn";
        case State::fail: return "fail";
    }
    return "info";
}

void write_headline(JsonWriter& j, const Headline& h) {
    j.begin_object().key("state").value(state_name(h.state)).key("title").value(h.title);
    j.key("detail").value(h.detail).key("next").value(h.next).end_object();
}

void write_check_line(JsonWriter& j, const CheckLine& line) {
    j.begin_object().key("id").value(line.id).key("state").value(state_name(line.state));
    j.key("title").value(line.title).key("detail").value(line.detail).key("offset");
    if (line.offset) j.value(*line.offset); else j.null();
    j.end_object();
}

void write_check_lines(JsonWriter& j, const std::vector<CheckLine>& lines) {
    j.begin_array();
    for (const CheckLine& line : lines) write_check_line(j, line);
    j.end_array();
}

}  // namespace meclean
