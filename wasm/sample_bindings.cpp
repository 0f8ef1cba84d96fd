// The sample image builder (tests/synth) as a module of its own: the page loads it only when
// "Try a sample image" is pressed, so the engine the page always loads stays small. It is linked
// with the recorded signatures of the sample's manifests (meclean_synth_sample), not with the test
// keys' private exponents: it builds the sample, byte for byte as the tests do, and signs nothing
// else (tests/synth/manifest_signer.hpp).
//
//   sampleImage() → Uint8Array: meclean's synthetic T420-like image (tests/synth/sample.cpp)
#include <emscripten/bind.h>

#include <cstdint>
#include <vector>

#include "js_interop.hpp"
#include "synth/sample.hpp"

namespace {

emscripten::val sample_image() {
    return meclean::wasm::guarded([] {
        const std::vector<uint8_t> bytes = meclean::make_sample_image();
        return meclean::wasm::u8_from(bytes);
    });
}

}  // namespace

EMSCRIPTEN_BINDINGS(meclean_sample) {
    emscripten::function("sampleImage", &sample_image);
}
