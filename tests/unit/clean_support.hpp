// Helpers for the cleaning tests: an independent replay of plan edits (formats.md §2.8.9's
// block-wise move), me_cleaner's size rounding, and the checks every plan must pass.
#pragma once

#include <cstdio>
#include <functional>
#include <stdexcept>

#include "test_support.hpp"

namespace meclean::testing_support {

// me_cleaner's rounding (§2.8.6 step 7): next 4 KiB block even when aligned, plus 4 spare blocks.
inline uint64_t rounded_minimum(uint64_t end_addr) { return (end_addr / 0x1000 + 1) * 0x1000 + 4 * 0x1000; }

// Replays edits the way formats.md describes them, without the engine's apply code.
inline Bytes replay(const Bytes& input, const std::vector<Edit>& edits) {
    Bytes b = input;
    for (const Edit& e : edits) {
        switch (e.kind) {
            case EditKind::fill:
                std::fill_n(b.begin() + std::ptrdiff_t(e.offset), e.length, uint8_t(0xFF));
                break;
            case EditKind::write:
                std::copy(e.bytes.begin(), e.bytes.end(), b.begin() + std::ptrdiff_t(e.offset));
                break;
            case EditKind::move:
                for (uint64_t i = 0; i < e.length; i += 0x1000) {
                    uint64_t n = std::min<uint64_t>(0x1000, e.length - i);
                    Bytes block(b.begin() + std::ptrdiff_t(e.source + i), b.begin() + std::ptrdiff_t(e.source + i + n));
                    std::fill_n(b.begin() + std::ptrdiff_t(e.source + i), n, uint8_t(0xFF));
                    std::copy(block.begin(), block.end(), b.begin() + std::ptrdiff_t(e.offset + i));
                }
                break;
            case EditKind::resize:
                b.resize(e.length, 0x00);
                break;
        }
    }
    return b;
}

// The properties every successful run must have (architecture.md).
inline void expect_plan_invariants(const Bytes& input, const Options& options, const char* label) {
    SCOPED_TRACE(label);
    const Bytes before = input;
    Analysis a = inspect(input);
    Plan p = plan(a, input, options);
    EXPECT_EQ(input, before) << "plan() modified its input";
    ASSERT_FALSE(p.problem) << problem_text(p.problem);
    uint64_t me_start = a.kind == ImageKind::full ? a.me_region_start : 0;
    uint64_t me_end = a.kind == ImageKind::full ? a.me_region_end : a.size;
    for (const Edit& e : p.edits) {
        if (e.kind == EditKind::resize) {
            EXPECT_EQ(a.kind, ImageKind::me_only) << "resize on a full image";
            continue;
        }
        bool in_descriptor = a.kind == ImageKind::full && e.offset >= a.descriptor_region_start &&
                             e.offset + e.length <= a.descriptor_region_end;
        bool in_me = e.offset >= me_start && e.offset + e.length <= me_end;
        EXPECT_TRUE(in_descriptor || in_me) << "edit at 0x" << std::hex << e.offset << " (" << e.reason << ")";
        if (e.kind == EditKind::move) {
            EXPECT_TRUE(e.source >= me_start && e.source + e.length <= me_end) << "move source outside the ME region";
        }
    }
    Outcome first = meclean::apply(p, input);
    Outcome second = meclean::apply(p, input);
    ASSERT_FALSE(first.problem) << problem_text(first.problem);
    EXPECT_EQ(first.image, second.image) << "apply() is not deterministic";
    EXPECT_EQ(first.descriptor_copy, second.descriptor_copy);
    EXPECT_EQ(first.me_copy, second.me_copy);
    EXPECT_EQ(input, before) << "apply() modified its input";
    EXPECT_TRUE(replay(input, p.edits) == first.image) << "the plan's edits replayed differ from Outcome.image";
    EXPECT_EQ(first.image.size(), p.output_size);
}

}  // namespace meclean::testing_support
