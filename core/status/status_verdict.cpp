// The verdict: which known outcome the status words match, said in words, with the traps named.
// The outcomes and what each looks like come from the me_cleaner wiki page "Get the status of
// Intel ME" and from the captures cited in tests/status/fixtures; the decision uses HFSTS1 only,
// whose working state, error code and operation mode sit at the same bits in every layout.
#include <algorithm>

#include "base/text.hpp"
#include "status/status.hpp"
#include "status/status_texts.hpp"

namespace meclean {
namespace {

struct Hfsts1 {
    uint32_t working_state, error_code, operation_mode;
    explicit Hfsts1(uint32_t v) : working_state(v & 0xF), error_code((v >> 12) & 0xF), operation_mode((v >> 16) & 0xF) {}
};

constexpr uint32_t kRecovery = 2, kNormal = 5, kPlatformDisableWait = 6;
constexpr uint32_t kImageFailure = 3;
constexpr uint32_t kModeNormal = 0, kModeAltDisable = 2, kModeSoftDisable = 3, kModeOverrideJumper = 4,
                   kModeOverrideMei = 5, kModeSps = 15;

StatusVerdict verdict_of(uint32_t hfsts1) {
    if (hfsts1 == 0 || hfsts1 == 0xFFFFFFFFu) return StatusVerdict::registers_unreadable;
    Hfsts1 h(hfsts1);
    if (h.operation_mode == kModeSps) return StatusVerdict::sps_firmware;
    if (h.operation_mode == kModeAltDisable) return StatusVerdict::hap_in_effect;
    if (h.operation_mode == kModeSoftDisable) return StatusVerdict::soft_disabled;
    if (h.operation_mode == kModeOverrideJumper || h.operation_mode == kModeOverrideMei) return StatusVerdict::security_override;
    if (h.working_state == kPlatformDisableWait) return StatusVerdict::shutdown_pending;
    if (h.error_code == kImageFailure) return StatusVerdict::neutralised_by_cleaning;
    if (h.working_state == kNormal && h.error_code == 0 && h.operation_mode == kModeNormal) return StatusVerdict::running_normally;
    return StatusVerdict::other;
}

std::string field_text(const StatusReport& r, StatusField field) {
    const DecodedField* f = find_decoded(r.registers, field);
    return f ? std::string(f->spec->label) + " " + f->meaning : "";
}

std::string bit_range(const FieldSpec& s) {
    unsigned high = s.low_bit + s.width - 1u;
    return high == s.low_bit ? "bit " + decimal(high) : "bits " + decimal(high) + ":" + decimal(s.low_bit);
}

// The key HFSTS1/HFSTS2 fields, one line each, for the checklist.
void add_field_lines(StatusReport& r) {
    for (StatusField field : {StatusField::working_state, StatusField::error_code, StatusField::operation_mode,
                              StatusField::init_complete, StatusField::phase, StatusField::progress_state}) {
        const DecodedField* f = find_decoded(r.registers, field);
        if (!f) continue;
        r.lines.push_back({f->spec->key, State::info, std::string(f->spec->label) + ": " + f->meaning,
                           std::string("HFSTS") + decimal(f->spec->reg) + " " + bit_range(*f->spec) + " = " + decimal(f->value) +
                               " (" + f->spec->source + ")",
                           std::nullopt});
    }
    if (const DecodedField* fpt = find_decoded(r.registers, StatusField::fpt_bad); fpt && fpt->value) {
        r.lines.push_back({"fpt_bad", State::warn, "The ME reports its flash partition table as bad",
                           "HFSTS1 bit 5: the firmware could not read its own partition table.", std::nullopt});
    }
}

// me_cleaner's wiki table for ME 6–10 (intelmetool lines): cleaned → BUP Phase, "M0 kernel load";
// with -S/-s → BUP Phase, "straps say ME DISABLED". A mismatch is worth knowing, not alarming:
// me_cleaner issue #170 shows state 0x4d with HAP and the maintainer called it fine.
void add_wiki_line(StatusReport& r) {
    if (r.layout.layout != StatusLayout::me_6_10 || !r.registers.size() || !find_decoded(r.registers, StatusField::phase)) return;
    uint32_t phase = find_decoded(r.registers, StatusField::phase)->value;
    uint32_t state = find_decoded(r.registers, StatusField::progress_state)->value;
    uint32_t expected = r.verdict == StatusVerdict::neutralised_by_cleaning ? 0x32 : r.verdict == StatusVerdict::hap_in_effect ? 0x0a : 0;
    if (!expected) return;
    bool match = phase == 1 && state == expected;
    r.lines.push_back({"wiki_table", match ? State::ok : State::info,
                       match ? "Matches the me_cleaner wiki's table for this outcome"
                             : "Differs from the me_cleaner wiki's table in the phase state",
                       std::string("The wiki expects BUP Phase, “") + phase_state_name(1, expected) + "”; this ME shows " +
                           field_text(r, StatusField::phase) + ", " + field_text(r, StatusField::progress_state) + ".",
                       std::nullopt});
}

void add_trap_lines(StatusReport& r, const PasteFacts& facts) {
    if (r.registers.empty()) return;
    Hfsts1 h(r.registers.front().value);
    if (h.operation_mode == kModeAltDisable) r.lines.push_back(status_texts::mode_2_trap());
    bool intelmetool = std::find(facts.formats.begin(), facts.formats.end(), PasteFormat::intelmetool_me) != facts.formats.end();
    if (intelmetool && h.operation_mode > kModeOverrideMei) r.lines.push_back(status_texts::unnamed_mode_trap(h.operation_mode));
    const DecodedField* mfg = find_decoded(r.registers, StatusField::manufacturing_mode);
    if (mfg && mfg->value && r.layout.layout == StatusLayout::csme_11_17) r.lines.push_back(status_texts::bit_4_trap());
}

}  // namespace

const char* status_verdict_id(StatusVerdict verdict) {
    switch (verdict) {
        case StatusVerdict::refused: return "refused";
        case StatusVerdict::running_normally: return "running_normally";
        case StatusVerdict::neutralised_by_cleaning: return "neutralised_by_cleaning";
        case StatusVerdict::hap_in_effect: return "hap_in_effect";
        case StatusVerdict::soft_disabled: return "soft_disabled";
        case StatusVerdict::shutdown_pending: return "shutdown_pending";
        case StatusVerdict::security_override: return "security_override";
        case StatusVerdict::sps_firmware: return "sps_firmware";
        case StatusVerdict::registers_unreadable: return "registers_unreadable";
        case StatusVerdict::no_device: return "no_device";
        case StatusVerdict::boot_guard_only: return "boot_guard_only";
        case StatusVerdict::other: return "other";
    }
    return "other";
}

void judge_status(StatusReport& r, const PasteFacts& facts) {
    r.lines.push_back(status_texts::input_line(r));
    if (facts.no_device) {
        r.verdict = StatusVerdict::no_device;
    } else if (!facts.words.hfsts[0]) {
        r.verdict = r.boot_guard ? StatusVerdict::boot_guard_only : StatusVerdict::other;
    } else {
        r.verdict = verdict_of(*facts.words.hfsts[0]);
        r.lines.push_back(status_texts::layout_line(r));
        add_field_lines(r);
        add_wiki_line(r);
        add_trap_lines(r, facts);
    }
    r.headline = status_texts::headline(r);
    if (r.boot_guard) r.lines.push_back(status_texts::boot_guard_line(*r.boot_guard));
}

}  // namespace meclean
