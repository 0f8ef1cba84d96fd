// The body every structure-aware target shares: pick the template (input byte 1), put the payload
// over its windows (fuzz_templates.hpp), run the session with the request of input byte 0
// (session_fuzz.hpp), then whatever the target checks on top (`extra`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "fuzz_templates.hpp"
#include "session_fuzz.hpp"

namespace meclean::fuzz {

template <typename Extra>
int run_template_target(const char* target, const char* templates, const uint8_t* data, size_t size, Extra extra) {
    if (size < kInputHeader) return 0;
    const std::vector<Template>& list = templates_for(templates);
    const Template& t = list[data[1] % list.size()];
    // Exactly as large as the template, so a read past its end is an ASan report.
    const std::vector<uint8_t> image = place(t, std::span<const uint8_t>(data + kInputHeader, size - kInputHeader));
    run_session(target, image, data[0]);
    extra(t, std::span<const uint8_t>(image), data[0]);
    return 0;
}

}  // namespace meclean::fuzz
