// The engine's face to JavaScript (embind): the page's Web Worker and the node tests call
//
//   open(u8, name)       → string: the report (docs/report.schema.json) of a check of `u8`; keeps a
//                          copy of the bytes and the engine's session for the calls below
//   openEmbedded(name)   → string: the same for the plain flash image the triage found inside the
//                          open file (a capsule, a mirrored read...), which becomes the open image
//   report(options)      → string: the report of a plan of the open image with these options (nothing applied)
//   clean(options)       → { report: string, image, descriptor, me: Uint8Array or null }: plan and apply;
//                          the outputs are null when the report carries a refusal
//   close()              → forgets the open image
//   version()            → string
//
// The flashing workflow, each answering with the engine's JSON (docs/schema/<name>.schema.json):
//   join(first, second, firstName, secondName)
//                        → { join: string, report: string or null, image: Uint8Array or null }: joins
//                          two chip reads (either order); when joined, the whole image becomes the open
//                          image, named after the read of chip 1 ("<stem>-joined.bin"), `report` is its
//                          check and `image` a copy of its bytes (for the page's hash); when refused,
//                          the image open before stays open
//   compare([u8, u8, ...]) → string: do these reads of one chip agree?
//   verify(written, readback) → string: is the ME state on the chip what was written?
//
// "Did it work?" (docs/schema/status.schema.json):
//   status(text, options) → string: what the pasted status words say; options: generation
//                          ("me6-10", "csme11-17", "csme18+": the person's answer when the report asked),
//                          no_device (true: there is no MEI device), image (false: leave the open image
//                          out; otherwise the generation of the open image, if any, is a hint)
//   statusLayouts()      → [{ id, name }]: the answers to "which generation?", in the engine's words
//
// `options` is the report's own options object (docs/report.schema.json "options"): booleans
// check_only, soft_disable, soft_disable_only, relocate, truncate, keep_modules,
// restrict_me_master, extract_descriptor, extract_me, allow_fdv_override; whitelist/blacklist as
// arrays of names (or comma-separated strings); platform as a string. Missing fields are off.
//
// Bytes cross the boundary as copies (one TypedArray.set each way, docs/toolchain.md §5).
// No C++ exception leaves this file: each one becomes a JS Error carrying its message.
// The sample image comes from a module of its own (sample_bindings.cpp), loaded only when asked for.
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

#include "flash/compare.hpp"
#include "flash/join.hpp"
#include "flash/verify.hpp"
#include "js_interop.hpp"
#include "meclean.hpp"
#include "status/image_hints.hpp"
#include "status/status.hpp"
#include "status/status_json.hpp"

using emscripten::val;
using meclean::wasm::guarded;
using meclean::wasm::u8_from;

namespace {

// A copy of a JS Uint8Array in wasm memory, made with one TypedArray.set. Not a std::vector: its
// resize() zero-fills the whole image first (~25 ms for 16 MiB while the module is still cold).
class Bytes {
public:
    explicit Bytes(const val& input) {
        if (!input.instanceof(val::global("Uint8Array")))
            throw std::invalid_argument("expected the image as a Uint8Array");
        size_ = input["length"].as<size_t>();
        data_.reset(new uint8_t[size_]);  // left uninitialised: set() fills every byte
        val(emscripten::typed_memory_view(size_, data_.get())).call<void>("set", input);
    }
    explicit Bytes(std::span<const uint8_t> bytes) : data_(new uint8_t[bytes.size()]), size_(bytes.size()) {
        std::copy(bytes.begin(), bytes.end(), data_.get());
    }
    // Takes over a buffer the engine made (the joined image): no copy, and moving keeps its address.
    explicit Bytes(std::vector<uint8_t>&& made) : made_(std::move(made)) {}
    operator std::span<const uint8_t>() const { return data_ ? std::span<const uint8_t>(data_.get(), size_) : made_; }

private:
    std::unique_ptr<uint8_t[]> data_;
    size_t size_ = 0;
    std::vector<uint8_t> made_;
};

bool flag(const val& options, const char* name) {
    const val v = options[name];
    if (v.isUndefined() || v.isNull()) return false;
    if (v.typeOf().as<std::string>() != "boolean")
        throw std::invalid_argument(std::string("option ") + name + " must be true or false");
    return v.as<bool>();
}

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

std::string name_from(const val& name) {
    if (name.isUndefined() || name.isNull()) return "image.bin";
    if (!name.isString()) throw std::invalid_argument("the file name must be a string");
    return name.as<std::string>();
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
        meclean::Outcome outcome;
        const meclean::Report rep = image.session->report(request_for(image, options, true), &outcome);
        val result = val::object();
        result.set("report", meclean::report_json(rep));
        bool ok = !rep.refusal && !outcome.image.empty();
        result.set("image", ok ? u8_from(outcome.image) : val::null());
        result.set("descriptor", ok && outcome.descriptor_copy ? u8_from(*outcome.descriptor_copy) : val::null());
        result.set("me", ok && outcome.me_copy ? u8_from(*outcome.me_copy) : val::null());
        return result;
    });
}

void close_image() { open_image.reset(); }

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
        if (joined.problem || joined.image.empty()) {
            result.set("report", val::null());
            result.set("image", val::null());
            return result;
        }
        val copy = u8_from(joined.image);
        result.set("report", open_as(Bytes(std::move(joined.image)), stem_of(names[joined.input_of_chip[0]]) + "-joined.bin"));
        result.set("image", copy);
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

val status(val text, val options) {
    return guarded([&] {
        if (!text.isString()) throw std::invalid_argument("the status text must be a string");
        const std::string paste = text.as<std::string>();
        meclean::StatusRequest request;
        request.text = paste;
        bool use_image = true;
        if (!options.isUndefined() && !options.isNull()) {
            if (options.typeOf().as<std::string>() != "object") throw std::invalid_argument("options must be an object");
            request.no_device = flag(options, "no_device");
            const val image = options["image"];
            use_image = image.isUndefined() || image.isNull() || flag(options, "image");
            const val generation = options["generation"];
            if (!generation.isUndefined() && !generation.isNull()) {
                if (!generation.isString()) throw std::invalid_argument("option generation must be a string");
                request.hints.chosen = meclean::status_layout_from_id(generation.as<std::string>());
                if (!request.hints.chosen) {
                    throw std::invalid_argument("unknown generation \"" + generation.as<std::string>() +
                                                "\" (choose me6-10, csme11-17 or csme18+)");
                }
            }
        }
        if (use_image && open_image) meclean::add_image_hints(request.hints, open_image->session->analysis());
        return val(meclean::status_json(meclean::decode_status(request)));
    });
}

val status_layouts() {
    val out = val::array();
    for (meclean::StatusLayout l : {meclean::StatusLayout::me_6_10, meclean::StatusLayout::csme_11_17,
                                    meclean::StatusLayout::csme_18_plus}) {
        val item = val::object();
        item.set("id", std::string(meclean::status_layout_id(l)));
        item.set("name", std::string(meclean::status_layout_name(l)));
        out.call<void>("push", item);
    }
    return out;
}

std::string version() { return meclean::kVersion; }

}  // namespace

EMSCRIPTEN_BINDINGS(meclean) {
    emscripten::function("open", &open);
    emscripten::function("openEmbedded", &open_embedded);
    emscripten::function("report", &report);
    emscripten::function("clean", &clean);
    emscripten::function("close", &close_image);
    emscripten::function("version", &version);
    emscripten::function("join", &join);
    emscripten::function("compare", &compare);
    emscripten::function("verify", &verify);
    emscripten::function("status", &status);
    emscripten::function("statusLayouts", &status_layouts);
}
