// Advice from known outcomes: what people reported after cleaning on a given platform, and
// the flags that helped, as data with the source and confidence of each row
// (known_outcomes.cpp). Advice only: meclean never applies it unless the person chooses it.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "base/source_confidence.hpp"
#include "ifd/platform.hpp"

namespace meclean {

struct FirmwareVersionBound {
    uint16_t major = 0, minor = 0;
};

// The flags that helped, as data a front end can offer (never sets them itself).
struct AdviceFlags {
    bool soft_disable_only = false;  // -s
    const char* whitelist = nullptr; // -w LIST, e.g. "FOVD,EFFS,NFTP"
};

struct KnownOutcome {
    const char* id;                      // stable: "t902_timed_shutdown"
    std::array<PchFamily, 2> families;   // the chipset families it applies to (unknown = unused slot)
    FirmwareVersionBound min, max;       // ME firmware major.minor, inclusive
    const char* platform;                // the board the report came from, in words
    const char* symptom;
    const char* helped;                  // what helped, in words
    AdviceFlags flags;
    const char* source;
    SourceConfidence confidence;
};

std::span<const KnownOutcome> known_outcomes();

// How an image matched a row: by chipset family and firmware version, or (for an ME region on
// its own, which names no chipset) by firmware version only.
enum class AdviceMatchBasis { platform_and_version, version_only };
const char* advice_match_basis_id(AdviceMatchBasis basis);

struct AdviceMatch {
    const KnownOutcome* outcome = nullptr;
    AdviceMatchBasis basis = AdviceMatchBasis::platform_and_version;
};

}  // namespace meclean
