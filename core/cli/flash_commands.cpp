#include "flash_commands.hpp"

#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/json_writer.hpp"
#include "base/text.hpp"
#include "files.hpp"
#include "flash/compare.hpp"
#include "flash/join.hpp"
#include "flash/split.hpp"
#include "flash/verify.hpp"
#include "verdict_text.hpp"

namespace meclean::cli {
namespace {

const char* kUsage =
    "usage: meclean join -O FULL.bin CHIP_A.bin CHIP_B.bin   join two chip reads (either order)\n"
    "       meclean split [--original ORIG.bin] [--programmer P] FULL.bin\n"
    "                                           write FULL-chip1.bin and FULL-chip2.bin; with --original, say\n"
    "                                           which chips changed and how to write them\n"
    "       meclean compare READ1 READ2 [READ3 ...]   do the reads of one chip agree?\n"
    "       meclean verify WRITTEN.bin READBACK.bin   is the ME state on the chip what was written?\n"
    "Each takes --json (the result as JSON on stdout). Exit status: 0 success, 1 refused or differs,\n"
    "2 bad arguments.\n";

struct CommonArguments {
    std::vector<std::string> files;
    std::optional<std::string> output, original, programmer;
    bool json = false, help = false;
};

int usage_error(const char* command, const std::string& message) {
    std::fprintf(stderr, "%smeclean %s: error: %s\n", kUsage, command, message.c_str());
    return 2;
}

// Options shared by the four commands; which of them a command accepts is its own check.
std::optional<std::string> parse(int argc, char** argv, CommonArguments& a) {
    for (int i = 0; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&](std::optional<std::string>& into) -> std::optional<std::string> {
            if (i + 1 >= argc) return arg + " needs a value";
            into = argv[++i];
            return std::nullopt;
        };
        if (arg == "-h" || arg == "--help") a.help = true;
        else if (arg == "--json") a.json = true;
        else if (arg == "-O" || arg == "--output") { if (auto e = value(a.output)) return e; }
        else if (arg == "--original") { if (auto e = value(a.original)) return e; }
        else if (arg == "--programmer") { if (auto e = value(a.programmer)) return e; }
        else if (arg.size() > 1 && arg[0] == '-') return "unknown option " + arg;
        else a.files.push_back(arg);
    }
    return std::nullopt;
}

bool read_all(const std::vector<std::string>& paths, std::vector<std::vector<uint8_t>>& contents) {
    contents.resize(paths.size());
    for (size_t i = 0; i < paths.size(); ++i) {
        if (std::string error = read_file(paths[i], contents[i]); !error.empty()) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return false;
        }
    }
    return true;
}

template <typename Result, typename Writer>
void print_json(const Result& result, Writer writer) {
    JsonWriter j;
    writer(j, result);
    std::printf("%s\n", j.take().c_str());
}

// A refusal on stderr: what, where, and what to do.
int refused(const Problem& p, const std::vector<std::string>& files) {
    std::string names;
    for (const std::string& f : files) names += (names.empty() ? "" : ", ") + f;
    std::fprintf(stderr, "meclean: %s%s (%s)\n", p.message.c_str(), p.offset ? (" at " + hex(*p.offset)).c_str() : "",
                 names.c_str());
    if (!p.detail.empty()) std::fprintf(stderr, "%s\n", p.detail.c_str());
    return 1;
}

std::string without_bin_suffix(const std::string& path) {
    const std::string suffix = ".bin";
    if (path.size() > suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return path.substr(0, path.size() - suffix.size());
    }
    return path;
}

}  // namespace

int run_join_command(int argc, char** argv) {
    CommonArguments a;
    if (auto e = parse(argc, argv, a)) return usage_error("join", *e);
    if (a.help) return std::printf("%s", kUsage), 0;
    if (a.files.size() != 2) return usage_error("join", "give exactly two chip reads");
    if (!a.output) return usage_error("join", "-O FULL.bin names the joined image");
    if (a.original || a.programmer) return usage_error("join", "--original and --programmer go with split");
    std::vector<std::vector<uint8_t>> reads;
    if (!read_all(a.files, reads)) return 1;
    JoinResult r = join_chip_reads(reads[0], reads[1]);
    if (a.json) print_json(r, write_join_json); else print_verdict(r.headline, r.checks);
    if (r.problem) return refused(*r.problem, a.files);
    if (write_files_or_report({{*a.output, &r.image}}) != 0) return 1;
    if (!a.json) std::printf("Wrote %s (%s)\n", a.output->c_str(), size_text(r.image.size()).c_str());
    return 0;
}

int run_split_command(int argc, char** argv) {
    CommonArguments a;
    if (auto e = parse(argc, argv, a)) return usage_error("split", *e);
    if (a.help) return std::printf("%s", kUsage), 0;
    if (a.files.size() != 1) return usage_error("split", "give exactly one whole flash image");
    if (a.output) return usage_error("split", "split names its files itself (FULL-chip1.bin, FULL-chip2.bin)");
    std::vector<std::string> paths = a.files;
    if (a.original) paths.push_back(*a.original);
    std::vector<std::vector<uint8_t>> contents;
    if (!read_all(paths, contents)) return 1;
    SplitRequest request;
    request.base_name = without_bin_suffix(a.files[0]);
    if (a.original) request.original = contents[1];
    if (a.programmer) request.programmer = *a.programmer;
    SplitResult r = split_flash_image(contents[0], request);
    if (a.json) print_json(r, write_split_json); else print_verdict(r.headline, r.checks);
    if (r.problem) return refused(*r.problem, paths);
    std::vector<std::vector<uint8_t>> chips;
    for (const ChipFile& f : r.files) {
        auto bytes = std::span<const uint8_t>(contents[0]).subspan(f.chip.range.offset, f.chip.range.length);
        chips.emplace_back(bytes.begin(), bytes.end());
    }
    std::vector<PendingFile> pending;
    for (size_t i = 0; i < chips.size(); ++i) pending.push_back({r.files[i].name, &chips[i]});
    if (write_files_or_report(pending) != 0) return 1;
    if (a.json) return 0;
    for (const ChipFile& f : r.files) {
        std::printf("Wrote %s (chip %u, %s, SHA-256 %s)\n", f.name.c_str(), f.chip.number,
                    size_text(f.chip.range.length).c_str(), f.sha256.c_str());
        if (f.changed && !f.write) std::printf("  chip %u: do not rewrite (unchanged)\n", f.chip.number);
        if (f.write) std::printf("  chip %u: write with\n    %s\n", f.chip.number, f.write_command.c_str());
        if (f.write) std::printf("  then read it back with\n    %s\n", f.read_command.c_str());
    }
    return 0;
}

int run_compare_command(int argc, char** argv) {
    CommonArguments a;
    if (auto e = parse(argc, argv, a)) return usage_error("compare", *e);
    if (a.help) return std::printf("%s", kUsage), 0;
    if (a.files.size() < 2) return usage_error("compare", "give two or more reads of the same chip");
    if (a.output || a.original || a.programmer) return usage_error("compare", "compare takes only --json and the reads");
    std::vector<std::vector<uint8_t>> reads;
    if (!read_all(a.files, reads)) return 1;
    std::vector<std::span<const uint8_t>> spans(reads.begin(), reads.end());
    CompareResult r = compare_reads(spans);
    if (a.json) print_json(r, write_compare_json); else print_verdict(r.headline, r.checks);
    if (r.identical) return 0;
    for (const ReadDifference& d : r.differences) {
        std::string first = d.diff.ranges.empty() ? "" : " from " + hex(d.diff.ranges.front().range.offset);
        std::fprintf(stderr, "meclean: %s differs from %s: %s byte(s)%s\n", a.files[d.read].c_str(),
                     a.files[r.reference].c_str(), decimal(d.diff.bytes_differ).c_str(), first.c_str());
    }
    return 1;
}

int run_verify_command(int argc, char** argv) {
    CommonArguments a;
    if (auto e = parse(argc, argv, a)) return usage_error("verify", *e);
    if (a.help) return std::printf("%s", kUsage), 0;
    if (a.files.size() != 2) return usage_error("verify", "give WRITTEN.bin and READBACK.bin");
    if (a.output || a.original || a.programmer) return usage_error("verify", "verify takes only --json and two files");
    std::vector<std::vector<uint8_t>> files;
    if (!read_all(a.files, files)) return 1;
    VerifyResult r = verify_readback(files[0], files[1]);
    if (a.json) print_json(r, write_verify_json); else print_verdict(r.headline, r.checks);
    if (r.headline.state != State::fail) return 0;
    std::string first = r.diff.ranges.empty() ? "" : " (first difference at " + hex(r.diff.ranges.front().range.offset) + ")";
    std::fprintf(stderr, "meclean: %s: %s%s\n", a.files[1].c_str(), r.headline.title.c_str(), first.c_str());
    return 1;
}

}  // namespace meclean::cli
