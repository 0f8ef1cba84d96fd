// Helpers every engine test uses: little-endian byte access and one call that runs
// inspect → plan → apply.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "meclean.hpp"

namespace meclean::test_common {

using Bytes = std::vector<uint8_t>;

inline uint32_t le32(const Bytes& b, size_t at) {
    return uint32_t(b.at(at)) | uint32_t(b.at(at + 1)) << 8 | uint32_t(b.at(at + 2)) << 16 |
           uint32_t(b.at(at + 3)) << 24;
}
inline uint16_t le16(const Bytes& b, size_t at) { return uint16_t(b.at(at) | b.at(at + 1) << 8); }
inline void put32(Bytes& b, size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) b.at(at + i) = uint8_t(v >> (8 * i));
}
inline void put16(Bytes& b, size_t at, uint16_t v) {
    b.at(at) = uint8_t(v);
    b.at(at + 1) = uint8_t(v >> 8);
}
inline std::vector<size_t> differences(const Bytes& a, const Bytes& b) {
    std::vector<size_t> out;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (a[i] != b[i]) out.push_back(i);
    }
    return out;
}

struct Result {
    Analysis analysis;
    Plan plan;
    Outcome outcome;
};

inline Result run(const Bytes& image, const Options& options = {}) {
    Result r;
    r.analysis = inspect(image);
    r.plan = plan(r.analysis, image, options);
    r.outcome = meclean::apply(r.plan, image);
    return r;
}

inline std::string problem_text(const std::optional<Problem>& p) {
    return p ? p->code + ": " + p->message + " / " + p->detail : std::string("(none)");
}

}  // namespace meclean::test_common
