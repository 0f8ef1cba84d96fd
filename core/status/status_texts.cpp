#include "status/status_texts.hpp"

#include "base/text.hpp"

namespace meclean::status_texts {
namespace {

std::string meaning(const StatusReport& r, StatusField field) {
    const DecodedField* f = find_decoded(r.registers, field);
    return f ? f->meaning : "unknown";
}

// "working state Recovery, error code Image Failure, operation mode Normal"
std::string summary(const StatusReport& r) {
    return "working state " + meaning(r, StatusField::working_state) + ", error code " + meaning(r, StatusField::error_code) +
           ", operation mode " + meaning(r, StatusField::operation_mode);
}

const char* kPowerCycle =
    "Read the chip back and compare it with the file you meant to write (vendor tools often skip the ME region, and a "
    "locked descriptor refuses host writes), then power the machine off completely — unplug it, and remove the battery "
    "if you can — so the ME starts again from the flash.";

Headline boot_guard_headline(const BootGuardRuntime& bg) {
    switch (bg.state) {
        case BootGuardState::not_capable:
            return {State::ok, "Boot Guard is not active on this CPU", "The CPU reports no Boot Guard capability (" + bg.basis + ").",
                    "Boot Guard will not stop a modified BIOS here; the ME change is judged on its own."};
        case BootGuardState::capable_off:
            return {State::ok, "Boot Guard is possible but neither verified nor measured boot is on",
                    "The platform supports Boot Guard, but its policy enables neither verification nor measurement (" + bg.basis + ").",
                    "Boot Guard will not stop a modified image."};
        case BootGuardState::measured_only:
            return {State::info, "Boot Guard measures the boot but does not verify it",
                    "Measured boot only (" + bg.basis + "): a modified BIOS still starts; TPM measurements change.",
                    "Expect sealed secrets (e.g. a TPM-bound disk key) to need re-enrolling after a BIOS change."};
        case BootGuardState::verified:
            return {State::warn, "Boot Guard verified boot is on",
                    "The CPU checks the initial boot block against the vendor's key (" + bg.basis +
                        "). A changed IBB will not boot; the ME region is not part of the IBB, but the ME takes part "
                        "in Boot Guard at every start.",
                    "Prefer -s (soft-disable only): the me_cleaner wiki says -s should work with Boot Guard, removing "
                    "code may not. Keep an external programmer ready."};
        case BootGuardState::unknown: break;
    }
    return {State::info, "Boot Guard state unknown",
            "Older intelmetool versions print Boot Guard in words that misread some MSR values.",
            "Run a current intelmetool -b, or “sudo rdmsr 0x13a” (package msr-tools), and paste its output."};
}

}  // namespace

Headline headline(const StatusReport& r) {
    switch (r.verdict) {
        case StatusVerdict::running_normally:
            return {State::warn, "The ME is running normally: the change did not take effect",
                    "The ME reports " + summary(r) + " — stock firmware at work.", kPowerCycle};
        case StatusVerdict::neutralised_by_cleaning:
            return {State::ok, "The ME is neutralised: it stopped after bring-up (cleaned firmware)",
                    "The ME reports " + summary(r) +
                        ". Its bring-up code ran and found the rest of its firmware missing, which is what removing "
                        "partitions and modules does (the me_cleaner wiki's “no options” column).",
                    "Nothing to do. If the machine powers off after a while or a device is missing, see the advice "
                    "for your platform, or try -S or -s."};
        case StatusVerdict::hap_in_effect:
            return {State::ok, "HAP/AltMeDisable is in effect: the ME stopped itself after bring-up",
                    "The ME reports " + summary(r) +
                        ". Operation mode 2 is the state the HAP bit (ME 11 and later) or the AltMeDisable bit (ME 6–10) "
                        "asks for; intelmetool calls it “Debug”, MEInfo “Alt Disable Mode”.",
                    "Nothing to do: this is the intended result of -S or -s."};
        case StatusVerdict::soft_disabled:
            return {State::info, "The ME is soft-disabled (Soft Temporary Disable)",
                    "The ME reports " + summary(r) +
                        ". Mode 3 is set by a message from the BIOS or a tool (a setup option such as “ME disabled”), not "
                        "by the flash image; it lasts only while that setting stays.",
                    "If you flashed a cleaned image, check that it was written and power-cycle; a BIOS setting is not "
                    "what me_cleaner does."};
        case StatusVerdict::shutdown_pending:
            return {State::fail, "The ME failed to start: expect the machine to power off after about 30 minutes",
                    "The ME reports " + summary(r) +
                        ". Platform Disable Wait means its bring-up code did not accept the firmware; the me_cleaner wiki "
                        "says a working result shows anything but this state.",
                    "Flash your original dump back, then clean again with other options (-S, or keep partitions with "
                    "-w); the advice for your platform may name what helped others."};
        case StatusVerdict::security_override:
            return {State::warn, "The ME runs in Security Override mode",
                    "The ME reports " + summary(r) +
                        ". Modes 4 and 5 are the descriptor's security override (a jumper or strap, or a message): a "
                        "service mode with the flash protections off, not a disabled ME.",
                    "Remove the jumper or strap when you are done; this does not tell whether cleaning worked."};
        case StatusVerdict::sps_firmware:
            return {State::info, "This is server firmware (SPS), not ME",
                    "Operation mode 15 marks Intel Server Platform Services firmware (Linux hw-me-regs.h); its "
                    "status words do not follow the desktop outcomes.",
                    "Compare with the same board's output before cleaning."};
        case StatusVerdict::registers_unreadable:
            return {State::info, "The status registers read as all zeros or all ones",
                    "No ME reports that: the wrong function was read (HECI #2 at 00:16.1 instead of #1 at 00:16.0, as in "
                    "me_cleaner issue #3), or the device is powered down or hidden.",
                    "Read HECI #1: “sudo lspci -vvv -xxx -s 00:16.0”, or cat /sys/class/mei/mei0/fw_status."};
        case StatusVerdict::no_device:
            return {State::info, "No MEI device: consistent with HAP, but not proof",
                    "On most platforms the firmware hides the MEI (HECI) device when the ME runs in HAP/AltMeDisable mode "
                    "(me_cleaner issue #331: a ThinkPad T480 with HAP). The same happens when the device is disabled in "
                    "the BIOS setup, when Linux has no mei_me driver loaded, or when intelmetool does not know the "
                    "chipset (me_cleaner issue #200).",
                    "Check “lspci -nn | grep -i -e heci -e mei” and “lsmod | grep mei”; dump the flash and run "
                    "“meclean -c” on it to see whether the HAP/AltMeDisable bit is set."};
        case StatusVerdict::boot_guard_only:
            return boot_guard_headline(*r.boot_guard);
        case StatusVerdict::other:
            return {State::warn, "The ME is in a state with no known outcome",
                    "The ME reports " + summary(r) +
                        ": none of running normally, cleaned, HAP/AltMeDisable, soft-disabled or shutdown pending.",
                    "Compare with the me_cleaner wiki's table (“Get the status of Intel ME”) and with the output from "
                    "before you flashed; the fields below name their sources."};
        case StatusVerdict::refused: break;
    }
    return {State::fail, "The input could not be read", r.error ? r.error->what : "", "Paste the whole output of one tool."};
}

CheckLine input_line(const StatusReport& r) {
    std::string formats;
    for (PasteFormat f : r.formats) formats += std::string(formats.empty() ? "" : ", ") + paste_format_name(f);
    std::string device = r.device_id ? "; MEI device 8086:" + hex_digits(*r.device_id, 4) +
                                           (r.device_name.empty() ? "" : " (" + r.device_name + ")")
                                     : "";
    return {"input", State::info, "Read: " + (formats.empty() ? std::string("no paste") : formats) + device,
            r.firmware_version ? "Firmware " + version_text(*r.firmware_version) + " named in the input." : "",
            std::nullopt};
}

CheckLine layout_line(const StatusReport& r) {
    if (!r.layout.layout) {
        return {"layout", State::warn, "Which ME generation is this?",
                "Nothing says which register layout applies (" + r.layout.why +
                    "). The verdict stands; fields that differ between ME 6–10, CSME 11–17 and CSME 18+ are left out "
                    "until you choose one (meclean status --generation, or open your image).",
                std::nullopt};
    }
    return {"layout", State::info, std::string("Register layout: ") + status_layout_name(*r.layout.layout), r.layout.why,
            std::nullopt};
}

CheckLine boot_guard_line(const BootGuardRuntime& bg) {
    Headline h = boot_guard_headline(bg);
    std::string detail = h.detail + (bg.msr ? " MSR 0x13A = " + hex(*bg.msr) + "." : "") + " " + h.next;
    return {"boot_guard", h.state, h.title, detail, std::nullopt};
}

CheckLine mode_2_trap() {
    return {"trap_mode_2", State::info, "“Debug” here means HAP/AltMeDisable, not a debug ME",
            "intelmetool and fwupd print operation mode 2 as “Debug”; Intel's MEInfo prints the same value as “Alt "
            "Disable Mode” (me_cleaner issue #53). It is the disabled state, and what -S/-s aims for.",
            std::nullopt};
}

CheckLine unnamed_mode_trap(uint32_t mode) {
    return {"trap_unnamed_mode", State::info, "intelmetool has no name for operation mode " + decimal(mode),
            "Its table names modes 0–5 only, so for " + decimal(mode) +
                " it prints an unrelated label (me_cleaner issue #92 shows “M0 without UMA but with error” for SPS "
                "firmware's mode 15). Trust the number.",
            std::nullopt};
}

CheckLine bit_4_trap() {
    return {"trap_bit_4", State::info, "HFSTS1 bit 4 changed meaning at CSME 16",
            "Up to CSME 15 it is “manufacturing mode”; fwupd notes that CSME 16 and later use it for “BIOS may write the "
            "flash descriptor”. Read it by your firmware's version.",
            std::nullopt};
}

}  // namespace meclean::status_texts
