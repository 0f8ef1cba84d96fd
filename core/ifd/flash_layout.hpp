// Region names for tools, flashrom layout files, and which regions differ between two
// images (formats.md §1.4). Pure functions; the CLI writes the files.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ifd/descriptor.hpp"

namespace meclean {

// Short names as ifdtool's layout and flashrom's --ifd use them: fd, bios, me, gbe, pd,
// res1, res2, res3, ec, res4, ie, 10gbe0, 10gbe1, res5, res6, ptt.
const char* region_layout_name(int index);
// ifdtool's extract names: flashregion_0_flashdescriptor.bin, flashregion_1_bios.bin,
// flashregion_2_intel_me.bin, flashregion_3_gbe.bin, ...
std::string region_file_name(int index);

// "00000000:00000fff fd\n..." — used regions in address order, lower-case hex, inclusive.
std::string flashrom_layout(const Descriptor& descriptor);
// What to know before using that layout file (overlapping regions, which flashrom refuses).
std::vector<std::string> flashrom_layout_notes(const Descriptor& descriptor);

struct RegionDiff {
    std::vector<int> changed;        // region indices whose bytes differ
    std::vector<int> unchanged;      // used regions that are identical
    uint64_t bytes_outside = 0;      // differing bytes that lie in no used region
    uint64_t first_outside = 0;      // the first of them
    bool size_differs = false;
    std::vector<std::string> notes;  // e.g. "the descriptors define different regions"
};

// Compares `before` and `after` region by region, with the regions of `layout` (normally
// the descriptor of `after`, the image that is going to be written).
RegionDiff compare_regions(const Descriptor& layout, std::span<const uint8_t> before, std::span<const uint8_t> after);

// "flashrom -p internal -l meclean.layout -i fd -i me -N -w cleaned.bin"
std::string flashrom_write_command(const std::vector<int>& regions, const std::string& layout_file,
                                   const std::string& image_file, const std::string& programmer = "internal");

}  // namespace meclean
