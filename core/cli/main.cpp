// meclean: me_cleaner's command line over the meclean engine.
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "arguments.hpp"
#include "command_line.hpp"
#include "files.hpp"
#include "ifd_command.hpp"
#include "meclean.hpp"
#include "text.hpp"

namespace {

void print_lines(const std::vector<std::string>& lines) {
    for (const std::string& line : lines) std::printf("%s\n", line.c_str());
}

int report_problem(const meclean::Problem& problem) {
    std::fprintf(stderr, "%s\n", problem.message.c_str());
    if (!problem.detail.empty()) std::fprintf(stderr, "%s\n", problem.detail.c_str());
    return 1;
}

// The triage on stderr (stdout stays me_cleaner's), unless the problem's detail already says it.
void print_triage(const meclean::Analysis& analysis, const std::optional<meclean::Problem>& problem) {
    if (!analysis.triage) return;
    const meclean::Triage& t = *analysis.triage;
    if (!problem || problem->detail.find(t.what) == std::string::npos) {
        std::fprintf(stderr, "meclean: note: %s\n%s\n", t.what.c_str(), t.advice.c_str());
    }
    if (t.embedded) std::fprintf(stderr, "meclean: to work on that image, run again with --embedded and -O or -c.\n");
}

// --embedded: the plain image inside the file, analysed anew; nothing when there is none.
std::optional<std::span<const uint8_t>> embedded_image(const meclean::Analysis& analysis,
                                                        std::span<const uint8_t> file, const std::string& name) {
    using meclean::hex;
    if (!analysis.triage || !analysis.triage->embedded) {
        std::fprintf(stderr, "meclean: --embedded: %s holds no plain flash image that meclean can find\n", name.c_str());
        return std::nullopt;
    }
    const meclean::EmbeddedImage& e = *analysis.triage->embedded;
    std::fprintf(stderr, "meclean: working on the flash image at %s–%s of %s\n", hex(e.offset).c_str(),
                 hex(e.offset + e.length - 1).c_str(), name.c_str());
    return file.subspan(e.offset, e.length);
}

void print_json(const meclean::Analysis& analysis, const meclean::Plan& plan) {
    std::printf("{\"analysis\":%s,\"plan\":%s}\n", meclean::analysis_json(analysis).c_str(),
                meclean::plan_json(plan).c_str());
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
    if (argc >= 2 && std::string(argv[1]) == "ifd") return cli::run_ifd_command(argc - 2, argv + 2);  // issue 4
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

    // me_cleaner refuses these before it opens the file (formats.md §2.8.1).
    if (auto conflict = check_option_conflicts(args.options)) return report_problem(*conflict);

    std::vector<uint8_t> input;
    if (std::string error = cli::read_file(args.input, input); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    std::span<const uint8_t> image(input);
    Analysis analysis = inspect(image);
    if (args.embedded) {
        auto inner = embedded_image(analysis, image, args.input);
        if (!inner) return 1;
        image = *inner;
        analysis = inspect(image);
    }
    Plan plan = meclean::plan(analysis, image, args.options);
    Outcome outcome = meclean::apply(plan, image);
    if (args.json) {
        print_json(analysis, plan);
    } else {
        print_lines(plan.log);
    }
    if (outcome.problem) {
        report_problem(*outcome.problem);
        print_triage(analysis, outcome.problem);
        return 1;
    }
    print_triage(analysis, std::nullopt);

    std::vector<cli::PendingFile> files;
    if (!args.options.check_only) files.push_back({args.output ? *args.output : args.input, &outcome.image});
    if (outcome.descriptor_copy) files.push_back({*args.descriptor_file, &*outcome.descriptor_copy});
    if (outcome.me_copy) files.push_back({*args.me_file, &*outcome.me_copy});
    if (std::string error = cli::write_files_atomically(files); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    return 0;
}
