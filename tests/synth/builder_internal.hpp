// Helpers shared by the builder's .cpp files; not part of the test-facing API.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "synth/fpt_builder.hpp"
#include "synth/manifest_builder.hpp"

namespace meclean::synth::detail {

[[noreturn]] void fail(const std::string& what);  // throws std::invalid_argument

inline uint32_t align_up(uint32_t value, uint32_t alignment) {
    return alignment <= 1 ? value : (value + alignment - 1) / alignment * alignment;
}

// Bounds-checked little-endian writes into a buffer the builder owns.
void put_u8(std::vector<uint8_t>& buf, size_t at, uint8_t value);
void put_u16(std::vector<uint8_t>& buf, size_t at, uint16_t value);
void put_u32(std::vector<uint8_t>& buf, size_t at, uint32_t value);
void put_bytes(std::vector<uint8_t>& buf, size_t at, std::span<const uint8_t> bytes);
// `text` NUL-padded to `width` bytes; longer text is an error.
void put_name(std::vector<uint8_t>& buf, size_t at, std::string_view text, size_t width);
void put_pattern(std::vector<uint8_t>& buf, size_t at, size_t length, uint8_t tag);
uint32_t get_u32(const std::vector<uint8_t>& buf, size_t at);

// ---- $FPT (fpt_builder.cpp)

// A partition after placement: the values its entry stores and the bytes it owns.
struct PlacedPartition {
    FptPartition spec;
    uint32_t offset_field = 0;
    uint32_t length_field = 0;
    ByteRange data;  // empty when nothing is written
};

// Region offset of `$FPT` and of the first auto-placed partition.
uint32_t fpt_offset_for(const FptHeaderSpec& header);
uint32_t first_partition_offset(const FptHeaderSpec& header, size_t entry_count);

// Gives every partition its offset and length. The partition with content
// Manifest and length 0 gets `manifest_content_size` rounded up to 4 KiB.
std::vector<PlacedPartition> place_partitions(const std::vector<FptPartition>& partitions,
                                              uint32_t first_offset,
                                              uint32_t manifest_content_size);
// One past the highest placed byte, rounded up to 4 KiB (at least 0x1000).
uint32_t auto_region_size(const std::vector<PlacedPartition>& placed);
// Fixes "to region end" partitions once the region size is known.
void finish_placement(std::vector<PlacedPartition>& placed, uint32_t region_size);
// Index of the single Manifest partition; fails if there is none or several.
size_t manifest_partition_index(const std::vector<PlacedPartition>& placed);

// Writes ROM bypass, fillers of Filler/Erased partitions, the header and entries;
// the checksum is written last, so call this after all header-covered bytes exist.
FptLayout write_fpt(std::vector<uint8_t>& region, const FptHeaderSpec& header,
                    const std::vector<PlacedPartition>& placed);
void write_partition_fillers(std::vector<uint8_t>& region, const std::vector<PlacedPartition>& placed);

// ---- Manifests (manifest_builder.cpp)

// Writes the header fields, key, and signature of a manifest whose body
// [header length, size) is already in `buf` at `at`. `count_or_tag` goes to
// +0x20. `size` must be a multiple of 4.
ManifestLayout write_signed_manifest(std::vector<uint8_t>& buf, uint32_t at, const ManifestSpec& spec,
                                     uint32_t count_or_tag, uint32_t size);

}  // namespace meclean::synth::detail
