// Verifying the read-back after writing: is the ME state on the chip what was written? Vendor
// firmware may restore the ME region from a backup, clear HAP/AltMeDisable or restore the
// descriptor on the first boot; it also rewrites its settings store, which is harmless.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/verdict.hpp"
#include "flash/read_diff.hpp"
#include "flash/variable_store.hpp"
#include "ifd/straps.hpp"

namespace meclean {

enum class ReadbackOutcome {
    identical,               // the read-back is the written image
    size_differs,            // not a read of the same flash (or of another chip)
    me_restored,             // the ME region holds firmware with the removed partitions again
    me_changed,              // the ME region differs otherwise
    disable_bit_cleared,     // HAP / AltMeDisable / meDisable was set in the written image, is clear now
    descriptor_restored,     // the descriptor differs beyond the disable bits (regions, masters, straps)
    variable_store_changed,  // differences only inside the UEFI variable store: expected after a boot
    gbe_changed,             // the GbE region differs
    other_changed,           // BIOS bytes outside the variable store, or bytes outside every region
};
const char* readback_outcome_id(ReadbackOutcome outcome);  // stable, for JSON

struct VerifyResult {
    Headline headline;
    std::vector<CheckLine> checks;
    // The ME region, the descriptor and its disable bits are as written. The CLI exits 0 only then.
    bool me_state_as_written = false;
    std::vector<ReadbackOutcome> outcomes;       // each once
    std::vector<std::string> restored_partitions;  // FPT entries in the read-back that the written image lacks
    std::vector<DisableBit> cleared_bits;        // as read from the written image
    std::vector<VariableStore> variable_stores;  // found in the written image's BIOS region
    ReadDiff diff;                               // written (reference) against the read-back
};

VerifyResult verify_readback(std::span<const uint8_t> written, std::span<const uint8_t> readback);

void write_verify_json(JsonWriter& j, const VerifyResult& result);

}  // namespace meclean
