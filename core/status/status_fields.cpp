#include "status/status_fields.hpp"

namespace meclean {
namespace {

constexpr uint8_t kMe = layout_bit(StatusLayout::me_6_10);
constexpr uint8_t kCsme = layout_bit(StatusLayout::csme_11_17);
constexpr uint8_t k18 = layout_bit(StatusLayout::csme_18_plus);
constexpr uint8_t kAll = kMe | kCsme | k18;
constexpr uint8_t kCsmeAll = kCsme | k18;

constexpr SourceConfidence kHigh = SourceConfidence::high;
constexpr SourceConfidence kMedium = SourceConfidence::medium;

// The public sources, named once.
constexpr const char* kIntelmetool = "coreboot util/intelmetool me.h, me_status.c";
constexpr const char* kIntelmetoolFwupd = "coreboot util/intelmetool me.h; fwupd plugins/pci-mei fu-mei.rs";
constexpr const char* kFwupd11 = "fwupd plugins/pci-mei fu-mei.rs (CSME 11 register structures)";
constexpr const char* kFwupd18 = "fwupd plugins/pci-mei fu-mei.rs (CSME 18 register structures)";
constexpr const char* kMode =
    "coreboot util/intelmetool me_status.c and fwupd fu-mei.rs (value names); MEInfo output quoted in me_cleaner "
    "issue #53 (\"Alt Disable Mode\"); Dasharo open-source-firmware-validation lib/me.robot (2 = HAP, 3 = soft) and "
    "dasharo-issues #883 (HAP gives mode 2 on CSME 18); Linux hw-me-regs.h PCI_CFG_HFS_1_OPMODE_SPS (15 = SPS)";
constexpr const char* kManufacturing =
    "coreboot util/intelmetool me.h (mfg_mode); fwupd fu-mei.rs (CSME 11); fwupd intel-me plugin notes that CSME 16+ "
    "reuses the bit for BIOS write access to the descriptor";
constexpr const char* kPmEvent =
    "coreboot util/intelmetool me_status.c (ME 6–10 names); Linux hw-me-regs.h confirms 1 and 5 for CSME";

constexpr ValueName kWorkingStates[] = {
    {0, 0, "Reset"}, {1, 0, "Initializing"}, {2, 0, "Recovery"}, {3, 0, "Test"}, {4, 0, "Disabled"},
    {5, 0, "Normal"}, {6, 0, "Platform Disable Wait"}, {7, 0, "Operational state transition"},
    {8, 0, "Invalid CPU plugged in"}, {0x0E, k18, "Halt"},
};
constexpr ValueName kOperationStates[] = {
    {0, 0, "Preboot"}, {1, 0, "M0 with UMA"}, {2, kCsmeAll, "M0, power gated"}, {4, 0, "M3 without UMA"},
    {5, 0, "M0 without UMA"}, {6, 0, "Bring up"}, {7, 0, "M0 without UMA but with error"},
};
constexpr ValueName kErrorCodes[] = {
    {0, 0, "No Error"}, {1, 0, "Uncategorized Failure"}, {2, 0, "Disabled"}, {3, 0, "Image Failure"},
    {4, 0, "Debug Failure"},
};
constexpr ValueName kOperationModes[] = {
    {0, 0, "Normal"},
    {2, 0, "Debug / Alt Disable Mode (HAP or AltMeDisable)"},
    {3, 0, "Soft Temporary Disable"},
    {4, 0, "Security Override via Jumper"},
    {5, 0, "Security Override via MEI Message"},
    {7, k18, "Enhanced Debug"},
    {15, kMe | kCsme, "SPS firmware (Server Platform Services)"},
};
constexpr ValueName kPhases[] = {
    {0, kMe, "ROM Phase"}, {1, kMe, "BUP Phase"}, {2, kMe, "uKernel Phase"}, {3, kMe, "Policy Module"},
    {4, kMe, "Module Loading"}, {5, kMe, "Unknown"}, {6, kMe, "Host Communication"},
};
constexpr ValueName kPmEvents[] = {
    {0, 0, "Clean Moff->Mx wake"}, {1, 0, "Moff->Mx wake after an error"}, {2, 0, "Clean global reset"},
    {3, 0, "Global reset after an error"}, {4, 0, "Clean Intel ME reset"}, {5, 0, "Intel ME reset due to exception"},
    {6, 0, "Pseudo-global reset"}, {7, 0, "S0/M0->Sx/M3"}, {8, 0, "Sx/M3->S0/M0"}, {9, 0, "Non-power cycle reset"},
    {10, 0, "Power cycle reset through M3"}, {11, 0, "Power cycle reset through Moff"}, {12, 0, "Sx/Mx->Sx/Moff"},
};
// fwupd fu-mei.rs numbers the policy 0–3; its older fu-mei-common.h gave "shutdown now" as 0b11.
constexpr ValueName kEnforcement[] = {
    {0, 0, "Do nothing"}, {1, 0, "Shut down after a timeout"}, {2, 0, "Shut down immediately"},
    {3, 0, "Shut down after 30 minutes"},
};

constexpr FieldSpec kFields[] = {
    // ---- HFSTS1 (PCI config 0x40)
    {StatusField::working_state, "working_state", "Current working state", 1, 0, 4, kAll, kWorkingStates, kIntelmetoolFwupd, kHigh},
    {StatusField::manufacturing_mode, "manufacturing_mode", "Manufacturing mode", 1, 4, 1, kMe | kCsme, {}, kManufacturing, kMedium},
    {StatusField::spi_protection_mode, "spi_protection_mode", "SPI protection mode (BIOS may write the descriptor)", 1, 4, 1, k18, {}, kFwupd18, kHigh},
    {StatusField::fpt_bad, "fpt_bad", "Flash partition table bad", 1, 5, 1, kAll, {}, kIntelmetoolFwupd, kHigh},
    {StatusField::operation_state, "operation_state", "Current operation state", 1, 6, 3, kAll, kOperationStates, kIntelmetoolFwupd, kHigh},
    {StatusField::init_complete, "init_complete", "Firmware init complete", 1, 9, 1, kAll, {}, kIntelmetoolFwupd, kHigh},
    {StatusField::bup_load_failure, "bup_load_failure", "Bring-up loader failure", 1, 10, 1, kAll, {}, kIntelmetoolFwupd, kHigh},
    {StatusField::update_in_progress, "update_in_progress", "Update in progress", 1, 11, 1, kAll, {}, kIntelmetoolFwupd, kHigh},
    {StatusField::error_code, "error_code", "Error code", 1, 12, 4, kAll, kErrorCodes, kIntelmetoolFwupd, kHigh},
    {StatusField::operation_mode, "operation_mode", "Current operation mode", 1, 16, 4, kAll, kOperationModes, kMode, kHigh},
    {StatusField::reset_count, "reset_count", "Reset count", 1, 20, 4, kCsmeAll, {}, kFwupd11, kHigh},
    {StatusField::boot_options_present, "boot_options_present", "Boot options present", 1, 24, 1, kAll, {}, kIntelmetoolFwupd, kHigh},
    // ---- HFSTS2 (PCI config 0x48)
    {StatusField::bist_in_progress, "bist_in_progress", "BIST in progress", 2, 0, 1, kMe, {}, kIntelmetool, kHigh},
    {StatusField::nftp_load_failure, "nftp_load_failure", "NFTP load failure", 2, 0, 1, kCsmeAll, {}, kFwupd11, kHigh},
    {StatusField::icc_status, "icc_status", "ICC programming status", 2, 1, 2, kAll, {}, kIntelmetoolFwupd, kHigh},
    {StatusField::invoke_mebx, "invoke_mebx", "Invoke MEBx", 2, 3, 1, kAll, {}, kIntelmetoolFwupd, kHigh},
    {StatusField::cpu_replaced, "cpu_replaced", "CPU replaced", 2, 4, 1, kAll, {}, kIntelmetoolFwupd, kHigh},
    {StatusField::mbp_ready, "mbp_ready", "MBP ready", 2, 5, 1, kMe, {}, kIntelmetool, kHigh},
    {StatusField::mfs_failure, "mfs_failure", "MFS failure", 2, 6, 1, kAll, {}, kIntelmetoolFwupd, kHigh},
    {StatusField::warm_reset_request, "warm_reset_request", "Warm reset requested", 2, 7, 1, kAll, {}, kIntelmetoolFwupd, kHigh},
    {StatusField::cpu_replaced_valid, "cpu_replaced_valid", "CPU replaced valid", 2, 8, 1, kAll, {}, kIntelmetoolFwupd, kHigh},
    {StatusField::progress_state, "progress_state", "Progress phase state", 2, 16, 8, kAll, {}, kIntelmetoolFwupd, kHigh},
    {StatusField::pm_event, "pm_event", "Power management event", 2, 24, 4, kMe, kPmEvents, kIntelmetool, kHigh},
    {StatusField::pm_event, "pm_event", "Power management event", 2, 24, 4, kCsmeAll, kPmEvents, kPmEvent, kMedium},
    {StatusField::phase, "phase", "Progress phase", 2, 28, 4, kAll, kPhases, kIntelmetoolFwupd, kHigh},
    // ---- HFSTS6 (PCI config 0x6C), CSME 11–17: Boot Guard as the ME configured it
    {StatusField::force_boot_guard_acm, "force_boot_guard_acm", "Force Boot Guard ACM", 6, 0, 1, kCsme, {}, kFwupd11, kHigh},
    {StatusField::cpu_debug_disable, "cpu_debug_disable", "CPU debug disabled", 6, 1, 1, kCsme, {}, kFwupd11, kHigh},
    {StatusField::bsp_init_disable, "bsp_init_disable", "BSP init disabled", 6, 2, 1, kCsme, {}, kFwupd11, kHigh},
    {StatusField::protect_bios_environment, "protect_bios_environment", "Protect BIOS environment", 6, 3, 1, kCsme, {}, kFwupd11, kHigh},
    {StatusField::enforcement_policy, "enforcement_policy", "Boot Guard error enforcement policy", 6, 6, 2, kCsme, kEnforcement, kFwupd11, kMedium},
    {StatusField::measured_boot, "measured_boot", "Measured boot", 6, 8, 1, kCsme, {}, kFwupd11, kHigh},
    {StatusField::verified_boot, "verified_boot", "Verified boot", 6, 9, 1, kCsme, {}, kFwupd11, kHigh},
    {StatusField::acm_svn, "acm_svn", "Boot Guard ACM SVN", 6, 10, 4, kCsme, {}, kFwupd11, kHigh},
    {StatusField::key_manifest_svn, "key_manifest_svn", "Key Manifest SVN", 6, 14, 4, kCsme, {}, kFwupd11, kHigh},
    {StatusField::boot_policy_svn, "boot_policy_svn", "Boot Policy Manifest SVN", 6, 18, 4, kCsme, {}, kFwupd11, kHigh},
    {StatusField::key_manifest_id, "key_manifest_id", "Key Manifest id", 6, 22, 4, kCsme, {}, kFwupd11, kHigh},
    {StatusField::boot_guard_error, "boot_guard_error", "Boot Guard error", 6, 27, 1, kCsme, {}, kFwupd11, kHigh},
    {StatusField::boot_guard_disable, "boot_guard_disable", "Boot Guard disabled", 6, 28, 1, kCsme, {}, kFwupd11, kHigh},
    {StatusField::fpf_disable, "fpf_disable", "FPF disabled", 6, 29, 1, kCsme, {}, kFwupd11, kHigh},
    {StatusField::fpf_soc_lock, "fpf_soc_lock", "FPF SoC configuration locked (fuses committed)", 6, 30, 1, kCsme, {}, kFwupd11, kHigh},
    {StatusField::txt_support, "txt_support", "TXT supported", 6, 31, 1, kCsme, {}, kFwupd11, kHigh},
    // ---- HFSTS6, CSME 18+
    {StatusField::manufacturing_lock, "manufacturing_lock", "Manufacturing lock", 6, 21, 1, k18, {}, kFwupd18, kHigh},
    {StatusField::fpf_soc_configuration_lock, "fpf_soc_configuration_lock", "FPF SoC configuration lock", 6, 30, 1, k18, {}, kFwupd18, kHigh},
};

// coreboot util/intelmetool me_status.c: the step names inside the ROM (0), BUP (1), policy (3)
// and host communication (6) phases of ME 6–10.
struct PhaseState {
    uint8_t phase, state;
    const char* name;
};
constexpr PhaseState kPhaseStates[] = {
    {0, 0x00, "BEGIN"}, {0, 0x06, "DISABLE"},
    {1, 0x00, "Initialization starts"}, {1, 0x01, "Disable the host wake event"},
    {1, 0x04, "Flow determination start process"}, {1, 0x08, "Error reading/matching the VSCC table in the descriptor"},
    {1, 0x0a, "Check to see if straps say ME DISABLED"}, {1, 0x0b, "Timeout waiting for PWROK"},
    {1, 0x0d, "Possibly handle BUP manufacturing override strap"}, {1, 0x11, "Bringup in M3"},
    {1, 0x12, "Bringup in M0"}, {1, 0x13, "Flow detection error"}, {1, 0x15, "M3 clock switching error"},
    {1, 0x18, "M3 kernel load"}, {1, 0x1c, "T34 missing - cannot program ICC"},
    {1, 0x1f, "Waiting for DID BIOS message"}, {1, 0x20, "Waiting for DID BIOS message failure"},
    {1, 0x21, "DID reported an error"}, {1, 0x22, "Enabling UMA"}, {1, 0x23, "Enabling UMA error"},
    {1, 0x24, "Sending DID Ack to BIOS"}, {1, 0x25, "Sending DID Ack to BIOS error"},
    {1, 0x26, "Switching clocks in M0"}, {1, 0x27, "Switching clocks in M0 error"}, {1, 0x28, "ME in temp disable"},
    {1, 0x32, "M0 kernel load"},
    {3, 0x00, "Entry into Policy Module"}, {3, 0x03, "Received S3 entry"}, {3, 0x04, "Received S4 entry"},
    {3, 0x05, "Received S5 entry"}, {3, 0x06, "Received UPD entry"}, {3, 0x07, "Received PCR entry"},
    {3, 0x08, "Received NPCR entry"}, {3, 0x09, "Received host wake"}, {3, 0x0a, "Received AC<>DC switch"},
    {3, 0x0b, "Received DRAM Init Done"}, {3, 0x0c, "VSCC Data not found for flash device"},
    {3, 0x0d, "VSCC Table is not valid"}, {3, 0x0e, "Flash Partition Boundary is outside address space"},
    {3, 0x0f, "ME cannot access the chipset descriptor region"},
    {3, 0x10, "Required VSCC values for flash parts do not match"},
    {6, 0x00, "Host communication established"},
};

}  // namespace

std::span<const FieldSpec> status_fields() { return kFields; }

const FieldSpec* find_status_field(StatusField field, StatusLayout layout) {
    for (const FieldSpec& f : kFields) {
        if (f.field == field && (f.layouts & layout_bit(layout))) return &f;
    }
    return nullptr;
}

uint32_t field_bits(const FieldSpec& spec, uint32_t reg) {
    uint32_t mask = spec.width >= 32 ? 0xFFFFFFFFu : (1u << spec.width) - 1;
    return (reg >> spec.low_bit) & mask;
}

const char* value_name(const FieldSpec& spec, uint32_t value, StatusLayout layout) {
    for (const ValueName& v : spec.names) {
        if (v.value == value && (v.layouts == 0 || (v.layouts & layout_bit(layout)))) return v.name;
    }
    return nullptr;
}

const char* phase_state_name(uint32_t phase, uint32_t state) {
    for (const PhaseState& s : kPhaseStates) {
        if (s.phase == phase && s.state == state) return s.name;
    }
    return nullptr;
}

}  // namespace meclean
