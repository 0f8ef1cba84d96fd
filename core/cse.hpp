// CSME 12+ and CSTXE 3+ firmware: CSE layout tables, boot partition descriptor tables
// (BPDT), sub-partition directories ($CPD) and the data-partition $FPT (formats.md §3).
// me_cleaner cannot read these; meclean reads them (read-only) to report what they hold.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "analysis.hpp"

namespace meclean {

// Looks for a CSE layout table or a BPDT at `start` (file offset) and reads the firmware
// it describes, staying inside [start, end). Nothing when neither is there. Never throws:
// malformed tables become findings.
std::optional<CseFirmware> read_cse_firmware(std::span<const uint8_t> image, uint64_t start, uint64_t end);

// One line for people: "CSE firmware 16.1.30.2307 (CSE layout table 1.7 at 0x1000), FTPR
// signature valid (RSA-3072 PSS SHA-384)".
std::string describe_cse(const CseFirmware& cse);

}  // namespace meclean
