// meclean: me_cleaner's command line over the meclean engine.
#include <cstdio>
#include <string>
#include <vector>

#include "arguments.hpp"
#include "files.hpp"
#include "ifd_command.hpp"
#include "meclean.hpp"

namespace {

void print_lines(const std::vector<std::string>& lines) {
    for (const std::string& line : lines) std::printf("%s\n", line.c_str());
}

int report_problem(const meclean::Problem& problem) {
    std::fprintf(stderr, "%s\n", problem.message.c_str());
    if (!problem.detail.empty()) std::fprintf(stderr, "%s\n", problem.detail.c_str());
    return 1;
}

void print_json(const meclean::Analysis& analysis, const meclean::Plan& plan) {
    std::printf("{\"analysis\":%s,\"plan\":%s}\n", meclean::analysis_json(analysis).c_str(),
                meclean::plan_json(plan).c_str());
}

}  // namespace

int main(int argc, char** argv) {
    using namespace meclean;
    if (argc >= 2 && std::string(argv[1]) == "ifd") return cli::run_ifd_command(argc - 2, argv + 2);  // issue 4
    cli::ParseResult parsed = cli::parse_arguments(argc, argv);
    if (!parsed.arguments) {
        std::fprintf(stderr, "%smeclean: error: %s\n", cli::usage_text(), parsed.error.c_str());
        return 2;
    }
    const cli::Arguments& args = *parsed.arguments;
    if (args.help) {
        std::printf("%s\n%s", cli::usage_text(), cli::help_text());
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
    Analysis analysis = inspect(input);
    Plan plan = meclean::plan(analysis, input, args.options);
    Outcome outcome = meclean::apply(plan, input);
    if (args.json) {
        print_json(analysis, plan);
    } else {
        print_lines(plan.log);
    }
    if (outcome.problem) return report_problem(*outcome.problem);

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
