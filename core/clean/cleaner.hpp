// plan()'s engine room: me_cleaner 1.2's cleaning run (formats.md §2.8.4–§2.8.15),
// step by step, on a Workspace. Internal to the engine.
#pragma once

#include <cstdint>
#include <span>

#include "inspect/analysis.hpp"
#include "me/ftpr_modules.hpp"
#include "clean/options.hpp"
#include "clean/plan.hpp"
#include "clean/workspace.hpp"

namespace meclean {

class Cleaner {
public:
    Cleaner(const Analysis& analysis, std::span<const uint8_t> image, const Options& options, Plan& plan);
    // Fills the plan; throws FormatError where me_cleaner would stop (or crash).
    void run();
    std::vector<Edit> take_edits() { return workspace_.take_edits(); }

private:
    struct ModuleResult {
        int64_t end_addr;      // me_cleaner's "end_addr": bytes the firmware needs (−1: unknown)
        uint64_t ftpr_offset;  // after relocation
    };

    void descriptor_generation1();
    void remove_partitions();
    void rewrite_fpt(const std::vector<const FptEntry*>& kept);
    ModuleResult remove_modules_gen2();
    ModuleResult remove_modules_gen3();
    void remove_huffman_chunks(const Llut& llut, const std::vector<std::pair<uint64_t, uint64_t>>& chunks,
                               const std::vector<std::pair<uint64_t, uint64_t>>& essential, int64_t& end_addr);
    uint64_t relocate_ftpr(const std::vector<MmeModule>& modules, bool gen2);
    void report_minimum_size();
    void soft_disable();
    void restrict_me_master();
    void extract_descriptor();
    void extract_me();
    void final_check();
    void log(std::string line) { plan_.log.push_back(std::move(line)); }

    const Analysis& a_;
    std::span<const uint8_t> input_;
    const Options& o_;
    Plan& plan_;
    const MeFirmware* me_;  // null for a gen-1 image whose ME region is disabled
    uint64_t r_, e_;        // ME region start and (exclusive) end, file offsets
    Workspace workspace_;
    int64_t end_addr_ = 0;
    int64_t extra_end_ = 0;
    uint64_t ftpr_offset_ = 0;
    bool ignition_ = false;
};

}  // namespace meclean
