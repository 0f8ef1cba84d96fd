// Cleaning generation-2 images (ME 6–10, TXE): formats.md §2.8.4–§2.8.15 on builder images.
// Expected values come from the builder's layouts and the rules in formats.md.
#include <gtest/gtest.h>

#include "clean_support.hpp"

namespace meclean {
namespace {

using namespace testing_support;

const synth::Gen2ModuleLayout& module(const synth::Gen2Layout& L, const std::string& name) {
    for (const auto& m : L.modules)
        if (m.name == name) return m;
    throw std::runtime_error("no module " + name);
}

int module_index(const synth::Gen2Layout& L, const std::string& name) {
    for (size_t i = 0; i < L.modules.size(); ++i)
        if (L.modules[i].name == name) return int(i);
    return -1;
}

// me_cleaner's end_addr for the default run on me7: the end of ROMP (stored, essential)
// or of the last BUP Huffman chunk, whichever is larger (§2.8.7).
uint64_t me7_default_end_addr() {
    const auto& L = me7().layout;
    const auto& romp = module(L, "ROMP");
    uint64_t end = romp.data_offset + romp.data_size;
    int bup = module_index(L, "BUP");
    for (const auto& c : L.llut->chunks)
        if (c.present && c.module == bup) end = std::max<uint64_t>(end, c.offset + c.size);
    return end;
}

Options with(std::function<void(Options&)> f) {
    Options o;
    f(o);
    return o;
}

// ---------------------------------------------------------------- partitions and FPT

TEST(CleanGen2, DefaultRemovesEveryNonFtprPartitionWithData) {
    const Bytes& in = me7().bytes;
    Result r = run(in);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    ASSERT_EQ(out.size(), in.size());
    for (const auto& p : me7().layout.fpt.partitions) {
        SCOPED_TRACE(p.name);
        if (p.data.empty()) continue;
        if (p.name == "FTPR") {
            // The manifest and the essential modules survive (checked in detail below).
            EXPECT_TRUE(same_bytes(out, in, p.data.offset, me7().layout.manifest.size));
        } else {
            EXPECT_TRUE(none_ff(in, p.data.offset, p.data.size));
            EXPECT_TRUE(all_ff(out, p.data.offset, p.data.size));
        }
    }
}

TEST(CleanGen2, FptRewrittenWithFtprOnly) {
    const Bytes& in = me7().bytes;
    Result r = run(in);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    const auto& F = me7().layout.fpt;
    const auto* ftpr = F.find("FTPR");
    EXPECT_EQ(le32(out, 0x14), 1u);  // count at R+0x14
    EXPECT_TRUE(std::equal(out.begin() + 0x30, out.begin() + 0x50, in.begin() + ftpr->entry_offset));
    EXPECT_TRUE(all_ff(out, 0x50, 0x20 * (F.partitions.size() - 1)));
    // Data after the old table (up to the first partition) is untouched.
    size_t table_end = 0x30 + 0x20 * F.partitions.size();
    EXPECT_TRUE(same_bytes(out, in, table_end, 0x40));
    // EFFS flag (bit 0 of R+0x24) cleared, other flag bits kept.
    EXPECT_EQ(le32(in, 0x24) & 1u, 1u);
    EXPECT_EQ(le32(out, 0x24), le32(in, 0x24) & ~1u);
    // Checksum: bytes 0x00–0x2F sum to zero (gen 2 rule), and the rom bypass is part of it.
    EXPECT_EQ(sum8(out, 0x00, 0x30), 0u);
    EXPECT_NE(sum8(out, 0x10, 0x20), 0u);
    // The ROM bypass and the rest of the header are kept.
    EXPECT_TRUE(same_bytes(out, in, 0x00, 0x14));
    EXPECT_TRUE(same_bytes(out, in, 0x18, 0x03));
}

TEST(CleanGen2, NvramEntriesAreDroppedButNotErased) {
    Result r = run(me7().bytes);
    ASSERT_FALSE(r.plan.problem) << problem_text(r.plan.problem);
    int nvram = 0;
    for (const PartVerdict& v : r.plan.partitions) {
        if (v.name.rfind("NV", 0) == 0) {
            EXPECT_EQ(v.action, PartAction::nvram) << v.name;
            ++nvram;
        }
    }
    EXPECT_EQ(nvram, 5);
    for (const Edit& e : r.plan.edits) EXPECT_EQ(e.reason.find("NV"), std::string::npos) << e.reason;
}

TEST(CleanGen2, PartitionLogLinesUseMeCleanerWording) {
    Result r = run(me7().bytes);
    const auto* fovd = me7().layout.fpt.find("FOVD");
    char line[128];
    std::snprintf(line, sizeof line, " FOVD (0x%08x - 0x%09x, 0x%08x total bytes): removed", fovd->offset_field,
                  fovd->offset_field + fovd->length_field, fovd->length_field);
    EXPECT_TRUE(has_line(r.plan.log, line)) << line;
    const auto* nvcl = me7().layout.fpt.find("NVCL");
    std::snprintf(line, sizeof line, " NVCL (NVRAM partition, no data, 0x%08x total bytes): nothing to remove",
                  nvcl->length_field);
    EXPECT_TRUE(has_line(r.plan.log, line)) << line;
    EXPECT_TRUE(has_line(r.plan.log, "Removing EFFS presence flag..."));
    EXPECT_TRUE(has_line(r.plan.log, "Checking the FTPR RSA signature... VALID"));
    EXPECT_TRUE(has_line(r.plan.log, "Done! Good luck!"));
}

// ---------------------------------------------------------------- modules (§2.8.7)

TEST(CleanGen2, ModulesRemovedExceptRompAndBup) {
    const Bytes& in = me7().bytes;
    Result r = run(in);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    const auto& L = me7().layout;
    for (const auto& m : L.modules) {
        SCOPED_TRACE(m.name);
        if (m.compression == synth::Compression::Huffman) continue;
        if (m.name == "ROMP") {
            EXPECT_TRUE(same_bytes(out, in, m.data_offset, m.data_size));
        } else {
            EXPECT_TRUE(all_ff(out, m.data_offset, m.data_size));
        }
    }
    // Manifest and module headers intact (signed).
    EXPECT_TRUE(same_bytes(out, in, L.manifest.offset, L.manifest.size));
}

TEST(CleanGen2, HuffmanChunksOfRemovedModulesErased) {
    const Bytes& in = me7().bytes;
    Result r = run(in);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    const auto& L = me7().layout;
    ASSERT_TRUE(L.llut);
    int bup = module_index(L, "BUP");
    int essential = 0, erased = 0;
    for (const auto& c : L.llut->chunks) {
        if (!c.present) continue;
        SCOPED_TRACE(c.index);
        if (c.module == bup) {
            EXPECT_TRUE(same_bytes(out, in, c.offset, c.size));
            ++essential;
        } else {
            EXPECT_TRUE(all_ff(out, c.offset, c.size));
            ++erased;
        }
    }
    EXPECT_GT(essential, 0);
    EXPECT_GT(erased, 0);
    // The LLUT itself stays.
    EXPECT_TRUE(same_bytes(out, in, L.llut->offset, 0x40 + 4 * L.llut->chunk_count));
}

TEST(CleanGen2, MinimumSizeAndTruncation) {
    const Bytes& in = me7().bytes;
    uint64_t want = rounded_minimum(me7_default_end_addr());
    Result plain = run(in);
    ASSERT_TRUE(plain.plan.minimum_size);
    EXPECT_EQ(*plain.plan.minimum_size, want);
    EXPECT_EQ(plain.outcome.image.size(), in.size());  // no -t: size kept

    Options t;
    t.truncate = true;
    Result cut = run(in, t);
    ASSERT_FALSE(cut.outcome.problem) << problem_text(cut.outcome.problem);
    ASSERT_EQ(cut.outcome.image.size(), want);
    EXPECT_TRUE(same_bytes(cut.outcome.image, plain.outcome.image, 0, want));
    char line[96];
    std::snprintf(line, sizeof line, "The ME minimum size should be %llu bytes (0x%llx bytes)",
                  static_cast<unsigned long long>(want), static_cast<unsigned long long>(want));
    EXPECT_TRUE(has_line(cut.plan.log, line)) << line;
}

TEST(CleanGen2, RoundingAddsABlockEvenWhenAligned) {
    EXPECT_EQ(rounded_minimum(0x1000), 0x6000u);   // §2.9 item 18
    EXPECT_EQ(rounded_minimum(0x54740), 0x59000u);
}

TEST(CleanGen2, KeepModules) {
    const Bytes& in = me7().bytes;
    Options k;
    k.keep_modules = true;
    Result r = run(in, k);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const auto* ftpr = me7().layout.fpt.find("FTPR");
    EXPECT_TRUE(same_bytes(r.outcome.image, in, ftpr->offset_field, ftpr->length_field));
    EXPECT_TRUE(all_ff(r.outcome.image, me7().layout.fpt.find("NFTP")->data.offset, 0x1000));
    ASSERT_TRUE(r.plan.minimum_size);
    EXPECT_EQ(*r.plan.minimum_size, rounded_minimum(ftpr->offset_field + ftpr->length_field));
}

TEST(CleanGen2, WhitelistKeepsPartitionAndEffsFlag) {
    const Bytes& in = me7().bytes;
    Options w;
    w.whitelist = std::vector<std::string>{"EFFS"};
    Result r = run(in, w);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    const auto& F = me7().layout.fpt;
    const auto* effs = F.find("EFFS");
    const auto* ftpr = F.find("FTPR");
    EXPECT_TRUE(same_bytes(out, in, effs->data.offset, effs->data.size));
    EXPECT_TRUE(all_ff(out, F.find("NFTP")->data.offset, F.find("NFTP")->data.size));
    EXPECT_EQ(le32(out, 0x14), 2u);
    // Table order: EFFS comes before FTPR.
    EXPECT_TRUE(std::equal(out.begin() + 0x30, out.begin() + 0x50, in.begin() + effs->entry_offset));
    EXPECT_TRUE(std::equal(out.begin() + 0x50, out.begin() + 0x70, in.begin() + ftpr->entry_offset));
    EXPECT_EQ(le32(out, 0x24) & 1u, 1u);  // flag kept
    EXPECT_EQ(sum8(out, 0, 0x30), 0u);
}

TEST(CleanGen2, BlacklistRemovesOnlyListed) {
    const Bytes& in = me7().bytes;
    Options b;
    b.blacklist = std::vector<std::string>{"NFTP", "FOVD"};
    Result r = run(in, b);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    const auto& F = me7().layout.fpt;
    for (const char* kept : {"MDES", "FCRS", "EFFS"}) {
        EXPECT_TRUE(same_bytes(out, in, F.find(kept)->data.offset, F.find(kept)->data.size)) << kept;
    }
    for (const char* gone : {"NFTP", "FOVD"}) {
        EXPECT_TRUE(all_ff(out, F.find(gone)->data.offset, F.find(gone)->data.size)) << gone;
    }
    EXPECT_EQ(le32(out, 0x14), 4u);       // MDES, FCRS, EFFS, FTPR (NVRAM dropped)
    EXPECT_EQ(le32(out, 0x24) & 1u, 1u);  // EFFS not blacklisted → flag kept
}

TEST(CleanGen2, BlacklistedEffsClearsFlag) {
    Options b;
    b.blacklist = std::vector<std::string>{"EFFS"};
    Result r = run(me7().bytes, b);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(le32(r.outcome.image, 0x24) & 1u, 0u);
}

TEST(CleanGen2, TruncateGrowsFileWhenKeptPartitionEndsAtFileEnd) {
    // §2.8.6 step 7 / Appendix B: a kept partition ending at the file end makes -t grow the file with zeros.
    const Bytes& in = me7().bytes;
    const auto* nftp = me7().layout.fpt.find("NFTP");
    ASSERT_EQ(nftp->data.end(), in.size());
    Options o;
    o.whitelist = std::vector<std::string>{"NFTP"};
    o.truncate = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    uint64_t want = rounded_minimum(nftp->data.end());
    ASSERT_EQ(r.outcome.image.size(), want);
    for (size_t i = in.size(); i < want; ++i) ASSERT_EQ(r.outcome.image[i], 0x00) << i;
    bool warned = std::any_of(r.plan.findings.begin(), r.plan.findings.end(),
                              [](const Finding& f) { return f.code == "truncate_grows"; });
    EXPECT_TRUE(warned);
}

// ---------------------------------------------------------------- relocation (§2.8.9)

TEST(CleanGen2, RelocationMovesFtprAndPatchesLlut) {
    const Bytes& in = me7().bytes;
    const auto& L = me7().layout;
    ASSERT_TRUE(L.llut);
    const uint64_t old_off = L.ftpr.offset;
    const uint64_t llut = L.llut->offset;
    const int64_t corr = L.llut->correction;
    int64_t target = std::max<int64_t>(0x400, corr - int64_t(llut) - 0x40 + int64_t(old_off));
    target = (target + 0x1F) / 0x20 * 0x20;
    const int64_t diff = target - int64_t(old_off);

    Options o;
    o.relocate = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    EXPECT_EQ(le32(out, 0x38), uint32_t(target));
    EXPECT_EQ(le32(out, 0x3C), L.fpt.find("FTPR")->length_field);
    const uint64_t nl = uint64_t(int64_t(llut) + diff);
    ASSERT_EQ(std::string(out.begin() + nl, out.begin() + nl + 4), "LLUT");
    // SpiBase + correction == new chunk-table offset.
    EXPECT_EQ(le32(out, nl + 0x0C) + le16(out, nl + 9), nl + 0x40);
    EXPECT_EQ(le32(out, nl + 0x14), uint32_t(int64_t(L.llut->stream_offset) + diff));
    EXPECT_EQ(le32(out, nl + 0x10), L.llut->stream_length);
    for (const auto& c : L.llut->chunks) {
        uint32_t entry = le32(out, nl + 0x40 + 4 * c.index);
        uint32_t orig = le32(in, llut + 0x40 + 4 * c.index);
        if (!c.present) {
            EXPECT_EQ(entry, orig) << c.index;
        } else {
            EXPECT_EQ(entry >> 24, c.flags) << c.index;
            EXPECT_EQ(entry & 0xFFFFFF, uint32_t(int64_t(c.offset) + diff) & 0xFFFFFF) << c.index;
        }
    }
    // The manifest moved unchanged and still verifies.
    EXPECT_TRUE(std::equal(in.begin() + old_off, in.begin() + old_off + L.manifest.size, out.begin() + target));
    Analysis after = inspect(out);
    ASSERT_TRUE(after.me) << problem_text(after.problem);
    EXPECT_EQ(after.me->ftpr_offset, uint32_t(target));
    EXPECT_TRUE(after.me->manifest.signature.me_cleaner_valid);
    EXPECT_TRUE(after.me->manifest.signature.strict_valid);
    // Essential data moved with FTPR: ROMP and the BUP chunks.
    const auto& romp = module(L, "ROMP");
    EXPECT_TRUE(std::equal(in.begin() + romp.data_offset, in.begin() + romp.data_offset + romp.data_size,
                           out.begin() + (int64_t(romp.data_offset) + diff)));
    int bup = module_index(L, "BUP");
    for (const auto& c : L.llut->chunks) {
        if (!c.present || c.module != bup) continue;
        EXPECT_TRUE(std::equal(in.begin() + c.offset, in.begin() + c.offset + c.size,
                               out.begin() + (int64_t(c.offset) + diff)));
    }
    // The tail left behind by the move is erased: [new+size, old+size).
    const uint64_t size = L.fpt.find("FTPR")->length_field;
    EXPECT_TRUE(all_ff(out, uint64_t(target) + size, old_off - uint64_t(target)));
    // Minimum size shifts with FTPR.
    ASSERT_TRUE(r.plan.minimum_size);
    EXPECT_EQ(*r.plan.minimum_size, rounded_minimum(uint64_t(int64_t(me7_default_end_addr()) + diff)));
}

TEST(CleanGen2, RelocationTargetFollowsLlutCorrection) {
    // z77-like: a correction large enough to push FTPR beyond 0x400 (§2.8.9 step 3).
    synth::Gen2RegionSpec spec = synth::me7_region_spec();
    spec.ftpr.huffman.addr_base = 0x100E0000;  // correction 0x0E00
    synth::Gen2Region reg = synth::build_gen2_region(spec);
    const auto& L = reg.layout;
    int64_t target = std::max<int64_t>(0x400, int64_t(L.llut->correction) - int64_t(L.llut->offset) - 0x40 +
                                                  int64_t(L.ftpr.offset));
    target = (target + 0x1F) / 0x20 * 0x20;
    Options o;
    o.relocate = true;
    o.truncate = true;
    Result r = run(reg.bytes, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(le32(r.outcome.image, 0x38), uint32_t(target));
    uint64_t nl = uint64_t(int64_t(L.llut->offset) + target - int64_t(L.ftpr.offset));
    EXPECT_EQ(le32(r.outcome.image, nl + 0x0C) + L.llut->correction, nl + 0x40);
    Analysis after = inspect(r.outcome.image);
    ASSERT_TRUE(after.me) << problem_text(after.problem);
    EXPECT_TRUE(after.me->manifest.signature.me_cleaner_valid);
}

TEST(CleanGen2, TxeWithoutHuffmanRelocatesTo0x400) {
    const Bytes& in = txe1().bytes;
    Options o;
    o.relocate = true;
    o.truncate = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(le32(r.outcome.image, 0x38), 0x400u);
    EXPECT_TRUE(has_line(r.plan.log, " No Huffman modules found"));
    // BUP (stored, essential) is the only module kept: size = BUP end moved down.
    const auto& L = txe1().layout;
    const auto& bup = module(L, "BUP");
    int64_t diff = 0x400 - int64_t(L.ftpr.offset);
    uint64_t want = rounded_minimum(uint64_t(int64_t(bup.data_offset + bup.data_size) + diff));
    EXPECT_EQ(r.outcome.image.size(), want);
    Analysis after = inspect(r.outcome.image);
    ASSERT_TRUE(after.me) << problem_text(after.problem);
    EXPECT_TRUE(after.me->manifest.signature.me_cleaner_valid);
    EXPECT_EQ(after.me->modules.size(), L.modules.size());
}

TEST(CleanGen2, TxeModulesRemovedWith0x80Headers) {
    const Bytes& in = txe1().bytes;
    Result r = run(in);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    for (const auto& m : txe1().layout.modules) {
        if (m.name == "BUP")
            EXPECT_TRUE(same_bytes(r.outcome.image, in, m.data_offset, m.data_size)) << m.name;
        else
            EXPECT_TRUE(all_ff(r.outcome.image, m.data_offset, m.data_size)) << m.name;
    }
}

// ---------------------------------------------------------------- descriptor side, full image

TEST(CleanGen2Full, SoftDisableSetsAltMeDisableOnly) {
    const Bytes& in = full_gen2().bytes;
    Options o;
    o.soft_disable = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    ASSERT_EQ(out.size(), in.size());
    EXPECT_EQ(le32(out, 0x128), 0x00410044u | 0x80u);
    Bytes d_in(in.begin(), in.begin() + 0x1000), d_out(out.begin(), out.begin() + 0x1000);
    EXPECT_EQ(differences(d_in, d_out), std::vector<size_t>{0x128});
    // Cleaning happened inside the ME region; the BIOS and GbE regions are untouched.
    EXPECT_TRUE(same_bytes(out, in, 0x500000, 0x300000));
    EXPECT_TRUE(same_bytes(out, in, 0x1000, 0x2000));
    const uint32_t R = full_gen2().me.offset;
    EXPECT_TRUE(all_ff(out, R + me7().layout.fpt.find("NFTP")->data.offset, 0x1000));
    EXPECT_EQ(sum8(out, R, 0x30), 0u);
}

TEST(CleanGen2Full, SoftDisableOnlyChangesOneBit) {
    const Bytes& in = full_gen2().bytes;
    Options o;
    o.soft_disable_only = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(differences(in, r.outcome.image), std::vector<size_t>{0x128});
    EXPECT_EQ(r.outcome.image[0x128], uint8_t(in[0x128] | 0x80));
}

TEST(CleanGen2Full, RestrictMeMaster) {
    const Bytes& in = full_gen2().bytes;
    Options o;
    o.restrict_me_master = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    // §2.8.11: (0x0C0D0000 | 0x04040000) & 0x0404FFFF = 0x04040000 (verified on t420).
    EXPECT_EQ(le32(r.outcome.image, 0x64), 0x04040000u);
    EXPECT_EQ(le32(r.outcome.image, 0x60), 0x0A0B0000u);
    EXPECT_EQ(le32(r.outcome.image, 0x68), 0x08080118u);
}

TEST(CleanGen2Full, RestrictMeMasterKeepsRequesterId) {
    synth::FlashImageSpec spec;
    spec.descriptor = synth::t420_descriptor();
    spec.descriptor.masters[1] = 0xFFFF0123;
    spec.me_region = me7().bytes;
    Bytes in = synth::build_flash_image(spec).bytes;
    Options o;
    o.restrict_me_master = true;
    o.soft_disable_only = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(le32(r.outcome.image, 0x64), 0x04040123u);
}

TEST(CleanGen2Full, TruncateLeavesFullImageSize) {
    const Bytes& in = full_gen2().bytes;
    Options o;
    o.truncate = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(r.outcome.image.size(), in.size());
    ASSERT_TRUE(r.plan.minimum_size);
    EXPECT_EQ(*r.plan.minimum_size, rounded_minimum(me7_default_end_addr()));
}

TEST(CleanGen2Full, ExtractDescriptorCopy) {
    const Bytes& in = full_gen2().bytes;
    Options o;
    o.extract_descriptor = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    ASSERT_TRUE(r.outcome.descriptor_copy);
    EXPECT_EQ(*r.outcome.descriptor_copy, Bytes(r.outcome.image.begin(), r.outcome.image.begin() + 0x1000));
    EXPECT_EQ(le32(*r.outcome.descriptor_copy, 0x44), le32(in, 0x44));
}

TEST(CleanGen2Full, ExtractDescriptorWithTruncateShrinksRegions) {
    const Bytes& in = full_gen2().bytes;
    const uint32_t R = full_gen2().me.offset;
    ASSERT_EQ(full_gen2().bios.offset, full_gen2().me.end());
    Options o;
    o.extract_descriptor = true;
    o.truncate = true;
    o.soft_disable = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    ASSERT_TRUE(r.outcome.descriptor_copy);
    const Bytes& d = *r.outcome.descriptor_copy;
    uint64_t min = rounded_minimum(me7_default_end_addr());
    EXPECT_EQ(le32(d, 0x44), synth::encode_flreg(uint32_t(R + min), 0x7FFFFF));
    EXPECT_EQ(le32(d, 0x48), synth::encode_flreg(R, uint32_t(R + min - 1)));
    // Everything else equals the image's descriptor (with the -S bit).
    Bytes image_desc(r.outcome.image.begin(), r.outcome.image.begin() + 0x1000);
    auto diff = differences(image_desc, d);
    for (size_t at : diff) EXPECT_TRUE(at >= 0x44 && at < 0x4C) << std::hex << at;
    // The image itself keeps its regions.
    EXPECT_EQ(le32(r.outcome.image, 0x44), le32(in, 0x44));
    EXPECT_EQ(le32(r.outcome.image, 0x48), le32(in, 0x48));
}

TEST(CleanGen2Full, ExtractDescriptorTruncateWarnsWhenBiosNotAdjacent) {
    synth::FlashImageSpec spec;
    spec.descriptor = synth::t420_descriptor();
    spec.descriptor.regions[1] = synth::RegionSlot::range(0x600000, 0x7FFFFF);  // gap after the ME region
    spec.me_region = me7().bytes;
    Bytes in = synth::build_flash_image(spec).bytes;
    Options o;
    o.extract_descriptor = true;
    o.truncate = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    ASSERT_TRUE(r.outcome.descriptor_copy);
    EXPECT_EQ(le32(*r.outcome.descriptor_copy, 0x44), le32(in, 0x44));
    EXPECT_EQ(le32(*r.outcome.descriptor_copy, 0x48), le32(in, 0x48));
    EXPECT_TRUE(std::any_of(r.plan.findings.begin(), r.plan.findings.end(),
                            [](const Finding& f) { return f.severity == Severity::warning; }));
}

TEST(CleanGen2Full, ExtractMeCopy) {
    const Bytes& in = full_gen2().bytes;
    const auto& me = full_gen2().me;
    Options o;
    o.extract_me = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    ASSERT_TRUE(r.outcome.me_copy);
    EXPECT_EQ(*r.outcome.me_copy, Bytes(r.outcome.image.begin() + me.offset, r.outcome.image.begin() + me.end()));

    Options t = o;
    t.truncate = true;
    t.relocate = true;
    Result rt = run(in, t);
    ASSERT_FALSE(rt.outcome.problem) << problem_text(rt.outcome.problem);
    ASSERT_TRUE(rt.outcome.me_copy);
    ASSERT_TRUE(rt.plan.minimum_size);
    EXPECT_EQ(rt.outcome.me_copy->size(), *rt.plan.minimum_size);
    // Same bytes as relocating + truncating the ME image on its own (Appendix B).
    Options me_only;
    me_only.relocate = true;
    me_only.truncate = true;
    Result alone = run(me7().bytes, me_only);
    ASSERT_FALSE(alone.outcome.problem) << problem_text(alone.outcome.problem);
    EXPECT_EQ(*rt.outcome.me_copy, alone.outcome.image);
    Analysis copy = inspect(*rt.outcome.me_copy);
    ASSERT_TRUE(copy.me) << problem_text(copy.problem);
    EXPECT_TRUE(copy.me->manifest.signature.me_cleaner_valid);
}

TEST(CleanGen2Full, CheckOnlyChangesNothing) {
    const Bytes& in = full_gen2().bytes;
    Options o;
    o.check_only = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_TRUE(r.plan.edits.empty());
    EXPECT_EQ(r.outcome.image, in);
    ASSERT_TRUE(r.plan.final_signature);
    EXPECT_TRUE(r.plan.final_signature->me_cleaner_valid);
    EXPECT_FALSE(has_line(r.plan.log, "Done! Good luck!"));
}

TEST(CleanGen2Full, CheckOnlyReportsInvalidSignature) {
    Bytes in = full_gen2().bytes;
    const uint32_t R = full_gen2().me.offset;
    in.at(R + me7().layout.manifest.offset + me7().layout.manifest.header_length) ^= 1;
    Options o;
    o.check_only = true;
    Result r = run(in, o);
    ASSERT_TRUE(r.outcome.problem);
    EXPECT_EQ(r.outcome.problem->code, "signature_invalid");
    EXPECT_TRUE(r.outcome.image.empty());
}

// ---------------------------------------------------------------- ME 6 Ignition, gen 1

TEST(CleanIgnition, WipesTheWholeRegion) {
    const Bytes& in = full_ignition().bytes;
    const auto& me = full_ignition().me;
    Result r = run(in);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_TRUE(all_ff(r.outcome.image, me.offset, me.size));
    EXPECT_TRUE(same_bytes(r.outcome.image, in, 0, me.offset));
    EXPECT_TRUE(same_bytes(r.outcome.image, in, me.end(), in.size() - me.end()));
    EXPECT_TRUE(has_line(r.plan.log, "ME 6 Ignition firmware detected, removing everything..."));
    EXPECT_FALSE(r.plan.final_signature);
}

TEST(CleanIgnition, MeOnlyImageAlsoWiped) {
    const Bytes& in = me6_ignition().bytes;
    Result r = run(in);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_TRUE(all_ff(r.outcome.image, 0, in.size()));
}

TEST(CleanIgnition, SoftDisableOnlyDoesNotWipe) {
    const Bytes& in = full_ignition().bytes;
    Options o;
    o.soft_disable_only = true;
    Result r = run(in, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(differences(in, r.outcome.image), std::vector<size_t>{0x128});
}

TEST(CleanGen1, FullImageDisablesAndErases) {
    const Bytes& in = full_gen1().bytes;
    const auto& me = full_gen1().me;
    synth::DescriptorSpec d = synth::ich9_descriptor();
    Result r = run(in);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    const Bytes& out = r.outcome.image;
    EXPECT_EQ(le32(out, d.fpsba) & 1u, 1u);   // ICHSTRP0 meDisable
    EXPECT_EQ(le32(out, d.fmsba) & 1u, 1u);   // MCHSTRP0 meDisable
    EXPECT_EQ(le32(out, d.frba + 8), 0x00001FFFu);
    EXPECT_TRUE(all_ff(out, me.offset, me.size));
    // Only those three dwords change in the descriptor; BIOS and GbE untouched.
    Bytes din(in.begin(), in.begin() + 0x1000), dout(out.begin(), out.begin() + 0x1000);
    for (size_t at : differences(din, dout)) {
        bool ok = (at >= d.fpsba && at < d.fpsba + 4) || (at >= d.fmsba && at < d.fmsba + 4) ||
                  (at >= d.frba + 8 && at < d.frba + 12);
        EXPECT_TRUE(ok) << std::hex << at;
    }
    EXPECT_TRUE(same_bytes(out, in, 0x1000, me.offset - 0x1000));
    EXPECT_TRUE(same_bytes(out, in, me.end(), in.size() - me.end()));
    // The result reads as an image whose ME region is disabled.
    Analysis after = inspect(out);
    EXPECT_TRUE(after.me_region_disabled);
}

TEST(CleanGen1, CheckOnlyChangesNothing) {
    Options o;
    o.check_only = true;
    Result r = run(full_gen1().bytes, o);
    ASSERT_FALSE(r.outcome.problem) << problem_text(r.outcome.problem);
    EXPECT_EQ(r.outcome.image, full_gen1().bytes);
}

// ---------------------------------------------------------------- invariants

TEST(CleanGen2Invariants, PlanApplyReplay) {
    struct Case {
        const char* label;
        const Bytes* image;
        std::function<void(Options&)> set;
    };
    const std::vector<Case> cases = {
        {"me7 default", &me7().bytes, [](Options&) {}},
        {"me7 -r -t", &me7().bytes, [](Options& o) { o.relocate = o.truncate = true; }},
        {"me7 -k", &me7().bytes, [](Options& o) { o.keep_modules = true; }},
        {"me7 -w NFTP -t", &me7().bytes, [](Options& o) { o.whitelist = std::vector<std::string>{"NFTP"}; o.truncate = true; }},
        {"txe1 -r -t", &txe1().bytes, [](Options& o) { o.relocate = o.truncate = true; }},
        {"full -S -d -r -t -D -M", &full_gen2().bytes,
         [](Options& o) {
             o.soft_disable = o.restrict_me_master = o.relocate = o.truncate = true;
             o.extract_descriptor = o.extract_me = true;
         }},
        {"full -s", &full_gen2().bytes, [](Options& o) { o.soft_disable_only = true; }},
        {"full -c", &full_gen2().bytes, [](Options& o) { o.check_only = true; }},
        {"ignition", &full_ignition().bytes, [](Options&) {}},
        {"gen1", &full_gen1().bytes, [](Options&) {}},
    };
    for (const Case& c : cases) {
        Options o;
        c.set(o);
        expect_plan_invariants(*c.image, o, c.label);
    }
}

}  // namespace
}  // namespace meclean
