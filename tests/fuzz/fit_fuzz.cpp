// libFuzzer target: the FIT reader and its JSON on a 64 KiB BIOS region whose FIT (and whatever it
// names) comes from the input (fit_fuzz_layout.hpp). Seeds are the builder's FIT regions with and
// without Boot Guard manifests. Besides "no crash, no leak, no hang": every component offset the
// reader reports lies inside the region, the table holds at most 256 entries, and the JSON is
// one object.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "fit/fit.hpp"
#include "fit/fit_json.hpp"
#include "fit_fuzz_layout.hpp"
#include "fuzz_support.hpp"

namespace {

[[noreturn]] void broken(const char* promise) { fuzz_support::broken("fit_fuzz", promise); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace fit_fuzz;
    std::vector<uint8_t> region(kRegionSize, 0xFF);
    uint32_t pointer = physical(kTableOffset);
    if (size >= kHeaderBytes && (data[0] & 1)) std::memcpy(&pointer, data + 1, 4);
    const size_t skip = std::min(size, kHeaderBytes);
    std::copy_n(data + skip, std::min<size_t>(size - skip, kPointerOffset - kTableOffset), region.begin() + kTableOffset);
    std::memcpy(region.data() + kPointerOffset, &pointer, 4);
    std::memset(region.data() + kPointerOffset + 4, 0, 4);

    const meclean::ByteRange whole{0, region.size()};
    meclean::FitReport report = meclean::read_fit(region, whole);
    if (report.entries.size() > 256) broken("more than 256 entries read");
    if (report.found && (!report.table_offset || *report.table_offset + 16 > region.size())) broken("table outside");
    for (const meclean::FitEntry& e : report.entries) {
        if (e.target && *e.target >= region.size()) broken("a component offset outside the region");
        if (e.boot_policy && e.boot_policy->ibb.size() > 64) broken("more than 64 IBB segments");
    }
    meclean::JsonWriter j;
    meclean::write_fit(j, report);
    std::string json = j.take();
    if (json.empty() || json.front() != '{' || json.back() != '}') broken("JSON is not one object");
    return 0;
}
