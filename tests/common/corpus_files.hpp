// Reading the corpus in the C++ corpus tests: whole files, and the directories ctest passes in
// environment variables. Without them a test skips — or fails when CI is set (never skip in CI).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace meclean::test_common {

inline std::vector<uint8_t> read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The directory named by the environment variable, or empty.
inline std::filesystem::path env_dir(const char* name) {
    const char* dir = std::getenv(name);
    return dir && std::filesystem::is_directory(dir) ? std::filesystem::path(dir) : std::filesystem::path();
}

// Whether to go on with `dir`; a missing one fails the test when CI is set. GTEST_SKIP must run
// in the test body, so this only answers.
inline bool have(const std::filesystem::path& dir, const char* name) {
    if (!dir.empty()) return true;
    if (std::getenv("CI")) ADD_FAILURE() << name << " is not set or missing";
    return false;
}

}  // namespace meclean::test_common
