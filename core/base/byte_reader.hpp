// The one way the engine reads bytes: bounds-checked, little-endian.
// A read past the end throws a FormatError naming the structure and the offset,
// so malformed input becomes a message, never undefined behaviour.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace meclean {

class ByteReader {
public:
    explicit ByteReader(std::span<const uint8_t> data) : data_(data) {}

    uint64_t size() const { return data_.size(); }
    bool has(uint64_t offset, uint64_t length) const {
        return offset <= data_.size() && length <= data_.size() - offset;
    }

    uint8_t u8(uint64_t offset, const char* what) const { return slice(offset, 1, what)[0]; }
    uint16_t u16(uint64_t offset, const char* what) const;
    uint32_t u32(uint64_t offset, const char* what) const;
    std::span<const uint8_t> slice(uint64_t offset, uint64_t length, const char* what) const;
    // Four bytes compared with a tag such as "$FPT"; false (not an error) when out of range.
    bool tag_at(uint64_t offset, const char (&tag)[5]) const;

private:
    std::span<const uint8_t> data_;
};

uint16_t load_le16(const uint8_t* p);
uint32_t load_le32(const uint8_t* p);
void store_le32(uint8_t* p, uint32_t value);

}  // namespace meclean
