#include "base/region_view.hpp"

#include "base/findings.hpp"
#include "base/text.hpp"

namespace meclean {

void RegionView::require(uint64_t offset, uint64_t length, const char* what) const {
    // Sums are done in 64 bits from 32-bit fields, so they cannot wrap.
    uint64_t absolute_end = start_ + offset + length;
    if (offset > (UINT64_MAX >> 2) || length > (UINT64_MAX >> 2) || absolute_end > end_ ||
        absolute_end > file_.size()) {
        fail("out_of_region",
             std::string("The ") + what + " lies outside the ME region: region offsets " + hex(offset) + "–" +
                 hex(offset + length) + ", but the region ends at " + hex(end_ - start_),
             start_ + offset);
    }
}

std::span<const uint8_t> RegionView::read(uint64_t offset, uint64_t length, const char* what) const {
    require(offset, length, what);
    return file_.subspan(start_ + offset, length);
}

uint32_t RegionView::u32(uint64_t offset, const char* what) const { return load_le32(read(offset, 4, what).data()); }

uint16_t RegionView::u16(uint64_t offset, const char* what) const { return load_le16(read(offset, 2, what).data()); }

bool RegionView::tag_at(uint64_t offset, const char (&tag)[5]) const {
    uint64_t absolute = start_ + offset;
    if (absolute + 4 > end_ || absolute + 4 > file_.size()) return false;
    for (int i = 0; i < 4; ++i) {
        if (file_[absolute + i] != static_cast<uint8_t>(tag[i])) return false;
    }
    return true;
}

}  // namespace meclean
