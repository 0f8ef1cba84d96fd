// The one answer a front end renders: what the image is, what is wrong with it, what can be done
// to it (every preset and option, available or refused with the reason), what a request would
// change or did change, and how to write the result back. Made by Session (report/session.hpp);
// its JSON shape is docs/report.schema.json.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/byte_range.hpp"
#include "base/verdict.hpp"
#include "clean/options.hpp"
#include "clean/plan.hpp"
#include "ifd/hap_table.hpp"
#include "inspect/analysis.hpp"

namespace meclean {

inline constexpr int kReportSchemaVersion = 1;


// A preset of the page (and the CLI's equivalent flags): what it runs and whether it can run here.
struct Preset {
    std::string id;     // "recommended", "soft", "clean", "hap", "advanced"
    std::string label;  // "Recommended"
    std::string flags;  // "-S"
    std::string help;
    Options options;
    std::optional<Problem> refusal;  // none: available
    size_t edits = 0;                // how many of its plan's edits change this image
    std::optional<CheckLine> warning;  // e.g. Boot Guard manifests and a preset that removes firmware
};

// One of me_cleaner's options as a control: whether it can be switched on, given the others.
struct OptionControl {
    std::string id;    // the Options field: "relocate", "whitelist", ...
    std::string flag;  // "-r"
    std::string label;
    bool needs_value = false;  // -w/-b take a list of partition names
    std::optional<std::string> refused;  // plain words; none: available
};

struct HapCandidate {
    const HapLocation* location = nullptr;
    uint64_t byte_offset = 0;  // file offset of the byte holding HAP (bit 0 of it)
    bool usable = false;       // confidence medium or better and the firmware belongs on this PCH
};

// Setting HAP where the chipset keeps it (--platform), for ME 11 and CSME 12+ full images.
struct HapOffer {
    bool offered = false;
    std::string why_not;                  // when not offered
    std::optional<std::string> identified;  // the platform id the descriptor (and firmware) name
    std::vector<HapCandidate> candidates;   // the locations that fit this firmware
};

// A file the request hands back, named for the front end to save.
enum class OutputRole { image, descriptor, me_region, layout, chip };
const char* output_role_name(OutputRole role);
struct OutputFile {
    OutputRole role = OutputRole::image;
    std::string name;
    std::string label;  // "Cleaned image", "Extracted descriptor (-D)", ...
    uint64_t size = 0;
    std::optional<ByteRange> range;  // a chip file: these bytes of the new image
};

// How to put the result on the chip: which regions changed, whether the host may write them,
// the flashrom layout and commands, in the order the engine recommends them.
struct RegionWrite {
    int index = 0;
    std::string name;     // layout name: "fd", "me", ...
    bool changed = false;
    bool host_may_write = false;  // FLMSTR1 of the descriptor on the chip today
};
// One chip of a two-chip flash, for an external programmer (core/flash/split.hpp).
struct ChipWrite {
    unsigned number = 1;
    std::string name;            // "<stem>-chip1.bin"
    ByteRange range;             // its bytes in the new image
    std::string sha256;
    bool changed = true;         // against the image as read
    std::string write_command;   // empty: do not rewrite this chip
    std::string read_command;    // to read it back for `meclean verify`
    std::vector<int> regions;
};

struct FlashWrite {
    std::vector<RegionWrite> regions;
    std::vector<ChipWrite> chips;  // two-chip flashes only
    std::string layout_file;
    std::string layout;          // the flashrom layout text (regions of the image to be written)
    std::string regions_command; // writes only the changed regions; empty when none changed
    std::string whole_command;   // writes the whole image
    bool whole_image_first = false;  // bytes outside every region changed, or the layout moved
    bool needs_external_programmer = false;  // the host may not write a changed region
    uint64_t bytes_outside = 0;
    std::optional<uint64_t> first_outside;
    std::vector<std::string> notes;  // in the order to read them
};

// What the front end asks for.
struct Request {
    std::optional<Options> options;  // none: only the checks (me_cleaner -c)
    bool apply = false;              // carry the plan out and hand back the outputs
    bool summary = true;             // the verdict, checks, presets and HAP offer too
    std::string input_name = "image.bin";
    // Output names; empty = derived from input_name ("<stem>-meclean.bin", ...).
    std::string image_name, descriptor_name, me_name, layout_name;
};

// What does not depend on the request: the session makes it once.
struct Summary {
    Headline verdict;
    std::vector<CheckLine> checks;
    std::vector<Preset> presets;
    std::optional<std::string> default_preset;  // the first preset that will succeed
    HapOffer hap;
};

struct Report {
    const Analysis* analysis = nullptr;  // owned by the Session
    const Summary* summary = nullptr;    // owned by the Session; null unless the request asked for it
    std::string input_name;
    // The request.
    Options options;
    std::string flags;                     // me_cleaner's command line for them: "-S -r -t"
    std::vector<OptionControl> controls;   // the Advanced controls, given `options`
    std::optional<Plan> plan;
    std::optional<Problem> refusal;        // set: nothing may be written
    std::vector<OutputFile> outputs;       // after apply
    std::optional<FlashWrite> flash_write; // after apply, for a full image
    std::vector<std::string> log;          // me_cleaner's console lines
    std::vector<Finding> warnings;         // about the request (the plan's findings and more)
};

}  // namespace meclean
