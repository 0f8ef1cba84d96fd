// What a person can hand meclean after flashing: the ME's firmware status words, as the Linux
// driver, intelmetool, Intel's MEInfo or lspci print them, and what the paste says besides
// (the MEI device, the firmware version, the Boot Guard MSR). The parser (paste_parser.hpp)
// turns text into these facts; decode_status (status.hpp) judges them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meclean {

// The HFSTS layouts that differ between generations (status_fields.cpp names the sources).
enum class StatusLayout { me_6_10, csme_11_17, csme_18_plus };
const char* status_layout_id(StatusLayout layout);    // "me6-10", "csme11-17", "csme18+"
const char* status_layout_name(StatusLayout layout);  // "ME 6–10 / TXE 1–2", ...
std::optional<StatusLayout> status_layout_from_id(std::string_view id);
// The layout a firmware major version uses (ME 1–10 and TXE 1–2 → me6-10, 11–17 → csme11-17).
StatusLayout status_layout_for_major(unsigned major);

// What kind of text a paste held (several kinds may appear in one paste).
enum class PasteFormat {
    fw_status_words,        // /sys/class/mei/mei0/fw_status, or words typed by hand
    intelmetool_me,         // intelmetool -m
    intelmetool_bootguard,  // intelmetool -b
    meinfo,                 // MEInfo -fwsts
    coreboot_log,           // coreboot's console (cbmem -1): "ME: HFSTS1 : 0x..."
    lspci,                  // lspci -vvv -xxx of the MEI device
    msr_value,              // rdmsr 0x13a
    no_device_message,      // intelmetool's "Can't find ME PCI device"
};
const char* paste_format_id(PasteFormat format);
const char* paste_format_name(PasteFormat format);  // "intelmetool -m", for people

// HFSTS1..HFSTS6 as far as they are known.
struct StatusWords {
    std::array<std::optional<uint32_t>, 6> hfsts{};
    size_t known() const;
};

// Older intelmetool versions print the Boot Guard mode in words only.
enum class BootGuardWords { none, not_ready, disabled, measured, verified, verified_and_measured };

struct PasteFacts {
    std::vector<PasteFormat> formats;  // in the order first seen
    StatusWords words;
    std::optional<uint64_t> boot_guard_msr;        // MSR 0x13A (BOOT_GUARD_SACM_INFO)
    BootGuardWords boot_guard_words = BootGuardWords::none;
    std::optional<uint16_t> device_id;             // the MEI device's PCI device id (vendor 8086)
    std::optional<std::array<uint16_t, 4>> firmware_version;  // the running firmware's version
    std::optional<unsigned> meinfo_major;          // MEInfo's own major version (it matches the firmware's)
    bool no_device = false;                        // the paste says there is no MEI device
    void add_format(PasteFormat format);
};

// Why a paste was refused: a sentence naming what was wrong, and where.
struct PasteError {
    std::string what;
    unsigned line = 0;    // 1-based; 0 = the paste as a whole
    unsigned column = 0;  // 1-based; 0 = the whole line
    std::optional<unsigned> word;  // 1-based index of a status word
    std::string where() const;     // "line 3, column 12 (word 2)", or "" for the whole paste
};

}  // namespace meclean
