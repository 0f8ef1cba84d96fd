// Writes the malformed-input catalogue (common/bad_input_catalogue.cpp) to a folder, so that
// the WebAssembly module can be held to the same expectations as the native engine
// (wasm/test/bad_input.test.mjs):
//   write_bad_inputs DIR   →   DIR/<name>.bin for every case, and DIR/manifest.json:
//   { "cases": [ { "name", "file", "size", "options", "code", "keyword", "offset" } ] }
// `options` is the object wasm/bindings.cpp takes (its field names); offset is null when the
// case expects none. The manifest is written last, so a folder with one is complete.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/bad_input_catalogue.hpp"
#include "base/json_writer.hpp"

namespace fs = std::filesystem;
using namespace meclean;

namespace {

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

void list(JsonWriter& w, const char* name, const std::optional<std::vector<std::string>>& names) {
    if (!names) return;
    w.key(name).begin_array();
    for (const auto& n : *names) w.value(n);
    w.end_array();
}

// The options as the bindings' options_from() reads them. Only what differs from the default
// is written; the bindings derive separate_output themselves (the page always writes a new file).
void options_json(JsonWriter& w, const Options& o) {
    const Options defaults;
    if (o.descriptor_file_name != defaults.descriptor_file_name || o.me_file_name != defaults.me_file_name)
        throw std::logic_error("the bindings take no output file names");
    w.begin_object();
    const std::pair<const char*, bool> flags[] = {
        {"check_only", o.check_only},           {"soft_disable", o.soft_disable},
        {"soft_disable_only", o.soft_disable_only}, {"relocate", o.relocate},
        {"truncate", o.truncate},               {"keep_modules", o.keep_modules},
        {"restrict_me_master", o.restrict_me_master}, {"extract_descriptor", o.extract_descriptor},
        {"extract_me", o.extract_me},           {"allow_fdv_override", o.allow_fdv_override},
    };
    for (const auto& [name, on] : flags) {
        if (on) w.key(name).value(true);
    }
    list(w, "whitelist", o.whitelist);
    list(w, "blacklist", o.blacklist);
    if (o.platform) w.key("platform").value(*o.platform);
    w.end_object();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: write_bad_inputs DIR\n";
        return 2;
    }
    try {
        const fs::path dir = argv[1];
        fs::create_directories(dir);
        fs::remove(dir / "manifest.json");
        JsonWriter w;
        w.begin_object().key("cases").begin_array();
        const auto cases = test_common::bad_input_catalogue();
        for (const auto& c : cases) {
            const test_common::Bytes bytes = c.make();
            const std::string file = c.name + ".bin";
            write_file(dir / file, std::string(bytes.begin(), bytes.end()));
            w.begin_object();
            w.key("name").value(c.name);
            w.key("file").value(file);
            w.key("size").value(uint64_t(bytes.size()));
            w.key("options");
            options_json(w, c.options);
            w.key("code").value(c.code);
            w.key("keyword").value(c.keyword);
            w.key("offset");
            if (c.offset) w.value(*c.offset);
            else w.null();
            w.end_object();
        }
        w.end_array().end_object();
        write_file(dir / "manifest.json", w.take() + "\n");
        std::cout << "write_bad_inputs: " << cases.size() << " cases in " << dir.string() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "write_bad_inputs: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
