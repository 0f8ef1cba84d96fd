// The parser's state while it reads a paste line by line (paste_parser.hpp is the interface).
// paste_reader.cpp dispatches lines, reads bare status words and settles the result;
// tool_lines.cpp recognises the lines of intelmetool, MEInfo and rdmsr.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "status/lspci_dump.hpp"
#include "status/paste_parser.hpp"
#include "status/paste_text.hpp"

namespace meclean::paste {

class Reader {
public:
    PasteParse read(std::string_view text);

private:
    // Numbered registers: MEInfo -fwsts ("FW Status Register1") and coreboot's log ("ME: HFSTS1")
    struct Numbered {
        std::array<std::optional<uint32_t>, 6> values{};
        std::array<unsigned, 6> lines{};
    };
    void take(const Line& line);
    bool intelmetool_line(const Line& line);
    bool bootguard_line(const Line& line);
    bool meinfo_line(const Line& line);
    bool numbered_register(const Line& line, size_t at, const char* label, Numbered& into);
    bool msr_line(const Line& line);
    bool words_line(const Line& line);
    void finish();
    void settle_words();
    bool numbered_words(const Numbered& from, const char* label, StatusWords& words);
    void explain_missing_data();

    // A 32-bit register value at `at`, or nothing after recording why not.
    std::optional<uint32_t> register_value(const Line& line, size_t at, std::string_view label);
    std::optional<uint64_t> msr_value(const Line& line, size_t at, std::string_view label);
    void fail(std::string what, unsigned line, size_t column0, std::optional<unsigned> word = std::nullopt);
    bool failed() const { return error_.has_value(); }

    PasteFacts facts_;
    std::optional<PasteError> error_;
    LspciReader lspci_;
    unsigned last_line_ = 0;
    // intelmetool -m
    std::optional<uint32_t> status1_, status2_;
    unsigned status1_line_ = 0, status2_line_ = 0, mei_found_line_ = 0, decoded_line_ = 0;
    Numbered meinfo_, coreboot_;
    unsigned meinfo_line_ = 0;
    // rdmsr 0x13a: the value comes on the line after the command
    bool expect_msr_ = false;
    // bare words (fw_status)
    struct Word {
        HexToken token;
        std::string_view text;
        unsigned line;
    };
    std::vector<Word> words_;
    // Bare words must be whole 32-bit words: the first that is not, said in words.
    std::optional<PasteError> word_problem() const;
    std::optional<Line> first_unknown_;
};

}  // namespace meclean::paste
