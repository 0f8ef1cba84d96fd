// The only code in meclean that touches files. Writes go to a temporary file next to the
// target and are renamed into place only when every output is complete, so an error
// (or a full disk) never leaves a half-written file behind.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace meclean::cli {

// Empty string on success, otherwise a sentence naming the file and the reason.
std::string read_file(const std::string& path, std::vector<uint8_t>& bytes);

struct PendingFile {
    std::string path;
    const std::vector<uint8_t>* bytes;
};

// Writes every file to "<path>.meclean-tmp", then renames them all. On any failure the
// temporaries are removed and no target is touched.
std::string write_files_atomically(const std::vector<PendingFile>& files);

// write_files_atomically(), with its error on stderr: 0 when written, 1 when not.
int write_files_or_report(const std::vector<PendingFile>& files);

}  // namespace meclean::cli
