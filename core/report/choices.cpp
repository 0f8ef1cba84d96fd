// What can be done to an image: the presets, HAP by platform, and me_cleaner's options one by
// one. Availability is never guessed: a preset is available when its plan succeeds on this image,
// and a refusal carries the plan's own reason; option conflicts come from check_option_conflicts.
#include "report/choices.hpp"

#include "base/text.hpp"
#include "clean/edits.hpp"
#include "report/preset_warning.hpp"
#include "clean/hap_plan.hpp"

namespace meclean {
namespace {

Options soft_disable() {
    Options o;
    o.soft_disable = true;
    return o;
}

Options soft_disable_only() {
    Options o;
    o.soft_disable_only = true;
    return o;
}

Options hap_by_platform() {
    Options o = soft_disable_only();
    o.platform = "auto";
    return o;
}

bool writes_descriptor(const Analysis& a, const Plan& p) {
    for (const Edit& e : p.edits) {
        if (a.kind == ImageKind::full && e.offset < a.descriptor_region_end && e.offset + e.length > a.descriptor_region_start)
            return true;
    }
    return false;
}

// Plans the preset on the image: its refusal, or how many edits it makes and where.
void try_plan(const Analysis& a, std::span<const uint8_t> image, Preset& preset, bool& descriptor) {
    Plan p = plan(a, image, preset.options);
    if (p.problem) {
        preset.refusal = explain_refusal(a, *p.problem);
        return;
    }
    for (const Edit& e : p.edits) preset.edits += edit_changes(image, e) ? 1 : 0;
    descriptor = writes_descriptor(a, p);
}

}  // namespace

// The plan's refusal, said for this image: a plan that fails on an image cleaned before says so.
Problem explain_refusal(const Analysis& a, Problem p) {
    if (p.words.empty()) p.words = p.detail.empty() ? p.message : p.message + ". " + p.detail;
    if (a.me && a.me->traces.only_ftpr_listed && p.remedy == Remedy::none) {
        p.words = "This image was cleaned before, so there is nothing left to remove (" + p.words +
                  "). Clean your original dump instead.";
        p.remedy = Remedy::use_original_dump;
    }
    bool analysis_refused = a.problem && p.code == a.problem->code;
    if (analysis_refused && a.cse) {
        p.words = std::string("me_cleaner's options do not apply to ") + cse_name(*a.cse) + " " +
                  (a.cse->version.empty() ? std::string("firmware") : a.cse->version) +
                  ": on CSME 12 and later most FTPR modules are mandatory and the partitions are covered by "
                  "signatures, so nothing can be removed.";
    }
    if (analysis_refused && a.triage && a.triage->embedded) p.remedy = Remedy::use_embedded_image;
    return p;
}

HapOffer hap_offer(const Analysis& a) {
    HapOffer offer;
    std::optional<HapFirmware> firmware = hap_firmware(a);
    if (a.kind != ImageKind::full || !a.descriptor) {
        offer.why_not = "The HAP bit is a setting in the flash descriptor, which this file does not contain.";
        return offer;
    }
    if (!firmware) {
        offer.why_not = a.me ? "This firmware predates the HAP bit; Soft-disable only sets its AltMeDisable bit."
                             : "meclean found no ME firmware whose HAP bit it could place.";
        return offer;
    }
    for (const HapLocation& l : hap_locations()) {
        if (firmware->major < l.csme_major_min || firmware->major > l.csme_major_max) continue;
        offer.candidates.push_back({&l, hap_byte_offset(a.descriptor->fpsba, l.strap), l.confidence >= HapConfidence::medium});
    }
    if (offer.candidates.empty()) {
        offer.why_not = "No HAP location is known for " + firmware->name + " firmware: no working disable bit is "
                        "known for this platform, so meclean can only check this image.";
        return offer;
    }
    offer.offered = true;
    HapIdentification id = identify_hap_location(a);
    if (id.identified) offer.identified = id.location->id;
    return offer;
}

std::vector<Preset> presets(const Analysis& a, std::span<const uint8_t> image, const HapOffer& hap) {
    std::vector<Preset> out;
    bool gen1 = a.generation == 1;
    auto add = [&](const char* id, const char* label, const char* flags, std::string help, Options o) {
        Preset p{id, label, flags, std::move(help), o, std::nullopt, 0, std::nullopt};
        if (auto w = boot_guard_preset_warning(a, o)) p.warning = w->line;
        bool descriptor = false;
        try_plan(a, image, p, descriptor);
        // On ME 2–5 every option does what -S does (docs/formats.md §2.9): say so, not what it does elsewhere.
        if (!p.refusal && gen1 && p.edits) {
            p.help = "On ME 2–5 (ICH8–10) this sets the meDisable straps, removes the ME region from the flash "
                     "descriptor and erases it, as every option does there.";
        } else if (!p.refusal && descriptor && std::string(id) == "clean") {
            p.help = "Remove the firmware that can go. On this image that also changes the flash descriptor.";
        }
        out.push_back(std::move(p));
    };
    add("recommended", "Recommended", "-S",
        "Remove the partitions and modules the ME can do without, and set the HAP/AltMeDisable bit.", soft_disable());
    if (hap.offered) {
        add("hap", "Set HAP for this platform", "-s --platform",
            "Set only the HAP bit, at the place this chipset keeps it; nothing else changes.", hap_by_platform());
    }
    add("soft", "Soft-disable only", "-s", "Only set the HAP/AltMeDisable bit; the firmware stays as it is.",
        soft_disable_only());
    add("clean", "Clean only", "", "Remove the partitions and modules the ME can do without; the descriptor stays as it is.",
        Options{});
    Preset advanced{"advanced", "Advanced", "", "Pick me_cleaner's options one by one.", Options{}, std::nullopt, 0,
                    std::nullopt};
    // When neither cleaning nor the disable bit can run, no combination of me_cleaner's options can.
    bool any = false;
    for (const Preset& p : out) any = any || (!p.refusal && p.id != "hap");
    if (!any) advanced.refusal = out.front().refusal;
    out.push_back(std::move(advanced));
    return out;
}

std::optional<std::string> default_preset(const std::vector<Preset>& list, const Analysis& a) {
    // HAP by platform first where me_cleaner's own bit is in doubt (CSME 12+), else in table order.
    bool prefer_hap = a.cse || (a.generation == 3 && a.me && a.me->manifest.version[0] >= 12);
    if (prefer_hap) {
        for (const Preset& p : list) {
            if (p.id == "hap" && !p.refusal) return p.id;
        }
    }
    // Where Boot Guard manifests make removing firmware risky, the cautious choice comes first.
    bool cautious = false;
    for (const Preset& p : list) cautious = cautious || p.warning.has_value();
    if (cautious) {
        for (const Preset& p : list) {
            if (p.id == "soft" && !p.refusal && p.edits && !p.warning) return p.id;
        }
    }
    for (const Preset& p : list) {
        if (!p.refusal && p.id != "advanced" && p.edits) return p.id;
    }
    return std::nullopt;  // nothing can run, or nothing would change
}

std::vector<OptionControl> option_controls(const Options& current, const Analysis& a) {
    struct Row {
        const char* id;
        const char* flag;
        const char* label;
        bool needs_value;
        bool needs_full;
        void (*set)(Options&);
    };
    static const Row kRows[] = {
        {"soft_disable", "-S", "Clean and set the HAP/AltMeDisable bit", false, true,
         [](Options& o) { o.soft_disable = true; o.soft_disable_only = false; }},
        {"soft_disable_only", "-s", "Only set the HAP/AltMeDisable bit", false, true,
         [](Options& o) { o.soft_disable_only = true; o.soft_disable = false; }},
        {"relocate", "-r", "Relocate FTPR to the start of the ME region", false, false, [](Options& o) { o.relocate = true; }},
        {"truncate", "-t", "Truncate the ME image to its minimum size", false, false, [](Options& o) { o.truncate = true; }},
        {"keep_modules", "-k", "Keep all FTPR modules", false, false, [](Options& o) { o.keep_modules = true; }},
        {"whitelist", "-w", "Keep these partitions too", true, false,
         [](Options& o) { o.whitelist = std::vector<std::string>{"EFFS"}; o.blacklist.reset(); }},
        {"blacklist", "-b", "Remove only these partitions", true, false,
         [](Options& o) { o.blacklist = std::vector<std::string>{"EFFS"}; o.whitelist.reset(); }},
        {"restrict_me_master", "-d", "Let the ME access only its own region (descriptor)", false, true,
         [](Options& o) { o.restrict_me_master = true; }},
        {"extract_descriptor", "-D", "Also save the (modified) descriptor as a file", false, true,
         [](Options& o) { o.extract_descriptor = true; }},
        {"extract_me", "-M", "Also save the (modified) ME region as a file", false, true,
         [](Options& o) { o.extract_me = true; }},
    };
    std::vector<OptionControl> out;
    for (const Row& r : kRows) {
        OptionControl c{r.id, r.flag, r.label, r.needs_value, std::nullopt};
        Options with = current;
        with.check_only = false;
        with.separate_output = true;
        r.set(with);
        if (r.needs_full && a.kind != ImageKind::full) {
            c.refused = "Needs a dump of the whole chip: this file is an ME/TXE region without a flash descriptor.";
        } else if (std::optional<Problem> conflict = check_option_conflicts(with)) {
            c.refused = conflict->words.empty() ? conflict->message : conflict->words;
        }
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace meclean
