// Descriptor changes outside me_cleaner's options, planned like every other change
// (Plan of Edits with reasons; apply() carries them out).
#pragma once

#include <cstdint>
#include <span>

#include "ifd/descriptor.hpp"
#include "clean/plan.hpp"

namespace meclean {

// The master word `ifdtool -u` writes for FLMSTR<index> (formats.md §1.5 "Unlock"), or
// nothing when that master is left alone (FLMSTR4, FLMSTR6, and FLMSTR5 on v1).
std::optional<uint32_t> unlocked_master_value(const Descriptor& descriptor, const FlashMaster& master);

// Every master read/write to every region: one 4-byte write per master that changes.
// `image` is the file the descriptor was parsed from (a 4 KiB descriptor or a full image).
Plan plan_descriptor_unlock(const Descriptor& descriptor, std::span<const uint8_t> image);

}  // namespace meclean
