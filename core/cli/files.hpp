// The only code in meclean that touches files. Writes go to a temporary file next to the
// target and are renamed into place only when every output is complete, so an error
// (or a full disk) never leaves a half-written file behind.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace meclean::cli {

// Empty string on success, otherwise a sentence naming the file and the reason.
std::string read_file(const std::string& path, std::vector<uint8_t>& bytes);

// The image meclean works on. On POSIX systems it is mapped read-only, so only the pages the
// engine reads are read from the disk (a check of a 64 MiB dump reads a few hundred KiB); on
// Windows, where a mapped file cannot be replaced, it is read whole.
class InputFile {
public:
    InputFile() = default;
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    ~InputFile();

    // Empty string on success, otherwise a sentence naming the file and the reason.
    std::string open(const std::string& path);
    std::span<const uint8_t> bytes() const { return bytes_; }
    int descriptor() const { return fd_; }  // -1 when the file is not open for copying

private:
    std::span<const uint8_t> bytes_;
    std::vector<uint8_t> copy_;  // where the file is read instead of mapped
    void* map_ = nullptr;
    size_t map_length_ = 0;
    int fd_ = -1;
};

// One output of `size` bytes: `head`, then (when `tail_from` is set) the rest from that input
// file, starting `tail_base` bytes into it (the new image lies there), copied by the kernel where
// it can (copy_file_range), as cp does.
struct PendingFile {
    PendingFile(std::string p, const std::vector<uint8_t>* bytes) : path(std::move(p)), head(*bytes), size(bytes->size()) {}
    PendingFile(std::string p, std::span<const uint8_t> h, const InputFile* tail, uint64_t total, uint64_t base = 0)
        : path(std::move(p)), head(h), tail_from(tail), tail_base(base), size(total) {}
    std::string path;
    std::span<const uint8_t> head;
    const InputFile* tail_from = nullptr;
    uint64_t tail_base = 0;
    uint64_t size = 0;
};

// Writes every file to "<path>.meclean-tmp", then renames them all. On any failure the
// temporaries are removed and no target is touched.
std::string write_files_atomically(const std::vector<PendingFile>& files);

// write_files_atomically(), with its error on stderr: 0 when written, 1 when not.
int write_files_or_report(const std::vector<PendingFile>& files);

}  // namespace meclean::cli
