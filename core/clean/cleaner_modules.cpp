// Module removal inside FTPR (formats.md §2.8.7, §2.8.8) and its relocation (§2.8.9).
#include <algorithm>

#include "base/byte_reader.hpp"
#include "clean/cleaner.hpp"
#include "me/fpt.hpp"
#include "base/text.hpp"

namespace meclean {
namespace {

using Range = std::pair<uint64_t, uint64_t>;  // [start, end), region-relative

constexpr uint64_t kRelocationTarget = 0x400;
constexpr uint64_t kRelocationAlign = 0x20;

bool is_gen2_essential(const std::string& name) { return name == "ROMP" || name == "BUP"; }

// me_cleaner keeps any gen-3 module whose name starts with these (§2.9 item 13).
bool is_gen3_essential(const std::string& name) {
    for (const char* prefix : {"rbe", "kernel", "syslib", "bup"}) {
        if (name.rfind(prefix, 0) == 0) return true;
    }
    return false;
}

bool ends_with(const std::string& text, const char* suffix) {
    std::string s(suffix);
    return text.size() >= s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0;
}

// Python's a[i:j] bounds for a list of n items.
std::pair<size_t, size_t> python_slice(int64_t i, int64_t j, size_t n) {
    auto clamp = [n](int64_t k) {
        if (k < 0) k += static_cast<int64_t>(n);
        return static_cast<size_t>(std::clamp<int64_t>(k, 0, static_cast<int64_t>(n)));
    };
    size_t lo = clamp(i), hi = clamp(j);
    return {lo, std::max(lo, hi)};
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Python's round(x / 1024): halves go to the even neighbour.
uint64_t round_kib(uint64_t bytes) {
    uint64_t q = bytes / 1024, r = bytes % 1024;
    return q + (r > 512 || (r == 512 && (q & 1)));
}

// Each chunk runs from its offset to the next larger one among all chunks and the
// end of the Huffman stream; absent chunks are (0, 0) (§2.8.7, comp 1).
std::vector<Range> chunk_ranges(const Llut& llut, uint64_t region_start) {
    std::vector<uint64_t> starts;
    starts.reserve(llut.chunks.size());
    for (uint32_t entry : llut.chunks) starts.push_back((entry >> 24) == kChunkAbsent ? 0 : (entry & 0xFFFFFF));
    std::vector<uint64_t> sorted;
    for (uint64_t s : starts) {
        if (s != 0) sorted.push_back(s);
    }
    sorted.push_back(uint64_t{llut.stream_start} + llut.stream_length);
    std::sort(sorted.begin(), sorted.end());
    std::vector<Range> ranges;
    ranges.reserve(starts.size());
    for (uint64_t s : starts) {
        if (s == 0) {
            ranges.push_back({0, 0});
            continue;
        }
        size_t first = static_cast<size_t>(std::lower_bound(sorted.begin(), sorted.end(), s) - sorted.begin());
        if (first + 1 >= sorted.size()) {
            fail("llut_chunk_past_stream",
                 "A Huffman chunk starts at region offset " + hex(s) + ", past the end of the Huffman stream",
                 region_start + llut.offset);
        }
        ranges.push_back({s, sorted[first + 1]});
    }
    return ranges;
}

// Whether `c` overlaps any essential chunk as me_cleaner tests it:
// u.start ≤ c.start < u.end, or u.start < c.end ≤ u.end. `by_start` is sorted by start,
// `max_end[i]` the largest end among by_start[0..i].
bool overlaps_essential(const Range& c, const std::vector<Range>& by_start, const std::vector<uint64_t>& max_end) {
    auto upto = [&](auto pred) {
        size_t n = static_cast<size_t>(std::partition_point(by_start.begin(), by_start.end(), pred) - by_start.begin());
        return n == 0 ? uint64_t{0} : max_end[n - 1];
    };
    bool start_inside = upto([&](const Range& u) { return u.first <= c.first; }) > c.first;
    bool end_inside = upto([&](const Range& u) { return u.first < c.second; }) >= c.second;
    return start_inside || end_inside;
}

}  // namespace

Cleaner::ModuleResult Cleaner::remove_modules_gen2() {
    log("Reading FTPR modules list...");
    MmeTable table = read_mme_table(workspace_.me(), ftpr_offset_);
    if (table.header_size == 0) {
        log(" Unknown FTPR module header layout, no module removed");
        plan_.findings.push_back({Severity::warning, "module_headers_unknown",
                                  "The FTPR module headers are not in a layout me_cleaner knows; no module was removed "
                                  "and the minimum size is unknown",
                                  r_ + ftpr_offset_ + 0x290});
        return {-1, ftpr_offset_};
    }
    int64_t end_addr = 0;
    if (o_.keep_modules) {
        end_addr = static_cast<int64_t>(ftpr_offset_ + me_->ftpr_length);
    } else {
        std::optional<Llut> llut;
        std::vector<Range> chunks;
        std::vector<Range> essential;
        for (const MmeModule& m : table.modules) {
            if (!m.name.ascii) fail("module_name", "An FTPR module name is not ASCII", r_ + ftpr_offset_ + 0x290);
            uint64_t off = ftpr_offset_ + uint64_t{m.data_offset};
            uint64_t size = m.compressed_size;
            std::string line = " " + pad_right(m.name.text, 16) + " (";
            PartVerdict verdict{m.name.text, "", off, off + size, true, size, PartAction::kept};
            bool essential_module = is_gen2_essential(m.name.text);
            unsigned comp = m.compression();
            if (comp == 0 || comp == 2) {
                verdict.detail = comp == 0 ? "uncompressed" : "LZMA";
                line += pad_right(comp == 0 ? "uncomp." : "LZMA", 7) + ", " +
                        pad_right(hex(off, 6) + " - " + hex(off + size, 6), 26) + "): ";
                if (essential_module) {
                    end_addr = std::max(end_addr, static_cast<int64_t>(off + size));
                } else {
                    workspace_.fill(off, std::min(off + size, e_), "remove FTPR module " + m.name.text);
                }
            } else if (comp == 1) {
                if (!llut) {
                    llut = read_llut(workspace_.me(), off);
                    if (llut->chunk_size == 0) fail("llut_chunk_size", "The LLUT chunk size is zero", r_ + off + 0x30);
                    chunks = chunk_ranges(*llut, r_);
                }
                int64_t first = floor_div(int64_t{m.load_address} - static_cast<int64_t>(llut->base), llut->chunk_size);
                int64_t last = first + m.uncompressed_size / llut->chunk_size;
                auto [lo, hi] = python_slice(first, last + 1, chunks.size());
                uint64_t bytes = 0;
                for (size_t i = lo; i < hi; ++i) {
                    bytes += chunks[i].second - chunks[i].first;
                    if (essential_module && chunks[i].first != 0) essential.push_back(chunks[i]);
                }
                verdict = {m.name.text, "Huffman", 0, 0, false, bytes, PartAction::kept};
                line += pad_right("Huffman", 7) + ", " + pad_right("fragmented data, ~" + decimal(round_kib(bytes)) + " KiB", 26) +
                        "): ";
            } else {
                verdict.detail = "unknown compression";
                log(line + pad_right("unknown", 7) + ", " + pad_right(hex(off, 6) + " - " + hex(off + size, 6), 26) +
                    "): NOT removed, unknown compression");
                verdict.action = PartAction::skipped;
                plan_.modules.push_back(verdict);
                continue;
            }
            log(line + (essential_module ? "NOT removed, essential" : "removed"));
            verdict.action = essential_module ? PartAction::essential : PartAction::removed;
            plan_.modules.push_back(verdict);
        }
        if (llut) remove_huffman_chunks(*llut, chunks, essential, end_addr);
    }
    uint64_t ftpr = ftpr_offset_;
    if (o_.relocate) {
        ftpr = relocate_ftpr(table.modules, true);
        end_addr += static_cast<int64_t>(ftpr) - static_cast<int64_t>(ftpr_offset_);
    }
    return {end_addr, ftpr};
}

void Cleaner::remove_huffman_chunks(const Llut& llut, const std::vector<Range>& chunks,
                                    const std::vector<Range>& essential, int64_t& end_addr) {
    if (essential.empty()) {
        fail("no_essential_huffman", "No essential module (ROMP, BUP) is Huffman-compressed, so the Huffman chunks "
                                     "they need cannot be told apart",
             r_ + llut.offset);
    }
    std::vector<Range> by_start = essential;
    std::sort(by_start.begin(), by_start.end());
    std::vector<uint64_t> max_end(by_start.size());
    uint64_t running = 0;
    for (size_t i = 0; i < by_start.size(); ++i) max_end[i] = running = std::max(running, by_start[i].second);
    for (const Range& c : chunks) {
        if (c.second <= c.first || overlaps_essential(c, by_start, max_end)) continue;
        workspace_.fill(c.first, std::min(c.second, e_), "remove Huffman chunks of unneeded FTPR modules");
    }
    end_addr = std::max(end_addr, static_cast<int64_t>(running));
}

Cleaner::ModuleResult Cleaner::remove_modules_gen3() {
    log("Reading FTPR modules list...");
    int64_t end_data = 0;
    if (o_.keep_modules) {
        end_data = static_cast<int64_t>(ftpr_offset_ + me_->ftpr_length);
    } else {
        struct Item {
            FixedName name;
            uint64_t offset;
            bool huffman;
        };
        std::vector<CpdEntry> entries = read_cpd_entries(workspace_.me(), ftpr_offset_);
        // The sentinel "end" goes first so that the stable sort keeps it first among equals.
        std::vector<Item> items = {{{"end", true}, me_->ftpr_length, false}};
        for (const CpdEntry& e : entries) items.push_back({e.name, e.offset(), e.huffman()});
        for (size_t i = 1; i < items.size(); ++i) {  // a stable insertion sort: the directory is short and nearly sorted
            for (size_t j = i; j > 0 && items[j - 1].offset > items[j].offset; --j) std::swap(items[j - 1], items[j]);
        }
        for (size_t i = 0; i < entries.size(); ++i) {
            const Item& item = items[i];
            if (!item.name.ascii) fail("module_name", "A $CPD entry name is not ASCII", r_ + ftpr_offset_);
            const std::string& name = item.name.text;
            uint64_t a = ftpr_offset_ + item.offset;
            uint64_t b = ftpr_offset_ + items[i + 1].offset;
            bool metadata = ends_with(name, ".man") || ends_with(name, ".met");
            const char* label = metadata ? "uncompressed" : item.huffman ? "Huffman" : "LZMA/uncomp.";
            std::string line = " " + pad_right(name, 12) + " (" + pad_right(label, 12) + ", " + hex(a, 6) + " - " +
                               hex(b, 6) + "): ";
            PartVerdict verdict{name, metadata ? "uncompressed" : item.huffman ? "Huffman" : "LZMA/uncompressed", a, b, true, b - a, PartAction::kept};
            if (ends_with(name, ".man")) {
                line += "NOT removed, partition manif.";
                verdict.action = PartAction::manifest;
            } else if (ends_with(name, ".met")) {
                line += "NOT removed, module metadata";
                verdict.action = PartAction::metadata;
            } else if (is_gen3_essential(name)) {
                line += "NOT removed, essential";
                verdict.action = PartAction::essential;
            } else {
                workspace_.fill(a, std::min(b, e_), "remove FTPR module " + name);
                line += "removed";
                verdict.action = PartAction::removed;
            }
            if (verdict.action != PartAction::removed) end_data = std::max(end_data, static_cast<int64_t>(b));
            log(line);
            plan_.modules.push_back(verdict);
        }
    }
    uint64_t ftpr = ftpr_offset_;
    if (o_.relocate) {
        ftpr = relocate_ftpr({}, false);
        end_data += static_cast<int64_t>(ftpr) - static_cast<int64_t>(ftpr_offset_);
    }
    return {end_data, ftpr};
}

uint64_t Cleaner::relocate_ftpr(const std::vector<MmeModule>& modules, bool gen2) {
    RegionView me = workspace_.me();
    // FTPR is the only entry left in the rewritten table (-w/-b are refused with -r);
    // if it was dropped, the slot is erased and me_cleaner crashes reading its name.
    auto name = me.read(0x30, 4, "first FPT entry");
    if (std::any_of(name.begin(), name.end(), [](uint8_t b) { return b >= 0x80; })) {
        fail("relocate_without_ftpr", "Cannot relocate FTPR: its FPT entry was dropped because it has no data in this image",
             r_ + 0x30,
             me_->traces.only_ftpr_listed
                 ? "The FTPR entry claims more bytes than the region holds: this image was cleaned and shrunk before."
                 : "The FTPR entry claims more bytes than the region holds: the file is cut short, or it was shrunk by "
                   "an earlier clean.");
    }
    uint64_t old_offset = me.u32(0x38, "FTPR entry");
    uint64_t size = me.u32(0x3C, "FTPR entry");
    int64_t target = static_cast<int64_t>(kRelocationTarget);
    uint64_t llut_at = 0;
    uint16_t correction = 0;
    for (const MmeModule& m : modules) {
        if (m.compression() == 1) {
            llut_at = uint64_t{m.data_offset} + old_offset;
            break;
        }
    }
    if (llut_at != 0) {
        correction = me.u16(llut_at + 9, "LLUT header");
        // Keep SpiBase from going negative (§2.8.9 step 3), then align.
        target = std::max(target, int64_t{correction} - static_cast<int64_t>(llut_at) - 0x40 +
                                      static_cast<int64_t>(old_offset));
        target = (target + kRelocationAlign - 1) / kRelocationAlign * kRelocationAlign;
    }
    uint64_t new_offset = static_cast<uint64_t>(target);
    int64_t diff = target - static_cast<int64_t>(old_offset);
    log("Relocating FTPR from " + hex(old_offset) + " - " + hex(old_offset + size) + " to " + hex(new_offset) + " - " +
        hex(new_offset + size) + "...");
    log(" Adjusting FPT entry...");
    workspace_.write_u32(0x38, static_cast<uint32_t>(new_offset), "new FTPR offset in the FPT");

    auto as_u32 = [&](int64_t value, const char* what) {
        if (value < 0 || value > 0xFFFFFFFFLL) fail("relocation_overflow", std::string("Relocation makes the ") + what + " negative or too large", r_ + llut_at);
        return static_cast<uint32_t>(value);
    };
    if (llut_at != 0) {
        Llut llut = read_llut(me, llut_at);
        log(" Adjusting LUT start offset...");
        workspace_.write_u32(llut_at + 0x0C, as_u32(static_cast<int64_t>(llut_at) + diff + 0x40 - correction, "LLUT SpiBase"),
                             "LLUT SpiBase after relocation");
        log(" Adjusting Huffman start offset...");
        workspace_.write_u32(llut_at + 0x14, as_u32(int64_t{llut.stream_start} + diff, "Huffman stream start"),
                             "Huffman stream start after relocation");
        log(" Adjusting chunks offsets...");
        std::vector<uint8_t> table(llut.chunks.size() * 4);
        for (size_t i = 0; i < llut.chunks.size(); ++i) {
            uint32_t entry = llut.chunks[i];
            if ((entry >> 24) != kChunkAbsent) {
                entry = (entry & 0xFF000000u) | (static_cast<uint32_t>(static_cast<int64_t>(entry & 0xFFFFFF) + diff) & 0xFFFFFF);
            }
            store_le32(table.data() + 4 * i, entry);
        }
        workspace_.write(llut_at + 0x40, std::move(table), "Huffman chunk offsets after relocation");
    } else if (gen2) {
        log(" No Huffman modules found");
    }
    log(" Moving data...");
    // me_cleaner clamps with the absolute region end (§2.9 item 6).
    uint64_t moved = e_ >= old_offset ? std::min(size, e_ - old_offset) : 0;
    workspace_.move(old_offset, moved, new_offset, "move FTPR to " + hex(new_offset));
    return new_offset;
}

}  // namespace meclean
