// The words of the status report: one headline per verdict, the labelling traps, the layout and
// Boot Guard lines. Written for the person holding the machine; the sources are named inline.
#pragma once

#include "base/verdict.hpp"
#include "status/status.hpp"

namespace meclean::status_texts {

Headline headline(const StatusReport& report);
CheckLine input_line(const StatusReport& report);
CheckLine layout_line(const StatusReport& report);
CheckLine boot_guard_line(const BootGuardRuntime& boot_guard);
// Operation mode 2 has two names for one state.
CheckLine mode_2_trap();
// intelmetool names modes 0–5 only and prints an unrelated label for the others.
CheckLine unnamed_mode_trap(uint32_t mode);
// HFSTS1 bit 4 is "manufacturing mode" up to CSME 15 and something else from CSME 16 on.
CheckLine bit_4_trap();

}  // namespace meclean::status_texts
