// The engine's face to JavaScript (embind). The page's Web Worker and the node tests call:
//
//   analyze(u8)            → string: analysis_json(inspect(u8))
//   preview(u8, options)   → { ok, analysis, plan, log, error, errorCode, errorOffset }   (inspect + plan)
//   clean(u8, options)     → the same plus image, descriptor, me (Uint8Array or null)   (inspect + plan + apply)
//   open(u8)               → string, as analyze(u8); keeps the bytes and the analysis in wasm memory
//   previewOpen(options)   → as preview(u8, options) for the open image, without copying or inspecting it again
//   cleanOpen(options)     → as clean(u8, options) for the open image
//   close()                → forgets the open image
//   layout(u8)             → string: the flashrom layout of the descriptor in u8 (an image or an
//                            extracted descriptor), exactly what `meclean ifd --layout` writes
//   version()              → string
//
// The sample image comes from a module of its own (sample_bindings.cpp), loaded only when asked for.
//
// `options` is a plain object with the boolean fields check_only, soft_disable,
// soft_disable_only, relocate, truncate, keep_modules, restrict_me_master,
// extract_descriptor, extract_me and the optional string arrays (or comma-separated
// strings) whitelist, blacklist. Missing fields are false / absent. Beyond me_cleaner:
// platform (string, "auto" or an id from core/hap_table.cpp; as the CLI's --platform) and
// allow_fdv_override (boolean, --force-fdv).
//
// Bytes cross the boundary as copies (one TypedArray.set each way, toolchain.md §5); open() makes
// the one copy in for every later previewOpen()/cleanOpen() of the same image.
// No C++ exception leaves this file: each one becomes a JS Error carrying its message.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ifd/descriptor.hpp"
#include "ifd/flash_layout.hpp"
#include "js_interop.hpp"
#include "meclean.hpp"

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
    operator std::span<const uint8_t>() const { return {data_.get(), size_}; }

private:
    std::unique_ptr<uint8_t[]> data_;
    size_t size_ = 0;
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

std::string join_lines(const std::vector<std::string>& lines) {
    std::string text;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (i) text += '\n';
        text += lines[i];
    }
    return text;
}

void set_problem(val& result, const meclean::Problem& problem) {
    // me_cleaner's messages carry no final period; the page shows message and detail as one text.
    std::string error = problem.message;
    if (!problem.detail.empty()) {
        char last = error.empty() ? '.' : error.back();
        error += (last == '.' || last == '!' || last == '?') ? " " : ". ";
        error += problem.detail;
    }
    result.set("ok", false);
    result.set("error", error);
    result.set("errorCode", problem.code);
    result.set("errorOffset", problem.offset ? val(static_cast<double>(*problem.offset)) : val::null());
}

// inspect → plan (→ apply when `write` is set). Never throws for a problem the engine reports:
// that is { ok: false, error }. Throws (JS Error) only for bad arguments or an engine bug.
val run(std::span<const uint8_t> image, const meclean::Analysis& analysis, const meclean::Options& options, bool write) {

    val result = val::object();
    result.set("ok", true);
    result.set("error", std::string());
    result.set("errorCode", std::string());
    result.set("errorOffset", val::null());
    result.set("image", val::null());
    result.set("descriptor", val::null());
    result.set("me", val::null());
    result.set("plan", val::null());

    result.set("analysis", meclean::analysis_json(analysis));
    result.set("log", join_lines(analysis.log));

    // me_cleaner refuses these before it reads the image.
    if (const auto conflict = meclean::check_option_conflicts(options)) {
        set_problem(result, *conflict);
        result.set("log", std::string());
        return result;
    }

    const meclean::Plan plan = meclean::plan(analysis, image, options);
    result.set("plan", meclean::plan_json(plan));
    result.set("log", join_lines(plan.log));
    if (plan.problem) {
        set_problem(result, *plan.problem);
        return result;
    }
    // With --platform (HAP on ME 11 / CSME 12+) the plan stands on its own even where me_cleaner's
    // analysis gives up (CSE layouts), as in the CLI.
    if (analysis.problem && !options.platform) {
        set_problem(result, *analysis.problem);
        return result;
    }
    if (!write || options.check_only) return result;

    const meclean::Outcome outcome = meclean::apply(plan, image);
    if (outcome.problem) {
        set_problem(result, *outcome.problem);
        return result;
    }
    result.set("image", u8_from(outcome.image));
    if (outcome.descriptor_copy) result.set("descriptor", u8_from(*outcome.descriptor_copy));
    if (outcome.me_copy) result.set("me", u8_from(*outcome.me_copy));
    return result;
}

val run(const val& input, const val& js_options, bool write) {
    const meclean::Options options = options_from(js_options);
    const Bytes bytes(input);
    const std::span<const uint8_t> image = bytes;
    return run(image, meclean::inspect(image), options, write);
}

val analyze(val input) {
    return guarded([&] {
        const Bytes bytes(input);
        return val(meclean::analysis_json(meclean::inspect(bytes)));
    });
}

val preview(val input, val options) {
    return guarded([&] { return run(input, options, false); });
}

val clean(val input, val options) {
    return guarded([&] { return run(input, options, true); });
}

// The open image: its bytes stay in wasm memory and its analysis is made once, so that the
// page's previews and the clean neither copy the image in again nor inspect it again.
struct OpenImage {
    Bytes bytes;
    meclean::Analysis analysis;
};
std::optional<OpenImage> open_image;

val open(val input) {
    return guarded([&] {
        open_image.reset();
        Bytes bytes(input);
        meclean::Analysis analysis = meclean::inspect(bytes);
        val json(meclean::analysis_json(analysis));
        open_image.emplace(OpenImage{std::move(bytes), std::move(analysis)});
        return json;
    });
}

const OpenImage& opened() {
    if (!open_image) throw std::logic_error("no image is open (call open() first)");
    return *open_image;
}

val preview_open(val options) {
    return guarded([&] {
        const meclean::Options o = options_from(options);
        const OpenImage& image = opened();
        return run(image.bytes, image.analysis, o, false);
    });
}

val clean_open(val options) {
    return guarded([&] {
        const meclean::Options o = options_from(options);
        const OpenImage& image = opened();
        return run(image.bytes, image.analysis, o, true);
    });
}

void close_image() { open_image.reset(); }

val layout(val input) {
    return guarded([&] {
        const Bytes bytes(input);
        const auto signature = meclean::find_descriptor_signature(bytes);
        if (!signature) throw std::runtime_error("no flash descriptor (signature 5A A5 F0 0F at 0x0 or 0x10)");
        return val(meclean::flashrom_layout(meclean::parse_descriptor(bytes, *signature)));
    });
}

std::string version() { return meclean::kVersion; }

}  // namespace

EMSCRIPTEN_BINDINGS(meclean) {
    emscripten::function("analyze", &analyze);
    emscripten::function("preview", &preview);
    emscripten::function("clean", &clean);
    emscripten::function("open", &open);
    emscripten::function("previewOpen", &preview_open);
    emscripten::function("cleanOpen", &clean_open);
    emscripten::function("close", &close_image);
    emscripten::function("layout", &layout);
    emscripten::function("version", &version);
}
