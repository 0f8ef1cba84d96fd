// UTF-8 ⇄ UTF-16 for the Windows API (file names, the command line, system messages).
// Windows only: command_line.cpp and files.cpp include it under _WIN32.
#pragma once
#ifdef _WIN32

#include <string>

namespace meclean::cli {

std::string utf8_from_wide(const std::wstring& wide);
std::wstring wide_from_utf8(const std::string& utf8);

// The system's message for GetLastError() value `code`, in UTF-8, without the trailing newline.
std::string windows_error_text(unsigned long code);

}  // namespace meclean::cli

#endif
