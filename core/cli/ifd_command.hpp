// `meclean ifd ...`: the flash descriptor on its own (dump, checks, flashrom layout,
// region extraction, unlock). main.cpp dispatches here when argv[1] is "ifd".
#pragma once

namespace meclean::cli {

// `argc`/`argv` are the arguments after "ifd". Returns the exit status.
int run_ifd_command(int argc, char** argv);

}  // namespace meclean::cli
