// The checklist: one line per thing a careful person checks, in the order they would check it.
// Every finding of the analysis ends up on exactly one line, so nothing is said twice and a line
// that carries a warning is never shown as passed.
#include "report/checklist.hpp"

#include <algorithm>

#include "base/source_confidence.hpp"
#include "base/text.hpp"

namespace meclean {

CheckLine descriptor_check_line(const DescriptorCheck& c) {
    CheckLine line{"ifd-" + c.code, State::ok, c.title, {}, std::nullopt};
    if (!c.applicable) {
        line.state = State::info;
        line.detail = "skipped: " + c.skipped_because;
        return line;
    }
    for (const Finding& f : c.findings) {
        State s = f.severity == Severity::error ? State::fail : f.severity == Severity::warning ? State::warn : State::info;
        if (static_cast<int>(s) > static_cast<int>(line.state)) line.state = s;
        line.detail += (line.detail.empty() ? "" : "; ") + f.message + (f.offset ? " (at " + hex(*f.offset) + ")" : "");
        if (!line.offset) line.offset = f.offset;
    }
    return line;
}

namespace {

class Checklist {
public:
    explicit Checklist(const Analysis& a) : a_(a) {}

    std::vector<CheckLine> build() {
        descriptor();
        if (a_.triage) triage();
        if (a_.cse) {
            cse();
        } else {
            me_firmware();
        }
        disable_bits();
        fdv();
        gbe();
        boot_guard();
        advice();
        leftovers();
        return std::move(lines_);
    }

private:
    void add(std::string id, State state, std::string title, std::string detail = {},
             std::optional<uint64_t> offset = std::nullopt) {
        lines_.push_back({std::move(id), state, std::move(title), std::move(detail), offset});
    }

    // The first finding with `code`, marked as said; null when there is none.
    const Finding* take(const std::string& code) {
        for (const Finding& f : a_.findings) {
            if (f.code == code) {
                said_.push_back(&f);
                return &f;
            }
        }
        return nullptr;
    }

    std::string problem_text() const {
        if (!a_.problem) return {};
        return a_.problem->detail.empty() ? a_.problem->message : a_.problem->message + ". " + a_.problem->detail;
    }

    void descriptor() {
        if (a_.kind == ImageKind::me_only) {
            add("descriptor", State::info, "No flash descriptor: a bare ME/TXE region",
                "Options that change the descriptor (the disable bit, -d, -D, -M) need a dump of the whole chip.");
        } else if (!a_.descriptor) {
            add("descriptor", State::fail, "No flash descriptor or ME/TXE firmware found", problem_text());
        } else {
            const Descriptor& d = *a_.descriptor;
            add("descriptor", State::ok, "Flash descriptor found",
                "signature at " + hex(d.signature_offset) + ", IFD version " + decimal(d.ifd_version) +
                    (d.platform.family != PchFamily::unknown ? std::string(", ") + pch_family_name(d.platform.family)
                                                             : std::string()),
                d.signature_offset);
        }
        for (const DescriptorCheck& c : a_.descriptor_checks) descriptor_check(c);
    }

    void descriptor_check(const DescriptorCheck& c) {
        for (const Finding& f : c.findings) {
            for (const Finding& g : a_.findings) {
                if (g.code == f.code && g.message == f.message) said_.push_back(&g);
            }
        }
        lines_.push_back(descriptor_check_line(c));
    }

    void triage() {
        const Triage& t = *a_.triage;
        add("triage", a_.problem && !t.embedded ? State::fail : State::warn, t.what, t.advice,
            t.embedded ? std::optional<uint64_t>(t.embedded->offset) : std::nullopt);
    }

    void me_firmware() {
        if (!a_.me) {
            if (a_.kind != ImageKind::unknown && !a_.me_region_disabled) {
                add("fpt", State::fail, "No ME/TXE firmware read", problem_text(), a_.problem ? a_.problem->offset : std::nullopt);
                take(a_.problem ? a_.problem->code : "");
            } else if (a_.me_region_disabled) {
                add("me-region", State::info, "The descriptor has no ME region",
                    "The ME region was removed from the descriptor (disabled).");
            }
            return;
        }
        const MeFirmware& me = *a_.me;
        add("fpt", State::ok, "Partition table ($FPT) found",
            "at " + hex(me.region_start + me.fpt.offset) + ", " + decimal(me.fpt.entries.size()) + " partition(s)",
            me.region_start + me.fpt.offset);
        add("ftpr", State::ok, "FTPR partition found",
            hex(me.ftpr_offset) + "–" + hex(uint64_t{me.ftpr_offset} + me.ftpr_length) + " of the ME region",
            me.region_start + me.ftpr_offset);
        if (const Finding* f = take("already_cleaned")) {
            add("cleaned-before", State::warn, "Cleaned before", f->message, f->offset);
        } else if (const Finding* g = take("ends_inside_ftpr")) {
            add("cleaned-before", State::warn, "The ME region ends inside FTPR", g->message, g->offset);
        }
        if (a_.problem) {
            add("problem", State::fail, a_.problem->message, a_.problem->detail, a_.problem->offset);
            take(a_.problem->code);
            return;
        }
        const Manifest& m = me.manifest;
        add("manifest", State::ok, "FTPR manifest " + m.tag, "at " + hex(m.offset) + " of the ME region",
            me.region_start + m.offset);
        add("version", State::ok, "ME/TXE firmware " + version_text(m.version),
            "generation " + decimal(a_.generation) + (me.ignition ? ", Ignition firmware" : ""));
        if (const Finding* f = take("unknown_key")) {
            add("key", State::warn, "Public key not recognised", f->message, f->offset);
        } else {
            add("key", State::ok, "Public key known",
                std::string("Intel ") + firmware_variant_name(me.key.variant) + ", firmware versions " + me.key.versions);
        }
        signature(m.signature, me.region_start + m.offset);
    }

    void signature(const SignatureCheck& s, uint64_t at) {
        if (a_.generation == 1) {
            add("signature", State::info, "Signature not checked", "Generation 1 firmware (ME 2–5) is never modified.");
            return;
        }
        const Finding* differ = take("signature_verdicts_differ");
        if (s.me_cleaner_valid && s.strict_valid) {
            add("signature", State::ok, "FTPR signature valid", s.scheme, at);
        } else if (s.me_cleaner_valid || s.strict_valid) {
            add("signature", State::warn, "FTPR signature: the two checks disagree", differ ? differ->message : s.scheme, at);
        } else {
            add("signature", State::fail, "FTPR signature not valid",
                "The firmware was modified or is corrupt; the ME would refuse to start it.", at);
        }
    }

    void cse() {
        const CseFirmware& c = *a_.cse;
        take("cse_firmware");
        auto crc = [](const std::optional<bool>& ok) {
            return !ok ? std::string("no CRC") : *ok ? std::string("CRC correct") : std::string("CRC wrong");
        };
        add("cse-layout", c.layout_crc_ok == false ? State::fail : State::ok, c.layout + " found",
            "at " + hex(c.layout_offset) + ", " + crc(c.layout_crc_ok), c.layout_offset);
        add("cse-version", c.version.empty() ? State::warn : State::ok,
            c.version.empty() ? "Firmware version unknown" : std::string(cse_name(c)) + " firmware " + c.version,
            c.build_target);
        unsigned bad = 0, directories = 0, bad_directories = 0;
        std::string parts;
        for (const Bpdt& b : c.boot_partitions) {
            if (b.crc_ok == false) ++bad;
            parts += (parts.empty() ? "" : "; ") + hex(b.offset) + (b.recovery ? " (recovery)" : "") + ": version " +
                     decimal(b.version) + ", " + decimal(b.entries.size()) + " entries, " + crc(b.crc_ok);
            for (const BpdtEntry& e : b.entries) {
                if (!e.directory) continue;
                ++directories;
                if (!e.directory->integrity_ok) ++bad_directories;
            }
        }
        add("cse-bpdt", c.boot_partitions.empty() || bad ? State::fail : State::ok,
            decimal(c.boot_partitions.size()) + " boot partition(s) (BPDT)", parts);
        if (directories) {
            add("cse-cpd", bad_directories ? State::fail : State::ok, decimal(directories) + " $CPD directories",
                bad_directories ? decimal(bad_directories) + " fail their integrity check" : "all pass their integrity check");
        }
        if (c.data_partition) {
            const CseDataPartition& dp = *c.data_partition;
            add("cse-data", dp.crc_ok == false ? State::fail : State::ok, "Data partition ($FPT)",
                "at " + hex(dp.offset) + ", " + decimal(dp.entries.size()) + " entries, " + crc(dp.crc_ok), dp.offset);
        }
        if (!c.manifest) {
            add("signature", State::fail, "No FTPR manifest");
        } else {
            const SignatureCheck& s = c.manifest->signature;
            bool valid = s.strict_valid || s.me_cleaner_valid;
            add("signature", valid ? State::ok : State::fail,
                valid ? "FTPR manifest signature valid" : "FTPR manifest signature not valid",
                s.scheme + ", " + decimal(uint64_t{c.manifest->key_size_dwords} * 32) + "-bit key", c.manifest->offset);
        }
        for (const Finding& f : c.findings) {
            for (const Finding& g : a_.findings) {
                if (g.code == f.code && g.message == f.message && !said(g)) {
                    said_.push_back(&g);
                    add("cse-" + f.code, f.severity == Severity::error ? State::fail : State::warn, f.message, "", f.offset);
                }
            }
        }
    }

    void disable_bits() {
        const Finding* doubtful = take("hap_location_doubtful");
        for (const DisableBit& b : a_.disable_bits) {
            std::string where = b.strap + " bit " + decimal(b.bit) + " at " + hex(b.offset);
            if (doubtful && b.name == "HAP") {
                add("disable-" + b.strap, State::warn, "The HAP bit's place depends on the chipset", doubtful->message,
                    b.offset);
            } else {
                add("disable-" + b.strap, b.set ? State::ok : State::info,
                    b.name + " bit " + (b.set ? "set: the ME is asked to disable itself" : "not set"), where, b.offset);
            }
        }
        if (a_.disable_bits.empty() && a_.kind == ImageKind::full && a_.cse) {
            add("disable", State::info, "The HAP bit's place depends on the chipset",
                "me_cleaner's fixed PCHSTRP0 does not apply to this firmware; see Set HAP for this platform.");
        }
    }

    void fdv() {
        const Finding* f = take("fdv_state");
        if (!a_.fdv || !f) return;
        add("fdv", a_.fdv->present ? State::warn : State::ok,
            a_.fdv->present ? "The descriptor is signed (FDV)" : "The descriptor is not signed (no FDV)",
            a_.fdv->summary, kFdvManifestStart);
    }

    // Lines a format's reader wrote itself: their findings are said by them.
    void adopt(const std::vector<CheckLine>& lines, const std::vector<Finding>& findings, const char* prefix) {
        for (const CheckLine& line : lines) {
            CheckLine copy = line;
            if (copy.id.rfind(prefix, 0) != 0) copy.id = prefix + copy.id;
            lines_.push_back(std::move(copy));
        }
        for (const Finding& f : findings) {
            for (const Finding& g : a_.findings) {
                if (g.code == f.code && g.message == f.message) said_.push_back(&g);
            }
        }
    }

    void gbe() {
        if (a_.gbe) adopt(a_.gbe->checks, a_.gbe->findings, "gbe-");
    }

    void boot_guard() {
        if (a_.fit) adopt(a_.fit->lines, a_.fit->findings, "fit-");
    }

    void advice() {
        for (const AdviceMatch& m : a_.advice) {
            const KnownOutcome& o = *m.outcome;
            add(std::string("advice-") + o.id, State::info, std::string("Reported on ") + o.platform + ": " + o.symptom,
                std::string(o.helped) + " (" + o.source + "; confidence " + source_confidence_name(o.confidence) +
                    "). Advice only: nothing is applied unless you choose it.");
        }
        for (const Finding& f : a_.findings) {
            if (f.code == "known_outcome") said_.push_back(&f);
        }
    }

    // Warnings and errors no line above has said yet.
    void leftovers() {
        for (const Finding& f : a_.findings) {
            if (said(f) || f.severity == Severity::info) continue;
            if (a_.problem && f.code == a_.problem->code) continue;  // the verdict and its stage line say it
            add("finding-" + f.code, f.severity == Severity::error ? State::fail : State::warn, f.message, "", f.offset);
        }
    }

    bool said(const Finding& f) const { return std::find(said_.begin(), said_.end(), &f) != said_.end(); }

    const Analysis& a_;
    std::vector<CheckLine> lines_;
    std::vector<const Finding*> said_;
};

}  // namespace

std::vector<CheckLine> checklist(const Analysis& analysis) { return Checklist(analysis).build(); }

}  // namespace meclean
