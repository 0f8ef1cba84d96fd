#include "flash/verify.hpp"

#include <algorithm>

#include "base/text.hpp"
#include "flash/chips.hpp"
#include "flash/flash_json.hpp"
#include "inspect/inspect.hpp"

namespace meclean {
namespace {

constexpr int kRegionDescriptor = 0, kRegionBios = 1, kRegionMe = 2, kRegionGbe = 3;

void add(VerifyResult& r, ReadbackOutcome o) {
    if (std::find(r.outcomes.begin(), r.outcomes.end(), o) == r.outcomes.end()) r.outcomes.push_back(o);
}

bool inside_any(const std::vector<VariableStore>& stores, const ByteRange& range) {
    return std::any_of(stores.begin(), stores.end(), [&](const VariableStore& s) {
        return range.offset >= s.range.offset && range.end() <= s.range.end();
    });
}

// The descriptor's differences: cleared disable bits, and anything beyond their strap dwords.
void judge_descriptor(VerifyResult& r, const Analysis& written, const Analysis& readback) {
    std::vector<uint64_t> strap_dwords;
    for (const DisableBit& w : written.disable_bits) {
        strap_dwords.push_back(w.offset);
        for (const DisableBit& b : readback.disable_bits) {
            if (b.offset == w.offset && b.bit == w.bit && w.set && !b.set) r.cleared_bits.push_back(w);
        }
    }
    if (!r.cleared_bits.empty()) add(r, ReadbackOutcome::disable_bit_cleared);
    for (const DiffRange& d : r.diff.ranges) {
        if (d.region != kRegionDescriptor) continue;
        bool only_straps = std::any_of(strap_dwords.begin(), strap_dwords.end(), [&](uint64_t at) {
            return d.range.offset >= at && d.range.end() <= at + 4;
        });
        if (!only_straps) add(r, ReadbackOutcome::descriptor_restored);
    }
}

// The ME region: back to firmware with more partitions (restored), or changed otherwise.
void judge_me_region(VerifyResult& r, const Analysis& written, const Analysis& readback) {
    if (written.me && readback.me) {
        for (const FptEntry& e : readback.me->fpt.entries) {
            bool known = std::any_of(written.me->fpt.entries.begin(), written.me->fpt.entries.end(),
                                     [&](const FptEntry& w) { return w.name == e.name; });
            if (!known) r.restored_partitions.push_back(e.name);
        }
    }
    add(r, r.restored_partitions.empty() ? ReadbackOutcome::me_changed : ReadbackOutcome::me_restored);
}

std::string outcome_lines(const VerifyResult& r) {
    std::string out;
    for (const CheckLine& c : r.checks) {
        if (c.state == State::fail || c.state == State::warn) out += (out.empty() ? "" : " ") + c.title + ".";
    }
    return out;
}

void describe(VerifyResult& r) {
    auto has = [&](ReadbackOutcome o) { return std::find(r.outcomes.begin(), r.outcomes.end(), o) != r.outcomes.end(); };
    if (has(ReadbackOutcome::me_restored)) {
        std::string names;
        for (const std::string& n : r.restored_partitions) names += (names.empty() ? "" : ", ") + n;
        r.checks.push_back({"me_restored", State::fail, "The ME region holds the original firmware again",
                            "Its partition table lists partitions the written image had removed: " + names +
                                ". The firmware restored the ME region (from a backup copy, or an update).",
                            std::nullopt});
    }
    if (has(ReadbackOutcome::me_changed)) {
        r.checks.push_back({"me_changed", State::fail, "The ME region differs from what was written",
                            "No partition came back, but ME bytes changed: a bad write or a bad read-back.", std::nullopt});
    }
    for (const DisableBit& b : r.cleared_bits) {
        r.checks.push_back({"disable_bit_cleared", State::fail, b.name + " was cleared",
                            b.name + " (" + b.strap + " bit " + decimal(b.bit) + ") was set in the written image and is clear "
                                "in the read-back: the firmware reset it.",
                            b.offset});
    }
    if (has(ReadbackOutcome::descriptor_restored)) {
        r.checks.push_back({"descriptor_restored", State::fail, "The flash descriptor changed",
                            "Its regions, masters or straps differ from what was written: the firmware restored it.",
                            std::nullopt});
    }
    if (has(ReadbackOutcome::variable_store_changed)) {
        r.checks.push_back({"variable_store_changed", State::info, "Only the BIOS settings store changed",
                            "The UEFI variable store differs: firmware writes it on boot. This is expected.", std::nullopt});
    }
    if (has(ReadbackOutcome::gbe_changed)) {
        r.checks.push_back({"gbe_changed", State::warn, "The GbE region differs",
                            "The network controller's settings changed; the ME state is not affected.", std::nullopt});
    }
    if (has(ReadbackOutcome::other_changed)) {
        r.checks.push_back({"other_changed", State::warn, "Other bytes differ",
                            "Outside the ME region, the descriptor and the variable store: read the chip again and compare "
                            "two read-backs (meclean compare) before you trust either.",
                            std::nullopt});
    }
}

}  // namespace

const char* readback_outcome_id(ReadbackOutcome o) {
    switch (o) {
        case ReadbackOutcome::identical: return "identical";
        case ReadbackOutcome::size_differs: return "size_differs";
        case ReadbackOutcome::me_restored: return "me_restored";
        case ReadbackOutcome::me_changed: return "me_changed";
        case ReadbackOutcome::disable_bit_cleared: return "disable_bit_cleared";
        case ReadbackOutcome::descriptor_restored: return "descriptor_restored";
        case ReadbackOutcome::variable_store_changed: return "variable_store_changed";
        case ReadbackOutcome::gbe_changed: return "gbe_changed";
        case ReadbackOutcome::other_changed: return "other_changed";
    }
    return "other_changed";
}

VerifyResult verify_readback(std::span<const uint8_t> written, std::span<const uint8_t> readback) {
    VerifyResult r;
    const std::optional<Descriptor> layout = read_descriptor(written);
    r.diff = diff_reads(written, readback, layout ? &*layout : nullptr);
    if (r.diff.identical()) {
        add(r, ReadbackOutcome::identical);
        r.me_state_as_written = true;
        r.headline = {State::ok, "The read-back is identical to the written image",
                      "All " + decimal(written.size()) + " bytes match: the chip holds what was written.",
                      "Boot the board, then read it back once more: firmware may restore the ME on the first boot."};
        return r;
    }
    if (r.diff.size_differs) {
        add(r, ReadbackOutcome::size_differs);
        r.headline = {State::fail, "The read-back is not the size of the written image",
                      "Written " + size_text(written.size()) + ", read back " + size_text(readback.size()) + ".",
                      "Read the same chip back, whole, with the programmer set to its real size."};
        return r;
    }
    if (layout) {
        const FlashRegion* bios = layout->regions.size() > kRegionBios ? &layout->regions[kRegionBios] : nullptr;
        if (bios && bios->used) r.variable_stores = find_variable_stores(written, {bios->base, bios->limit + 1 - bios->base});
    }
    const Analysis before = inspect(written), after = inspect(readback);
    bool me_differs = false;
    for (const DiffRange& d : r.diff.ranges) {
        if (d.region == kRegionMe) me_differs = true;
        else if (d.region == kRegionGbe) add(r, ReadbackOutcome::gbe_changed);
        else if (d.region == kRegionBios && inside_any(r.variable_stores, d.range)) add(r, ReadbackOutcome::variable_store_changed);
        else if (d.region != kRegionDescriptor) add(r, ReadbackOutcome::other_changed);
    }
    if (r.diff.ranges_total > r.diff.ranges.size()) add(r, ReadbackOutcome::other_changed);  // too many to judge one by one
    if (layout) judge_descriptor(r, before, after);
    if (me_differs) judge_me_region(r, before, after);
    describe(r);
    r.me_state_as_written = std::none_of(r.outcomes.begin(), r.outcomes.end(), [](ReadbackOutcome o) {
        return o == ReadbackOutcome::me_restored || o == ReadbackOutcome::me_changed ||
               o == ReadbackOutcome::disable_bit_cleared || o == ReadbackOutcome::descriptor_restored;
    });
    if (!r.me_state_as_written) {
        r.headline = {State::fail, "The ME state on the chip is not what was written", outcome_lines(r),
                      "The board's firmware put it back. Look for a BIOS setting or update that restores the ME, "
                      "write the image again with an external programmer, and verify again after the next boot."};
    } else if (std::find(r.outcomes.begin(), r.outcomes.end(), ReadbackOutcome::other_changed) != r.outcomes.end() ||
               std::find(r.outcomes.begin(), r.outcomes.end(), ReadbackOutcome::gbe_changed) != r.outcomes.end()) {
        r.headline = {State::warn, "The ME state is as written, but other bytes differ", outcome_lines(r),
                      "Read the chip back again and compare the two read-backs (meclean compare)."};
    } else {
        r.headline = {State::ok, "The ME state is as written; only the BIOS settings store changed",
                      "The firmware updated its UEFI variables, as it does on boot.", "Nothing to do."};
    }
    return r;
}

void write_verify_json(JsonWriter& j, const VerifyResult& r) {
    begin_result_json(j, "verify", r.headline, r.checks);
    j.key("me_state_as_written").value(r.me_state_as_written).key("outcomes").begin_array();
    for (ReadbackOutcome o : r.outcomes) j.value(readback_outcome_id(o));
    j.end_array().key("restored_partitions").begin_array();
    for (const std::string& n : r.restored_partitions) j.value(n);
    j.end_array().key("cleared_bits").begin_array();
    for (const DisableBit& b : r.cleared_bits) {
        j.begin_object().key("name").value(b.name).key("strap").value(b.strap).key("offset").value(b.offset);
        j.key("bit").value(b.bit).end_object();
    }
    j.end_array().key("variable_stores").begin_array();
    for (const VariableStore& s : r.variable_stores) {
        j.begin_object().key("kind").value(s.kind).key("offset").value(s.range.offset).key("length").value(s.range.length);
        j.end_object();
    }
    j.end_array().key("diff");
    write_read_diff(j, r.diff);
    j.end_object();
}

}  // namespace meclean
