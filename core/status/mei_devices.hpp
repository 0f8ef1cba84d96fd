// The MEI (HECI #1) PCI devices, by device id: which chipset, and which HFSTS layout its firmware
// uses. Ids and names: Linux drivers/misc/mei/hw-me-regs.h; the layout follows from the firmware
// generation each chipset shipped with (ME ≤ 10 before Skylake, CSME 11–17 from the 100-series to
// Raptor Lake, CSME 18 and later from Meteor Lake on, as fwupd's fu-mei.rs families split them).
#pragma once

#include <cstdint>
#include <span>

#include "status/status_input.hpp"

namespace meclean {

struct MeiDevice {
    uint16_t id;
    const char* name;
    StatusLayout layout;
};

std::span<const MeiDevice> mei_devices();
const MeiDevice* find_mei_device(uint16_t device_id);

}  // namespace meclean
