#include "verdict_text.hpp"

#include <cstdio>
#include <string>

#include "base/text.hpp"

namespace meclean::cli {
namespace {

// Indents every line of a multi-line detail under its check.
void print_indented(const std::string& text, const char* indent) {
    size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        size_t end = text.find('\n', start);
        std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        std::printf("%s%s\n", indent, line.c_str());
        if (end == std::string::npos) break;
        start = end + 1;
    }
}

}  // namespace

void print_verdict(const Headline& headline, const std::vector<CheckLine>& checks) {
    std::printf("[%s] %s\n", state_name(headline.state), headline.title.c_str());
    if (!headline.detail.empty()) print_indented(headline.detail, "  ");
    for (const CheckLine& c : checks) {
        std::string where = c.offset ? " (at " + hex(*c.offset) + ")" : "";
        std::printf("  [%s] %s%s\n", state_name(c.state), c.title.c_str(), where.c_str());
        if (!c.detail.empty()) print_indented(c.detail, "       ");
    }
    if (!headline.next.empty()) std::printf("Next: %s\n", headline.next.c_str());
}

}  // namespace meclean::cli
