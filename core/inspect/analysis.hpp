// What inspect() finds in an image: read-only facts, each owned by the folder of its format
// (ifd/, me/, cse/, triage/). Offsets are file offsets unless a field says "region-relative"
// (relative to the first byte of the ME region).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "advice/known_outcomes.hpp"
#include "base/findings.hpp"
#include "cse/cse.hpp"
#include "fit/fit.hpp"
#include "gbe/gbe.hpp"
#include "ifd/descriptor.hpp"
#include "ifd/descriptor_checks.hpp"
#include "ifd/fdv.hpp"
#include "ifd/straps.hpp"
#include "me/firmware.hpp"
#include "triage/triage.hpp"

namespace meclean {

enum class ImageKind { unknown, full, me_only };
const char* image_kind_name(ImageKind kind);  // "unknown", "full", "me"

struct Analysis {
    uint64_t size = 0;
    ImageKind kind = ImageKind::unknown;
    std::optional<Descriptor> descriptor;
    // Regions 0–2 as me_cleaner decodes them (ends exclusive), full images only.
    // The ME region is kept even when disabled (start >= end).
    uint64_t descriptor_region_start = 0, descriptor_region_end = 0;
    uint64_t bios_region_start = 0, bios_region_end = 0;
    uint64_t me_region_start = 0, me_region_end = 0;
    bool me_region_disabled = false;
    int generation = 0;  // me_cleaner's 1 (ME 2–5), 2 (ME 6–10, TXE 1–2) or 3 (ME 11+); 0 = unknown
    std::optional<MeFirmware> me;
    std::vector<DisableBit> disable_bits;
    std::vector<DescriptorCheck> descriptor_checks;  // full images (findings also in `findings`)
    std::optional<CseFirmware> cse;  // CSME 12+ / IFWI layouts me_cleaner cannot read
    std::optional<FdvState> fdv;     // full images: the descriptor's own signature
    std::optional<GbeInfo> gbe;      // full images with a GbE region: MAC, banks, checksum
    std::optional<Triage> triage;    // set when the file is not what me_cleaner expects, or of the wrong size
    std::optional<FitReport> fit;    // full images and BIOS region files: the FIT and its Boot Guard manifests
    std::vector<AdviceMatch> advice; // known outcomes for this platform (advice/known_outcomes.cpp)
    std::vector<Finding> findings;
    // me_cleaner's console lines for the detection phase, and its verdict:
    // when `problem` is set me_cleaner would stop here with that message.
    std::vector<std::string> log;
    std::optional<Problem> problem;
};

}  // namespace meclean
