// The synthetic image builder: writes flash descriptors, ME/TXE regions and
// whole flash images from plain descriptions, so unit tests need no real
// firmware. It is an independent writer — it never calls the engine's
// parsers; it uses only core/crypto (hashes) and the test signer.
//
// Typical use:
//   auto me = build_gen2_region(me7_region_spec());     // bytes + layout
//   FlashImageSpec spec;                                 // t420 descriptor
//   spec.me_region = me.bytes;
//   FlashImage image = build_flash_image(spec);
//   // me.layout.llut->offset + image.me.offset is where the LLUT landed.
//
// Malformed inputs: build a valid image, then edit bytes at the offsets the
// layout reports; recompute_fpt_checksum / recompute_cpd_checksum /
// resign_manifest repair what a test wants to keep valid.
#pragma once

#include "synth/builder_basics.hpp"
#include "synth/descriptor_builder.hpp"
#include "synth/fit_builder.hpp"
#include "synth/flash_image_builder.hpp"
#include "synth/fpt_builder.hpp"
#include "synth/gbe_builder.hpp"
#include "synth/manifest_builder.hpp"
#include "synth/me_region_builder.hpp"
