#include "gbe/gbe.hpp"

#include <algorithm>
#include <cstring>

#include "base/byte_reader.hpp"
#include "base/text.hpp"

namespace meclean {
namespace {

// Facts from Linux's e1000e driver (ich8lan.c / defines.h): the NVM checksum covers words
// 0x00–0x3F and must add up to 0xBABA (NVM_SUM); a bank is valid when bits 15:14 of word 0x13
// are 10b (E1000_ICH_NVM_SIG_WORD, E1000_ICH_NVM_VALID_SIG_MASK). The MAC is words 0–2.
constexpr uint64_t kBankSize = 0x1000;
constexpr unsigned kChecksumWords = 0x40;
constexpr uint16_t kChecksumTarget = 0xBABA;
constexpr uint64_t kSignatureByte = 0x13 * 2 + 1;  // the high byte of word 0x13
constexpr int kRegionGbe = 3;

struct Placeholder {
    std::array<uint8_t, 6> mac;
    const char* source;
};

// Addresses that many boards share, so they never belong to the user's own board.
constexpr Placeholder kPlaceholders[] = {
    // Intel's reference GbE image; found in vendor images (the corpus's Gigabyte Z77 GbE region holds it).
    {{0x88, 0x88, 0x88, 0x88, 0x87, 0x88}, "Intel's reference GbE image"},
    // coreboot's util/bincfg GbE templates (gbe-ich9m.set and others).
    {{0x00, 0xF5, 0xF0, 0x40, 0x71, 0xFE}, "coreboot's GbE template (util/bincfg)"},
};

GbeBank read_bank(const ByteReader& reader, unsigned number, uint64_t at) {
    GbeBank b;
    b.number = number;
    b.offset = at;
    auto bytes = reader.slice(at, kChecksumWords * 2, "GbE bank");
    std::copy_n(bytes.begin(), 6, b.mac.begin());
    for (unsigned w = 0; w < kChecksumWords; ++w) b.word_sum = static_cast<uint16_t>(b.word_sum + load_le16(bytes.data() + 2 * w));
    b.checksum_ok = b.word_sum == kChecksumTarget;
    b.valid = (bytes[kSignatureByte] & 0xC0) == 0x80;
    for (size_t i = 0; i < 6; ++i) b.mac_text += (i ? ":" : "") + hex_digits(b.mac[i], 2);
    return b;
}

void judge_mac(GbeInfo& g, const std::array<uint8_t, 6>& mac) {
    auto all = [&](uint8_t v) { return std::all_of(mac.begin(), mac.end(), [v](uint8_t b) { return b == v; }); };
    for (const Placeholder& p : kPlaceholders) {
        if (p.mac == mac) {
            g.mac_kind = MacKind::placeholder;
            g.placeholder_source = p.source;
            return;
        }
    }
    if (all(0x00)) g.mac_kind = MacKind::all_zero;
    else if (all(0xFF)) g.mac_kind = MacKind::all_ff;
    else if (mac[0] & 1) g.mac_kind = MacKind::multicast;
}

void add(GbeInfo& g, State state, const std::string& id, const std::string& title, const std::string& detail,
         uint64_t offset) {
    g.checks.push_back({id, state, title, detail, offset});
    if (state == State::warn || state == State::fail) g.findings.push_back({Severity::warning, id, title + ": " + detail, offset});
}

}  // namespace

const char* mac_kind_id(MacKind kind) {
    switch (kind) {
        case MacKind::unique: return "unique";
        case MacKind::all_zero: return "all_zero";
        case MacKind::all_ff: return "all_ff";
        case MacKind::multicast: return "multicast";
        case MacKind::placeholder: return "placeholder";
    }
    return "unique";
}

std::optional<GbeInfo> read_gbe(std::span<const uint8_t> image, const Descriptor& d) {
    if (d.regions.size() <= kRegionGbe || !d.regions[kRegionGbe].used) return std::nullopt;
    const FlashRegion& r = d.regions[kRegionGbe];
    if (r.limit >= image.size() || r.limit + 1 - r.base < kChecksumWords * 2) return std::nullopt;
    GbeInfo g;
    g.region = {r.base, r.limit + 1 - r.base};
    ByteReader reader(image);
    for (unsigned n = 0; n < 2 && (n + 1) * kBankSize <= g.region.length; ++n) {
        g.banks.push_back(read_bank(reader, n, r.base + n * kBankSize));
    }
    if (g.banks.empty()) g.banks.push_back(read_bank(reader, 0, r.base));  // a region under 4 KiB: one bank
    for (const GbeBank& b : g.banks) {
        if (b.valid && !g.active_bank) g.active_bank = b.number;
    }
    const GbeBank& shown = g.banks[g.active_bank.value_or(0)];
    g.mac_text = shown.mac_text;
    judge_mac(g, shown.mac);
    if (!g.active_bank) {
        add(g, State::warn, "gbe_no_valid_bank", "No GbE bank is marked valid",
            "Neither bank has the valid signature (word 0x13 bits 15:14 = 10b): the network controller will not load it.",
            r.base);
    } else if (!shown.checksum_ok) {
        add(g, State::warn, "gbe_checksum", "The GbE checksum is wrong in bank " + decimal(shown.number),
            "Words 0x00–0x3F add up to " + hex(shown.word_sum, 4) + ", not 0xbaba: the controller may refuse this NVM.",
            shown.offset + 0x7E);
    } else {
        add(g, State::ok, "gbe_checksum", "GbE bank " + decimal(shown.number) + " is valid; its checksum is right",
            "Words 0x00–0x3F add up to 0xbaba.", shown.offset);
    }
    const std::string mac = "MAC address " + g.mac_text;
    switch (g.mac_kind) {
        case MacKind::unique:
            add(g, State::ok, "gbe_mac", mac, "Keep this board's own GbE region: it holds its MAC address.", shown.offset);
            break;
        case MacKind::placeholder:
            add(g, State::warn, "gbe_mac", mac + " is a placeholder",
                "This address comes from " + g.placeholder_source + ": the dump is a vendor or template image, not a read "
                "of your own board. Clean your own dump, or put your board's MAC back.", shown.offset);
            break;
        case MacKind::all_zero:
        case MacKind::all_ff:
        case MacKind::multicast:
            add(g, State::warn, "gbe_mac", mac + " is not a usable address",
                std::string(g.mac_kind == MacKind::multicast ? "Its first byte has the multicast bit set" : "It is blank") +
                    ": the dump is not a read of a working board's own flash, or its GbE region was erased.",
                shown.offset);
            break;
    }
    return g;
}

void write_gbe_json(JsonWriter& j, const GbeInfo& g) {
    j.begin_object().key("offset").value(g.region.offset).key("size").value(g.region.length);
    j.key("mac").value(g.mac_text).key("mac_kind").value(mac_kind_id(g.mac_kind));
    j.key("placeholder_source").value(g.placeholder_source).key("active_bank");
    if (g.active_bank) j.value(*g.active_bank); else j.null();
    j.key("banks").begin_array();
    for (const GbeBank& b : g.banks) {
        j.begin_object().key("number").value(b.number).key("offset").value(b.offset).key("mac").value(b.mac_text);
        j.key("word_sum").value(unsigned{b.word_sum}).key("checksum_ok").value(b.checksum_ok).key("valid").value(b.valid);
        j.end_object();
    }
    j.end_array().key("checks");
    write_check_lines(j, g.checks);
    j.end_object();
}

}  // namespace meclean
