// What both wasm modules (bindings.cpp, sample_bindings.cpp) need at the JS boundary.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <exception>
#include <new>
#include <span>
#include <stdexcept>
#include <string>

namespace meclean::wasm {

using emscripten::val;

// Throws `error` into JS. Called only once every C++ object of the failed call is gone,
// so no destructor is skipped by the JS throw.
[[noreturn]] inline void throw_js(val error) {
    error.throw_();
    __builtin_unreachable();
}

// Runs `body`; a C++ exception becomes a JS Error (or TypeError) with the same message.
template <class Body>
val guarded(Body&& body) {
    val error = val::undefined();
    {
        std::string message;
        const char* type = "Error";
        try {
            return body();
        } catch (const std::invalid_argument& e) {
            message = e.what();
            type = "TypeError";
        } catch (const std::bad_alloc&) {
            message = "out of memory";
        } catch (const std::exception& e) {
            message = e.what();
        } catch (...) {
            message = "unknown engine error";
        }
        error = val::global(type).new_(message);
    }
    throw_js(error);
}

// A JS-owned copy: a typed_memory_view is only valid until the wasm memory grows.
inline val u8_from(std::span<const uint8_t> bytes) {
    val out = val::global("Uint8Array").new_(bytes.size());
    out.call<void>("set", val(emscripten::typed_memory_view(bytes.size(), bytes.data())));
    return out;
}

}  // namespace meclean::wasm
