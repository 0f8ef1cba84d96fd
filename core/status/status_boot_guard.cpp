// Boot Guard as the running machine reports it. The CPU's MSR 0x13A (BOOT_GUARD_SACM_INFO) is
// the authority: bit 0 NEM enabled, bits 1–2 TPM type, 3 TPM success, 4 FACB (force anchor boot,
// from the fuses), 5 measured boot, 6 verified boot, 7 module revoked, 32 Boot Guard capability
// (coreboot util/intelmetool intelmetool.c; Intel's reference code, e.g. edk2-platforms
// CpuRegs.h B_BOOT_GUARD_SACM_INFO_*). Without it, CSME 11–17's HFSTS6 says how the ME set it up
// (fwupd fu-mei.rs).
#include "status/status.hpp"

namespace meclean {
namespace {

bool bit(uint64_t value, unsigned n) { return ((value >> n) & 1) != 0; }

BootGuardRuntime from_msr(uint64_t msr) {
    BootGuardRuntime bg;
    bg.msr = msr;
    bg.basis = "MSR 0x13A";
    bg.nem = bit(msr, 0);
    bg.tpm_type = unsigned((msr >> 1) & 3);
    bg.tpm_success = bit(msr, 3);
    bg.facb = bit(msr, 4);
    bg.measured = bit(msr, 5);
    bg.verified = bit(msr, 6);
    bg.revoked = bit(msr, 7);
    bg.state = !bit(msr, 32) ? BootGuardState::not_capable
               : *bg.verified ? BootGuardState::verified
               : *bg.measured ? BootGuardState::measured_only
                              : BootGuardState::capable_off;
    return bg;
}

// Older intelmetool printed its reading of fixed MSR values in words, and read 0x100000000 (capable,
// nothing enabled) as "Verified Boot": the words are kept, the state stays unknown unless they say
// "not ready" or "disabled".
BootGuardRuntime from_words(BootGuardWords words) {
    BootGuardRuntime bg;
    bg.basis = "intelmetool -b (words only, older version)";
    bg.state = words == BootGuardWords::not_ready  ? BootGuardState::not_capable
               : words == BootGuardWords::disabled ? BootGuardState::capable_off
                                                   : BootGuardState::unknown;
    return bg;
}

std::optional<BootGuardRuntime> from_hfsts6(const std::vector<DecodedRegister>& registers) {
    const DecodedField* disabled = find_decoded(registers, StatusField::boot_guard_disable);
    const DecodedField* verified = find_decoded(registers, StatusField::verified_boot);
    const DecodedField* measured = find_decoded(registers, StatusField::measured_boot);
    if (!disabled || !verified || !measured) return std::nullopt;  // not the CSME 11–17 layout, or no HFSTS6
    BootGuardRuntime bg;
    bg.basis = "HFSTS6";
    bg.verified = verified->value != 0;
    bg.measured = measured->value != 0;
    bg.state = disabled->value ? BootGuardState::capable_off
               : *bg.verified  ? BootGuardState::verified
               : *bg.measured  ? BootGuardState::measured_only
                               : BootGuardState::capable_off;
    return bg;
}

}  // namespace

const char* boot_guard_state_id(BootGuardState state) {
    switch (state) {
        case BootGuardState::unknown: return "unknown";
        case BootGuardState::not_capable: return "not_capable";
        case BootGuardState::capable_off: return "capable_off";
        case BootGuardState::measured_only: return "measured_only";
        case BootGuardState::verified: return "verified";
    }
    return "unknown";
}

std::optional<BootGuardRuntime> boot_guard_runtime(const PasteFacts& facts, const std::vector<DecodedRegister>& registers) {
    if (facts.boot_guard_msr) return from_msr(*facts.boot_guard_msr);
    if (facts.boot_guard_words != BootGuardWords::none) return from_words(facts.boot_guard_words);
    return from_hfsts6(registers);
}

}  // namespace meclean
