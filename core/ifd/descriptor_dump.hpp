// The descriptor as text, in the spirit of `ifdtool -d` (own wording and layout):
// maps, component section, regions, masters with a read/write matrix, straps, VSCC table.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ifd/descriptor.hpp"
#include "ifd/descriptor_checks.hpp"

namespace meclean {

std::string descriptor_dump_text(const Descriptor& descriptor);

// FLMAP0–3 and FLUMAP1 with their fields: the dump prints them and the JSON carries them.
struct MapRow {
    std::string name;  // "FLMAP0"
    uint32_t value = 0;
    std::vector<std::pair<std::string, std::string>> fields;  // label, value
};
std::vector<MapRow> map_rows(const Descriptor& descriptor);

// The §1.9 checks as a list: "[ok]", "[warning]", "[skipped]" ... one line each.
std::string descriptor_checks_text(const std::vector<DescriptorCheck>& checks);

// The component section (chips, densities, clocks) as [label, value] rows: the dump prints
// them and the JSON carries them, so the page shows the same words.
std::vector<std::pair<std::string, std::string>> component_rows(const Descriptor& descriptor);

}  // namespace meclean
