// How the engine tells the user what it found: findings (shown) and problems (stop the work).
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>

namespace meclean {

enum class Severity { info, warning, error };

const char* severity_name(Severity severity);

// Something inspect noticed. `code` is stable (tests and the page key on it);
// `message` is a sentence a person can act on; `offset` is the file offset concerned.
struct Finding {
    Severity severity = Severity::info;
    std::string code;
    std::string message;
    std::optional<uint64_t> offset;
};

// What a front end can offer about a refusal besides picking other options.
enum class Remedy {
    none,
    choose_platform,     // name the chipset (the page's list, the CLI's --platform ID)
    allow_fdv_override,  // accept breaking the descriptor's signature (--force-fdv)
    use_original_dump,   // the image was cleaned before: start from the original read
    use_full_dump,       // the option needs the descriptor, which a bare ME image lacks
    use_embedded_image,  // work on the plain image the triage found inside the file (--embedded)
};
const char* remedy_name(Remedy remedy);

// Why an operation was refused. Where me_cleaner has its own error text for the
// same situation, `message` is exactly that text, so scripts that parse it keep working;
// `detail` then says more (what was found where). `words` says it for a person who never used
// me_cleaner, naming no command-line flag (empty: message and detail say it well enough).
struct Problem {
    std::string code;
    std::string message;
    std::string detail;
    std::optional<uint64_t> offset;
    std::string words;
    Remedy remedy = Remedy::none;
};

// Thrown inside the engine when bytes do not hold what they must; caught at the
// public API (inspect/plan/apply) and turned into a Problem. Never crosses the API.
class FormatError : public std::exception {
public:
    explicit FormatError(Problem problem) : problem_(std::move(problem)) {}
    const Problem& problem() const { return problem_; }
    const char* what() const noexcept override { return problem_.message.c_str(); }
private:
    Problem problem_;
};

[[noreturn]] void fail(std::string code, std::string message, std::optional<uint64_t> offset = std::nullopt,
                       std::string detail = {});

}  // namespace meclean
