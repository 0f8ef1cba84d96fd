#include "files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "base/version.hpp"

#ifdef _WIN32
#include <windows.h>

#include "windows_text.hpp"
#else
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
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

const char* kTooLarge = "is larger than 64 MiB: that is not a flash image (the largest flash setups are two 32 MiB chips)";

// The bytes [from, to) of `source` after what was written so far: in the kernel where it can,
// else from the mapping.
bool copy_tail(std::FILE* out, const InputFile& source, uint64_t from, uint64_t to) {
    if (from >= to) return true;
#if defined(__linux__)
    if (std::fflush(out) != 0) return false;
    int out_fd = fileno(out);
    loff_t in_offset = static_cast<loff_t>(from);
    uint64_t left = to - from;
    while (left > 0 && source.descriptor() >= 0) {
        ssize_t n = copy_file_range(source.descriptor(), &in_offset, out_fd, nullptr, left, 0);
        if (n <= 0) break;  // not supported here (another file system, an old kernel): write it instead
        left -= static_cast<uint64_t>(n);
    }
    if (left == 0) return true;
    from = to - left;
    if (lseek(out_fd, 0, SEEK_END) < 0) return false;
#endif
    std::span<const uint8_t> rest = source.bytes().subspan(from, to - from);
    return std::fwrite(rest.data(), 1, rest.size(), out) == rest.size();
}

}  // namespace

InputFile::~InputFile() {
#ifndef _WIN32
    if (map_) munmap(map_, map_length_);
    if (fd_ >= 0) close(fd_);
#endif
}

std::string InputFile::open(const std::string& path) {
#ifdef _WIN32
    if (std::string error = read_file(path, copy_); !error.empty()) return error;
    bytes_ = copy_;
    return "";
#else
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return system_error("cannot open", path);
    struct stat st {};
    if (fstat(fd_, &st) != 0) return system_error("cannot read", path);
    if (!S_ISREG(st.st_mode)) {  // a pipe or a device: read it whole
        close(fd_);
        fd_ = -1;
        if (std::string error = read_file(path, copy_); !error.empty()) return error;
        bytes_ = copy_;
        return "";
    }
    if (static_cast<uint64_t>(st.st_size) > kMaxImageBytes) return "\"" + path + "\" " + kTooLarge;
    if (st.st_size == 0) return "";
    map_length_ = static_cast<size_t>(st.st_size);
    map_ = mmap(nullptr, map_length_, PROT_READ, MAP_PRIVATE, fd_, 0);
    if (map_ == MAP_FAILED) {
        map_ = nullptr;
        return system_error("cannot map", path);
    }
    bytes_ = {static_cast<const uint8_t*>(map_), map_length_};
    return "";
#endif
}

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
            return "\"" + path + "\" " + kTooLarge;
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
        const uint64_t head = std::min<uint64_t>(file.head.size(), file.size);
        bool ok = head == 0 || std::fwrite(file.head.data(), 1, head, f) == head;
        if (ok && file.tail_from) ok = copy_tail(f, *file.tail_from, file.tail_base + head, file.tail_base + file.size);
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
