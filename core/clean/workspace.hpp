// plan()'s scratch copy of the image, up to the end of the ME and descriptor windows. Every change goes through a method that checks
// it the way me_cleaner's region objects do, applies it with apply_edit() and records
// it as an Edit — so later reads see what me_cleaner would read.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "clean/plan.hpp"
#include "base/region_view.hpp"

namespace meclean {

class Workspace {
public:
    // `me_start`/`me_end`: the ME window; `fd_start`/`fd_end`: the descriptor window.
    Workspace(std::span<const uint8_t> image, uint64_t me_start, uint64_t me_end, uint64_t fd_start, uint64_t fd_end);
    // Out of line, in workspace.cpp: the wasm build compiles that file for speed and most of the
    // engine for size, where freeing the image-sized copy would be a loop over every byte.
    ~Workspace();
    Workspace(Workspace&&) = default;
    Workspace& operator=(Workspace&&) = default;

    RegionView me() const { return RegionView(bytes_, me_start_, me_end_); }
    RegionView descriptor() const { return RegionView(bytes_, fd_start_, fd_end_); }
    const std::vector<uint8_t>& bytes() const { return bytes_; }
    std::vector<Edit> take_edits() { return std::move(edits_); }

    // ME-window operations; offsets are region-relative (formats.md §2.8.2).
    void fill(uint64_t begin, uint64_t end, std::string reason);
    void write(uint64_t offset, std::vector<uint8_t> data, std::string reason);
    void write_u32(uint64_t offset, uint32_t value, std::string reason);
    void move(uint64_t from, uint64_t size, uint64_t to, std::string reason);
    void resize(uint64_t size, std::string reason);
    // Descriptor-window write; offset relative to the descriptor region start.
    void write_descriptor_u32(uint64_t offset, uint32_t value, std::string reason);

private:
    void record(Edit edit);

    std::vector<uint8_t> bytes_;
    uint64_t me_start_, me_end_, fd_start_, fd_end_;
    std::vector<Edit> edits_;
};

}  // namespace meclean
