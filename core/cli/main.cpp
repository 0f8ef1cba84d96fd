// meclean: me_cleaner's command line over the engine's report. stdout carries me_cleaner's own
// lines (or the JSON report); stderr carries refusals and meclean's notes.
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "arguments.hpp"
#include "base/text.hpp"
#include "command_line.hpp"
#include "files.hpp"
#include "flash_commands.hpp"
#include "ifd_command.hpp"
#include "status_command.hpp"
#include "meclean.hpp"

namespace {

using namespace meclean;

void print_lines(const std::vector<std::string>& lines) {
    for (const std::string& line : lines) std::printf("%s\n", line.c_str());
}

int refuse(const Problem& problem) {
    std::fprintf(stderr, "%s\n", problem.message.c_str());
    if (!problem.detail.empty()) std::fprintf(stderr, "%s\n", problem.detail.c_str());
    return 1;
}

// What the triage found, unless the refusal already said it.
void print_triage(const Analysis& analysis) {
    if (!analysis.triage) return;
    const Triage& t = *analysis.triage;
    if (!t.told_by_problem) std::fprintf(stderr, "meclean: note: %s\n%s\n", t.what.c_str(), t.advice.c_str());
    if (t.embedded) std::fprintf(stderr, "meclean: to work on that image, run again with --embedded and -O or -c.\n");
}

// How to write the result back, after the files are in place.
void print_flash_write(const FlashWrite& w, const std::string& image, const std::string& input) {
    std::fprintf(stderr, "meclean: to write the new image back:\n");
    if (w.whole_image_first || w.regions_command.empty()) {
        std::fprintf(stderr, "  %s\n", w.whole_command.c_str());
    } else {
        std::fprintf(stderr, "  meclean ifd --layout %s %s\n  %s\n", w.layout_file.c_str(), image.c_str(),
                     w.regions_command.c_str());
    }
    for (const std::string& note : w.notes) std::fprintf(stderr, "  %s\n", note.c_str());
    if (!w.chips.empty()) {
        std::fprintf(stderr, "  meclean split --original %s %s\n", input.c_str(), image.c_str());
    }
    for (const ChipWrite& c : w.chips) {
        std::fprintf(stderr, "  chip %u, %s: %s\n", c.number, c.name.c_str(),
                     c.write_command.empty() ? "unchanged, do not rewrite it" : c.write_command.c_str());
    }
}

Request request_for(const cli::Arguments& args) {
    Request r;
    r.options = args.options;
    r.apply = true;
    r.summary = args.json;
    r.input_name = args.input;
    r.image_name = args.output ? *args.output : args.input;
    if (args.descriptor_file) r.descriptor_name = *args.descriptor_file;
    if (args.me_file) r.me_name = *args.me_file;
    return r;
}

int run(const cli::Arguments& args, const cli::InputFile& input) {
    std::span<const uint8_t> file = input.bytes();
    std::optional<Session> session;
    session.emplace(file);
    if (args.embedded) {
        const Analysis& outer = session->analysis();
        if (!outer.triage || !outer.triage->embedded) {
            std::fprintf(stderr, "meclean: --embedded: %s holds no plain flash image that meclean can find\n",
                         args.input.c_str());
            return 1;
        }
        const ByteRange e = *outer.triage->embedded;
        std::fprintf(stderr, "meclean: working on the flash image at %s–%s of %s\n", hex(e.offset).c_str(),
                     hex(e.end() - 1).c_str(), args.input.c_str());
        session.emplace(file.subspan(e.offset, e.length));
    }
    PatchedOutcome outcome;
    const Report report = session->report(request_for(args), &outcome);
    if (args.json) {
        std::printf("%s\n", report_json(report).c_str());
    } else {
        print_lines(report.log);
    }
    if (report.refusal) {
        refuse(*report.refusal);
        print_triage(session->analysis());
        return 1;
    }
    print_triage(session->analysis());

    std::vector<cli::PendingFile> files;
    // The new image is its head, then the rest of the input as it is (copied by the kernel); with
    // --embedded the image starts further into the file.
    if (!args.options.check_only) {
        const uint64_t base = static_cast<uint64_t>(session->image().data() - file.data());
        files.emplace_back(report.outputs.front().name, outcome.head, &input, outcome.size, base);
    }
    if (outcome.descriptor_copy) files.push_back({*args.descriptor_file, &*outcome.descriptor_copy});
    if (outcome.me_copy) files.push_back({*args.me_file, &*outcome.me_copy});
    if (std::string error = cli::write_files_atomically(files); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    if (report.flash_write && !args.json) print_flash_write(*report.flash_write, report.outputs.front().name, args.input);
    return 0;
}

}  // namespace

int main(int argc, char** raw_argv) {
    using namespace meclean;
    cli::prepare_standard_streams();
    // UTF-8 arguments on every OS (file names with any characters on Windows), kept alive for argv.
    std::vector<std::string> arguments = cli::utf8_arguments(argc, raw_argv);
    std::vector<char*> pointers;
    for (std::string& a : arguments) pointers.push_back(a.data());
    pointers.push_back(nullptr);
    argc = static_cast<int>(arguments.size());
    char** argv = pointers.data();
    if (argc >= 2 && std::string(argv[1]) == "ifd") return cli::run_ifd_command(argc - 2, argv + 2);
    if (argc >= 2 && std::string(argv[1]) == "status") return cli::run_status_command(argc - 2, argv + 2);
    if (argc >= 2 && std::string(argv[1]) == "join") return cli::run_join_command(argc - 2, argv + 2);
    if (argc >= 2 && std::string(argv[1]) == "split") return cli::run_split_command(argc - 2, argv + 2);
    if (argc >= 2 && std::string(argv[1]) == "compare") return cli::run_compare_command(argc - 2, argv + 2);
    if (argc >= 2 && std::string(argv[1]) == "verify") return cli::run_verify_command(argc - 2, argv + 2);
    cli::ParseResult parsed = cli::parse_arguments(argc, argv);
    if (!parsed.arguments) {
        std::fprintf(stderr, "%smeclean: error: %s\n", cli::usage_text(), parsed.error.c_str());
        return 2;
    }
    const cli::Arguments& args = *parsed.arguments;
    if (args.help) {
        std::printf("%s\n%s%s", cli::usage_text(), cli::help_text(), cli::examples_text());
        return 0;
    }
    if (args.version) {
        std::printf("meclean %s (compatible with me_cleaner 1.2)\n", kVersion);
        return 0;
    }
    // me_cleaner refuses these before it opens the file (docs/formats.md §2.8.1).
    if (auto conflict = check_option_conflicts(args.options)) return refuse(*conflict);

    cli::InputFile input;
    if (std::string error = input.open(args.input); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    return run(args, input);
}
