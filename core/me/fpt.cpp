#include "me/fpt.hpp"

#include <algorithm>

#include "base/byte_reader.hpp"

namespace meclean {

std::string fpt_entry_name(std::span<const uint8_t> name_bytes) {
    size_t length = name_bytes.size();
    while (length > 0 && name_bytes[length - 1] == 0) --length;
    auto name = name_bytes.first(length);
    if (std::any_of(name.begin(), name.end(), [](uint8_t b) { return b >= 0x80; })) return "????";
    return std::string(name.begin(), name.end());
}

Fpt read_fpt(const RegionView& region, uint64_t fpt_offset) {
    Fpt fpt;
    fpt.offset = fpt_offset;
    auto header = region.read(fpt_offset, 0x20, "$FPT header");
    fpt.entry_count = load_le32(header.data() + 0x04);
    fpt.header_version = header[0x08];
    fpt.header_length = header[0x0A];
    fpt.checksum = header[0x0B];
    fpt.flags = load_le32(header.data() + 0x14);
    auto entries = region.read(fpt_offset + 0x20, uint64_t{fpt.entry_count} * 0x20, "$FPT entries");
    fpt.entries.reserve(fpt.entry_count);
    for (uint32_t i = 0; i < fpt.entry_count; ++i) {
        const uint8_t* e = entries.data() + uint64_t{i} * 0x20;
        FptEntry entry;
        std::copy(e, e + 0x20, entry.raw.begin());
        entry.name = fpt_entry_name({e, 4});
        entry.owner = load_le32(e + 0x04);
        entry.offset = load_le32(e + 0x08);
        entry.length = load_le32(e + 0x0C);
        entry.flags = load_le32(e + 0x1C);
        fpt.entries.push_back(entry);
    }
    return fpt;
}

}  // namespace meclean
