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

std::string command_line(const Options& o) {
    std::string out;
    auto add = [&](bool on, const std::string& flag) {
        if (on) out += (out.empty() ? "" : " ") + flag;
    };
    auto list = [](const std::vector<std::string>& names) {
        std::string text;
        for (const std::string& n : names) text += (text.empty() ? "" : ",") + n;
        return text;
    };
    add(o.check_only, "-c");
    add(o.soft_disable, "-S");
    add(o.soft_disable_only, "-s");
    add(o.relocate, "-r");
    add(o.truncate, "-t");
    add(o.keep_modules, "-k");
    if (o.whitelist) add(true, "-w " + list(*o.whitelist));
    if (o.blacklist) add(true, "-b " + list(*o.blacklist));
    add(o.restrict_me_master, "-d");
    add(o.extract_descriptor, "-D");
    add(o.extract_me, "-M");
    if (o.platform) add(true, "--platform " + *o.platform);
    add(o.allow_fdv_override, "--force-fdv");
    return out;
}

std::optional<Problem> check_option_conflicts(const Options& o) {
    // Rule 1 is enforced by me_cleaner's argument parser; the engine checks it too so
    // that every front end gets the same answer.
    if (o.soft_disable && o.soft_disable_only) {
        return Problem{"options_exclusive", "-S and -s can't be used together", "", std::nullopt,
                       "Cleaning with the disable bit and setting only the disable bit are alternatives: choose one."};
    }
    if (o.whitelist && o.blacklist) {
        return Problem{"options_exclusive", "-w and -b can't be used together", "", std::nullopt,
                       "A list of partitions to keep and a list of partitions to remove cannot be used together."};
    }
    if (o.check_only && (o.soft_disable || o.soft_disable_only || o.relocate || o.restrict_me_master || o.truncate ||
                         o.separate_output)) {
        return Problem{"check_conflict", "-c can't be used with -S, -s, -r, -d, -t or -O", "", std::nullopt,
                       "A check changes nothing, so it cannot be combined with options that change the image."};
    }
    if (o.soft_disable_only && (o.relocate || o.truncate)) {
        return Problem{"soft_disable_only_conflict", "-s can't be used with -r or -t", "", std::nullopt,
                       "Setting only the disable bit leaves the firmware as it is, so it cannot relocate or truncate it."};
    }
    if ((o.whitelist || o.blacklist) && o.relocate) {
        return Problem{"relocate_with_list", "Relocation is not yet supported with custom whitelist or blacklist", "",
                       std::nullopt,
                       "Relocating FTPR cannot be combined with a list of partitions to keep or to remove."};
    }
    return std::nullopt;
}

bool needs_full_image(const Options& o) {
    return o.restrict_me_master || o.extract_descriptor || o.extract_me || o.soft_disable || o.soft_disable_only;
}

}  // namespace meclean
