#include "clean/workspace.hpp"

#include "base/byte_reader.hpp"
#include "clean/edits.hpp"

#include <algorithm>

namespace meclean {
namespace {

std::vector<uint8_t> le32_bytes(uint32_t value) {
    std::vector<uint8_t> out(4);
    store_le32(out.data(), value);
    return out;
}

}  // namespace

// Only the bytes up to the end of the two windows: the rest of a full image (the BIOS region,
// usually most of it) is never read or changed by a plan, so it is not copied.
Workspace::Workspace(std::span<const uint8_t> image, uint64_t me_start, uint64_t me_end, uint64_t fd_start,
                     uint64_t fd_end)
    : bytes_(image.begin(), image.begin() + std::min<uint64_t>(image.size(), std::max(me_end, fd_end))),
      me_start_(me_start), me_end_(me_end), fd_start_(fd_start), fd_end_(fd_end) {}

Workspace::~Workspace() = default;

void Workspace::record(Edit edit) {
    apply_edit(bytes_, edit);
    edits_.push_back(std::move(edit));
}

void Workspace::fill(uint64_t begin, uint64_t end, std::string reason) {
    // The reference checks the end first and does nothing for an empty range.
    me().require(0, end, "range to erase");
    if (begin >= end) return;
    record(Edit{EditKind::fill, me_start_ + begin, end - begin, 0, {}, std::move(reason)});
}

void Workspace::write(uint64_t offset, std::vector<uint8_t> data, std::string reason) {
    me().require(offset, data.size(), "range to write");
    uint64_t length = data.size();
    record(Edit{EditKind::write, me_start_ + offset, length, 0, std::move(data), std::move(reason)});
}

void Workspace::write_u32(uint64_t offset, uint32_t value, std::string reason) {
    write(offset, le32_bytes(value), std::move(reason));
}

void Workspace::move(uint64_t from, uint64_t size, uint64_t to, std::string reason) {
    me().require(from, size, "data to move");
    me().require(to, size, "destination of the move");
    if (size == 0) return;
    record(Edit{EditKind::move, me_start_ + to, size, me_start_ + from, {}, std::move(reason)});
}

void Workspace::resize(uint64_t size, std::string reason) {
    record(Edit{EditKind::resize, 0, size, 0, {}, std::move(reason)});
}

void Workspace::write_descriptor_u32(uint64_t offset, uint32_t value, std::string reason) {
    descriptor().require(offset, 4, "descriptor field to write");
    record(Edit{EditKind::write, fd_start_ + offset, 4, 0, le32_bytes(value), std::move(reason)});
}

}  // namespace meclean
