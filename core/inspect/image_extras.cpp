#include "inspect/image_extras.hpp"

#include "advice/match.hpp"
#include "base/text.hpp"
#include "fit/fit.hpp"
#include "ifd/platform.hpp"

namespace meclean {

void add_boot_guard(Analysis& a, std::span<const uint8_t> image) {
    std::optional<ByteRange> bios;
    if (a.kind == ImageKind::full && a.bios_region_end > a.bios_region_start) {
        bios = ByteRange{a.bios_region_start, a.bios_region_end - a.bios_region_start};
    } else if (a.triage && a.triage->kind == TriageKind::bios_region) {
        bios = ByteRange{0, image.size()};
    }
    if (!bios) return;
    a.fit = read_fit(image, *bios);
    a.findings.insert(a.findings.end(), a.fit->findings.begin(), a.fit->findings.end());
}

void add_advice(Analysis& a) {
    std::optional<std::array<uint16_t, 4>> version;
    if (a.me) version = a.me->manifest.version;
    else if (a.cse) version = parse_version(a.cse->version);
    std::optional<PchFamily> family;
    if (a.descriptor) family = guess_platform(*a.descriptor).family;
    a.advice = match_advice(version, family);
    for (const AdviceMatch& m : a.advice) {
        a.findings.push_back({Severity::info, "known_outcome",
                              std::string("Reported on ") + m.outcome->platform + ": " + m.outcome->symptom + " " +
                                  m.outcome->helped + " (" + m.outcome->source + "; confidence " +
                                  source_confidence_name(m.outcome->confidence) + ")",
                              std::nullopt});
    }
}

}  // namespace meclean
