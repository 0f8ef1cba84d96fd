// The engine's face to JavaScript (embind): the page's Web Worker and the node tests call
//
//   open(u8, name)       → string: the report (docs/report.schema.json) of a check of `u8`; keeps a
//                          copy of the bytes and the engine's session for the calls below
//   prepare(size)        → Uint8Array: a view of `size` bytes of wasm memory for the caller to fill
//                          with the image (the worker reads the user's file straight into it); valid
//                          until the next call into the module
//   openPrepared(name)   → string: open(), of the bytes filled in since prepare()
//   openEmbedded(name)   → string: the same for the plain flash image the triage found inside the
//                          open file (a capsule, a mirrored read...), which becomes the open image
//   report(options)      → string: the report of a plan of the open image with these options (nothing applied)
//   clean(options)       → { report: string, head: Uint8Array, size: number, descriptor, me: Uint8Array
//                          or null }: plan and apply; the new image is `head` followed by the open
//                          image's bytes from head.length up to `size` (the worker builds it from the
//                          user's own file, nothing else copied out of wasm memory); all null when the
//                          report carries a refusal
//   close()              → forgets the open image
//   version()            → string
//
//   imageHints()         → { version: [major, minor, hotfix, build], txe: boolean } or null: what the
//                          open image tells the status decoder (its firmware generation); the
//                          decoder itself is a module of its own (status_bindings.cpp)
//
// `options` is the report's own options object (docs/report.schema.json "options"): booleans
// check_only, soft_disable, soft_disable_only, relocate, truncate, keep_modules,
// restrict_me_master, extract_descriptor, extract_me, allow_fdv_override; whitelist/blacklist as
// arrays of names (or comma-separated strings); platform as a string. Missing fields are off.
//
// Bytes cross the boundary as copies (one TypedArray.set each way, docs/toolchain.md §5).
// No C++ exception leaves this file: each one becomes a JS Error carrying its message.
// This is the module the page loads at once, so it holds only what one dump needs (open → report →
// clean). The worker loads the others on first use: the status decoder (status_bindings.cpp), the
// flashing workflow (flash_bindings.cpp) and the sample image (sample_bindings.cpp).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "js_bytes.hpp"
#include "js_interop.hpp"
#include "meclean.hpp"
#include "status/image_hints.hpp"

using emscripten::val;
using meclean::wasm::Bytes;
using meclean::wasm::flag;
using meclean::wasm::guarded;
using meclean::wasm::name_from;
using meclean::wasm::u8_from;

namespace {

std::optional<std::vector<std::string>> partition_list(const val& options, const char* name) {
    const val v = options[name];
    if (v.isUndefined() || v.isNull()) return std::nullopt;
    if (v.isString()) return meclean::split_partition_list(v.as<std::string>());
    if (!v.isArray()) throw std::invalid_argument(std::string("option ") + name + " must be a list of partition names");
    std::vector<std::string> names;
    const unsigned n = v["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) {
        const val item = v[i];
        if (!item.isString()) throw std::invalid_argument(std::string("option ") + name + " must hold strings");
        names.push_back(item.as<std::string>());
    }
    return names;
}

meclean::Options options_from(const val& js) {
    meclean::Options o;
    if (js.isUndefined() || js.isNull()) {
        o.separate_output = true;
        return o;
    }
    if (js.typeOf().as<std::string>() != "object") throw std::invalid_argument("options must be an object");
    o.check_only = flag(js, "check_only");
    o.soft_disable = flag(js, "soft_disable");
    o.soft_disable_only = flag(js, "soft_disable_only");
    o.relocate = flag(js, "relocate");
    o.truncate = flag(js, "truncate");
    o.keep_modules = flag(js, "keep_modules");
    o.restrict_me_master = flag(js, "restrict_me_master");
    o.extract_descriptor = flag(js, "extract_descriptor");
    o.extract_me = flag(js, "extract_me");
    o.whitelist = partition_list(js, "whitelist");
    o.blacklist = partition_list(js, "blacklist");
    const val platform = js["platform"];
    if (!platform.isUndefined() && !platform.isNull()) {
        if (!platform.isString()) throw std::invalid_argument("option platform must be a string (\"auto\" or a platform id)");
        if (std::string id = platform.as<std::string>(); !id.empty()) o.platform = id;
    }
    o.allow_fdv_override = flag(js, "allow_fdv_override");
    // The page always hands back a new file, as `me_cleaner -O out.bin` does; a check writes nothing
    // (me_cleaner refuses -c together with -O).
    o.separate_output = !o.check_only;
    return o;
}

// The open image: its bytes stay in wasm memory and its session (the analysis, the presets) is
// made once, so the page's previews and the clean neither copy the image in again nor inspect it again.
struct OpenImage {
    Bytes bytes;
    std::string name;
    std::unique_ptr<meclean::Session> session;  // reads `bytes`, which never move
};
std::optional<OpenImage> open_image;

const OpenImage& opened() {
    if (!open_image) throw std::logic_error("no image is open (call open() first)");
    return *open_image;
}

meclean::Request request_for(const OpenImage& image, const val& options, bool apply) {
    meclean::Request r;
    r.options = options_from(options);
    r.apply = apply;
    r.input_name = image.name;
    return r;
}

// Makes `bytes` the open image and answers with its check.
std::string open_as(Bytes bytes, std::string name) {
    open_image.reset();
    open_image.emplace(OpenImage{std::move(bytes), std::move(name), nullptr});
    open_image->session = std::make_unique<meclean::Session>(open_image->bytes);
    meclean::Request r;
    r.input_name = open_image->name;
    return meclean::report_json(open_image->session->report(r));
}

val open(val input, val name) {
    return guarded([&] { return val(open_as(Bytes(input), name_from(name))); });
}

// The image the caller is filling in wasm memory, between prepare() and openPrepared().
std::optional<Bytes> prepared;

val prepare(val size) {
    return guarded([&] {
        if (size.typeOf().as<std::string>() != "number") throw std::invalid_argument("the size must be a number");
        const double n = size.as<double>();
        if (!(n >= 0 && n <= 0x7fffffff)) throw std::invalid_argument("the size must be between 0 and 2 GiB");
        open_image.reset();  // its memory is reused: the page opens one image at a time
        prepared.reset();
        prepared.emplace(static_cast<size_t>(n));
        return val(emscripten::typed_memory_view(static_cast<size_t>(n), prepared->data()));
    });
}

val open_prepared(val name) {
    return guarded([&] {
        if (!prepared) throw std::logic_error("nothing was prepared (call prepare() first)");
        Bytes bytes = std::move(*prepared);
        prepared.reset();
        return val(open_as(std::move(bytes), name_from(name)));
    });
}

val open_embedded(val name) {
    return guarded([&] {
        const OpenImage& outer = opened();
        const meclean::Analysis& a = outer.session->analysis();
        if (!a.triage || !a.triage->embedded) throw std::logic_error("the open file holds no plain flash image");
        const meclean::ByteRange e = *a.triage->embedded;
        std::span<const uint8_t> whole = outer.bytes;
        Bytes inner(whole.subspan(e.offset, e.length));
        return val(open_as(std::move(inner), name_from(name)));
    });
}

val report(val options) {
    return guarded([&] {
        const OpenImage& image = opened();
        return val(meclean::report_json(image.session->report(request_for(image, options, false))));
    });
}

val clean(val options) {
    return guarded([&] {
        const OpenImage& image = opened();
        meclean::PatchedOutcome outcome;
        const meclean::Report rep = image.session->report(request_for(image, options, true), &outcome);
        val result = val::object();
        result.set("report", meclean::report_json(rep));
        // Past its head the new image is the open image's bytes: only the head leaves wasm memory.
        const bool ok = !rep.refusal && !(outcome.head.empty() && outcome.size == 0);
        result.set("head", ok ? u8_from(outcome.head) : val::null());
        result.set("size", ok ? val(static_cast<double>(outcome.size)) : val::null());
        result.set("descriptor", ok && outcome.descriptor_copy ? u8_from(*outcome.descriptor_copy) : val::null());
        result.set("me", ok && outcome.me_copy ? u8_from(*outcome.me_copy) : val::null());
        return result;
    });
}

void close_image() { open_image.reset(); }

val image_hints() {
    return guarded([&] {
        if (!open_image) return val::null();
        meclean::StatusHints hints;
        meclean::add_image_hints(hints, open_image->session->analysis());
        if (!hints.image_version) return val::null();
        val version = val::array();
        for (uint16_t part : *hints.image_version) version.call<void>("push", part);
        val out = val::object();
        out.set("version", version);
        out.set("txe", hints.image_is_txe);
        return out;
    });
}

std::string version() { return meclean::kVersion; }

}  // namespace

EMSCRIPTEN_BINDINGS(meclean) {
    emscripten::function("open", &open);
    emscripten::function("prepare", &prepare);
    emscripten::function("openPrepared", &open_prepared);
    emscripten::function("openEmbedded", &open_embedded);
    emscripten::function("report", &report);
    emscripten::function("clean", &clean);
    emscripten::function("close", &close_image);
    emscripten::function("version", &version);
    emscripten::function("imageHints", &image_hints);
}
