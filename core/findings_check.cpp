#include "findings_check.hpp"

#include "text.hpp"

namespace meclean {
namespace {

void check_regions(Analysis& a) {
    const Descriptor& d = *a.descriptor;
    for (const FlashRegion& r : d.regions) {
        if (r.used && r.limit >= a.size) {
            a.findings.push_back({Severity::warning, "region_outside_file",
                                  "Region " + decimal(r.index) + " (" + r.name + ") ends at " + hex(r.limit) +
                                      ", past the end of this " + hex(a.size) + "-byte image: is the dump complete?",
                                  d.frba + 4 * static_cast<uint64_t>(r.index)});
        }
    }
    for (size_t i = 0; i < d.regions.size(); ++i) {
        for (size_t j = i + 1; j < d.regions.size(); ++j) {
            const FlashRegion& x = d.regions[i];
            const FlashRegion& y = d.regions[j];
            if (!x.used || !y.used || x.limit < y.base || y.limit < x.base) continue;
            a.findings.push_back({Severity::warning, "regions_overlap",
                                  "Regions " + decimal(x.index) + " (" + x.name + ") and " + decimal(y.index) + " (" +
                                      y.name + ") overlap; some vendors do this on purpose, but check the layout",
                                  d.frba + 4 * static_cast<uint64_t>(y.index)});
        }
    }
}

void check_masters(Analysis& a) {
    const Descriptor& d = *a.descriptor;
    for (const FlashMaster& m : d.masters) {
        if (m.write_regions & 1) {
            a.findings.push_back({Severity::info, "descriptor_writable",
                                  "Master " + m.name + " may write the descriptor (the descriptor is unlocked)",
                                  d.fmba + 4 * static_cast<uint64_t>(m.index - 1)});
        }
    }
}

void check_me(Analysis& a) {
    const MeFirmware& me = *a.me;
    if (a.generation == 3 && me.manifest.version[0] >= 12 && a.kind == ImageKind::full) {
        // me_cleaner treats every generation-3 image like ME 11 (formats.md §1.8, §2.4).
        a.findings.push_back({Severity::warning, "hap_location_doubtful",
                              "This is CSME " + decimal(me.manifest.version[0]) +
                                  ": me_cleaner (and meclean's compatible -S/-s) set the HAP bit in PCHSTRP0, the "
                                  "Skylake/Kaby Lake location; on 300-series and newer chipsets HAP sits in another "
                                  "strap, so this write may do nothing or change an unrelated setting",
                              a.descriptor ? std::optional<uint64_t>(a.descriptor->fpsba + 2) : std::nullopt});
    }
    if (!me.key.known) {
        a.findings.push_back({Severity::warning, "unknown_key",
                              "The FTPR manifest is signed with a key me_cleaner does not know (MD5 " +
                                  me.manifest.key_md5 + ")",
                              me.region_start + me.manifest.offset + 0x80});
    }
    const SignatureCheck& s = me.manifest.signature;
    if (s.me_cleaner_valid != s.strict_valid) {
        a.findings.push_back({Severity::warning, "signature_verdicts_differ",
                              std::string("me_cleaner's signature check says ") +
                                  (s.me_cleaner_valid ? "VALID" : "INVALID") + ", the full " + s.scheme + " check says " +
                                  (s.strict_valid ? "valid" : "invalid"),
                              me.region_start + me.manifest.offset});
    }
}

}  // namespace

void add_findings(Analysis& a) {
    if (a.descriptor) {
        check_regions(a);
        check_masters(a);
    }
    if (a.me) check_me(a);
    if (a.problem) {
        a.findings.push_back({Severity::error, a.problem->code,
                              a.problem->detail.empty() ? a.problem->message : a.problem->message + ". " + a.problem->detail,
                              a.problem->offset});
    }
}

}  // namespace meclean
