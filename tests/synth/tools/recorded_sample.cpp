// The sample image as the page's sample module builds it: linked with the recorded signer
// (meclean_synth_sample), never with the test keys' private exponents. For sample_signer_test.py:
//
//   meclean_recorded_sample --image OUT     writes the sample;
//   meclean_recorded_sample --refuses-other builds another manifest (an ME 11 region), which this
//                                           build must refuse to sign: exit 0 when it refuses.
#include <iostream>
#include <stdexcept>
#include <string_view>

#include "synth/image_builder.hpp"
#include "synth/tools/tool_support.hpp"

namespace {

int refuses_other() {
    try {
        meclean::synth::build_gen3_region(meclean::synth::me11_region_spec());
    } catch (const std::invalid_argument& e) {
        std::cout << "refused: " << e.what() << "\n";
        return 0;
    }
    std::cerr << "the recorded signer signed a manifest that is not the sample's: it can sign\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string_view mode = argc > 1 ? argv[1] : "";
    try {
        if (argc == 3 && mode == "--image") return meclean::synth::tools::write_sample_image(argv[2]);
        if (argc == 2 && mode == "--refuses-other") return refuses_other();
    } catch (const std::exception& e) {
        std::cerr << "meclean_recorded_sample: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: meclean_recorded_sample --image OUT | --refuses-other\n";
    return 2;
}
