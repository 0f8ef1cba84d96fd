// The small valid images the structure-aware fuzz targets work on, made by the synthetic builder,
// and the places inside them ("windows") where each target puts its input. A target copies the
// fuzz bytes over its windows, one after the other, and leaves the rest of the image as built:
// a mutation then meets the parser of that one structure with everything around it intact,
// instead of failing the first tag or checksum on the way in (as a mutated 8 MiB image mostly does).
//
// make_seeds writes each template's own window bytes as the seeds, so the fuzzers start from
// valid structures; the native replay test (fuzz_replay.cpp) builds the same templates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace meclean::fuzz {

struct Window {
    size_t offset = 0;
    size_t length = 0;
};

struct Template {
    std::string name;            // for the seed files: "me7", "csme16", ...
    std::vector<uint8_t> image;  // the whole image the engine sees
    std::vector<Window> windows; // where the fuzz bytes go, in input order
    size_t window_bytes() const;
};

// The targets with templates, by name ("descriptor", "fpt", "modules", "cpd", "cse", "gbe");
// each has at least one template. Built when a target first asks, once per process (the builder
// signs manifests: slow).
const std::vector<Template>& templates_for(const std::string& target);
const std::vector<std::string>& template_targets();

// The image for one input: the template with `payload` copied over its windows in order.
// A short payload leaves the later bytes as built; bytes beyond the windows are ignored.
std::vector<uint8_t> place(const Template& t, std::span<const uint8_t> payload);

// The template's own window bytes, concatenated: place(t, seed_payload(t)) == t.image.
std::vector<uint8_t> seed_payload(const Template& t);

// The input layout every template target shares:
//   byte 0  the request (session_fuzz.hpp)
//   byte 1  the template (modulo how many the target has)
//   2...    the payload
inline constexpr size_t kInputHeader = 2;

}  // namespace meclean::fuzz
