// The built-in sample: a synthetic full flash image (ThinkPad T420-like descriptor,
// ME 7-style firmware signed with meclean's own test key). No Intel firmware is shipped;
// the sample lets people try the page and the CLI without a dump at hand.
#pragma once

#include <cstdint>
#include <vector>

namespace meclean {

std::vector<uint8_t> make_sample_image();

}  // namespace meclean
