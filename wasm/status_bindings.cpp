// "Did it work?" as a module of its own: the page's worker loads it when a status is first
// checked, so the module every visitor loads carries none of the status decoder. It answers with
// the engine's JSON (docs/schema/status.schema.json), as `meclean status --json` does:
//
//   status(text, options) → string: what the pasted status words say; options: generation
//                           ("me6-10", "csme11-17", "csme18+": the person's answer when the report
//                           asked), no_device (true: there is no MEI device), image (the engine
//                           module's imageHints() of the open image; null or false: none): the firmware
//                           generation of the image the person opened, as --image gives it)
//   statusLayouts()       → [{ id, name }]: the answers to "which generation?", in the engine's words
//
// No C++ exception leaves this file: each one becomes a JS Error carrying its message.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "js_bytes.hpp"
#include "js_interop.hpp"
#include "status/status.hpp"
#include "status/status_input.hpp"
#include "status/status_json.hpp"

using emscripten::val;
using meclean::wasm::flag;
using meclean::wasm::guarded;

namespace {

// The open image's hints as bindings.cpp's imageHints() hands them over.
void take_image_hints(meclean::StatusHints& hints, const val& image) {
    if (image.isUndefined() || image.isNull() || image.isFalse()) return;
    if (image.typeOf().as<std::string>() != "object")
        throw std::invalid_argument("option image must be the engine's imageHints() (or null)");
    const val version = image["version"];
    if (!version.isArray() || version["length"].as<unsigned>() != 4)
        throw std::invalid_argument("option image.version must hold the four parts of a firmware version");
    std::array<uint16_t, 4> parts{};
    for (unsigned i = 0; i < 4; ++i) {
        const val part = version[i];
        if (part.typeOf().as<std::string>() != "number")
            throw std::invalid_argument("option image.version must hold numbers");
        parts[i] = part.as<uint16_t>();
    }
    hints.image_version = parts;
    hints.image_is_txe = flag(image, "txe");
}

val status(val text, val options) {
    return guarded([&] {
        if (!text.isString()) throw std::invalid_argument("the status text must be a string");
        const std::string paste = text.as<std::string>();
        meclean::StatusRequest request;
        request.text = paste;
        if (!options.isUndefined() && !options.isNull()) {
            if (options.typeOf().as<std::string>() != "object") throw std::invalid_argument("options must be an object");
            request.no_device = flag(options, "no_device");
            take_image_hints(request.hints, options["image"]);
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

}  // namespace

EMSCRIPTEN_BINDINGS(meclean_status) {
    emscripten::function("status", &status);
    emscripten::function("statusLayouts", &status_layouts);
}
