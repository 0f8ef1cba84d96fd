#include "command_line.hpp"

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <windows.h>
#include <shellapi.h>

#include <cstdio>

#include "windows_text.hpp"
#endif

namespace meclean::cli {

#ifdef _WIN32

std::vector<std::string> utf8_arguments(int argc, char** argv) {
    int count = 0;
    wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &count);
    std::vector<std::string> out;
    if (!wide) {
        out.assign(argv, argv + argc);  // cannot happen in practice; the ANSI argv is the best left
        return out;
    }
    for (int i = 0; i < count; ++i) out.push_back(utf8_from_wide(wide[i]));
    LocalFree(wide);
    return out;
}

void prepare_standard_streams() {
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    SetConsoleOutputCP(CP_UTF8);
}

#else

std::vector<std::string> utf8_arguments(int argc, char** argv) { return std::vector<std::string>(argv, argv + argc); }

void prepare_standard_streams() {}

#endif

}  // namespace meclean::cli
