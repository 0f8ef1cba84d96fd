// The paste parser: text from /sys/class/mei/mei0/fw_status, intelmetool -m / -b, MEInfo -fwsts,
// lspci -vvv -xxx or rdmsr 0x13a (any of them, in one paste) → PasteFacts. Anything it cannot
// read is refused with a PasteError naming what and where; it never guesses at garbage.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "status/status_input.hpp"

namespace meclean {

struct PasteParse {
    PasteFacts facts;
    std::optional<PasteError> error;  // set: refused; `facts` is incomplete and must not be judged
};

PasteParse parse_status_paste(std::string_view text);

// /sys/class/mei/mei0/fw_ver: "platform:major.minor.hotfix.build" per line; the first line is
// the running firmware (fwupd's pci-mei plugin reads it the same way).
std::optional<std::array<uint16_t, 4>> parse_sysfs_fw_ver(std::string_view text);
// /sys/class/mei/mei0/device/device: "0xa13a".
std::optional<uint16_t> parse_sysfs_device_id(std::string_view text);

}  // namespace meclean
