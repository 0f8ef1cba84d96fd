// "Did it work?": decode_status() judges what a person pasted after flashing (status.hpp is the
// interface; status_json.hpp writes the result). The engine decides the verdict and the words;
// the CLI (meclean status) and the page render the same StatusReport.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/verdict.hpp"
#include "status/status_decode.hpp"
#include "status/status_input.hpp"

namespace meclean {

// The known outcomes, by stable name (status_verdict_id).
enum class StatusVerdict {
    refused,                  // the input could not be read (StatusReport::error)
    running_normally,         // stock firmware at work: the change did not take effect
    neutralised_by_cleaning,  // Image Failure after bring-up: the firmware was cut down
    hap_in_effect,            // operation mode 2: HAP / AltMeDisable
    soft_disabled,            // operation mode 3: disabled by a message, not by the image
    shutdown_pending,         // Platform Disable Wait: the 30-minute shutdown is coming
    security_override,        // operation mode 4/5: descriptor security override
    sps_firmware,             // operation mode 15: server firmware
    registers_unreadable,     // all zeros or all ones
    no_device,                // no MEI device at all
    boot_guard_only,          // only the Boot Guard state was given
    other,                    // none of the above, said plainly
};
const char* status_verdict_id(StatusVerdict verdict);

// Where the generation (and so the register layout) came from, in order of precedence.
enum class LayoutBasis { user, image, firmware_version, meinfo_version, device_id, word_count, unknown };
const char* layout_basis_id(LayoutBasis basis);

// What is known besides the paste.
struct StatusHints {
    std::optional<StatusLayout> chosen;                      // the person's answer to "which generation?"
    std::optional<std::array<uint16_t, 4>> image_version;    // the firmware in an image the person opened
    bool image_is_txe = false;
    std::optional<std::array<uint16_t, 4>> running_version;  // /sys/class/mei/mei0/fw_ver
    std::optional<uint16_t> device_id;                       // /sys/class/mei/mei0/device/device
};

struct StatusRequest {
    std::string_view text;   // the paste (may be empty when no_device is set)
    bool no_device = false;  // the person says, or the system shows, that there is no MEI device
    StatusHints hints;
};

struct LayoutDecision {
    std::optional<StatusLayout> layout;
    LayoutBasis basis = LayoutBasis::unknown;
    std::string why;  // "firmware 11.8.50.3425 in the paste"
};

// Boot Guard as the running machine reports it (the CPU's MSR 0x13A, or the ME's HFSTS6).
enum class BootGuardState { unknown, not_capable, capable_off, measured_only, verified };
const char* boot_guard_state_id(BootGuardState state);

struct BootGuardRuntime {
    BootGuardState state = BootGuardState::unknown;
    std::optional<uint64_t> msr;  // MSR 0x13A as pasted
    std::optional<bool> verified, measured, facb, nem, revoked, tpm_success;
    std::optional<unsigned> tpm_type;  // 0 none, 1 TPM 1.2, 2 TPM 2.0, 3 PTT
    std::string basis;                 // "MSR 0x13A", "HFSTS6", "intelmetool -b (words only)"
};

struct StatusReport {
    StatusVerdict verdict = StatusVerdict::refused;
    std::optional<PasteError> error;  // set with verdict refused
    Headline headline;
    std::vector<CheckLine> lines;
    std::vector<PasteFormat> formats;
    LayoutDecision layout;
    bool generation_needed = false;   // ask which generation to decode the rest
    std::optional<uint16_t> device_id;
    std::string device_name;
    std::optional<std::array<uint16_t, 4>> firmware_version;
    std::vector<DecodedRegister> registers;
    std::optional<BootGuardRuntime> boot_guard;
};

StatusReport decode_status(const StatusRequest& request);

// Layout, Boot Guard and verdict, each from the parsed facts (status_layout.cpp,
// status_boot_guard.cpp, status_verdict.cpp).
LayoutDecision choose_layout(const PasteFacts& facts, const StatusHints& hints);
std::optional<BootGuardRuntime> boot_guard_runtime(const PasteFacts& facts, const std::vector<DecodedRegister>& registers);
void judge_status(StatusReport& report, const PasteFacts& facts);

}  // namespace meclean
