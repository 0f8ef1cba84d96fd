// How to put a cleaned full image on the chip. The regions come from the descriptor of the image
// being written (a clean can change it: gen 1 drops the ME region); who may write them comes from
// the descriptor on the chip today, which is what the PCH enforces while flashrom runs.
#include "report/flash_write.hpp"

#include "base/text.hpp"
#include "ifd/descriptor.hpp"
#include "ifd/flash_layout.hpp"

namespace meclean {
namespace {

std::string names(const std::vector<RegionWrite>& regions, bool (*pick)(const RegionWrite&)) {
    std::string out;
    for (const RegionWrite& r : regions) {
        if (pick(r)) out += (out.empty() ? "" : ", ") + r.name;
    }
    return out;
}

}  // namespace

std::optional<FlashWrite> plan_flash_write(const Analysis& before, std::span<const uint8_t> original,
                                           std::span<const uint8_t> written, const std::string& image_name,
                                           const std::string& layout_name) {
    if (before.kind != ImageKind::full || !before.descriptor) return std::nullopt;
    Descriptor layout = *before.descriptor;
    if (auto signature = find_descriptor_signature(written)) {
        try {
            layout = parse_descriptor(written, *signature);
        } catch (const FormatError&) {
            // the written image's descriptor was re-inspected by apply(); keep the chip's regions
        }
    }
    FlashWrite w;
    RegionDiff diff = compare_regions(layout, original, written);
    const FlashMaster* host = before.descriptor->masters.empty() ? nullptr : &before.descriptor->masters[0];
    std::vector<int> changed_indices;
    for (const FlashRegion& r : layout.regions) {
        if (!r.used) continue;
        RegionWrite rw{r.index, region_layout_name(r.index), false, host && ((host->write_regions >> r.index) & 1)};
        for (int c : diff.changed) rw.changed = rw.changed || c == r.index;
        if (rw.changed) changed_indices.push_back(r.index);
        w.regions.push_back(rw);
    }
    w.layout_file = layout_name;
    w.layout = flashrom_layout(layout);
    w.whole_command = "flashrom -p internal -w " + image_name;
    if (!changed_indices.empty()) w.regions_command = flashrom_write_command(changed_indices, layout_name, image_name);
    w.bytes_outside = diff.bytes_outside;
    if (diff.bytes_outside) w.first_outside = diff.first_outside;
    std::vector<std::string> layout_notes = flashrom_layout_notes(layout);
    w.whole_image_first = diff.bytes_outside > 0 || diff.size_differs || !layout_notes.empty();
    for (const RegionWrite& r : w.regions) w.needs_external_programmer = w.needs_external_programmer || (r.changed && !r.host_may_write);

    if (diff.size_differs) {
        w.notes.push_back("The new image is not the size of the original: check the chip size before writing it.");
    }
    if (diff.bytes_outside > 0) {
        w.notes.push_back(decimal(diff.bytes_outside) + " changed bytes lie outside every region of the new descriptor "
                          "(the first at " + hex(diff.first_outside) + "): write the whole image, not regions.");
    }
    w.notes.insert(w.notes.end(), layout_notes.begin(), layout_notes.end());
    if (changed_indices.empty() && !w.whole_image_first) {
        w.notes.push_back("No region changed: there is nothing to write.");
    } else if (!changed_indices.empty()) {
        w.notes.push_back("Changed: " + names(w.regions, [](const RegionWrite& r) { return r.changed; }) +
                          ". Unchanged: " + [&] {
                              std::string u = names(w.regions, [](const RegionWrite& r) { return !r.changed; });
                              return u.empty() ? std::string("none") : u;
                          }() + ".");
    }
    if (w.needs_external_programmer) {
        w.notes.push_back("On this board the host may not write " +
                          names(w.regions, [](const RegionWrite& r) { return r.changed && !r.host_may_write; }) +
                          " (the descriptor's FLMSTR1), so flashrom -p internal will fail there: use an external "
                          "programmer (for example -p ch341a_spi) on the flash chip instead.");
    }
    return w;
}

}  // namespace meclean
