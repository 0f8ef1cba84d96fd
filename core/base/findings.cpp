#include "base/findings.hpp"

namespace meclean {

const char* severity_name(Severity severity) {
    switch (severity) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "error";
}

void fail(std::string code, std::string message, std::optional<uint64_t> offset, std::string detail) {
    throw FormatError(Problem{std::move(code), std::move(message), std::move(detail), offset});
}

}  // namespace meclean
