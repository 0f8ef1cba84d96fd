#include "synth/sample.hpp"

#include "synth/image_builder.hpp"

namespace meclean {

std::vector<uint8_t> make_sample_image() {
    synth::FlashImageSpec spec;  // the T420-like descriptor by default
    spec.me_region = synth::build_gen2_region(synth::me7_region_spec()).bytes;
    // A valid GbE bank with a locally administered address (02:...): the sample looks like a
    // board's own dump, so the GbE checks pass on it.
    spec.gbe_region = synth::build_gbe_region({0x02, 0x00, 0x5E, 0xC1, 0xEA, 0x01});
    return synth::build_flash_image(spec).bytes;
}

}  // namespace meclean
