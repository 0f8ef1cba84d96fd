// The flashing workflow as a module of its own: the page's worker loads it when reads are first
// joined, compared or verified, so the module every visitor loads carries none of it. Each
// answers with the engine's JSON (docs/schema/<name>.schema.json), as the CLI's --json does:
//
//   join(first, second, firstName, secondName)
//                        → { join: string, image: Uint8Array or null, name: string or null }: joins
//                          two chip reads (either order); when joined, `image` is the whole flash
//                          and `name` the one the engine gives it (after the read of chip 1,
//                          "<stem>-joined.bin"), for the engine module to open it as one dump
//   compare([u8, u8, ...]) → string: do these reads of one chip agree?
//   verify(written, readback) → string: is the ME state on the chip what was written?
//
// Bytes cross the boundary as copies (one TypedArray.set each way, docs/toolchain.md §5).
// No C++ exception leaves this file: each one becomes a JS Error carrying its message.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/json_writer.hpp"
#include "flash/compare.hpp"
#include "flash/join.hpp"
#include "flash/verify.hpp"
#include "js_bytes.hpp"
#include "js_interop.hpp"

using emscripten::val;
using meclean::wasm::Bytes;
using meclean::wasm::guarded;
using meclean::wasm::name_from;
using meclean::wasm::u8_from;

namespace {

template <class Writer, class Result>
std::string json_of(Writer writer, const Result& result) {
    meclean::JsonWriter j;
    writer(j, result);
    return j.take();
}

// "t440p-8mb.bin" → "t440p-8mb"
std::string stem_of(const std::string& name) {
    const size_t dot = name.rfind('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

val join(val first, val second, val first_name, val second_name) {
    return guarded([&] {
        const std::string names[2] = {name_from(first_name), name_from(second_name)};
        meclean::JoinResult joined;
        {
            const Bytes a(first), b(second);
            joined = meclean::join_chip_reads(a, b);
        }
        val result = val::object();
        result.set("join", json_of(meclean::write_join_json, joined));
        const bool refused = joined.problem || joined.image.empty();
        result.set("image", refused ? val::null() : u8_from(joined.image));
        result.set("name", refused ? val::null() : val(stem_of(names[joined.input_of_chip[0]]) + "-joined.bin"));
        return result;
    });
}

val compare(val reads) {
    return guarded([&] {
        if (!reads.isArray()) throw std::invalid_argument("compare takes an array of reads (Uint8Array)");
        std::vector<Bytes> copies;
        const unsigned n = reads["length"].as<unsigned>();
        for (unsigned i = 0; i < n; ++i) copies.emplace_back(reads[i]);
        std::vector<std::span<const uint8_t>> spans(copies.begin(), copies.end());
        return val(json_of(meclean::write_compare_json, meclean::compare_reads(spans)));
    });
}

val verify(val written, val readback) {
    return guarded([&] {
        const Bytes w(written), r(readback);
        return val(json_of(meclean::write_verify_json, meclean::verify_readback(w, r)));
    });
}

}  // namespace

EMSCRIPTEN_BINDINGS(meclean_flash) {
    emscripten::function("join", &join);
    emscripten::function("compare", &compare);
    emscripten::function("verify", &verify);
}
