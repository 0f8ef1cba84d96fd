#include "files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "base/version.hpp"

#ifdef _WIN32
#include <windows.h>

#include "windows_text.hpp"
#endif

namespace meclean::cli {
namespace {

std::string system_error(const std::string& what, const std::string& path) {
    return what + " \"" + path + "\": " + std::strerror(errno);
}

// Paths are UTF-8 everywhere in meclean. Windows' narrow fopen/remove/rename take the ANSI code
// page instead, so there the wide functions are used; the modes are always binary ("rb", "wb").
#ifdef _WIN32

std::FILE* open_file(const std::string& path, bool for_writing) {
    return _wfopen(wide_from_utf8(path).c_str(), for_writing ? L"wb" : L"rb");
}

void remove_file(const std::string& path) { _wremove(wide_from_utf8(path).c_str()); }

// rename() on Windows fails when the target exists. MoveFileEx with REPLACE_EXISTING replaces it
// in one step, like rename(2) on POSIX; WRITE_THROUGH returns only once the move is on disk.
std::string replace_file(const std::string& from, const std::string& to) {
    if (MoveFileExW(wide_from_utf8(from).c_str(), wide_from_utf8(to).c_str(),
                    MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        return "";
    return "cannot rename the new file onto \"" + to + "\": " + windows_error_text(GetLastError());
}

#else

std::FILE* open_file(const std::string& path, bool for_writing) {
    return std::fopen(path.c_str(), for_writing ? "wb" : "rb");
}

void remove_file(const std::string& path) { std::remove(path.c_str()); }

std::string replace_file(const std::string& from, const std::string& to) {
    if (std::rename(from.c_str(), to.c_str()) == 0) return "";
    return system_error("cannot rename the new file onto", to);
}

#endif

}  // namespace

std::string read_file(const std::string& path, std::vector<uint8_t>& bytes) {
    std::FILE* f = open_file(path, false);
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
        for (const std::string& t : temporaries) remove_file(t);
    };
    for (const PendingFile& file : files) {
        std::string temporary = file.path + ".meclean-tmp";
        std::FILE* f = open_file(temporary, true);
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
        if (std::string error = replace_file(temporaries[i], files[i].path); !error.empty()) {
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
