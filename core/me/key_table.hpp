// Intel's public keys as me_cleaner identifies them: MD5 of the 0x104 bytes at
// manifest + 0x80 (modulus and exponent of a 2048-bit key), formats.md §2.8.16.
#pragma once

#include <string>

#include "me/firmware.hpp"

namespace meclean {

// Looks `md5_hex` up; when unknown, returns known = false and me_cleaner's fallback
// variant ("ME" from major version 6 on, else "TXE", formats.md §2.8.3 step 8).
KeyMatch match_public_key(const std::string& md5_hex, unsigned major_version);

// The line me_cleaner prints for the key (or its three-line warning).
std::string describe_key_match(const KeyMatch& match, const std::string& md5_hex);

}  // namespace meclean
