// The verdict at the top of the report: what the file is, whether it can be cleaned, and what to
// do next. It is written from the same facts the presets were decided on, so it never offers what
// the presets refuse.
#include "report/headline.hpp"

#include "base/text.hpp"

namespace meclean {
namespace {

const Preset* find(const std::vector<Preset>& presets, const std::string& id) {
    for (const Preset& p : presets) {
        if (p.id == id) return &p;
    }
    return nullptr;
}

std::string next_step(const std::vector<Preset>& presets, const std::optional<std::string>& chosen) {
    if (!chosen) return "Nothing can be changed in this image; the checks below say what it holds.";
    const Preset* p = find(presets, *chosen);
    return "“" + p->label + "” is selected: look at what it changes, then clean.";
}

std::string firmware_words(const Analysis& a) {
    if (!a.me) return {};
    return " with ME/TXE firmware " + version_text(a.me->manifest.version);
}

Headline cse_headline(const Analysis& a, const std::vector<Preset>& presets, const HapOffer& hap,
                      const std::optional<std::string>& chosen) {
    const CseFirmware& c = *a.cse;
    std::string what = std::string(cse_name(c)) + " " + (c.version.empty() ? "(version unknown)" : c.version);
    std::string facts = c.layout;
    if (!c.build_target.empty()) facts = c.build_target + " · " + facts;
    if (c.manifest) {
        const SignatureCheck& s = c.manifest->signature;
        facts += std::string(" · FTPR signature ") + (s.strict_valid || s.me_cleaner_valid ? "valid" : "NOT valid") +
                 " (" + s.scheme + ")";
    }
    Headline h{State::warn, what + " — me_cleaner cannot clean this", facts + ".", ""};
    const Preset* hap_preset = find(presets, "hap");
    if (!hap.offered) {
        h.title = what + " — meclean can check this image, but not clean or disable it";
        h.detail += " " + hap.why_not;
        h.next = next_step(presets, chosen);
    } else if (hap_preset && !hap_preset->refusal) {
        h.title += "; meclean can set its HAP bit";
        h.detail += " Removing partitions or modules is not possible on CSME 12 and later; setting the HAP bit is.";
        h.next = next_step(presets, chosen);
    } else if (hap_preset) {
        h.detail += " Removing partitions or modules is not possible on CSME 12 and later.";
        h.next = hap_preset->refusal->words;
    }
    return h;
}

}  // namespace

Headline headline(const Analysis& a, const std::vector<Preset>& presets, const HapOffer& hap,
                  const std::optional<std::string>& chosen) {
    if (a.cse) return cse_headline(a, presets, hap, chosen);
    if (a.problem && a.triage) {
        const Triage& t = *a.triage;
        if (t.embedded) {
            return {State::warn, "Not a plain flash dump, but there is one inside", t.what + " " + t.advice,
                    "Work on the flash image inside (" + hex(t.embedded->offset) + ", " + size_text(t.embedded->length) +
                        ")."};
        }
        return {State::fail, "This is not a flash dump meclean can clean", t.what, t.advice};
    }
    if (a.problem) {
        const Problem& p = *a.problem;
        return {State::fail, "meclean cannot clean this file", p.detail.empty() ? p.message : p.message + ". " + p.detail,
                p.words};
    }
    std::string what = a.kind == ImageKind::full ? "A full flash image" : "A bare ME/TXE region";
    if (a.me && a.me->traces.only_ftpr_listed) {
        const Preset* soft = find(presets, "soft");
        bool soft_changes = soft && !soft->refusal && soft->edits;
        return {State::warn, what + firmware_words(a) + " that was cleaned before",
                "Its partition table lists FTPR alone: me_cleaner (or meclean) has already removed the rest." +
                    std::string(soft && !soft->refusal && !soft_changes ? " Its disable bit is set too." : ""),
                soft_changes ? "Clean your original dump instead. On this image only “Soft-disable only” can still be applied."
                             : "There is nothing left to change here; to clean again, start from your original dump."};
    }
    bool any_change = false, any_available = false;
    for (const Preset& p : presets) {
        any_change = any_change || (!p.refusal && p.edits);
        any_available = any_available || (!p.refusal && p.id != "advanced");
    }
    if (any_available && !any_change) {
        return {State::ok, what + firmware_words(a) + ": the ME is already disabled, nothing to change",
                a.me_region_disabled ? "The descriptor has no ME region left, and the disable bits are set."
                                     : "Every option would leave this image exactly as it is.",
                "Keep this image as it is; there is nothing to write."};
    }
    if (a.me && a.generation != 1 && !a.me->manifest.signature.me_cleaner_valid) {
        return {State::fail, what + firmware_words(a) + ", but its signature does not verify",
                "The firmware was modified or is corrupt: a cleaned image would be refused by the ME.",
                "Read the chip again and compare the reads; use the vendor's firmware only as a last resort."};
    }
    for (const Finding& f : a.findings) {
        if (f.severity == Severity::error) {
            return {State::fail, "This image has errors", f.message, "See the failed checks below before doing anything."};
        }
    }
    if (a.kind == ImageKind::me_only) {
        return {State::warn, what + firmware_words(a),
                "It can be cleaned; the HAP/AltMeDisable bit and the descriptor need a dump of the whole chip.",
                next_step(presets, chosen) + " Put the cleaned region back into your full dump before flashing."};
    }
    for (const Finding& f : a.findings) {
        if (f.severity == Severity::warning) return {State::warn, what + firmware_words(a), f.message, next_step(presets, chosen)};
    }
    if (!chosen) return {State::warn, what + firmware_words(a), "None of the presets can run on this image.", next_step(presets, chosen)};
    return {State::ok, what + firmware_words(a) + " — ready to clean", "Every check passed.", next_step(presets, chosen)};
}

}  // namespace meclean
