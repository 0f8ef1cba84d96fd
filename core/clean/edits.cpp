#include "clean/edits.hpp"

#include <algorithm>
#include <cstring>

namespace meclean {
namespace {

constexpr uint64_t kMoveBlock = 0x1000;

// me_cleaner moves FTPR in 4 KiB blocks from the start, erasing each source block
// before writing it at the destination (formats.md §2.8.9 step 6). For a move towards
// lower offsets that leaves [to, to+size) = data and the rest of the old range 0xFF.
void move_blocks(std::vector<uint8_t>& image, uint64_t from, uint64_t to, uint64_t size) {
    std::vector<uint8_t> block;
    for (uint64_t done = 0; done < size; done += kMoveBlock) {
        uint64_t n = std::min(kMoveBlock, size - done);
        block.assign(image.begin() + from + done, image.begin() + from + done + n);
        std::fill_n(image.begin() + from + done, n, 0xFF);
        std::memcpy(image.data() + to + done, block.data(), n);
    }
}

}  // namespace

const char* edit_kind_name(EditKind kind) {
    switch (kind) {
        case EditKind::fill: return "fill";
        case EditKind::write: return "write";
        case EditKind::move: return "move";
        case EditKind::resize: return "resize";
    }
    return "fill";
}

void apply_edit(std::vector<uint8_t>& image, const Edit& edit) {
    switch (edit.kind) {
        case EditKind::fill:
            std::fill_n(image.begin() + edit.offset, edit.length, 0xFF);
            break;
        case EditKind::write:
            std::copy(edit.bytes.begin(), edit.bytes.end(), image.begin() + edit.offset);
            break;
        case EditKind::move:
            move_blocks(image, edit.source, edit.offset, edit.length);
            break;
        case EditKind::resize:
            image.resize(edit.length, 0x00);  // as Python's truncate() when it grows a file
            break;
    }
}

bool edit_changes(std::span<const uint8_t> image, const Edit& edit) {
    if (edit.kind == EditKind::resize) return edit.length != image.size();
    if (edit.offset > image.size() || edit.length > image.size() - edit.offset) return true;
    auto target = image.subspan(edit.offset, edit.length);
    switch (edit.kind) {
        case EditKind::fill: return std::any_of(target.begin(), target.end(), [](uint8_t b) { return b != 0xFF; });
        case EditKind::write: return !std::equal(target.begin(), target.end(), edit.bytes.begin(), edit.bytes.end());
        default: return true;
    }
}

const char* part_action_name(PartAction action) {
    switch (action) {
        case PartAction::kept: return "kept";
        case PartAction::removed: return "removed";
        case PartAction::essential: return "essential";
        case PartAction::metadata: return "metadata";
        case PartAction::manifest: return "manifest";
        case PartAction::no_data: return "no data";
        case PartAction::nvram: return "nvram";
        case PartAction::skipped: return "skipped";
    }
    return "kept";
}

}  // namespace meclean
