#include "base/byte_reader.hpp"

#include "base/findings.hpp"
#include "base/text.hpp"

namespace meclean {

uint16_t load_le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }

uint32_t load_le32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
           (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

void store_le32(uint8_t* p, uint32_t value) {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(value >> (8 * i));
}

std::span<const uint8_t> ByteReader::slice(uint64_t offset, uint64_t length, const char* what) const {
    if (!has(offset, length)) {
        fail("truncated", std::string("The image ends inside the ") + what + " at " + hex(offset) + " (" +
                              hex(length) + " bytes needed, the file has " + hex(data_.size()) + ")",
             offset);
    }
    return data_.subspan(offset, length);
}

uint16_t ByteReader::u16(uint64_t offset, const char* what) const { return load_le16(slice(offset, 2, what).data()); }

uint32_t ByteReader::u32(uint64_t offset, const char* what) const { return load_le32(slice(offset, 4, what).data()); }

bool ByteReader::tag_at(uint64_t offset, const char (&tag)[5]) const {
    if (!has(offset, 4)) return false;
    for (int i = 0; i < 4; ++i) {
        if (data_[offset + i] != static_cast<uint8_t>(tag[i])) return false;
    }
    return true;
}

}  // namespace meclean
