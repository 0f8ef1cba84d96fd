#include "status_render.hpp"

#include "base/text.hpp"

namespace meclean::cli {
namespace {

const char* mark(State state) {
    switch (state) {
        case State::ok: return "[ok]  ";
        case State::info: return "[info]";
        case State::warn: return "[warn]";
        case State::fail: return "[FAIL]";
    }
    return "[info]";
}

std::string bits(const FieldSpec& s) {
    unsigned high = s.low_bit + s.width - 1u;
    return high == s.low_bit ? decimal(s.low_bit) : decimal(high) + ":" + decimal(s.low_bit);
}

}  // namespace

std::string status_text(const StatusReport& r) {
    std::string out = std::string(mark(r.headline.state)) + " " + r.headline.title + "\n";
    if (!r.headline.detail.empty()) out += "       " + r.headline.detail + "\n";
    if (!r.headline.next.empty()) out += "       Next: " + r.headline.next + "\n";
    out += "\n";
    for (const CheckLine& line : r.lines) {
        out += std::string(mark(line.state)) + " " + line.title + "\n";
        if (!line.detail.empty()) out += "       " + line.detail + "\n";
    }
    if (r.registers.empty()) return out;
    out += "\nStatus registers (" +
           std::string(r.layout.layout ? status_layout_name(*r.layout.layout) : "generation unknown: shared fields only") +
           "):\n";
    for (const DecodedRegister& reg : r.registers) {
        out += "  HFSTS" + decimal(reg.index) + " = " + hex(reg.value, 8) + "\n";
        for (const DecodedField& f : reg.fields) {
            out += "    " + pad_right(std::string(f.spec->label) + " [" + bits(*f.spec) + "]", 52) + " " +
                   pad_right(decimal(f.value), 4) + " " + f.meaning + "\n" + "        source: " + f.spec->source +
                   " (confidence " + source_confidence_name(f.spec->confidence) + ")\n";
        }
    }
    return out;
}

}  // namespace meclean::cli
