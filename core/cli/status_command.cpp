#include "status_command.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "files.hpp"
#include "inspect/inspect.hpp"
#include "status/image_hints.hpp"
#include "status/paste_parser.hpp"
#include "status/status.hpp"
#include "status/status_json.hpp"
#include "status_render.hpp"

namespace meclean::cli {
namespace {

const char* kStatusUsage =
    "usage: meclean status [--json] [--generation me6-10|csme11-17|csme18+] [--image DUMP] [FILE|-]\n"
    "       meclean status --no-device [--json]\n"
    "  FILE holds what you pasted: /sys/class/mei/mei0/fw_status, intelmetool -m / -b, MEInfo -fwsts,\n"
    "  lspci -vvv -xxx -s 00:16.0 or rdmsr 0x13a output; - reads standard input. Without FILE, meclean\n"
    "  reads fw_status, fw_ver and device/device from /sys/class/mei/mei0 (--sysfs DIR to read elsewhere).\n"
    "  --generation answers \"which ME generation?\" when nothing else tells; --image takes it from your dump.\n";

// A paste larger than this is not the output of a status tool.
constexpr size_t kMaxPasteBytes = 1 << 20;

struct StatusArguments {
    std::optional<std::string> file, image, generation;
    std::string sysfs = "/sys/class/mei/mei0";
    bool json = false, no_device = false, help = false;
};

int usage_error(const std::string& message) {
    std::fprintf(stderr, "%smeclean status: error: %s\n", kStatusUsage, message.c_str());
    return 2;
}

std::optional<std::string> parse(int argc, char** argv, StatusArguments& a) {
    for (int i = 0; i < argc; ++i) {
        std::string arg = argv[i];
        auto next = [&](std::optional<std::string>& to) -> bool {
            if (i + 1 >= argc) return false;
            to = argv[++i];
            return true;
        };
        std::optional<std::string> sysfs;
        if (arg == "-h" || arg == "--help") a.help = true;
        else if (arg == "--json") a.json = true;
        else if (arg == "--no-device") a.no_device = true;
        else if (arg == "--generation") { if (!next(a.generation)) return "--generation needs me6-10, csme11-17 or csme18+"; }
        else if (arg == "--image") { if (!next(a.image)) return "--image needs a file name"; }
        else if (arg == "--sysfs") { if (!next(sysfs)) return "--sysfs needs a directory"; a.sysfs = *sysfs; }
        else if (arg.size() > 1 && arg[0] == '-') return "unknown option " + arg;
        else if (a.file) return "give at most one FILE";
        else a.file = arg;
    }
    if (a.generation && !status_layout_from_id(*a.generation)) {
        return "unknown generation \"" + *a.generation + "\" (choose me6-10, csme11-17 or csme18+)";
    }
    if (a.no_device && a.file) return "--no-device takes no FILE";
    return std::nullopt;
}

// Empty string on success.
std::string read_stdin(std::string& text) {
    char buffer[1 << 14];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
        text.append(buffer, n);
        if (text.size() > kMaxPasteBytes) return "standard input holds more than 1 MiB: that is not the output of a status tool";
    }
    return std::ferror(stdin) ? "cannot read standard input" : "";
}

std::string read_text(const std::string& path, std::string& text) {
    std::vector<uint8_t> bytes;
    if (std::string error = read_file(path, bytes); !error.empty()) return error;
    if (bytes.size() > kMaxPasteBytes) return "\"" + path + "\" holds more than 1 MiB: that is not the output of a status tool";
    text.assign(bytes.begin(), bytes.end());
    return "";
}

bool exists(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f) std::fclose(f);
    return f != nullptr;
}

// Linux: the MEI driver's fw_status, and what it knows of the firmware and device. No fw_status
// file means no MEI device (or no mei_me driver): the verdict says which that can be.
std::string read_sysfs(const std::string& dir, StatusRequest& request, std::string& text) {
    const std::string status = dir + "/fw_status";
    if (!exists(status)) {
        request.no_device = true;
        std::fprintf(stderr, "meclean status: %s does not exist: no MEI device is visible to Linux\n", status.c_str());
        return "";
    }
    if (std::string error = read_text(status, text); !error.empty()) return error;
    std::string extra;
    if (exists(dir + "/fw_ver") && read_text(dir + "/fw_ver", extra).empty()) request.hints.running_version = parse_sysfs_fw_ver(extra);
    extra.clear();
    if (exists(dir + "/device/device") && read_text(dir + "/device/device", extra).empty()) {
        request.hints.device_id = parse_sysfs_device_id(extra);
    }
    return "";
}

}  // namespace

int run_status_command(int argc, char** argv) {
    StatusArguments a;
    if (auto error = parse(argc, argv, a)) return usage_error(*error);
    if (a.help) {
        std::printf("%s", kStatusUsage);
        return 0;
    }
    StatusRequest request;
    request.no_device = a.no_device;
    if (a.generation) request.hints.chosen = status_layout_from_id(*a.generation);
    if (a.image) {
        std::vector<uint8_t> image;
        if (std::string error = read_file(*a.image, image); !error.empty()) {
            std::fprintf(stderr, "meclean status: %s\n", error.c_str());
            return 1;
        }
        add_image_hints(request.hints, inspect(image));
    }
    std::string text;
    std::string error = a.no_device ? ""
                        : !a.file   ? read_sysfs(a.sysfs, request, text)
                        : *a.file == "-" ? read_stdin(text)
                                         : read_text(*a.file, text);
    if (!error.empty()) {
        std::fprintf(stderr, "meclean status: %s\n", error.c_str());
        return 1;
    }
    request.text = text;
    StatusReport report = decode_status(request);
    if (report.error) {
        std::fprintf(stderr, "meclean status: %s\n%s\n", report.headline.detail.c_str(), report.headline.next.c_str());
        return 1;
    }
    if (a.json) std::printf("%s\n", status_json(report).c_str());
    else std::printf("%s", status_text(report).c_str());
    return 0;
}

}  // namespace meclean::cli
