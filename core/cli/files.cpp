#include "files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "base/version.hpp"

namespace meclean::cli {
namespace {

std::string system_error(const std::string& what, const std::string& path) {
    return what + " \"" + path + "\": " + std::strerror(errno);
}

}  // namespace

std::string read_file(const std::string& path, std::vector<uint8_t>& bytes) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return system_error("cannot open", path);
    bytes.clear();
    uint8_t buffer[1 << 16];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
        bytes.insert(bytes.end(), buffer, buffer + n);
        if (bytes.size() > kMaxImageBytes) {
            std::fclose(f);
            return "\"" + path + "\" is larger than 64 MiB: that is not a flash image (the largest flash setups are "
                   "two 32 MiB chips)";
        }
    }
    bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) return system_error("cannot read", path);
    return "";
}

std::string write_files_atomically(const std::vector<PendingFile>& files) {
    std::vector<std::string> temporaries;
    auto discard = [&temporaries]() {
        for (const std::string& t : temporaries) std::remove(t.c_str());
    };
    for (const PendingFile& file : files) {
        std::string temporary = file.path + ".meclean-tmp";
        std::FILE* f = std::fopen(temporary.c_str(), "wb");
        if (!f) {
            std::string error = system_error("cannot create", temporary);
            discard();
            return error;
        }
        temporaries.push_back(temporary);
        bool ok = std::fwrite(file.bytes->data(), 1, file.bytes->size(), f) == file.bytes->size();
        ok = std::fflush(f) == 0 && ok;
        ok = std::fclose(f) == 0 && ok;
        if (!ok) {
            std::string error = system_error("cannot write", temporary);
            discard();
            return error;
        }
    }
    for (size_t i = 0; i < files.size(); ++i) {
        if (std::rename(temporaries[i].c_str(), files[i].path.c_str()) != 0) {
            std::string error = system_error("cannot rename the new file onto", files[i].path);
            discard();
            return error;
        }
    }
    return "";
}

int write_files_or_report(const std::vector<PendingFile>& files) {
    std::string error = write_files_atomically(files);
    if (error.empty()) return 0;
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
}

}  // namespace meclean::cli
