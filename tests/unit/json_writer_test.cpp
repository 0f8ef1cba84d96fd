#include <gtest/gtest.h>

#include <string>

#include "base/json_writer.hpp"

namespace meclean {
namespace {

std::string one_string(std::string_view text) {
    JsonWriter j;
    j.begin_array().value(text).end_array();
    return j.take();
}

TEST(JsonWriter, NestsObjectsArraysAndSeparators) {
    JsonWriter j;
    j.begin_object().key("a").value(uint64_t{1}).key("b").begin_array().value(true).null().value(int64_t{-2});
    j.end_array().key("c").begin_object().end_object().end_object();
    EXPECT_EQ(j.take(), R"({"a":1,"b":[true,null,-2],"c":{}})");
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
    EXPECT_EQ(one_string("a\"b\\c\nd\x01\x7f"), "[\"a\\\"b\\\\c\\nd\\u0001\\u007f\"]");
}

TEST(JsonWriter, EscapesEveryControlCharacterUpToTheSpace) {
    // JSON forbids raw U+0000–U+001F; the space (0x20) after them is plain text.
    EXPECT_EQ(one_string(std::string("\x00\x1f\x20", 3)), "[\"\\u0000\\u001f \"]");
}

TEST(JsonWriter, KeepsValidUtf8) {
    EXPECT_EQ(one_string("0x0\xE2\x80\x93" "0xfff"), "[\"0x0\xE2\x80\x93" "0xfff\"]");  // "–"
    EXPECT_EQ(one_string("\xF0\x9F\x94\x92"), "[\"\xF0\x9F\x94\x92\"]");
}

TEST(JsonWriter, ShowsStrayBytesAsLatin1Escapes) {
    // Firmware names such as z77's first FPT entry hold arbitrary bytes.
    EXPECT_EQ(one_string("\xE0\x15"), "[\"\\u00e0\\u0015\"]");
    EXPECT_EQ(one_string("\xFF\xFE"), "[\"\\u00ff\\u00fe\"]");
    EXPECT_EQ(one_string("\xE2\x80"), "[\"\\u00e2\\u0080\"]");  // truncated sequence
}

}  // namespace
}  // namespace meclean
