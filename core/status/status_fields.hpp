// The fields of the firmware status registers (HFSTS1, HFSTS2, HFSTS6) by layout, as data:
// where each field sits, what its values mean, and which public source says so (like the HAP
// table, ifd/hap_table.cpp). decode_registers (status_decode.hpp) reads registers through it.
#pragma once

#include <cstdint>
#include <span>

#include "base/source_confidence.hpp"
#include "status/status_input.hpp"

namespace meclean {

enum class StatusField : uint8_t {
    // HFSTS1
    working_state, manufacturing_mode, spi_protection_mode, fpt_bad, operation_state, init_complete,
    bup_load_failure, update_in_progress, error_code, operation_mode, reset_count, boot_options_present,
    // HFSTS2
    nftp_load_failure, bist_in_progress, icc_status, invoke_mebx, cpu_replaced, mbp_ready, mfs_failure,
    warm_reset_request, cpu_replaced_valid, progress_state, pm_event, phase,
    // HFSTS6, CSME 11–17: the Boot Guard configuration the ME hands the CPU
    force_boot_guard_acm, cpu_debug_disable, bsp_init_disable, protect_bios_environment, enforcement_policy,
    measured_boot, verified_boot, acm_svn, key_manifest_svn, boot_policy_svn, key_manifest_id, boot_guard_error,
    boot_guard_disable, fpf_disable, fpf_soc_lock, txt_support,
    // HFSTS6, CSME 18+
    manufacturing_lock, fpf_soc_configuration_lock,
};

// A name for one value. `layouts` is a mask of (1 << StatusLayout); 0 = every layout.
struct ValueName {
    uint8_t value;
    uint8_t layouts;
    const char* name;
};

struct FieldSpec {
    StatusField field;
    const char* key;    // stable JSON key: "working_state"
    const char* label;  // "Current working state"
    uint8_t reg;        // 1..6: HFSTSn
    uint8_t low_bit;
    uint8_t width;
    uint8_t layouts;    // mask of (1 << StatusLayout)
    std::span<const ValueName> names;  // empty: a flag (width 1) or a plain number
    const char* source;
    SourceConfidence confidence;
};

constexpr uint8_t layout_bit(StatusLayout layout) { return uint8_t(1u << unsigned(layout)); }

std::span<const FieldSpec> status_fields();
// The field's row for this layout; null when the layout has no such field.
const FieldSpec* find_status_field(StatusField field, StatusLayout layout);
uint32_t field_bits(const FieldSpec& spec, uint32_t reg);
// The value's name for this layout, or null.
const char* value_name(const FieldSpec& spec, uint32_t value, StatusLayout layout);
// ME 6–10: HFSTS2[23:16] is a step inside the phase HFSTS2[31:28] (intelmetool's tables); null when unnamed.
const char* phase_state_name(uint32_t phase, uint32_t state);

}  // namespace meclean
