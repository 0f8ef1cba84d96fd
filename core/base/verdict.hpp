// The words every report speaks, whatever it is about (an image, a pair of reads, a status
// paste): a state, a headline for the person, and checklist lines. The front ends render these
// as they are; the engine decides them (docs/architecture.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/json_writer.hpp"

namespace meclean {

enum class State { ok, info, warn, fail };
const char* state_name(State state);  // "ok", "info", "warn", "fail"

// What a report says first: the state, one line, the facts behind it, and what to do next.
struct Headline {
    State state = State::info;
    std::string title;
    std::string detail;
    std::string next;
};

// One line of a checklist. `id` is stable (tests and the page key on it); a line that carries
// a warning is never `ok`.
struct CheckLine {
    std::string id;
    State state = State::ok;
    std::string title;
    std::string detail;
    std::optional<uint64_t> offset;  // file offset concerned
};

void write_headline(JsonWriter& j, const Headline& headline);
void write_check_line(JsonWriter& j, const CheckLine& line);
void write_check_lines(JsonWriter& j, const std::vector<CheckLine>& lines);

}  // namespace meclean
