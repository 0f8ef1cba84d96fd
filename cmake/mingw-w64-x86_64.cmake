# Cross-compiles the meclean CLI for 64-bit Windows with Debian's MinGW-w64 (package
# g++-mingw-w64-x86-64-posix). scripts/build-windows uses it:
#   cmake -S . -B build-windows -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64-x86_64.cmake
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
# The posix flavour: its libstdc++ has std::thread and friends; the win32 flavour lacks them.
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# One self-contained .exe: libstdc++, libgcc and winpthread linked in, so it needs only the
# DLLs every Windows has (KERNEL32, msvcrt, SHELL32 for the command line).
# -s: no symbols (a release binary; 1.5 MB → under 1 MB). --no-insert-timestamp: no link time in the PE header, so two builds give the same bytes.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -s -Wl,--no-insert-timestamp")
