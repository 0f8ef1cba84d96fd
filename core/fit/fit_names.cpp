#include "fit/fit.hpp"

namespace meclean {

const char* fit_entry_type_id(FitEntryType type) {
    switch (type) {
        case FitEntryType::header: return "header";
        case FitEntryType::microcode: return "microcode";
        case FitEntryType::startup_acm: return "startup_acm";
        case FitEntryType::diagnostic_acm: return "diagnostic_acm";
        case FitEntryType::bios_startup_module: return "bios_startup_module";
        case FitEntryType::tpm_policy: return "tpm_policy";
        case FitEntryType::bios_policy: return "bios_policy";
        case FitEntryType::txt_policy: return "txt_policy";
        case FitEntryType::key_manifest: return "key_manifest";
        case FitEntryType::boot_policy_manifest: return "boot_policy_manifest";
        case FitEntryType::cse_secure_boot: return "cse_secure_boot";
        case FitEntryType::feature_policy: return "feature_policy";
        case FitEntryType::jmp_debug_policy: return "jmp_debug_policy";
        case FitEntryType::skip: return "skip";
        case FitEntryType::unknown: return "unknown";
    }
    return "unknown";
}

const char* fit_entry_type_name(FitEntryType type) {
    switch (type) {
        case FitEntryType::header: return "FIT header";
        case FitEntryType::microcode: return "Microcode update";
        case FitEntryType::startup_acm: return "Startup ACM";
        case FitEntryType::diagnostic_acm: return "Diagnostic ACM";
        case FitEntryType::bios_startup_module: return "BIOS startup module";
        case FitEntryType::tpm_policy: return "TPM policy record";
        case FitEntryType::bios_policy: return "BIOS policy record";
        case FitEntryType::txt_policy: return "TXT policy record";
        case FitEntryType::key_manifest: return "Key Manifest";
        case FitEntryType::boot_policy_manifest: return "Boot Policy Manifest";
        case FitEntryType::cse_secure_boot: return "CSE secure boot record";
        case FitEntryType::feature_policy: return "Feature policy delivery record";
        case FitEntryType::jmp_debug_policy: return "JMP$ debug policy";
        case FitEntryType::skip: return "Unused (skip) entry";
        case FitEntryType::unknown: return "Unknown entry type";
    }
    return "Unknown entry type";
}

const char* manifest_generation_id(ManifestGeneration generation) {
    switch (generation) {
        case ManifestGeneration::boot_guard_1: return "bg1";
        case ManifestGeneration::cbnt: return "cbnt";
        case ManifestGeneration::unknown: return "unknown";
    }
    return "unknown";
}

const char* boot_guard_provisioning_id(BootGuardProvisioning provisioning) {
    switch (provisioning) {
        case BootGuardProvisioning::none: return "none";
        case BootGuardProvisioning::key_manifest_only: return "key_manifest_only";
        case BootGuardProvisioning::boot_policy_only: return "boot_policy_only";
        case BootGuardProvisioning::both: return "both";
    }
    return "none";
}

}  // namespace meclean
