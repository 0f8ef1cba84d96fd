// Bytes and arguments from JavaScript, as every engine module (bindings.cpp, status_bindings.cpp,
// flash_bindings.cpp) takes them.
#pragma once

#include <emscripten/val.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace meclean::wasm {

using emscripten::val;

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
    // `size` bytes left uninitialised, for the caller to fill through data() (the worker reads the
    // user's file straight into them).
    explicit Bytes(size_t size) : data_(new uint8_t[size]), size_(size) {}
    uint8_t* data() { return data_.get(); }
    explicit Bytes(std::span<const uint8_t> bytes) : data_(new uint8_t[bytes.size()]), size_(bytes.size()) {
        std::copy(bytes.begin(), bytes.end(), data_.get());
    }
    // Takes over a buffer the engine made: no copy, and moving keeps its address.
    explicit Bytes(std::vector<uint8_t>&& made) : made_(std::move(made)) {}
    operator std::span<const uint8_t>() const { return data_ ? std::span<const uint8_t>(data_.get(), size_) : made_; }

private:
    std::unique_ptr<uint8_t[]> data_;
    size_t size_ = 0;
    std::vector<uint8_t> made_;
};

// options[name] as a boolean; missing is false, anything but a boolean a TypeError.
inline bool flag(const val& options, const char* name) {
    const val v = options[name];
    if (v.isUndefined() || v.isNull()) return false;
    if (v.typeOf().as<std::string>() != "boolean")
        throw std::invalid_argument(std::string("option ") + name + " must be true or false");
    return v.as<bool>();
}

inline std::string name_from(const val& name) {
    if (name.isUndefined() || name.isNull()) return "image.bin";
    if (!name.isString()) throw std::invalid_argument("the file name must be a string");
    return name.as<std::string>();
}

}  // namespace meclean::wasm
