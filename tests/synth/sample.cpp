#include "synth/sample.hpp"

#include "synth/image_builder.hpp"

namespace meclean {

std::vector<uint8_t> make_sample_image() {
    synth::FlashImageSpec spec;  // the T420-like descriptor by default
    spec.me_region = synth::build_gen2_region(synth::me7_region_spec()).bytes;
    return synth::build_flash_image(spec).bytes;
}

}  // namespace meclean
