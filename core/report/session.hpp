// One opened image and everything a front end asks about it: inspect once, then report on any
// request (check, preview a plan, or clean). The image span must outlive the session; the engine
// never writes to it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "clean/plan.hpp"
#include "report/report.hpp"

namespace meclean {

class Session {
public:
    explicit Session(std::span<const uint8_t> image);

    const Analysis& analysis() const { return analysis_; }
    std::span<const uint8_t> image() const { return image_; }

    // With request.apply and no refusal, `outcome` (if given) receives the outputs' bytes: the
    // whole new image, or (PatchedOutcome) only its head, the rest being the input's.
    // Without request.summary the verdict, checks, presets and HAP offer are left empty (the
    // presets plan every one of them: a quick command-line run has no use for that).
    Report report(const Request& request, Outcome* outcome = nullptr) const;
    Report report(const Request& request, PatchedOutcome* outcome) const;

private:
    const Summary& summary() const;  // made on the first report that asks for it

    std::span<const uint8_t> image_;
    Analysis analysis_;
    mutable std::optional<Summary> summary_;
};

// The names a front end saves the outputs under when the user gave none: "<stem>-meclean.bin",
// "<stem>-descriptor.bin", "<stem>-me.bin", "<stem>.layout".
Request with_default_names(Request request);

}  // namespace meclean
