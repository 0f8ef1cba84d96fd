#include "inspect/findings_check.hpp"

#include "base/text.hpp"

namespace meclean {
namespace {

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
    if (me.traces.only_ftpr_listed) {
        a.findings.push_back({Severity::warning, "already_cleaned",
                              "This image was cleaned before: its partition table lists FTPR alone" +
                                  std::string(me.traces.ends_inside_ftpr ? " and the ME region was shrunk to " +
                                                                               size_text(me.region_end - me.region_start)
                                                                         : std::string()) +
                                  ". Clean your original dump instead; on this image only the disable bit can still be set",
                              me.region_start + me.fpt.offset});
    } else if (me.traces.ends_inside_ftpr) {
        a.findings.push_back({Severity::warning, "ends_inside_ftpr",
                              "The ME region ends at " + hex(me.region_end - 1) + ", inside the FTPR partition (which "
                                  "ends at " + hex(me.region_start + me.ftpr_offset + me.ftpr_length - 1) +
                                  "): the read is cut short, or the region was shrunk",
                              me.region_end});
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
    // The descriptor's own checks (formats.md §1.9) ran in inspect(): core/descriptor_checks.cpp.
    for (const DescriptorCheck& c : a.descriptor_checks) a.findings.insert(a.findings.end(), c.findings.begin(), c.findings.end());
    if (a.me) check_me(a);
    if (a.problem) {
        a.findings.push_back({Severity::error, a.problem->code,
                              a.problem->detail.empty() ? a.problem->message : a.problem->message + ". " + a.problem->detail,
                              a.problem->offset});
    }
}

}  // namespace meclean
