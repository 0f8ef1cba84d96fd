#include "clean/options.hpp"

namespace meclean {

std::vector<std::string> split_partition_list(const std::string& text) {
    std::vector<std::string> names;
    size_t begin = 0;
    while (true) {
        size_t comma = text.find(',', begin);
        names.push_back(text.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin));
        if (comma == std::string::npos) return names;
        begin = comma + 1;
    }
}

std::optional<Problem> check_option_conflicts(const Options& o) {
    // Rule 1 is enforced by me_cleaner's argument parser; the engine checks it too so
    // that every front end gets the same answer.
    if (o.soft_disable && o.soft_disable_only) {
        return Problem{"options_exclusive", "-S and -s can't be used together", "", std::nullopt};
    }
    if (o.whitelist && o.blacklist) {
        return Problem{"options_exclusive", "-w and -b can't be used together", "", std::nullopt};
    }
    if (o.check_only && (o.soft_disable || o.soft_disable_only || o.relocate || o.restrict_me_master || o.truncate ||
                         o.separate_output)) {
        return Problem{"check_conflict", "-c can't be used with -S, -s, -r, -d, -t or -O", "", std::nullopt};
    }
    if (o.soft_disable_only && (o.relocate || o.truncate)) {
        return Problem{"soft_disable_only_conflict", "-s can't be used with -r or -t", "", std::nullopt};
    }
    if ((o.whitelist || o.blacklist) && o.relocate) {
        return Problem{"relocate_with_list", "Relocation is not yet supported with custom whitelist or blacklist", "",
                       std::nullopt};
    }
    return std::nullopt;
}

bool needs_full_image(const Options& o) {
    return o.restrict_me_master || o.extract_descriptor || o.extract_me || o.soft_disable || o.soft_disable_only;
}

}  // namespace meclean
