// What the FIT means, without claiming more than an image can show: manifests present means the
// vendor provisioned Boot Guard; whether the CPU's fuses enforce it only the running machine can
// say (MSR 0x13A, as intelmetool -b reads it).
#include "base/text.hpp"
#include "fit/fit_parts.hpp"

namespace meclean::fit_parts {
namespace {

constexpr const char* kAskTheMachine =
    "Whether the fuses enforce it cannot be read from a dump: on the running machine, “intelmetool -b” or “sudo rdmsr "
    "0x13a” tells; paste its output into meclean status (or the page's “Did it work?” panel).";

std::string ibb_ranges(const BootPolicyManifest& bpm, ByteRange mapped) {
    std::string out;
    for (const IbbSegment& s : bpm.ibb) {
        out += (out.empty() ? "" : ", ") + hex(s.base, 8) + "–" + hex(uint64_t{s.base} + s.size - (s.size ? 1 : 0), 8);
        if (auto file = fit_address_to_offset(s.base, mapped)) out += " (file " + hex(*file) + ")";
        if (!s.hashed()) out += " not hashed";
    }
    return out.empty() ? "no IBB segments read" : out;
}

std::string generation_text(ManifestGeneration g, uint8_t version) {
    const char* name = g == ManifestGeneration::boot_guard_1 ? "Boot Guard 1.0" : g == ManifestGeneration::cbnt ? "CBnT" : "unknown";
    return std::string(name) + ", structure version " + hex(version, 2);
}

void add_component_lines(FitReport& r) {
    std::string microcode;
    unsigned updates = 0;
    for (const FitEntry& e : r.entries) {
        if (e.microcode) {
            ++updates;
            microcode += (microcode.empty() ? "" : ", ") + std::string("CPUID ") + hex(e.microcode->processor_signature) +
                         " rev " + hex(e.microcode->revision);
        }
        if (e.acm) {
            r.lines.push_back({"fit_startup_acm", State::info, "Startup ACM at " + hex(*e.target),
                               size_text(e.acm->size) + ", date " + hex_digits(e.acm->date, 8) + " (BCD), TXT SVN " +
                                   decimal(e.acm->txt_svn),
                               e.target});
        }
        if (e.key_manifest) {
            r.lines.push_back({"fit_key_manifest", State::info, "Key Manifest at " + hex(*e.target),
                               generation_text(e.key_manifest->generation, e.key_manifest->structure_version) +
                                   "; revision " + decimal(e.key_manifest->revision) + ", SVN " + decimal(e.key_manifest->svn) +
                                   ", id " + decimal(e.key_manifest->id),
                               e.target});
        }
        if (e.boot_policy) {
            const BootPolicyManifest& b = *e.boot_policy;
            r.lines.push_back({"fit_boot_policy", State::info, "Boot Policy Manifest at " + hex(*e.target),
                               generation_text(b.generation, b.structure_version) + "; BPM SVN " + decimal(b.bpm_svn) +
                                   ", ACM SVN " + decimal(b.acm_svn) +
                                   (b.entry_point ? ", IBB entry point " + hex(*b.entry_point, 8) : "") + "; IBB: " +
                                   ibb_ranges(b, r.mapped),
                               e.target});
        }
    }
    if (updates > 0) {
        r.lines.insert(r.lines.begin() + 1, {"fit_microcode", State::info, decimal(updates) + " microcode update" + (updates == 1 ? "" : "s"),
                                             microcode, std::nullopt});
    }
}

BootGuardProvisioning provisioning_of(const FitReport& r) {
    bool km = false, bpm = false;
    for (const FitEntry& e : r.entries) {
        km = km || e.key_manifest.has_value();
        bpm = bpm || e.boot_policy.has_value();
    }
    return km && bpm ? BootGuardProvisioning::both
           : km      ? BootGuardProvisioning::key_manifest_only
           : bpm     ? BootGuardProvisioning::boot_policy_only
                     : BootGuardProvisioning::none;
}

Headline headline_of(const FitReport& r) {
    if (!r.found) {
        return {State::ok, "No FIT: this image carries no Boot Guard manifests",
                "Boot Guard needs a Firmware Interface Table to find its ACM and manifests; this image has none.",
                "Boot Guard is no concern for this image."};
    }
    switch (r.provisioning) {
        case BootGuardProvisioning::both:
            return {State::warn, "The vendor provisioned Boot Guard in this image",
                    "The FIT names a Key Manifest and a Boot Policy Manifest. " + std::string(kAskTheMachine),
                    "Until you know, -s (soft-disable only) is the cautious choice: the me_cleaner wiki says -s should work "
                    "with Boot Guard, removing ME code may not."};
        case BootGuardProvisioning::key_manifest_only:
        case BootGuardProvisioning::boot_policy_only:
            return {State::warn, "Boot Guard provisioning in this image is incomplete",
                    std::string("The FIT names a ") +
                        (r.provisioning == BootGuardProvisioning::key_manifest_only ? "Key Manifest but no Boot Policy Manifest"
                                                                                    : "Boot Policy Manifest but no Key Manifest") +
                        ". " + kAskTheMachine,
                    "-s (soft-disable only) is the cautious choice."};
        case BootGuardProvisioning::none: break;
    }
    return {State::ok, "FIT present, no Boot Guard manifests",
            "The FIT lists " + decimal(r.entries.size() > 0 ? r.entries.size() - 1 : 0) +
                " entries but neither a Key Manifest nor a Boot Policy Manifest: the vendor did not provision Boot Guard "
                "in this image.",
            "Boot Guard is no concern for this image."};
}

}  // namespace

void summarise(FitReport& r) {
    r.provisioning = provisioning_of(r);
    r.headline = headline_of(r);
    if (r.found) {
        r.lines.push_back({"fit_table", State::info,
                           "FIT at " + hex(*r.table_offset) + ": " + decimal(r.declared_entries) + " entries (header included)",
                           "Pointer " + hex(r.pointer, 8) + " at " + hex(*r.pointer_offset) + "; version " + hex(r.header_version, 4) +
                               (r.checksum_ok ? (*r.checksum_ok ? "; checksum valid" : "; checksum wrong") : "; no checksum"),
                           r.table_offset});
        add_component_lines(r);
        for (const Finding& f : r.findings) {
            if (f.severity == Severity::warning) r.lines.push_back({f.code, State::warn, f.message, "", f.offset});
        }
    }
    r.lines.insert(r.lines.begin(), {"boot_guard_image", r.headline.state, r.headline.title, r.headline.detail, r.table_offset});
    if (r.provisioning != BootGuardProvisioning::none) {
        add_finding(r, Severity::warning, "boot_guard_manifests", r.headline.title + ". " + r.headline.detail + " " + r.headline.next,
                    r.table_offset);
    } else if (r.found) {
        add_finding(r, Severity::info, "fit_found", r.headline.detail, r.table_offset);
    }
}

}  // namespace meclean::fit_parts
