#include "clean/hap_plan.hpp"

#include "base/byte_reader.hpp"
#include "cse/cse.hpp"
#include "ifd/fdv.hpp"
#include "ifd/hap_table.hpp"
#include "ifd/platform.hpp"
#include "base/text.hpp"
#include "clean/workspace.hpp"

namespace meclean {
namespace {

[[noreturn]] void refuse(std::string code, std::string message, std::optional<uint64_t> offset, std::string detail,
                         std::string words, Remedy remedy = Remedy::none) {
    throw FormatError(Problem{std::move(code), std::move(message), std::move(detail), offset, std::move(words), remedy});
}

std::string candidates_text() {
    std::string text = "Known locations:";
    for (const HapLocation& l : hap_locations()) {
        text += "\n  " + std::string(l.id) + ": PCHSTRP" + decimal(l.strap) +
                (l.second_strap ? " and PCHSTRP" + decimal(l.second_strap) : std::string()) + " bit 16 (" + l.name +
                "; confidence " + hap_confidence_name(l.confidence) + "; " + l.sources + ")";
    }
    return text;
}

// Alder Point's SKU is read from the descriptor only by elimination (§1.6 item 5); the
// firmware's own build record ("AlderLake S Chipset") is a second, independent witness.
std::optional<PchFamily> alder_point_from_build_target(const std::string& target) {
    for (const char* lake : {"AlderLake ", "RaptorLake "}) {
        std::string prefix(lake);
        if (target.rfind(prefix, 0) != 0 || target.size() <= prefix.size()) continue;
        switch (target[prefix.size()]) {
            case 'S': return PchFamily::alder_point_s;
            case 'P': return PchFamily::alder_point_p;
            case 'N': return PchFamily::alder_point_n;
            default: return std::nullopt;
        }
    }
    return std::nullopt;
}

bool is_alder_point(PchFamily f) {
    return f == PchFamily::alder_point_s || f == PchFamily::alder_point_p || f == PchFamily::alder_point_n;
}

}  // namespace

std::optional<HapFirmware> hap_firmware(const Analysis& a) {
    if (a.cse && a.cse->manifest) {
        return HapFirmware{std::string(cse_name(*a.cse)) + " " + version_text(a.cse->manifest->version),
                           describe_cse(*a.cse), a.cse->manifest->version[0]};
    }
    if (a.me && a.generation == 3) {
        std::string version = version_text(a.me->manifest.version);
        return HapFirmware{"ME " + version, "ME firmware " + version + " with a legacy $FPT", a.me->manifest.version[0]};
    }
    return std::nullopt;
}

HapIdentification identify_hap_location(const Analysis& a) {
    HapIdentification id;
    if (!a.descriptor) return id;
    PlatformGuess guess = guess_platform(*a.descriptor);
    std::string seen = std::string(pch_family_name(guess.family)) + ", SKU " + pch_sku_name(guess.sku) + " (" +
                       confidence_name(guess.confidence) + ": " + guess.rule + ")";
    id.location = hap_location_for(guess.family, guess.sku);
    id.identified = guess.confidence != Confidence::guess && id.location;
    std::string target = a.cse ? a.cse->build_target : std::string();
    if (!id.identified && id.location && is_alder_point(guess.family)) {
        auto from_firmware = alder_point_from_build_target(target);
        if (from_firmware && *from_firmware == guess.family) {
            id.identified = true;
            seen += "; confirmed by the firmware's build record \"" + target + "\"";
        } else if (from_firmware) {
            seen += "; but the firmware's build record says \"" + target + "\"";
        }
    }
    id.seen = seen;
    return id;
}

namespace {

const HapLocation& choose_location(const Analysis& a, const Options& o, std::vector<std::string>& log) {
    if (*o.platform != "auto") {
        const HapLocation* l = find_hap_location(*o.platform);
        if (!l) {
            refuse("platform_unknown", "Unknown platform \"" + *o.platform + "\"", std::nullopt, candidates_text(),
                   "meclean does not know the chipset \"" + *o.platform + "\". Choose one from the list.",
                   Remedy::choose_platform);
        }
        log.push_back(std::string("Platform: ") + l->name + " (as given with --platform)");
        return *l;
    }
    HapIdentification id = identify_hap_location(a);
    if (!id.identified) {
        refuse("platform_unidentified", "Cannot tell where the HAP bit is on this platform: the descriptor says " + id.seen,
               a.descriptor->signature_offset,
               "Name the chipset with --platform ID if you know it (check your board's specification).\n" +
                   candidates_text(),
               "meclean cannot tell from the descriptor which chipset this board has (it reads " + id.seen +
                   "), so it does not know which strap holds the HAP bit. If you know the chipset (see your "
                   "board's specification), choose it from the list.",
               Remedy::choose_platform);
    }
    log.push_back("Platform: " + id.seen);
    return *id.location;
}

}  // namespace

void plan_platform_soft_disable(const Analysis& a, std::span<const uint8_t> image, const Options& o, Plan& p) {
    if (a.kind != ImageKind::full || !a.descriptor) {
        refuse("needs_full_image", "--platform needs a full dump: HAP is a flash descriptor strap", std::nullopt, "",
               "The HAP bit is a setting in the flash descriptor, which this file does not contain: open a dump "
               "of the whole flash chip.",
               Remedy::use_full_dump);
    }
    if (!o.check_only && !o.soft_disable_only) {
        refuse("platform_clean_refused",
               "With --platform meclean only sets the HAP bit (-s) or checks (-c); it does not remove partitions or modules",
               std::nullopt,
               "On CSME 12 and later most FTPR modules are mandatory and the partitions are covered by CRCs and "
               "signatures (see the README): use -s.",
               "Setting the HAP bit for a chipset changes that one bit and nothing else: it cannot be combined "
               "with removing partitions or modules.");
    }
    if (o.relocate || o.truncate || o.restrict_me_master || o.whitelist || o.blacklist || o.keep_modules) {
        refuse("platform_option_refused", "--platform can be combined with -s, -c, -D and -M only", std::nullopt, "",
               "Setting the HAP bit for a chipset can be combined only with saving copies of the descriptor and "
               "the ME region.");
    }
    p.log.push_back("Full image detected");
    std::optional<HapFirmware> firmware = hap_firmware(a);
    if (!firmware) {
        refuse("platform_not_applicable",
               "--platform applies to ME 11 and later (HAP); this image's firmware is not one meclean can place there",
               std::nullopt,
               a.me ? "For ME 6–10 and TXE 1–2, -s sets AltMeDisable exactly as me_cleaner does; leave out --platform."
                    : "No ME/CSE firmware was recognised.",
               a.me ? "The HAP bit exists from ME 11 on; this firmware is disabled with the AltMeDisable bit "
                      "(Soft-disable only)."
                    : "meclean found no ME firmware whose HAP bit it could place.");
    }
    p.log.push_back(firmware->description);
    const HapLocation& location = choose_location(a, o, p.log);
    const Descriptor& d = *a.descriptor;
    p.log.push_back("HAP location: PCHSTRP" + decimal(location.strap) + " bit 16 = descriptor byte " +
                    hex(hap_byte_offset(d.fpsba, location.strap)) + " bit 0" +
                    (location.second_strap ? " and PCHSTRP" + decimal(location.second_strap) + " bit 16" : std::string()) +
                    " (confidence " + hap_confidence_name(location.confidence) + "; " + location.sources + ")");
    if (firmware->major < location.csme_major_min || firmware->major > location.csme_major_max) {
        refuse("platform_firmware_mismatch",
               "The firmware (major version " + decimal(firmware->major) + ") does not belong on " + location.name,
               std::nullopt, "The descriptor and the ME region disagree; check that --platform (or the dump) is right.",
               std::string("This firmware (major version ") + decimal(firmware->major) + ") does not run on " +
                   location.name + ": the chosen chipset, or the dump, is not right.",
               Remedy::choose_platform);
    }
    if (location.confidence < HapConfidence::medium) {
        refuse("hap_location_uncertain", std::string("The HAP location for ") + location.name + " is only " +
                                             hap_confidence_name(location.confidence) + " confidence: meclean will not write it",
               hap_byte_offset(d.fpsba, location.strap), std::string("Evidence: ") + location.sources,
               std::string("Where ") + location.name + " keeps the HAP bit is known only from weak sources, so "
                   "meclean will not write it.");
    }

    const FdvState fdv = a.fdv ? *a.fdv : FdvState{};
    p.log.push_back("Flash descriptor verification (FDV): " + fdv.summary);
    std::vector<unsigned> straps = {location.strap};
    if (location.second_strap) straps.push_back(location.second_strap);
    Workspace workspace(image, a.me_region_start, a.me_region_end, a.descriptor_region_start, a.descriptor_region_end);
    for (unsigned strap : straps) {
        uint64_t dword_at = pch_strap_offset(d.fpsba, strap);
        if (strap >= d.pch_straps.size()) {
            fail("strap_missing", "The descriptor has only " + decimal(d.pch_straps.size()) + " PCH straps, PCHSTRP" +
                                      decimal(strap) + " does not exist",
                 dword_at);
        }
        uint64_t byte_at = dword_at + 2;
        uint8_t before = image[byte_at];
        bool set = (before & 1) != 0;
        p.log.push_back("The HAP bit (byte " + hex(byte_at) + ") is " + (set ? "SET" : "NOT SET"));
        if (o.check_only || set) continue;
        if (fdv.present && !(fdv.extension_found && fdv_excludes(fdv, byte_at)) && !o.allow_fdv_override) {
            refuse("fdv_covers_hap", "The descriptor is protected by FDV and the HAP byte " + hex(byte_at) +
                                         " is not excluded from its hash: setting it would break the OEM signature",
                   byte_at,
                   "The board may refuse to boot. Only if you have an external programmer and a backup, "
                   "--force-fdv makes the edit anyway.",
                   "This descriptor is signed (flash descriptor verification) and the signature covers the HAP byte: "
                   "after the change the board may refuse to boot. Only with an external programmer and a backup "
                   "at hand, allow the edit explicitly.",
                   Remedy::allow_fdv_override);
        }
        uint8_t after = static_cast<uint8_t>(before | 1);
        p.log.push_back("Setting the HAP bit: byte " + hex(byte_at) + " " + hex(before, 2) + " -> " + hex(after, 2));
        workspace.write_descriptor_u32(dword_at - a.descriptor_region_start, load_le32(image.data() + dword_at) | (1u << kHapBit),
                                       "set HAP (PCHSTRP" + decimal(strap) + " bit 16)");
    }
    if (fdv.present && o.allow_fdv_override && !o.check_only) {
        p.findings.push_back({Severity::warning, "fdv_overridden",
                              "The HAP edit breaks the descriptor's FDV hash (--force-fdv); the board may not boot",
                              kFdvManifestStart});
    }
    if (o.extract_descriptor) {
        p.log.push_back("Extracting the descriptor to \"" + o.descriptor_file_name + "\"...");
        p.descriptor_copy = ExtraFile{o.descriptor_file_name, a.descriptor_region_start,
                                      a.descriptor_region_end - a.descriptor_region_start, {}};
    }
    if (o.extract_me) {
        if (a.me_region_start >= a.me_region_end) fail("no_me_region", "There is no ME region to extract");
        p.log.push_back("Extracting the ME image to \"" + o.me_file_name + "\"...");
        p.me_copy = ExtraFile{o.me_file_name, a.me_region_start, a.me_region_end - a.me_region_start, {}};
    }
    p.edits = workspace.take_edits();
    if (!o.check_only) p.log.push_back("Done! Good luck!");
}

}  // namespace meclean
