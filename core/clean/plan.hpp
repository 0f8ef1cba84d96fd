// What plan() decides and apply() carries out.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "inspect/analysis.hpp"
#include "base/findings.hpp"
#include "clean/options.hpp"

namespace meclean {

enum class EditKind {
    fill,    // [offset, offset+length) := 0xFF
    write,   // [offset, offset+length) := bytes
    move,    // copy `length` bytes from `source` to `offset`, me_cleaner-style (see formats.md §2.8.9)
    resize,  // the image becomes `length` bytes long (new bytes are 0x00, as me_cleaner's truncate)
};
const char* edit_kind_name(EditKind kind);

struct Edit {
    EditKind kind = EditKind::fill;
    uint64_t offset = 0;  // file offset
    uint64_t length = 0;
    uint64_t source = 0;         // move only
    std::vector<uint8_t> bytes;  // write only
    std::string reason;          // why, in words ("remove partition NFTP")
};

// What the plan does with one FPT entry or FTPR module.
enum class PartAction { kept, removed, essential, metadata, manifest, no_data, nvram, skipped };
const char* part_action_name(PartAction action);  // "kept", ..., "no data", "nvram", "skipped"

// The fate of one FPT entry or FTPR module, for the report and the page.
struct PartVerdict {
    std::string name;
    std::string detail;     // "LZMA", "Huffman", "NVRAM", ...
    uint64_t start = 0;     // region-relative
    uint64_t end = 0;
    bool has_range = false;
    uint64_t size = 0;      // bytes (for Huffman modules: of their chunks)
    PartAction action = PartAction::kept;
};

// A file handed back next to the image: a byte range of the final image,
// with a few dwords replaced in the copy (the shrunk regions of -t -D).
struct ExtraFile {
    std::string name;
    uint64_t offset = 0;
    uint64_t length = 0;
    std::vector<std::pair<uint64_t, uint32_t>> dword_patches;  // offsets relative to the copy
};

struct Plan {
    Options options;
    std::vector<Edit> edits;
    std::vector<PartVerdict> partitions;
    std::vector<PartVerdict> modules;
    std::optional<ExtraFile> descriptor_copy;
    std::optional<ExtraFile> me_copy;
    std::optional<uint64_t> minimum_size;  // bytes the ME firmware needs (me_cleaner's "minimum size")
    uint64_t output_size = 0;
    // The final FTPR signature verdict on the cleaned image (absent when me_cleaner
    // does not check: generation 1, ME 6 Ignition).
    std::optional<SignatureCheck> final_signature;
    std::optional<SignatureCheck> me_copy_signature;
    // Where apply() re-checks the result: the FTPR manifest in the cleaned image, and
    // whether the cleaned image must still parse (not when me_cleaner itself drops the
    // FTPR entry from the FPT, as it does on images that were cleaned before).
    struct Verification {
        uint64_t region_start = 0;
        uint64_t region_end = 0;
        uint64_t manifest_offset = 0;  // region-relative
        bool layout_must_parse = true;
    };
    std::optional<Verification> verification;
    std::vector<std::string> log;   // me_cleaner's console lines (stdout)
    std::optional<Problem> problem; // set: nothing may be written
    std::vector<Finding> findings;  // warnings about this plan (e.g. truncation grows the file)
};

struct Outcome {
    std::vector<uint8_t> image;
    std::optional<std::vector<uint8_t>> descriptor_copy;
    std::optional<std::vector<uint8_t>> me_copy;
    std::optional<Problem> problem;  // set: the outputs above are empty and must not be written
};

// The same outputs without a copy of what did not change: the new image is the input with its
// first `head.size()` bytes replaced by `head`, `size` bytes long. Every edit of a plan lies in the
// descriptor or the ME region, at the start of the flash, so the head is short and the rest of the
// image (the BIOS region, usually most of it) goes to the output straight from the input.
struct PatchedOutcome {
    std::vector<uint8_t> head;
    uint64_t size = 0;
    std::optional<std::vector<uint8_t>> descriptor_copy;
    std::optional<std::vector<uint8_t>> me_copy;
    std::optional<Problem> problem;  // set: nothing may be written
};

// Decides what would change. `image` must be the bytes `analysis` was made from.
Plan plan(const Analysis& analysis, std::span<const uint8_t> image, const Options& options);

// Carries the plan out on a copy of the start of `image` up to the last byte it changes, then
// re-inspects that part and refuses it (problem) if its FTPR signature or layout no longer checks out.
PatchedOutcome apply_patched(const Plan& plan, std::span<const uint8_t> image);

// The same, with the whole new image in memory.
Outcome apply(const Plan& plan, std::span<const uint8_t> image);

// The whole new image from a patched outcome and the input it was made from.
std::vector<uint8_t> materialize(const PatchedOutcome& outcome, std::span<const uint8_t> image);

}  // namespace meclean
