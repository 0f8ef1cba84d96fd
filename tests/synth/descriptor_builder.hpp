// Synthetic Intel flash descriptor (formats.md §1). The spec holds every
// section base and raw value explicitly, so a test can also describe a
// descriptor that is wrong on purpose.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace meclean::synth {

inline constexpr uint32_t kDescriptorSize = 0x1000;
inline constexpr uint32_t kFlashSignature = 0x0FF0A55A;  // FLVALSIG, §1.1
inline constexpr uint32_t kFlumap1Offset = 0xEFC;          // fixed, §1.1

// Unused-region encodings seen in the field (§1.4).
inline constexpr uint32_t kFlregUnusedV1 = 0x00001FFF;  // also what me_cleaner writes for gen 1
inline constexpr uint32_t kFlregUnusedV1Alt = 0x00000FFF;
inline constexpr uint32_t kFlregUnusedV2 = 0x00007FFF;
inline constexpr uint32_t kFlregAllOnes = 0xFFFFFFFF;   // decodes base ≤ limit, still unused

// Region indices (§1.4).
inline constexpr int kRegionDescriptor = 0;
inline constexpr int kRegionBios = 1;
inline constexpr int kRegionMe = 2;
inline constexpr int kRegionGbe = 3;
inline constexpr int kRegionPdr = 4;

// FLREG = ((base >> 12) & 0x7FFF) | (((limit >> 12) & 0x7FFF) << 16), §1.4.
uint32_t encode_flreg(uint32_t base, uint32_t limit_inclusive);

// One FLREG slot. Decoding follows §1.4: used iff base ≤ limit and the base
// is not 0x7FFF000 (the all-ones slot).
struct RegionSlot {
    uint32_t flreg = kFlregUnusedV2;

    static RegionSlot range(uint32_t base, uint32_t limit_inclusive);
    static RegionSlot unused(uint32_t encoding = kFlregUnusedV2);
    static RegionSlot all_ones() { return {kFlregAllOnes}; }

    uint32_t base() const;              // first byte
    uint32_t limit() const;             // last byte (inclusive)
    bool is_used() const;
};

// FLCOMP density fields (§1.3). Codes: size = 1 << (19 + code); 0xF = absent
// (4-bit form only). Returned values hold only the density bits; OR them
// into the rest of FLCOMP.
uint32_t flcomp_density_3bit(unsigned component1_code, unsigned component2_code);
uint32_t flcomp_density_4bit(unsigned component1_code, unsigned component2_code);
unsigned density_code_for(uint64_t size_bytes);  // 512 KiB → 0 … 64 MiB → 7

// Every field of the descriptor. Section bases are byte offsets (multiples of
// 16, below 0x1000) and are encoded as value >> 4 in the map (§1.2).
struct DescriptorSpec {
    bool signature_at_zero = false;  // ICH8–10 (gen 1): signature at 0x0, map at 0x4 (§1.1)

    // FLMAP0
    uint32_t fcba = 0x30;
    uint8_t nc = 0;   // number of components − 1
    uint32_t frba = 0x40;
    uint8_t nr = 3;
    // FLMAP1
    uint32_t fmba = 0x60;
    uint8_t nm = 2;
    uint32_t fpsba = 0x100;
    std::optional<uint8_t> isl;  // nullopt → pch_straps.size()
    // FLMAP2
    uint32_t fmsba = 0x200;
    std::optional<uint8_t> msl;  // nullopt → north_straps.size()
    uint8_t iccriba = 0x21;
    uint8_t ril = 0;
    std::optional<uint32_t> flmap3;  // 500-series and later only

    // Component section: FLCOMP, FLILL, FLPB/FLILL1 at FCBA.
    uint32_t flcomp = 0x49900024;
    uint32_t flill = 0;
    uint32_t flpb = 0;

    std::vector<RegionSlot> regions;     // FLREGn at FRBA + 4n
    std::vector<uint32_t> masters;       // FLMSTRk at FMBA + 4(k−1), raw v1 or v2 words
    std::vector<uint32_t> pch_straps;    // PCHSTRPn (ICHSTRPn) at FPSBA + 4n
    std::vector<uint32_t> north_straps;  // MCHSTRPn / PROCSTRPn at FMSBA + 4n
    uint32_t flumap1 = 0x000012DF;

    uint8_t fill = 0xFF;  // every byte no field covers

    uint32_t signature_offset() const { return signature_at_zero ? 0x0 : 0x10; }
    uint32_t map_offset() const { return signature_offset() + 4; }  // FLMAP0
    void set_region(int index, RegionSlot slot);  // grows `regions` with unused v1/v2 slots
    RegionSlot region(int index) const;           // unused when out of range
};

// Presets (formats.md Appendix A). Strap values other than the documented
// ones are made up.
DescriptorSpec t420_descriptor();      // IFD v1, Cougar Point, 8 MiB: ME 0x3000–0x4FFFFF, BIOS 0x500000–
DescriptorSpec skylake_descriptor();   // IFD v2, Sunrise Point, 8 MiB: ME 0x1000–0x1FFFFF, BIOS 0x200000–
DescriptorSpec ich9_descriptor();      // gen 1: signature at 0, 4 MiB: ME 0x3000–0x1FFFFF, BIOS 0x200000–

// The 4 KiB descriptor. Throws std::invalid_argument when a base is not
// encodable or a section runs past 4 KiB.
std::vector<uint8_t> build_descriptor(const DescriptorSpec& spec);

}  // namespace meclean::synth
