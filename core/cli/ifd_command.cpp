#include "ifd_command.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "ifd/descriptor.hpp"
#include "ifd/descriptor_checks.hpp"
#include "ifd/descriptor_dump.hpp"
#include "clean/descriptor_edit.hpp"
#include "files.hpp"
#include "ifd_inject.hpp"
#include "ifd/flash_layout.hpp"
#include "meclean.hpp"
#include "report/flash_write.hpp"
#include "report/ifd_report.hpp"
#include "base/text.hpp"

namespace meclean::cli {
namespace {

const char* kIfdUsage =
    "usage: meclean ifd [--json] FILE                             dump the descriptor and run its checks\n"
    "       meclean ifd --layout OUT.layout IMAGE                 write a flashrom layout file\n"
    "       meclean ifd --layout OUT.layout --compare ORIGINAL CLEANED\n"
    "                                                             ... and the flashrom command that writes\n"
    "                                                             only the regions that changed\n"
    "       meclean ifd --extract IMAGE                           write flashregion_<n>_<name>.bin files\n"
    "       meclean ifd --unlock -O OUT IMAGE                     every master may read and write every region\n"
    "       meclean ifd --inject REGION=FILE -O OUT IMAGE [--force] [--json]\n"
    "                                                             replace a region (padded with 0xFF) and check it\n";

struct IfdArguments {
    std::vector<std::string> files;
    std::optional<std::string> layout;
    std::optional<std::string> output;
    std::optional<std::string> inject;
    bool force = false;
    bool compare = false, extract = false, unlock = false, help = false, json = false;
};

int usage_error(const std::string& message) {
    std::fprintf(stderr, "%smeclean ifd: error: %s\n", kIfdUsage, message.c_str());
    return 2;
}

std::optional<std::string> parse(int argc, char** argv, IfdArguments& a) {
    for (int i = 0; i < argc; ++i) {
        std::string arg = argv[i];
        auto next = [&](const char* what) -> std::optional<std::string> {
            if (i + 1 >= argc) return std::nullopt;
            (void)what;
            return std::string(argv[++i]);
        };
        if (arg == "-h" || arg == "--help") {
            a.help = true;
        } else if (arg == "--layout" || arg == "-f") {
            if (!(a.layout = next("layout"))) return "--layout needs a file name";
        } else if (arg == "-O" || arg == "--output") {
            if (!(a.output = next("output"))) return "-O needs a file name";
        } else if (arg == "--json") {
            a.json = true;
        } else if (arg == "--compare") {
            a.compare = true;
        } else if (arg == "--extract" || arg == "-x") {
            a.extract = true;
        } else if (arg == "--unlock" || arg == "-u") {
            a.unlock = true;
        } else if (arg == "--inject" || arg == "-i") {
            if (!(a.inject = next("inject"))) return "--inject needs REGION=FILE";
        } else if (arg == "--force") {
            a.force = true;
        } else if (arg.size() > 1 && arg[0] == '-') {
            return "unknown option " + arg;
        } else {
            a.files.push_back(arg);
        }
    }
    if (a.help) return std::nullopt;
    int modes = (a.layout ? 1 : 0) + (a.extract ? 1 : 0) + (a.unlock ? 1 : 0) + (a.inject ? 1 : 0);
    if (modes > 1) return "choose one of --layout, --extract, --unlock and --inject";
    if (a.force && !a.inject) return "--force goes with --inject";
    if (a.compare && !a.layout) return "--compare goes with --layout";
    size_t want = a.compare ? 2 : 1;
    if (a.files.size() != want) return a.compare ? "--compare needs ORIGINAL and CLEANED" : "give exactly one FILE";
    if ((a.unlock || a.inject) && !a.output) return "--unlock and --inject need -O OUT (the input is never changed in place)";
    if (a.output && !a.unlock && !a.inject) return "-O goes with --unlock or --inject";
    if (a.json && modes > 0 && !a.inject) return "--json goes with the dump or --inject (meclean ifd --json FILE)";
    return std::nullopt;
}

struct Loaded {
    std::vector<uint8_t> bytes;
    Descriptor descriptor;
};

// Reads FILE and parses its descriptor; prints the reason and returns nothing on failure.
std::optional<Loaded> load(const std::string& path) {
    Loaded l;
    if (std::string error = read_file(path, l.bytes); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return std::nullopt;
    }
    auto signature = find_descriptor_signature(l.bytes);
    if (!signature) {
        std::fprintf(stderr, "%s: no flash descriptor (signature 5A A5 F0 0F at 0x0 or 0x10)\n", path.c_str());
        return std::nullopt;
    }
    try {
        l.descriptor = parse_descriptor(l.bytes, *signature);
    } catch (const FormatError& error) {
        std::fprintf(stderr, "%s: %s\n", path.c_str(), error.what());
        return std::nullopt;
    }
    return l;
}

int write_all(const std::vector<PendingFile>& files) {
    if (std::string error = write_files_atomically(files); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    return 0;
}

int dump(const std::string& path, bool json) {
    std::optional<Loaded> l = load(path);
    if (!l) return 1;
    if (json) {
        std::printf("%s\n", descriptor_report_json(l->descriptor, l->bytes, path).c_str());
        return 0;
    }
    std::printf("%s: %s\n\n", path.c_str(), size_text(l->bytes.size()).c_str());
    std::printf("%s\n", descriptor_dump_text(l->descriptor).c_str());
    std::printf("Checks (docs/formats.md §1.9)\n%s", descriptor_checks_text(check_descriptor(l->descriptor, l->bytes)).c_str());
    return 0;
}

int layout(const IfdArguments& a) {
    const std::string& image_path = a.files.back();
    std::optional<Loaded> image = load(image_path);
    if (!image) return 1;
    std::string text = flashrom_layout(image->descriptor);
    std::vector<uint8_t> bytes(text.begin(), text.end());
    if (int status = write_all({{*a.layout, &bytes}}); status != 0) return status;
    std::printf("Wrote %s (regions of %s):\n%s", a.layout->c_str(), image_path.c_str(), text.c_str());
    for (const std::string& note : flashrom_layout_notes(image->descriptor)) std::printf("Note: %s\n", note.c_str());
    if (!a.compare) {
        std::printf("\nTo write only some regions of %s:\n  %s\n(meclean ifd --layout %s --compare ORIGINAL %s names the "
                    "regions that changed.)\n",
                    image_path.c_str(), flashrom_write_command({2}, *a.layout, image_path).c_str(), a.layout->c_str(),
                    image_path.c_str());
        return 0;
    }
    std::vector<uint8_t> original;
    if (std::string error = read_file(a.files[0], original); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    const Analysis before = inspect(original);
    std::optional<FlashWrite> w = plan_flash_write(before, original, image->bytes, image_path, *a.layout);
    if (!w) {
        std::fprintf(stderr, "%s: not a full flash image with a descriptor\n", a.files[0].c_str());
        return 1;
    }
    std::printf("\nComparing %s (on the chip now) with %s (to be written):\n", a.files[0].c_str(), image_path.c_str());
    if (w->regions_command.empty() && !w->whole_image_first) {
        std::printf("The regions are identical: there is nothing to write.\n");
        return 0;
    }
    if (w->whole_image_first || w->regions_command.empty()) {
        std::printf("\nWrite the whole image:\n  %s\n", w->whole_command.c_str());
    } else {
        std::printf("\nTo write only the changed regions:\n  %s\n", w->regions_command.c_str());
    }
    for (const std::string& note : w->notes) std::printf("%s\n", note.c_str());
    return 0;
}

int extract(const std::string& path) {
    std::optional<Loaded> l = load(path);
    if (!l) return 1;
    std::vector<std::vector<uint8_t>> contents;
    std::vector<std::string> file_names;
    for (const FlashRegion& r : l->descriptor.regions) {
        if (!r.used) continue;
        if (r.limit >= l->bytes.size()) {
            std::printf("Region %d (%s) %s–%s lies past the end of the file: skipped\n", r.index, r.name.c_str(),
                        hex(r.base).c_str(), hex(r.limit).c_str());
            continue;
        }
        contents.emplace_back(l->bytes.begin() + r.base, l->bytes.begin() + r.limit + 1);
        file_names.push_back(region_file_name(r.index));
    }
    std::vector<PendingFile> files;
    for (size_t i = 0; i < contents.size(); ++i) files.push_back({file_names[i], &contents[i]});
    if (int status = write_all(files); status != 0) return status;
    for (size_t i = 0; i < contents.size(); ++i) {
        std::printf("Wrote %s (%s)\n", file_names[i].c_str(), size_text(contents[i].size()).c_str());
    }
    return 0;
}

int unlock(const IfdArguments& a) {
    std::optional<Loaded> l = load(a.files[0]);
    if (!l) return 1;
    Plan plan = plan_descriptor_unlock(l->descriptor, l->bytes);
    Outcome outcome = meclean::apply(plan, l->bytes);
    if (outcome.problem) {
        std::fprintf(stderr, "%s\n", outcome.problem->message.c_str());
        return 1;
    }
    for (const Edit& e : plan.edits) std::printf("%s: %s\n", hex(e.offset).c_str(), e.reason.c_str());
    for (const Finding& f : plan.findings) std::printf("%s\n", f.message.c_str());
    if (int status = write_all({{*a.output, &outcome.image}}); status != 0) return status;
    std::printf("Wrote %s\n", a.output->c_str());
    return 0;
}

}  // namespace

int run_ifd_command(int argc, char** argv) {
    IfdArguments a;
    if (std::optional<std::string> error = parse(argc, argv, a)) return usage_error(*error);
    if (a.help) {
        std::printf("%s", kIfdUsage);
        return 0;
    }
    if (a.layout) return layout(a);
    if (a.extract) return extract(a.files[0]);
    if (a.unlock) return unlock(a);
    if (a.inject) return run_ifd_inject({*a.inject, a.files[0], *a.output, a.force, a.json});
    return dump(a.files[0], a.json);
}

}  // namespace meclean::cli
