// A minimal streaming JSON writer (the engine has no library dependencies).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meclean {

class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(uint64_t number);
    JsonWriter& value(int64_t number);
    JsonWriter& value(int number) { return value(static_cast<int64_t>(number)); }
    JsonWriter& value(unsigned number) { return value(static_cast<uint64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();
    std::string take() { return std::move(out_); }

private:
    void separate();
    std::string out_;
    std::vector<uint8_t> has_items_;  // one per open container: 1 once it holds an item
    bool after_key_ = false;
};

}  // namespace meclean
