// The catalogue of malformed inputs (bad_input_catalogue.hpp). Offsets come from the builder's
// layouts and formats.md, never from the engine's output.
#include "common/bad_input_catalogue.hpp"

#include "common/synth_images.hpp"

namespace meclean::test_common {
namespace {

Options relocate() {
    Options o;
    o.relocate = true;
    return o;
}
Options check() {
    Options o;
    o.check_only = true;
    return o;
}

// Region offsets of the generation-2 / generation-3 builder images.
uint32_t g2_ftpr() { return me7().layout.ftpr.offset; }
uint32_t g2_llut() { return me7().layout.llut->offset; }
uint32_t g2_R() { return full_gen2().me.offset; }
uint32_t g3_cpd() { return me11().layout.cpd_offset; }

}  // namespace

std::vector<BadCase> bad_input_catalogue() {
    std::vector<BadCase> c;
    // ---- files too small to be anything
    c.push_back({"empty_file", [] { return Bytes{}; }, {}, "unknown_image", "Unknown image", std::nullopt});
    c.push_back({"three_bytes", [] { return Bytes{0x24, 0x46, 0x50}; }, {}, "unknown_image", "Unknown image",
                 std::nullopt});
    c.push_back({"fpt_tag_only", [] { return cut(me7().bytes, 0x14); }, {}, "out_of_region", "$FPT", 0x14});

    // ---- descriptor
    c.push_back({"truncated_in_flmap0", [] { return cut(full_gen2().bytes, 0x16); }, {}, "truncated", "FLMAP0", 0x14});
    c.push_back({"truncated_in_flmap2", [] { return cut(full_gen2().bytes, 0x1E); }, {}, "truncated", "FLMAP2", 0x1C});
    c.push_back({"truncated_in_flreg_section", [] { return cut(full_gen2().bytes, 0x46); }, {}, "truncated",
                 "region section", 0x44});
    c.push_back({"truncated_inside_me_region", [] { return cut(full_gen2().bytes, 0x3000 + 0x2000); }, {},
                 "me_region_outside_file", "ME region", 0x3000});
    c.push_back({"me_region_beyond_file_end",
                 [] {
                     Bytes b = full_gen2().bytes;
                     put32(b, 0x48, 0x7FFF0003);  // ME 0x3000–0x7FFFFFF on an 8 MiB file
                     return b;
                 },
                 {}, "me_region_outside_file", "ME region", 0x3000});
    c.push_back({"me_region_disabled_v2",
                 [] {
                     Bytes b = full_gen3().bytes;
                     put32(b, 0x48, 0x00007FFF);
                     return b;
                 },
                 {}, "no_me_firmware", "ME region", 0x48});

    // ---- $FPT
    c.push_back({"wrong_fpt_magic_me_only",
                 [] {
                     Bytes b = me7().bytes;
                     put_tag(b, 0x10, "$FPX");
                     return b;
                 },
                 {}, "unknown_image", "Unknown image", std::nullopt});
    c.push_back({"wrong_fpt_magic_full",
                 [] {
                     Bytes b = full_gen2().bytes;
                     put_tag(b, g2_R() + 0x10, "$FPX");
                     return b;
                 },
                 {}, "firmware_missing", "$FPT", 0x3000});
    c.push_back({"truncated_in_fpt_header", [] { return cut(me7().bytes, 0x20); }, {}, "out_of_region", "$FPT header",
                 0x10});
    c.push_back({"truncated_in_fpt_entries", [] { return cut(me7().bytes, 0x30 + 3 * 0x20 + 5); }, {}, "out_of_region",
                 "$FPT entries", 0x30});
    c.push_back({"fpt_entry_count_all_ones",
                 [] {
                     Bytes b = me7().bytes;
                     put32(b, 0x14, 0xFFFFFFFF);
                     return b;
                 },
                 {}, "out_of_region", "$FPT entries", 0x30});
    c.push_back({"fpt_entry_count_zero",
                 [] {
                     Bytes b = me7().bytes;
                     put32(b, 0x14, 0);
                     return b;
                 },
                 {}, "ftpr_missing", "FTPR", 0x10});
    c.push_back({"ftpr_offset_past_region",
                 [] {
                     Bytes b = me7().bytes;
                     put32(b, me7().layout.fpt.find("FTPR")->entry_offset + 8, uint32_t(b.size() + 0x1000));
                     return b;
                 },
                 {}, "out_of_region", "FTPR", me7().bytes.size() + 0x1000});
    c.push_back({"ftpr_offset_past_region_full",
                 [] {
                     Bytes b = full_gen2().bytes;
                     put32(b, g2_R() + me7().layout.fpt.find("FTPR")->entry_offset + 8, 0x4FF000);
                     return b;
                 },
                 {}, "out_of_region", "FTPR", 0x3000 + 0x4FF000});
    c.push_back({"ftpr_length_past_region_then_relocate",
                 [] {
                     Bytes b = me7().bytes;
                     put32(b, me7().layout.fpt.find("FTPR")->entry_offset + 0xC, 0x10000000);
                     return b;
                 },
                 relocate(), "relocate_without_ftpr", "FTPR", 0x30});

    // ---- manifest
    c.push_back({"wrong_mn2_magic",
                 [] {
                     Bytes b = me7().bytes;
                     put_tag(b, g2_ftpr() + 0x1C, "$MNX");
                     return b;
                 },
                 {}, "manifest_tag", "$MN2", g2_ftpr() + 0x1C});
    c.push_back({"truncated_before_manifest_tag", [] { return cut(me7().bytes, g2_ftpr() + 0x10); }, {}, "out_of_region",
                 "manifest tag", g2_ftpr() + 0x1C});
    c.push_back({"truncated_inside_manifest_key", [] { return cut(me7().bytes, g2_ftpr() + 0x100); }, {},
                 "out_of_region", "public key", g2_ftpr() + 0x80});
    c.push_back({"manifest_size_lies",
                 [] {
                     Bytes b = me7().bytes;
                     put32(b, g2_ftpr() + 0x18, 0x01000000);  // 64 MiB in dwords
                     return b;
                 },
                 {}, "out_of_region", "manifest", std::nullopt});
    c.push_back({"manifest_size_lies_check_only",
                 [] {
                     Bytes b = me7().bytes;
                     put32(b, g2_ftpr() + 0x18, 0x01000000);
                     return b;
                 },
                 check(), "out_of_region", "manifest", std::nullopt});

    // ---- gen-2 module headers and LLUT
    c.push_back({"truncated_inside_module_headers", [] { return cut(me7().bytes, g2_ftpr() + 0x290 + 2 * 0x60 + 0x10); },
                 {}, "out_of_region", "module", std::nullopt});
    c.push_back({"wrong_llut_magic",
                 [] {
                     Bytes b = me7().bytes;
                     put_tag(b, g2_llut(), "LLUX");
                     return b;
                 },
                 {}, "llut_missing", "LLUT", g2_llut()});
    c.push_back({"wrong_llut_magic_full",
                 [] {
                     Bytes b = full_gen2().bytes;
                     put_tag(b, g2_R() + g2_llut(), "LLUX");
                     return b;
                 },
                 {}, "llut_missing", "LLUT", 0x3000 + g2_llut()});
    c.push_back({"truncated_inside_llut_chunk_table", [] { return cut(me7().bytes, g2_llut() + 0x40 + 4 * 10 + 2); }, {},
                 "out_of_region", "LLUT chunk table", g2_llut() + 0x40});
    c.push_back({"llut_chunk_count_huge",
                 [] {
                     Bytes b = me7().bytes;
                     put32(b, g2_llut() + 4, 0x00FFFFFF);
                     return b;
                 },
                 {}, "out_of_region", "LLUT chunk table", g2_llut() + 0x40});
    c.push_back({"llut_chunk_size_zero",
                 [] {
                     Bytes b = me7().bytes;
                     put32(b, g2_llut() + 0x30, 0);
                     return b;
                 },
                 {}, "llut_chunk_size", "chunk size", g2_llut() + 0x30});
    c.push_back({"chunk_offset_past_stream_end",
                 [] {
                     Bytes b = me7().bytes;
                     const auto& L = *me7().layout.llut;
                     uint32_t at = L.table_offset + 4 * L.chunks[0].index;
                     uint32_t flags = le32(b, at) & 0xFF000000u;
                     put32(b, at, flags | (L.stream_offset + L.stream_length + 0x100));
                     return b;
                 },
                 {}, "llut_chunk_past_stream", "Huffman", g2_llut()});
    c.push_back({"chunk_offset_past_stream_end_full",
                 [] {
                     Bytes b = full_gen2().bytes;
                     const auto& L = *me7().layout.llut;
                     uint32_t at = g2_R() + L.table_offset;
                     uint32_t flags = le32(b, at) & 0xFF000000u;
                     put32(b, at, flags | (L.stream_offset + L.stream_length + 0x100));
                     return b;
                 },
                 {}, "llut_chunk_past_stream", "Huffman", 0x3000 + g2_llut()});
    c.push_back({"no_essential_huffman_module",
                 [] {
                     // BUP renamed (and re-signed): no ROMP/BUP chunk is essential (§2.9 item 14).
                     Bytes b = me7().bytes;
                     for (const auto& m : me7().layout.modules) {
                         if (m.name == "BUP") b.at(m.header_offset + 4 + 2) = 'X';
                     }
                     synth::resign_manifest(b, g2_ftpr(), synth::SigningKey::Rsa2048E17);
                     return b;
                 },
                 {}, "no_essential_huffman", "essential", g2_llut()});

    // ---- gen-3 $CPD
    c.push_back({"wrong_cpd_magic",
                 [] {
                     Bytes b = me11().bytes;
                     put_tag(b, g3_cpd(), "$CPX");
                     return b;
                 },
                 {}, "manifest_tag", "$MN2", g3_cpd() + 0x1C});
    c.push_back({"truncated_in_cpd_header", [] { return cut(me11().bytes, g3_cpd() + 6); }, {}, "out_of_region", "$CPD",
                 g3_cpd() + 4});
    c.push_back({"cpd_count_past_end",
                 [] {
                     Bytes b = me11().bytes;
                     put32(b, g3_cpd() + 4, 0x10000000);
                     return b;
                 },
                 {}, "out_of_region", "$CPD entries", g3_cpd() + 0x10});
    c.push_back({"ftpr_man_missing",
                 [] {
                     Bytes b = me11().bytes;
                     b.at(me11().layout.find("FTPR.man")->entry_offset + 7) = 'x';
                     return b;
                 },
                 {}, "manifest_missing", "FTPR.man", g3_cpd()});
    c.push_back({"ftpr_man_offset_past_region",
                 [] {
                     Bytes b = me11().bytes;
                     put32(b, me11().layout.find("FTPR.man")->entry_offset + 0xC, 0x00FFFFF0);
                     return b;
                 },
                 {}, "manifest_tag", "$MN2", std::nullopt});
    c.push_back({"truncated_inside_gen3_manifest", [] { return cut(me11().bytes, me11().layout.manifest.offset + 0x90); },
                 {}, "out_of_region", "manifest", me11().layout.manifest.offset + 0x80});
    return c;
}

}  // namespace meclean::test_common
