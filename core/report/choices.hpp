// What can be done to an image (report/choices.cpp).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "report/report.hpp"

namespace meclean {

// A plan's refusal said for this image: plain words (never a command-line flag), and what the
// person can do about it (a refusal on an image cleaned before says so).
Problem explain_refusal(const Analysis& analysis, Problem problem);

HapOffer hap_offer(const Analysis& analysis);
std::vector<Preset> presets(const Analysis& analysis, std::span<const uint8_t> image, const HapOffer& hap);
// The first preset that will succeed; none when nothing can.
std::optional<std::string> default_preset(const std::vector<Preset>& presets, const Analysis& analysis);
// me_cleaner's options as controls, given the ones chosen now.
std::vector<OptionControl> option_controls(const Options& current, const Analysis& analysis);

}  // namespace meclean
