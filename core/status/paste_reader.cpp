#include "status/paste_reader.hpp"

#include <tuple>

#include "base/text.hpp"

namespace meclean::paste {
namespace {

constexpr size_t kMaxWords = 6;  // HFSTS1..HFSTS6 (Linux MEI_CFG_PCH8_HFS)

// Prompts and commands people paste along with the output: "$ cat .../fw_status", "# intelmetool -m".
bool is_command(std::string_view text) {
    std::string_view t = text.substr(first_non_space(text));
    return t.starts_with('$') || t.starts_with('#') || starts_with_nocase(t, "sudo ") ||
           contains_nocase(t, "/sys/class/mei");
}

}  // namespace

PasteParse Reader::read(std::string_view text) {
    for (const Line& line : split_lines(text)) {
        if (failed()) break;
        take(line);
    }
    if (!failed()) finish();
    return PasteParse{std::move(facts_), std::move(error_)};
}

void Reader::fail(std::string what, unsigned line, size_t column0, std::optional<unsigned> word) {
    if (!error_) error_ = PasteError{std::move(what), line, unsigned(column0 + 1), word};
}

void Reader::take(const Line& raw) {
    if (is_blank(raw.text)) return;
    // coreboot's console prefixes a level tag: "[DEBUG]  ME: HFSTS1 : 0x80022054".
    Line line = raw;
    size_t start = first_non_space(line.text);
    if (line.text.substr(start).starts_with('[')) {
        size_t close = line.text.find(']', start);
        if (close != std::string_view::npos && close - start <= 8) line.text = line.text.substr(close + 1);
    }
    last_line_ = line.number;
    if (lspci_.take(line, error_)) {
        facts_.add_format(PasteFormat::lspci);
        return;
    }
    if (expect_msr_) {
        expect_msr_ = false;
        if (auto value = msr_value(line, first_non_space(line.text), "rdmsr 0x13a")) {
            facts_.boot_guard_msr = value;
            facts_.add_format(PasteFormat::msr_value);
        }
        return;
    }
    if (intelmetool_line(line) || bootguard_line(line) || meinfo_line(line) || msr_line(line)) return;
    if (is_command(line.text)) return;
    if (words_line(line)) return;
    if (!first_unknown_) first_unknown_ = line;
}

// A line of bare status words, as the kernel prints fw_status ("%08X" a line) or as typed: every
// token must be hexadecimal, or the line is something else. Their sizes are checked in finish().
bool Reader::words_line(const Line& line) {
    std::vector<Word> found;
    for (size_t at = first_non_space(line.text); at < line.text.size(); at = skip_spaces(line.text, at)) {
        std::string_view token = token_at(line.text, at);
        auto word = read_hex(line.text, at);
        if (!word || !word->clean_end || word->length != token.size()) return false;
        found.push_back({*word, token, line.number});
        at += token.size();
    }
    words_.insert(words_.end(), found.begin(), found.end());
    return !found.empty();
}

std::optional<PasteError> Reader::word_problem() const {
    for (size_t i = 0; i < words_.size(); ++i) {
        const Word& w = words_[i];
        const unsigned index = unsigned(i + 1);
        const unsigned column = unsigned(w.token.column + 1);
        const std::string token(w.text);
        if (i == kMaxWords) {
            return PasteError{"a seventh status word: fw_status holds at most six (HFSTS1–HFSTS6)", w.line, column, index};
        }
        if (w.token.digits > 8) {
            return PasteError{"“" + token + "” has " + decimal(w.token.digits) +
                                  " hex digits: a status register has 32 bits (at most 8 digits)",
                              w.line, column, index};
        }
        if (!w.token.prefixed && w.token.digits != 8) {
            return PasteError{"“" + token + "” has " + decimal(w.token.digits) + " hex digits; fw_status prints 8 per word (write 0x" +
                                  token + " if that is the whole value): is the paste cut off?",
                              w.line, column, index};
        }
    }
    return std::nullopt;
}

std::optional<uint32_t> Reader::register_value(const Line& line, size_t at, std::string_view label) {
    auto token = read_hex(line.text, at);
    if (at >= line.text.size()) {
        fail("no value after “" + std::string(label) + "”: is the paste cut off?", line.number, at);
        return std::nullopt;
    }
    if (!token || !token->clean_end) {
        fail("“" + std::string(token_at(line.text, at)) + "” after “" + std::string(label) +
                 "” is not a hexadecimal value",
             line.number, at);
        return std::nullopt;
    }
    if (token->digits > 8) {
        fail("“" + std::string(token_at(line.text, at)) + "” has " + decimal(token->digits) +
                 " hex digits: a status register has 32 bits (at most 8 digits)",
             line.number, at);
        return std::nullopt;
    }
    return uint32_t(token->value);
}

std::optional<uint64_t> Reader::msr_value(const Line& line, size_t at, std::string_view label) {
    auto token = read_hex(line.text, at);
    if (!token || !token->clean_end || token->digits > 16) {
        fail(at >= line.text.size() ? "no value after “" + std::string(label) + "”"
                                    : "“" + std::string(token_at(line.text, at)) + "” after “" + std::string(label) +
                                          "” is not a 64-bit hexadecimal MSR value",
             line.number, at);
        return std::nullopt;
    }
    return token->value;
}

void Reader::finish() {
    if (lspci_.seen()) lspci_.finish(facts_, error_);
    if (failed()) return;
    settle_words();
    if (failed()) return;
    if (facts_.formats.empty()) {
        if (first_unknown_) {
            size_t at = first_non_space(first_unknown_->text);
            fail("“" + std::string(token_at(first_unknown_->text, at)) +
                     "” starts neither a status word (as in /sys/class/mei/mei0/fw_status) nor a line of intelmetool, "
                     "MEInfo or lspci output",
                 first_unknown_->number, at);
        } else {
            error_ = PasteError{"the paste is empty: nothing to decode", 0, 0, std::nullopt};
        }
        return;
    }
    // Bare words leave no room for other text: a stray line there is a typing or pasting mistake.
    if (facts_.formats.size() == 1 && facts_.formats[0] == PasteFormat::fw_status_words && first_unknown_) {
        size_t at = first_non_space(first_unknown_->text);
        fail("“" + std::string(token_at(first_unknown_->text, at)) + "” is not a hexadecimal status word",
             first_unknown_->number, at);
        return;
    }
    explain_missing_data();
}

// Exactly one source of status words: two would mean two machines or two moments.
void Reader::settle_words() {
    struct Source {
        const char* name;
        unsigned line;
        StatusWords words;
    };
    std::vector<Source> sources;
    if (status1_ || status2_) {
        if (!status2_) return fail("“ME Status 2” is missing after “ME Status” (intelmetool prints both): is the paste cut off?", status1_line_, 0);
        if (!status1_) return fail("“ME Status” is missing before “ME Status 2” (intelmetool prints both)", status2_line_, 0);
        StatusWords w;
        w.hfsts[0] = status1_;
        w.hfsts[1] = status2_;
        sources.push_back({"intelmetool", status1_line_, w});
    }
    for (auto [numbered, label, name] : {std::tuple{&meinfo_, "FW Status Register", "MEInfo"},
                                         std::tuple{&coreboot_, "ME: HFSTS", "coreboot's log"}}) {
        StatusWords w;
        if (!numbered_words(*numbered, label, w)) return;
        if (w.known() > 0) sources.push_back({name, numbered->lines[0] ? numbered->lines[0] : last_line_, w});
    }
    if (facts_.words.known() > 0) sources.push_back({"lspci", lspci_.first_line(), facts_.words});
    // Hex-only lines beside another tool's output are noise unless they are proper words.
    if (!words_.empty()) {
        std::optional<PasteError> problem = word_problem();
        if (problem && sources.empty()) {
            error_ = std::move(problem);
            return;
        }
        if (!problem) {
            StatusWords w;
            for (size_t i = 0; i < words_.size(); ++i) w.hfsts[i] = uint32_t(words_[i].token.value);
            sources.push_back({"bare status words", words_[0].line, w});
            facts_.add_format(PasteFormat::fw_status_words);
        }
    }
    if (sources.size() > 1) {
        return fail(std::string("this paste holds status words twice: ") + sources[0].name + " (line " +
                        decimal(sources[0].line) + ") and " + sources[1].name + " (line " + decimal(sources[1].line) +
                        "); paste one of them",
                    sources[1].line, 0);
    }
    if (!sources.empty()) facts_.words = sources[0].words;
    if (facts_.no_device && facts_.words.known() > 0) {
        fail("this paste says there is no MEI device and also gives its status words; paste one run of one tool",
             last_line_, 0);
    }
}

// Registers 1..n without a gap; false after failing on a gap.
bool Reader::numbered_words(const Numbered& from, const char* label, StatusWords& words) {
    size_t count = 0;
    for (size_t i = 0; i < 6; ++i) {
        if (from.values[i]) count = i + 1;
    }
    for (size_t i = 0; i < count; ++i) {
        if (!from.values[i]) {
            fail("“" + std::string(label) + decimal(i + 1) + "” is missing before this line", from.lines[count - 1], 0);
            return false;
        }
        words.hfsts[i] = from.values[i];
    }
    return true;
}

void Reader::explain_missing_data() {
    if (facts_.words.known() > 0 || facts_.boot_guard_msr || facts_.boot_guard_words != BootGuardWords::none ||
        facts_.no_device) {
        return;
    }
    if (decoded_line_) {
        return fail("these are intelmetool's decoded lines without the raw “ME Status : 0x…” and “ME Status 2 : 0x…” "
                    "lines it prints above them: paste its whole output",
                    decoded_line_, 0);
    }
    if (mei_found_line_) {
        return fail("the intelmetool output stops here, before its “ME Status” line: paste all of it", last_line_, 0);
    }
    if (meinfo_line_) {
        return fail("MEInfo output without “FW Status Register” lines: run it with -fwsts (MEInfoWin64.exe -fwsts)",
                    meinfo_line_, 0);
    }
    fail("nothing in this paste says what the ME is doing: paste fw_status, or the output of intelmetool -m, "
         "MEInfo -fwsts or lspci -vvv -xxx",
         last_line_, 0);
}

}  // namespace meclean::paste
