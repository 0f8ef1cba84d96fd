// Shared helpers for the CSME 12+ / IFWI tests: corpus access, cached synthetic
// CSE images from core/synth/ifwi_builder, and inspect → plan → apply in one call.
// Expected values come from formats.md (corpus) or from the builder's layouts (synthetic),
// never from the engine's own output.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/engine_test_support.hpp"
#include "meclean.hpp"
#include "synth/ifwi_builder.hpp"

namespace meclean::cse_test {

using namespace test_common;

namespace fs = std::filesystem;

// ---- corpus

inline Bytes read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A corpus file, or nothing with the test skipped (failed when CI is set).
// `env` names the directory: MECLEAN_CORPUS (the corpus, files under images/) or
// MECLEAN_CORPUS_INPUTS (the assembled inputs, full_*.bin).
inline std::optional<Bytes> corpus_file(const char* env, const std::string& relative) {
    const char* dir = std::getenv(env);
    fs::path path = dir ? fs::path(dir) / relative : fs::path();
    if (!dir || !fs::is_regular_file(path)) {
        return std::nullopt;
    }
    return read_file(path);
}

#define CSE_CORPUS_OR_SKIP(var, env, relative)                                          \
    const auto& var##_opt = ::meclean::cse_test::cached_corpus_file(env, relative);                   \
    if (!var##_opt) {                                                                   \
        if (std::getenv("CI")) {                                                        \
            ADD_FAILURE() << "corpus file " << (relative) << " missing (" << (env) << ")"; \
            return;                                                                     \
        }                                                                               \
        GTEST_SKIP() << "corpus file " << (relative) << " not available (" << (env) << ")"; \
    }                                                                                   \
    const ::meclean::cse_test::Bytes& var = *var##_opt

// Corpus files are large (32 MiB full images): read each once per test run.
inline const std::optional<Bytes>& cached_corpus_file(const char* env, const std::string& relative) {
    static std::map<std::string, std::optional<Bytes>> cache;
    const std::string key = std::string(env) + ":" + relative;
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, corpus_file(env, relative)).first;
    return it->second;
}

// ---- synthetic images

inline constexpr uint32_t kFlashSize = 0x400000;  // 4 MiB

inline const synth::CseRegion& csme16_region() {
    static const synth::CseRegion r = synth::build_cse_region(synth::csme16_region_spec());
    return r;
}
inline const synth::CseRegion& csme12_region() {
    static const synth::CseRegion r = synth::build_cse_region(synth::csme12_region_spec());
    return r;
}
inline const synth::BootPartition& glk_ifwi() {
    static const synth::BootPartition r = synth::build_boot_partition(synth::glk_ifwi_spec());
    return r;
}
// A CSME 16 region with the FTPR manifest version changed (for the firmware-major checks).
inline synth::CseRegion csme_region_with_major(uint16_t major) {
    synth::CseRegionSpec spec = synth::csme16_region_spec();
    spec.bp1.ftpr.manifest.version = {major, 0, 1, 1000};
    return synth::build_cse_region(spec);
}
inline Bytes full_adl_image(const Bytes& me_region) {
    return synth::build_full_cse_image(synth::adl_s_descriptor(uint32_t(me_region.size()), kFlashSize), me_region,
                                       kFlashSize);
}
inline const Bytes& full_csme16() {
    static const Bytes image = full_adl_image(csme16_region().bytes);
    return image;
}
inline const Bytes& full_glk() {
    static const Bytes image = synth::build_full_ifwi_image(synth::glk_descriptor(kFlashSize), glk_ifwi().bytes,
                                                            kFlashSize);
    return image;
}

// ---- running the engine

inline Options hap_options(const std::string& platform, bool check_only = false) {
    Options o;
    if (check_only) {
        o.check_only = true;  // me_cleaner: -c cannot be combined with -O
    } else {
        o.soft_disable_only = true;
        o.separate_output = true;
    }
    o.platform = platform;
    return o;
}

// The entry of `type` in the primary BPDT (or, with `secondary`, in its S-BPDT).
inline const BpdtEntry* bpdt_entry(const Bpdt& bpdt, unsigned type, bool secondary = false) {
    for (const BpdtEntry& e : bpdt.entries) {
        if (e.type == type && e.secondary == secondary) return &e;
    }
    return nullptr;
}

inline bool has_finding(const std::vector<Finding>& findings, const std::string& code) {
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.code == code; });
}

inline std::string finding_codes(const std::vector<Finding>& findings) {
    std::string out;
    for (const Finding& f : findings) out += (out.empty() ? "" : ", ") + f.code;
    return out.empty() ? "(none)" : out;
}

}  // namespace meclean::cse_test
