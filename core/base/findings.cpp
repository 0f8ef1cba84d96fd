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

const char* remedy_name(Remedy remedy) {
    switch (remedy) {
        case Remedy::none: return "none";
        case Remedy::choose_platform: return "choose_platform";
        case Remedy::allow_fdv_override: return "allow_fdv_override";
        case Remedy::use_original_dump: return "use_original_dump";
        case Remedy::use_full_dump: return "use_full_dump";
        case Remedy::use_embedded_image: return "use_embedded_image";
    }
    return "none";
}

void fail(std::string code, std::string message, std::optional<uint64_t> offset, std::string detail) {
    throw FormatError(Problem{std::move(code), std::move(message), std::move(detail), offset});
}

}  // namespace meclean
