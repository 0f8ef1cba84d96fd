// The process's arguments and standard streams, the same on every OS: arguments as UTF-8
// strings, stdout and stderr passing meclean's UTF-8 text through byte for byte.
#pragma once

#include <string>
#include <vector>

namespace meclean::cli {

// argv as UTF-8. On Windows the narrow argv is in the ANSI code page, which cannot hold
// every file name, so the arguments are read again from the UTF-16 command line.
std::vector<std::string> utf8_arguments(int argc, char** argv);

// On Windows: stdout and stderr in binary mode (no "\n" → "\r\n": the output is the same bytes
// as on Linux and as me_cleaner's), and a console shows UTF-8 (the engine's "–" and file names).
// Nothing to do elsewhere.
void prepare_standard_streams();

}  // namespace meclean::cli
