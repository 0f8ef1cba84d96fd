// The flash-write plan of a cleaned full image (report/flash_write.cpp).
#pragma once

#include <optional>
#include <span>
#include <string>

#include "report/report.hpp"

namespace meclean {

// Nothing for an image without a descriptor (a bare ME region goes back into a full dump first).
std::optional<FlashWrite> plan_flash_write(const Analysis& before, std::span<const uint8_t> original,
                                           std::span<const uint8_t> written, const std::string& image_name,
                                           const std::string& layout_name);

}  // namespace meclean
