// libFuzzer target: verify_readback() on a written two-chip image (descriptor from the fuzz
// input) and a read-back damaged by the fuzz input (flash_fuzz_input.hpp). Promises: an
// identical read-back is accepted; a read-back whose ME state differs is never called ok.

#include "flash/verify.hpp"
#include "flash_fuzz_input.hpp"

namespace {

[[noreturn]] void broken(const char* promise) { meclean::fuzz::broken("verify_fuzz", promise); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace meclean;
    fuzz::FlashInput in = fuzz::flash_input(data, size);
    std::vector<uint8_t> readback = fuzz::damaged(in.whole, in.damages);
    VerifyResult r = verify_readback(in.whole, readback);
    if (readback == in.whole) {
        if (!r.me_state_as_written || r.headline.state != State::ok) broken("an identical read-back is not accepted");
        return 0;
    }
    if (r.outcomes.empty()) broken("a differing read-back without an outcome");
    if (!r.me_state_as_written && r.headline.state != State::fail) broken("a changed ME state that is not a failure");
    JsonWriter j;
    write_verify_json(j, r);
    if (j.take().empty()) broken("empty JSON");
    return 0;
}
