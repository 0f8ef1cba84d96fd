#include "clean/region_inject.hpp"

#include <cctype>
#include <string>

#include "base/text.hpp"
#include "ifd/flash_layout.hpp"

namespace meclean {
namespace {

// ifdtool's -i names (its help: Descriptor, BIOS, ME, GbE, Platform, res1, res2, res3, ...).
constexpr const char* kIfdtoolNames[] = {"descriptor", "bios", "me", "gbe", "platform"};

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

Plan refuse(Plan p, std::string code, std::string message, std::string detail, std::optional<uint64_t> offset) {
    p.problem = Problem{std::move(code), std::move(message), std::move(detail), offset, {}, Remedy::none};
    p.edits.clear();
    return p;
}

}  // namespace

std::optional<int> region_index_by_name(std::string_view name) {
    const std::string wanted = lower(name);
    if (wanted.empty()) return std::nullopt;
    for (int i = 0; i < static_cast<int>(std::size(kIfdtoolNames)); ++i) {
        if (wanted == kIfdtoolNames[i]) return i;
    }
    for (int i = 0; i < 16; ++i) {
        if (wanted == region_layout_name(i) || wanted == decimal(static_cast<uint64_t>(i))) return i;
    }
    return std::nullopt;
}

Plan plan_region_inject(const Descriptor& d, std::span<const uint8_t> image, int index, std::span<const uint8_t> file) {
    Plan p;
    p.output_size = image.size();
    const std::string what = "region " + decimal(static_cast<uint64_t>(index)) + " (" + region_name(index) + ")";
    if (index < 0 || static_cast<size_t>(index) >= d.regions.size() || !d.regions[index].used) {
        return refuse(std::move(p), "inject_region_unused", "The descriptor does not use " + what,
                      "Only a region the descriptor defines can be replaced.", d.frba + 4 * uint64_t(index < 0 ? 0 : index));
    }
    const FlashRegion& r = d.regions[index];
    const uint64_t size = r.limit + 1 - r.base;
    if (r.limit >= image.size()) {
        return refuse(std::move(p), "inject_region_outside", what + " ends at " + hex(r.limit) + ", past the end of the image",
                      "Replace regions in a whole flash image.", r.base);
    }
    if (file.size() > size) {
        return refuse(std::move(p), "inject_file_too_large",
                      "The file is " + hex(file.size()) + " bytes but " + what + " is " + hex(size) + " bytes (" +
                          hex(r.base) + "–" + hex(r.limit) + ")",
                      "Use a firmware image made for this region's size (or shrink it first, e.g. meclean -t).", r.base);
    }
    if (file.empty()) {
        return refuse(std::move(p), "inject_file_empty", "The file to inject is empty", "Give the region's new contents.", r.base);
    }
    Edit write;
    write.kind = EditKind::write;
    write.offset = r.base;
    write.length = file.size();
    write.bytes.assign(file.begin(), file.end());
    write.reason = "replace " + what + " with the file (" + hex(file.size()) + " bytes)";
    p.edits.push_back(std::move(write));
    if (file.size() < size) {
        Edit pad;
        pad.kind = EditKind::fill;
        pad.offset = r.base + file.size();
        pad.length = size - file.size();
        pad.reason = "pad the rest of " + what + " with 0xFF";
        p.edits.push_back(pad);
        p.findings.push_back({Severity::info, "inject_padded",
                              "The file is smaller than " + what + ": its last " + hex(pad.length) + " bytes (from " +
                                  hex(pad.offset) + ") are padded with 0xFF",
                              pad.offset});
    }
    return p;
}

}  // namespace meclean
