#include "arguments.hpp"

#include <string_view>
#include <vector>

namespace meclean::cli {
namespace {

enum class Flag { output, soft_disable, soft_disable_only, relocate, truncate, keep_modules, whitelist, blacklist,
                  descriptor, extract_descriptor, extract_me, check, json, platform, force_fdv, embedded, help,
                  version };

struct FlagSpec {
    char short_name;  // 0: long form only
    const char* long_name;
    Flag flag;
    bool takes_value;
};

// me_cleaner 1.2's options and their long names.
constexpr FlagSpec kFlags[] = {
    {'O', "output", Flag::output, true},
    {'S', "soft-disable", Flag::soft_disable, false},
    {'s', "soft-disable-only", Flag::soft_disable_only, false},
    {'r', "relocate", Flag::relocate, false},
    {'t', "truncate", Flag::truncate, false},
    {'k', "keep-modules", Flag::keep_modules, false},
    {'w', "whitelist", Flag::whitelist, true},
    {'b', "blacklist", Flag::blacklist, true},
    {'d', "descriptor", Flag::descriptor, false},
    {'D', "extract-descriptor", Flag::extract_descriptor, true},
    {'M', "extract-me", Flag::extract_me, true},
    {'c', "check", Flag::check, false},
    {0, "json", Flag::json, false},
    {0, "platform", Flag::platform, true},
    {0, "force-fdv", Flag::force_fdv, false},
    {0, "embedded", Flag::embedded, false},
    {'h', "help", Flag::help, false},
    {'v', "version", Flag::version, false},
};

const FlagSpec* find_short(char c) {
    for (const FlagSpec& f : kFlags) {
        if (f.short_name == c) return &f;
    }
    return nullptr;
}

const FlagSpec* find_long(std::string_view name) {
    for (const FlagSpec& f : kFlags) {
        if (name == f.long_name) return &f;
    }
    return nullptr;
}

void set(Arguments& a, Flag flag, const std::string& value) {
    Options& o = a.options;
    switch (flag) {
        case Flag::output: a.output = value; o.separate_output = true; break;
        case Flag::soft_disable: o.soft_disable = true; break;
        case Flag::soft_disable_only: o.soft_disable_only = true; break;
        case Flag::relocate: o.relocate = true; break;
        case Flag::truncate: o.truncate = true; break;
        case Flag::keep_modules: o.keep_modules = true; break;
        case Flag::whitelist: o.whitelist = split_partition_list(value); break;
        case Flag::blacklist: o.blacklist = split_partition_list(value); break;
        case Flag::descriptor: o.restrict_me_master = true; break;
        case Flag::extract_descriptor: a.descriptor_file = value; o.extract_descriptor = true; o.descriptor_file_name = value; break;
        case Flag::extract_me: a.me_file = value; o.extract_me = true; o.me_file_name = value; break;
        case Flag::check: o.check_only = true; break;
        case Flag::json: a.json = true; break;
        case Flag::platform: o.platform = value; break;
        case Flag::force_fdv: o.allow_fdv_override = true; break;
        case Flag::embedded: a.embedded = true; break;
        case Flag::help: a.help = true; break;
        case Flag::version: a.version = true; break;
    }
}

}  // namespace

const char* usage_text() {
    return "usage: meclean [-h] [-v] [-O output_file] [-S | -s] [-r] [-t] [-k] [-w whitelist | -b blacklist] [-d]\n"
           "               [-D output_descriptor] [-M output_me_image] [-c] [--json]\n"
           "               [--platform auto|ID] [--force-fdv] [--embedded] file\n";
}

const char* help_text() {
    return "Checks and neutralises the Intel ME/TXE firmware in a flash image, as me_cleaner 1.2 does,\n"
           "byte for byte. Without -O the file is replaced, but only after the new image is complete\n"
           "and verified.\n\n"
           "positional arguments:\n"
           "  file                  ME/TXE image or full dump\n\n"
           "options:\n"
           "  -h, --help            show this help message and exit\n"
           "  -v, --version         show the version and exit\n"
           "  -O, --output FILE     save the modified image to FILE instead of replacing the input\n"
           "  -S, --soft-disable    remove the ME/TXE partitions and modules and set the HAP / AltMeDisable bit\n"
           "  -s, --soft-disable-only\n"
           "                        only set the HAP / AltMeDisable bit, change nothing else\n"
           "  -r, --relocate        relocate the FTPR partition to the start of the ME region\n"
           "  -t, --truncate        truncate the ME image to its minimum size (on a full dump only -D and -M\n"
           "                        use the smaller size: the dump itself keeps its size)\n"
           "  -k, --keep-modules    keep every FTPR module, remove only partitions\n"
           "  -w, --whitelist LIST  comma-separated partitions to keep besides FTPR (e.g. EFFS,MFS)\n"
           "  -b, --blacklist LIST  comma-separated partitions to remove; all others are kept\n"
           "  -d, --descriptor      remove the ME/TXE read/write access to the other flash regions\n"
           "  -D, --extract-descriptor FILE\n"
           "                        write the flash descriptor to FILE (with -t: its regions shrunk)\n"
           "  -M, --extract-me FILE write the ME region to FILE (with -t: truncated)\n"
           "  -c, --check           only check the image and its FTPR signature, change nothing\n"
           "      --json            print the whole report as JSON instead of the console lines\n\n"
           "beyond me_cleaner (ME 11 and CSME 12+):\n"
           "      --platform auto|ID\n"
           "                        with -s or -c: set/check HAP where this chipset keeps it, identified from\n"
           "                        the descriptor (auto) or named (e.g. alder_point_s, tiger_point_h; an\n"
           "                        unknown ID lists them all). Refuses when the location is not known well.\n"
           "      --force-fdv       set HAP even though a descriptor signature (FDV) covers it: the board\n"
           "                        may then refuse to boot\n"
           "      --embedded        work on the plain flash image found inside the file (a vendor capsule, a\n"
           "                        header in front, a mirrored or padded read); needs -O or -c: the result\n"
           "                        is that plain image, for a programmer, not the file you opened\n";
}

const char* examples_text() {
    // The same commands on every OS, except where a path is written out: each build shows its own.
    return "\nexamples:\n"
           "  meclean -c dump.bin                  check only, change nothing\n"
           "  meclean -S -O cleaned.bin dump.bin   remove ME partitions and modules, set HAP/AltMeDisable\n"
           "  meclean -s -O hap.bin dump.bin       only set HAP/AltMeDisable\n"
#ifdef _WIN32
           "  meclean -S -O \"%USERPROFILE%\\Desktop\\cleaned.bin\" \"E:\\my dump.bin\"\n"
           "                                       paths with spaces in double quotes, as cmd and PowerShell need\n";
#else
           "  meclean -S -O ~/cleaned.bin \"/media/usb/my dump.bin\"\n"
           "                                       paths with spaces in quotes\n";
#endif
}

ParseResult parse_arguments(int argc, const char* const* argv) {
    Arguments a;
    std::vector<std::string> positional;
    auto missing_value = [](const std::string& name) {
        return ParseResult{std::nullopt, "argument " + name + ": expected one argument"};
    };
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") {
            for (++i; i < argc; ++i) positional.push_back(argv[i]);
            break;
        }
        if (arg.rfind("--", 0) == 0) {
            size_t eq = arg.find('=');
            std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            const FlagSpec* spec = find_long(name);
            if (!spec) return {std::nullopt, "unrecognized arguments: " + arg};
            std::string value;
            if (spec->takes_value) {
                if (eq != std::string::npos) {
                    value = arg.substr(eq + 1);
                } else if (i + 1 < argc) {
                    value = argv[++i];
                } else {
                    return missing_value("--" + name);
                }
            } else if (eq != std::string::npos) {
                return {std::nullopt, "argument --" + name + ": ignored explicit argument '" + arg.substr(eq + 1) + "'"};
            }
            set(a, spec->flag, value);
            continue;
        }
        if (arg.size() > 1 && arg[0] == '-') {
            // Clustered short flags (-Srt) and attached values (-Oout.bin), as argparse allows.
            for (size_t k = 1; k < arg.size(); ++k) {
                const FlagSpec* spec = find_short(arg[k]);
                if (!spec) return {std::nullopt, "unrecognized arguments: " + arg};
                std::string value;
                if (spec->takes_value) {
                    if (k + 1 < arg.size()) {
                        value = arg.substr(k + 1);
                    } else if (i + 1 < argc) {
                        value = argv[++i];
                    } else {
                        return missing_value(std::string("-") + spec->short_name);
                    }
                    set(a, spec->flag, value);
                    break;
                }
                set(a, spec->flag, value);
            }
            continue;
        }
        positional.push_back(arg);
    }
    if (a.help || a.version) return {a, ""};
    if (a.options.soft_disable && a.options.soft_disable_only) {
        return {std::nullopt, "argument -s/--soft-disable-only: not allowed with argument -S/--soft-disable"};
    }
    if (a.options.whitelist && a.options.blacklist) {
        return {std::nullopt, "argument -b/--blacklist: not allowed with argument -w/--whitelist"};
    }
    if (a.embedded && !a.output && !a.options.check_only) {
        return {std::nullopt, "argument --embedded: needs -O/--output or -c (the input file is not replaced by the image inside it)"};
    }
    if (positional.empty()) return {std::nullopt, "the following arguments are required: file"};
    if (positional.size() > 1) return {std::nullopt, "unrecognized arguments: " + positional[1]};
    a.input = positional[0];
    return {a, ""};
}

}  // namespace meclean::cli
