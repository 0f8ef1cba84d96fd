#include "clean/cleaner.hpp"

#include <algorithm>

#include "base/byte_reader.hpp"
#include "cse/cse.hpp"
#include "ifd/descriptor.hpp"
#include "ifd/straps.hpp"
#include "me/fpt.hpp"
#include "me/manifest.hpp"
#include "base/version.hpp"
#include "base/text.hpp"

namespace meclean {
namespace {

constexpr uint64_t kFptEntriesAt = 0x30;    // me_cleaner writes the table at fixed region offsets (§2.9 item 5)
constexpr uint64_t kFptCountAt = 0x14;
constexpr uint64_t kFptFlagsAt = 0x24;
constexpr uint64_t kFptChecksumAt = 0x1B;
constexpr uint32_t kEffsPresent = 1;        // bit 0 of the FPT flags (§2.2)
constexpr uint32_t kDisabledFlreg = 0x00001FFF;
constexpr uint32_t kGen3MeMaster = 0x00400500;  // ME reads regions 0 and 2, writes 2 (§2.8.11)
constexpr uint64_t kBlock = 0x1000;
constexpr uint64_t kSpareBlocks = 4;

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string region_line(uint64_t start, uint64_t last) { return hex_digits(start, 8) + ":" + hex_digits(last, 8); }

}  // namespace

Cleaner::Cleaner(const Analysis& analysis, std::span<const uint8_t> image, const Options& options, Plan& plan)
    : a_(analysis),
      input_(image),
      o_(options),
      plan_(plan),
      me_(analysis.me ? &*analysis.me : nullptr),
      r_(analysis.kind == ImageKind::full ? analysis.me_region_start : 0),
      e_(analysis.kind == ImageKind::full ? analysis.me_region_end : image.size()),
      workspace_(image, r_, e_, analysis.descriptor_region_start, analysis.descriptor_region_end) {}

void Cleaner::run() {
    const int gen = a_.generation;
    if (a_.kind == ImageKind::full && a_.me_region_disabled && gen != 1) {
        if (a_.cse && o_.check_only) {
            // me_cleaner crashes here; a check may succeed instead (corpus README).
            log(describe_cse(*a_.cse));
            log("meclean does not modify IFWI images: no ME-disable bit is known for this platform");
            return;
        }
        fail("no_me_firmware", "There is no ME/TXE firmware to work on: the descriptor marks the ME region as unused",
             a_.descriptor->frba + 8,
             "On Apollo Lake and Gemini Lake the TXE firmware sits inside the BIOS region (IFWI), which meclean "
             "does not modify. me_cleaner 1.2 crashes on such images.");
    }
    if (me_) ftpr_offset_ = me_->ftpr_offset;
    if (a_.kind == ImageKind::full && a_.me_region_start > 0 && gen == 1) descriptor_generation1();

    // What the firmware needs; the module step replaces it (§2.8.3 step 2).
    end_addr_ = gen == 1 ? 0 : static_cast<int64_t>(e_);
    if (gen == 2 && !o_.check_only && !o_.soft_disable_only && me_->key.variant == FirmwareVariant::me &&
        me_->manifest.version[0] == 6) {
        if (me_->ignition_probe_outside) {
            fail("out_of_region", "The ME 6 module table runs past the end of the ME region", r_ + me_->ftpr_offset);
        }
        if (me_->ignition) {
            ignition_ = true;
            log("ME 6 Ignition firmware detected, removing everything...");
            workspace_.fill(0, e_ - r_, "erase the ME 6 Ignition firmware");
        }
    }
    if (gen != 1 && !o_.check_only) {
        if (!o_.soft_disable_only && !ignition_) remove_partitions();
        if (o_.soft_disable || o_.soft_disable_only) soft_disable();
    }
    if (o_.restrict_me_master) restrict_me_master();
    if (o_.extract_descriptor) extract_descriptor();
    if (o_.extract_me && gen != 1) extract_me();
    if (gen != 1 && !ignition_) final_check();
    if (!o_.check_only) log("Done! Good luck!");
}

// §2.8.4, generation 1: set meDisable in ICHSTRP0 and MCHSTRP0, then take the ME region
// out of the descriptor and erase it. me_cleaner under Python 3 crashes half-way
// through the erase (§2.9 item 2); meclean does what the reference meant to do.
void Cleaner::descriptor_generation1() {
    if (o_.check_only) return;
    for (const DisableBit& bit : a_.disable_bits) {
        if (bit.set) continue;
        uint64_t at = bit.offset - a_.descriptor_region_start;
        uint32_t value = load_le32(input_.data() + bit.offset) | (1u << bit.bit);
        workspace_.write_descriptor_u32(at, value, "set meDisable in " + bit.strap);
    }
    if (a_.me_region_disabled) return;
    plan_.findings.push_back({Severity::info, "gen1_wipe",
                              "me_cleaner 1.2 crashes here under Python 3 after writing the straps; meclean completes "
                              "the intended change (ME region disabled in the descriptor and erased)",
                              r_});
    log("Disabling the ME region in the descriptor and erasing it...");
    workspace_.write_descriptor_u32(a_.descriptor->frba + 8 - a_.descriptor_region_start, kDisabledFlreg,
                                    "mark the ME region unused (FLREG2)");
    workspace_.fill(0, e_ - r_, "erase the generation-1 ME region");
}

// §2.8.6: drop every partition but FTPR (and the whitelist), rewrite the FPT.
void Cleaner::remove_partitions() {
    std::vector<std::string> whitelist = {"FTPR"};
    if (o_.whitelist && !o_.blacklist) whitelist.insert(whitelist.end(), o_.whitelist->begin(), o_.whitelist->end());
    std::vector<std::string> blacklist = o_.blacklist ? *o_.blacklist : std::vector<std::string>{};

    log("Reading partitions list...");
    std::vector<const FptEntry*> kept;
    const auto& entries = me_->fpt.entries;
    for (size_t i = 0; i < entries.size(); ++i) {
        const FptEntry& entry = entries[i];
        uint64_t start = entry.offset;
        uint64_t length = entry.length;
        // ME 6 marks "up to the end of the region" with an all-ones length in the last entry.
        if (me_->key.variant == FirmwareVariant::me && me_->manifest.version[0] == 6 && i + 1 == entries.size() &&
            length == 0xFFFFFFFF) {
            length = (e_ - r_) - start;
        }
        uint64_t end = start + length;
        std::string name = " " + pad_right(entry.name, 4) + " (";
        PartVerdict verdict{entry.name, "", start, end, true, length, PartAction::kept};
        if (entry.type() == kFptTypeNvram) {
            log(name + "NVRAM partition, no data, " + hex(length, 8) + " total bytes): nothing to remove");
            verdict = {entry.name, "NVRAM", 0, 0, false, length, PartAction::nvram};
        } else if (start == 0 || length == 0 || end > e_) {  // me_cleaner compares with the absolute end (§2.9 item 6)
            log(name + centre("no data here", 24) + ", " + hex(length, 8) + " total bytes): nothing to remove");
            verdict = {entry.name, "no data", 0, 0, false, length, PartAction::no_data};
        } else {
            std::string range = hex(start, 8) + " - " + hex(end, 9) + ", " + hex(length, 8) + " total bytes): ";
            bool keep = contains(whitelist, entry.name) || (!blacklist.empty() && !contains(blacklist, entry.name));
            if (keep) {
                log(name + range + "NOT removed");
                kept.push_back(&entry);
                if (entry.name != "FTPR") extra_end_ = std::max<int64_t>(extra_end_, static_cast<int64_t>(end));
                verdict.action = PartAction::kept;
            } else {
                workspace_.fill(start, end, "remove partition " + entry.name);
                log(name + range + "removed");
                verdict.action = PartAction::removed;
            }
        }
        plan_.partitions.push_back(verdict);
    }
    rewrite_fpt(kept);

    ModuleResult modules = a_.generation == 3 ? remove_modules_gen3() : remove_modules_gen2();
    end_addr_ = modules.end_addr;
    ftpr_offset_ = modules.ftpr_offset;
    report_minimum_size();
}

void Cleaner::rewrite_fpt(const std::vector<const FptEntry*>& kept) {
    log("Removing partition entries in FPT...");
    std::vector<uint8_t> table;
    for (const FptEntry* entry : kept) table.insert(table.end(), entry->raw.begin(), entry->raw.end());
    workspace_.write(kFptEntriesAt, table, "rewrite the FPT with the kept partitions");
    workspace_.write_u32(kFptCountAt, static_cast<uint32_t>(kept.size()), "FPT entry count");
    workspace_.fill(kFptEntriesAt + 0x20 * uint64_t{kept.size()}, kFptEntriesAt + 0x20 * uint64_t{me_->fpt.entry_count},
                    "erase the dropped FPT entries");

    bool effs_listed = o_.whitelist && !o_.blacklist && contains(*o_.whitelist, "EFFS");
    bool effs_blacklisted = o_.blacklist && contains(*o_.blacklist, "EFFS");
    if ((!o_.blacklist && !effs_listed) || effs_blacklisted) {
        log("Removing EFFS presence flag...");
        uint32_t flags = workspace_.me().u32(kFptFlagsAt, "$FPT flags");
        workspace_.write_u32(kFptFlagsAt, flags & ~kEffsPresent, "clear the EFFS presence flag");
    }

    // 8-bit checksum: gen 3 over $FPT's 0x20 bytes, older over ROM bypass + header (§2.2, §2.8.6 step 5).
    uint64_t from = a_.generation == 3 ? 0x10 : 0x00;
    auto header = workspace_.me().read(from, 0x30 - from, "$FPT header");
    unsigned sum = 0;
    for (uint64_t i = 0; i < header.size(); ++i) {
        if (from + i != kFptChecksumAt) sum += header[i];
    }
    uint8_t checksum = static_cast<uint8_t>((0x100 - (sum & 0xFF)) & 0xFF);
    log("Correcting checksum (" + hex(checksum, 2) + ")...");
    workspace_.write(kFptChecksumAt, {checksum}, "FPT checksum");
}

// §2.8.6 step 7: round up, add the spare blocks, then report (full image) or truncate (ME image).
void Cleaner::report_minimum_size() {
    if (end_addr_ <= 0) return;
    int64_t end = std::max(end_addr_, extra_end_);
    end = (end / static_cast<int64_t>(kBlock) + 1) * static_cast<int64_t>(kBlock) + kSpareBlocks * kBlock;
    end_addr_ = end;
    uint64_t size = static_cast<uint64_t>(end);
    plan_.minimum_size = size;
    log("The ME minimum size should be " + decimal(size) + " bytes (" + hex(size) + " bytes)");
    if (a_.kind == ImageKind::full) {
        log("The ME region can be reduced up to:");
        log(" " + region_line(r_, r_ + size - 1) + " me");
    } else if (o_.truncate) {
        log("Truncating file at " + hex(size) + "...");
        if (size > kMaxImageBytes) {
            fail("truncate_too_large", "-t would make the ME image " + hex(size) + " bytes long, more than any flash chip",
                 std::nullopt, "An FPT or FTPR length in this image is wrong.");
        }
        if (size > input_.size()) {
            plan_.findings.push_back({Severity::warning, "truncate_grows",
                                      "The kept partitions end past the end of the file, so -t makes the file longer "
                                      "(padded with zero bytes), exactly as me_cleaner does",
                                      input_.size()});
        }
        workspace_.resize(size, "truncate the ME image to its minimum size");
    }
}

// §2.8.10
void Cleaner::soft_disable() {
    const Descriptor& d = *a_.descriptor;
    // me_cleaner reaches the straps through its descriptor window (FLREG0), so section
    // bases count from the descriptor region's start, and the value is the one it read first.
    RegionView original(input_, a_.descriptor_region_start, a_.descriptor_region_end);
    if (a_.generation == 3) {
        log("Setting the HAP bit in PCHSTRP0 to disable Intel ME...");
        uint64_t at = pch_strap_offset(d.fpsba, kHapStrapSkylake);
        workspace_.write_descriptor_u32(at, original.u32(at, "PCHSTRP0") | (1u << kHapBit), "set HAP (PCHSTRP0 bit 16)");
    } else {
        log("Setting the AltMeDisable bit in PCHSTRP10 to disable Intel ME...");
        uint64_t at = pch_strap_offset(d.fpsba, kAltMeDisableStrap);
        workspace_.write_descriptor_u32(at, original.u32(at, "PCHSTRP10") | (1u << kAltMeDisableBit),
                                        "set AltMeDisable (PCHSTRP10 bit 7)");
    }
}

// §2.8.11
void Cleaner::restrict_me_master() {
    const Descriptor& d = *a_.descriptor;
    uint64_t at = d.fmba + 4;  // inside the descriptor window, as me_cleaner addresses it
    log("Removing ME/TXE R/W access to the other flash regions...");
    uint32_t value = a_.generation == 3
                         ? kGen3MeMaster
                         : (workspace_.descriptor().u32(at, "ME master (FLMSTR2)") | 0x04040000u) & 0x0404FFFFu;
    workspace_.write_descriptor_u32(at, value, "restrict the ME master to its own region (FLMSTR2)");
}

// §2.8.12
void Cleaner::extract_descriptor() {
    log("Extracting the descriptor to \"" + o_.descriptor_file_name + "\"...");
    ExtraFile copy{o_.descriptor_file_name, a_.descriptor_region_start,
                   a_.descriptor_region_end - a_.descriptor_region_start, {}};
    if (o_.truncate) {
        if (a_.bios_region_start == e_) {
            if (end_addr_ < 0 || (end_addr_ == 0 && a_.generation != 1)) {
                fail("minimum_size_unknown", "The ME minimum size is unknown, so the regions cannot be shrunk", r_);
            }
            uint64_t new_end = r_ + static_cast<uint64_t>(end_addr_);
            log("Modifying the regions of the extracted descriptor...");
            uint32_t frba = a_.descriptor->frba;
            copy.dword_patches.push_back({frba + 4, encode_flreg(new_end, a_.bios_region_end)});
            if (a_.generation != 1) {
                copy.dword_patches.push_back({frba + 8, encode_flreg(r_, new_end)});
                log(" " + region_line(r_, e_ - 1) + " me   --> " + region_line(r_, new_end - 1) + " me");
            }
            log(" " + region_line(a_.bios_region_start, a_.bios_region_end - 1) + " bios --> " +
                region_line(new_end, a_.bios_region_end - 1) + " bios");
        } else {
            log("");
            log("WARNING:");
            log("The start address of the BIOS region (" + hex(a_.bios_region_start, 8) +
                ") isn't equal to the end address");
            log("of the ME region (" + hex(e_, 8) + "): if you want to recover the space from the ME ");
            log("region you have to manually modify the descriptor.");
            log("");
            plan_.findings.push_back({Severity::warning, "bios_not_after_me",
                                      "The BIOS region does not start where the ME region ends, so the extracted "
                                      "descriptor keeps its regions; shrink them by hand if you need the space",
                                      a_.bios_region_start});
        }
    }
    plan_.descriptor_copy = copy;
}

// §2.8.13
void Cleaner::extract_me() {
    uint64_t length = e_ - r_;
    if (o_.truncate) {
        if (end_addr_ <= 0) fail("minimum_size_unknown", "The ME minimum size is unknown, so -t -M cannot cut the ME image", r_);
        length = static_cast<uint64_t>(end_addr_);
        log("Extracting and truncating the ME image to \"" + o_.me_file_name + "\"...");
    } else {
        log("Extracting the ME image to \"" + o_.me_file_name + "\"...");
    }
    workspace_.me().require(0, length, "ME image to extract");
    plan_.me_copy = ExtraFile{o_.me_file_name, r_, length, {}};
    if (ignition_) return;
    std::span<const uint8_t> copy(workspace_.bytes().data() + r_, length);
    SignatureCheck check = check_manifest_signature(RegionView(copy, 0, length), ftpr_offset_ + me_->mn2_offset);
    plan_.me_copy_signature = check;
    log(std::string("Checking the FTPR RSA signature of the extracted ME image... ") +
        (check.me_cleaner_valid ? "VALID" : "INVALID"));
    if (!check.me_cleaner_valid) {
        fail("signature_invalid", "The FTPR RSA signature of the extracted ME image is INVALID", r_ + ftpr_offset_,
             "meclean writes nothing rather than an image that would not boot.");
    }
}

// §2.8.14
void Cleaner::final_check() {
    SignatureCheck check = check_manifest_signature(workspace_.me(), ftpr_offset_ + me_->mn2_offset);
    plan_.final_signature = check;
    bool ftpr_dropped = std::any_of(plan_.partitions.begin(), plan_.partitions.end(), [&](const PartVerdict& v) {
        return v.name == me_->fpt.entries[me_->ftpr_entry].name && v.action != PartAction::kept;
    });
    if (ftpr_dropped && !o_.check_only) {
        plan_.findings.push_back({Severity::warning, "ftpr_entry_dropped",
                                  "The FTPR entry runs past the end of the ME region, so (as me_cleaner does) it is "
                                  "dropped from the FPT: fine for an image cut by an earlier -t, but if this dump is "
                                  "truncated the result will not boot",
                                  r_ + me_->fpt.offset + 0x20 + 0x20 * uint64_t{me_->ftpr_entry}});
    }
    plan_.verification = Plan::Verification{r_, e_, ftpr_offset_ + me_->mn2_offset, !ftpr_dropped};
    log(std::string("Checking the FTPR RSA signature... ") + (check.me_cleaner_valid ? "VALID" : "INVALID"));
    if (!check.me_cleaner_valid) {
        fail("signature_invalid", "The FTPR RSA signature is INVALID", r_ + ftpr_offset_ + me_->mn2_offset,
             o_.check_only ? "The firmware is corrupted or has been modified."
                           : "meclean writes nothing rather than an image that would not boot.");
    }
}

}  // namespace meclean
