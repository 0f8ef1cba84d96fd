#include "ifd/flash_layout.hpp"

#include <algorithm>

#include "base/text.hpp"
#include "ifd/descriptor_checks.hpp"

namespace meclean {
namespace {

constexpr const char* kLayoutNames[16] = {"fd",   "bios", "me", "gbe",    "pd",     "res1", "res2", "res3",
                                          "ec",   "res4", "ie", "10gbe0", "10gbe1", "res5", "res6", "ptt"};
constexpr const char* kFileNames[16] = {
    "flashdescriptor", "bios", "intel_me", "gbe", "platform_data", "device_exp1", "bios2", "reserved7",
    "ec", "device_exp2", "ie", "10gbe0", "10gbe1", "reserved13", "reserved14", "ptt"};

// Used regions by base address; regions with the same base keep their index order.
std::vector<const FlashRegion*> used_by_address(const Descriptor& d) {
    std::vector<const FlashRegion*> out;
    for (const FlashRegion& r : d.regions) {
        if (!r.used) continue;
        auto at = out.end();
        while (at != out.begin() && (*(at - 1))->base > r.base) --at;
        out.insert(at, &r);
    }
    return out;
}

// The first index in [from, to) where `a` and `b` differ, or `to`.
uint64_t first_difference(std::span<const uint8_t> a, std::span<const uint8_t> b, uint64_t from, uint64_t to) {
    auto [x, y] = std::mismatch(a.begin() + from, a.begin() + to, b.begin() + from);
    return static_cast<uint64_t>(x - a.begin());
}

}  // namespace

const char* region_layout_name(int index) { return index >= 0 && index < 16 ? kLayoutNames[index] : "unknown"; }

std::string region_file_name(int index) {
    return "flashregion_" + decimal(static_cast<uint64_t>(index)) + "_" +
           (index >= 0 && index < 16 ? kFileNames[index] : "unknown") + ".bin";
}

std::string flashrom_layout(const Descriptor& d) {
    std::string out;
    for (const FlashRegion* r : used_by_address(d)) {
        out += hex_digits(r->base, 8) + ":" + hex_digits(r->limit, 8) + " " + region_layout_name(r->index) + "\n";
    }
    return out;
}

std::vector<std::string> flashrom_layout_notes(const Descriptor& d) {
    std::string pairs;
    for (const auto& [x, y] : overlapping_regions(d)) {
        pairs += (pairs.empty() ? "" : ", ") + std::string(region_layout_name(x->index)) + "/" + region_layout_name(y->index);
    }
    if (pairs.empty()) return {};
    return {"Regions overlap (" + pairs + "): flashrom does not accept overlapping regions in a layout file; write the "
            "whole image."};
}

RegionDiff compare_regions(const Descriptor& d, std::span<const uint8_t> before, std::span<const uint8_t> after) {
    RegionDiff diff;
    diff.size_differs = before.size() != after.size();
    const uint64_t size = std::min(before.size(), after.size());
    uint64_t covered_to = 0;  // regions in address order cover [0, covered_to) where they touch
    auto count_outside = [&](uint64_t from, uint64_t to) {
        for (uint64_t i = first_difference(before, after, from, to); i < to; i = first_difference(before, after, i + 1, to)) {
            if (diff.bytes_outside == 0) diff.first_outside = i;
            ++diff.bytes_outside;
        }
    };
    std::vector<std::pair<int, bool>> verdicts;  // region index, changed
    for (const FlashRegion* r : used_by_address(d)) {
        bool differs = r->limit >= size && r->base < std::max(before.size(), after.size()) && diff.size_differs;
        uint64_t first = std::min<uint64_t>(r->base, size), end = std::min<uint64_t>(r->limit + 1, size);
        if (first < end) differs = differs || first_difference(before, after, first, end) < end;
        if (first > covered_to) count_outside(covered_to, first);
        covered_to = std::max(covered_to, end);
        verdicts.push_back({r->index, differs});
    }
    count_outside(covered_to, size);
    for (const FlashRegion& r : d.regions) {  // in region-index order
        for (const auto& [index, changed] : verdicts) {
            if (index == r.index) (changed ? diff.changed : diff.unchanged).push_back(index);
        }
    }
    return diff;
}

std::string flashrom_write_command(const std::vector<int>& regions, const std::string& layout_file,
                                   const std::string& image_file, const std::string& programmer) {
    std::string out = "flashrom -p " + programmer + " -l " + layout_file;
    for (int index : regions) out += std::string(" -i ") + region_layout_name(index);
    return out + " -N -w " + image_file;
}

}  // namespace meclean
