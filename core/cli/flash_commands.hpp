// `meclean join | split | compare | verify`: from the chip reads to the files to write back.
// main.cpp dispatches here on argv[1]; every decision is the engine's (core/flash/).
#pragma once

namespace meclean::cli {

// `argc`/`argv` are the arguments after the subcommand's name. Each returns the exit status:
// 0 success, 1 refused / differs / failed, 2 bad arguments.
int run_join_command(int argc, char** argv);
int run_split_command(int argc, char** argv);
int run_compare_command(int argc, char** argv);
int run_verify_command(int argc, char** argv);

}  // namespace meclean::cli
