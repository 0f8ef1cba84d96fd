// `meclean status`: "Did it work?" — decode what the ME reports after flashing (core/status/).
// main.cpp dispatches here when argv[1] is "status". Reads the paste from FILE or standard input,
// or on Linux from /sys/class/mei/mei0 (--sysfs DIR for another place, e.g. in tests).
#pragma once

namespace meclean::cli {

// `argc`/`argv` are the arguments after "status". Returns the exit status: 0 decoded, 1 refused
// (unreadable input, named on stderr), 2 bad arguments.
int run_status_command(int argc, char** argv);

}  // namespace meclean::cli
