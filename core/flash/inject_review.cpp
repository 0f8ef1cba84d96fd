#include "flash/inject_review.hpp"

#include <cstdlib>

#include "base/text.hpp"
#include "flash/flash_json.hpp"

namespace meclean {
namespace {

constexpr int kRegionMe = 2;

// Which firmware runs on which chipset: ME major versions (TXE for Atom SoCs). Sources: the
// chipset/firmware pairings of formats.md §1.8 and §2.4 and of the README's support table;
// Z370-class 300-series boards run ME 11.7/11.8 (formats.md §1.8), so Cannon Point accepts 11.
struct Pairing {
    PchFamily family;
    FirmwareVariant variant;
    unsigned lowest, highest;  // major versions, inclusive
};
constexpr Pairing kPairings[] = {
    {PchFamily::ich8, FirmwareVariant::me, 2, 2},          {PchFamily::ich9, FirmwareVariant::me, 3, 4},
    {PchFamily::ich10, FirmwareVariant::me, 4, 5},         {PchFamily::ibex_peak, FirmwareVariant::me, 6, 6},
    {PchFamily::cougar_point, FirmwareVariant::me, 7, 8},  {PchFamily::lynx_point, FirmwareVariant::me, 9, 10},
    {PchFamily::wildcat_point, FirmwareVariant::me, 9, 10}, {PchFamily::bay_trail, FirmwareVariant::txe, 1, 1},
    {PchFamily::sunrise_point, FirmwareVariant::me, 11, 11}, {PchFamily::cannon_point, FirmwareVariant::me, 11, 14},
    {PchFamily::comet_point, FirmwareVariant::me, 14, 14}, {PchFamily::jasper_lake, FirmwareVariant::me, 13, 13},
    {PchFamily::tiger_point, FirmwareVariant::me, 15, 15}, {PchFamily::alder_point_s, FirmwareVariant::me, 16, 16},
    {PchFamily::alder_point_p, FirmwareVariant::me, 16, 16}, {PchFamily::alder_point_n, FirmwareVariant::me, 16, 16},
    {PchFamily::meteor_lake, FirmwareVariant::me, 18, 18}, {PchFamily::apollo_lake, FirmwareVariant::txe, 3, 3},
    {PchFamily::gemini_lake, FirmwareVariant::txe, 4, 4},
};

const Pairing* pairing_for(PchFamily family) {
    for (const Pairing& p : kPairings) {
        if (p.family == family) return &p;
    }
    return nullptr;
}

std::string range_text(const Pairing& p) {
    std::string name = firmware_variant_name(p.variant);
    return name + " " + decimal(p.lowest) + (p.highest != p.lowest ? "–" + decimal(p.highest) : std::string());
}

// The injected ME region: version, key, signature, and whether it fits the chipset.
void review_me(InjectReview& r, const Analysis& a) {
    std::optional<unsigned> major;
    FirmwareVariant variant = FirmwareVariant::me;
    if (a.me) {
        const MeFirmware& me = *a.me;
        variant = me.key.variant;
        major = me.manifest.version[0];
        r.firmware = std::string(firmware_variant_name(variant)) + " " + version_text(me.manifest.version);
        r.checks.push_back({"inject_version", State::ok, "The region holds " + r.firmware,
                            "FTPR manifest at " + hex(me.region_start + me.ftpr_offset + me.mn2_offset), me.region_start});
        r.checks.push_back({"inject_key", me.key.known ? State::ok : State::warn,
                            me.key.known ? "Intel's key for " + me.key.versions : "The signing key is unknown",
                            "Key MD5 " + me.manifest.key_md5, std::nullopt});
        bool valid = me.manifest.signature.strict_valid || me.manifest.signature.me_cleaner_valid;
        r.checks.push_back({"inject_signature", valid ? State::ok : State::fail,
                            valid ? "The FTPR signature verifies" : "The FTPR signature does not verify",
                            me.manifest.signature.scheme, me.region_start + me.ftpr_offset + me.mn2_offset});
        if (!valid) r.may_write = false;
    } else if (a.cse && !a.cse->version.empty()) {
        r.firmware = "CSE " + a.cse->version;
        major = static_cast<unsigned>(std::strtoul(a.cse->version.c_str(), nullptr, 10));
        r.checks.push_back({"inject_version", State::ok, "The region holds " + describe_cse(*a.cse), "", a.cse->layout_offset});
    } else {
        r.may_write = false;
        r.checks.push_back({"inject_version", State::fail, "The injected region holds no ME firmware meclean can read",
                            a.problem ? a.problem->message : "", a.me_region_start});
        return;
    }
    const PchFamily family = a.descriptor ? a.descriptor->platform.family : PchFamily::unknown;
    const Pairing* pairing = pairing_for(family);
    if (!pairing) {
        r.checks.push_back({"inject_chipset", State::warn, "Cannot tell whether " + r.firmware + " belongs on this chipset",
                            std::string("The descriptor reads as ") + pch_family_name(family) + ".", std::nullopt});
        return;
    }
    r.belongs = pairing->variant == variant && *major >= pairing->lowest && *major <= pairing->highest;
    r.checks.push_back({"inject_chipset", *r.belongs ? State::ok : State::fail,
                        *r.belongs ? r.firmware + " belongs on " + pch_family_name(family)
                                   : r.firmware + " does not belong on " + pch_family_name(family),
                        std::string("That chipset runs ") + range_text(*pairing) + ".", std::nullopt});
    if (!*r.belongs) r.may_write = false;
}

}  // namespace

InjectReview review_injection(const Plan& plan, const Analysis& after, int region, uint64_t file_size) {
    InjectReview r;
    r.region = region;
    r.file_size = file_size;
    if (plan.problem) {
        r.headline = {State::fail, "The region was not replaced", plan.problem->message, plan.problem->detail};
        return r;
    }
    r.may_write = true;
    for (const Edit& e : plan.edits) {
        if (e.kind == EditKind::fill) r.padding = e.length;
    }
    r.checks.push_back({"inject_size", r.padding ? State::info : State::ok,
                        r.padding ? "The file is smaller than the region: padded with 0xFF" : "The file fills the region exactly",
                        r.padding ? decimal(r.padding) + " bytes of 0xFF after the file" : "", std::nullopt});
    if (region == kRegionMe) review_me(r, after);
    if (r.may_write) {
        r.headline = {State::ok, std::string("Replaced the ") + region_name(region) + " region" +
                                     (r.firmware.empty() ? "" : " with " + r.firmware),
                      r.padding ? "The file was padded with 0xFF to the region's size." : "The file fills the region.",
                      "Check the new image (meclean -c), then write it."};
    } else {
        r.headline = {State::fail, "The new " + std::string(region_name(region)) + " region does not fit this board",
                      "See the failing checks.", "Use firmware made for this chipset (and this region's size)."};
    }
    return r;
}

void write_inject_json(JsonWriter& j, const InjectReview& r) {
    begin_result_json(j, "inject", r.headline, r.checks);
    j.key("region").value(r.region).key("file_size").value(r.file_size).key("padding").value(r.padding);
    j.key("firmware").value(r.firmware).key("belongs");
    if (r.belongs) j.value(*r.belongs); else j.null();
    j.key("may_write").value(r.may_write).end_object();
}

}  // namespace meclean
