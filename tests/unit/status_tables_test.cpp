// The status data tables are consistent (as platform_test.cpp checks the platform rules): no two
// fields of one layout share a bit, every row names a source, value names are unique per layout,
// and the MEI device table has each id once.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "status/mei_devices.hpp"
#include "status/status_fields.hpp"

namespace meclean {
namespace {

constexpr StatusLayout kLayouts[] = {StatusLayout::me_6_10, StatusLayout::csme_11_17, StatusLayout::csme_18_plus};

TEST(StatusTables, FieldsOfALayoutNeverOverlap) {
    for (StatusLayout layout : kLayouts) {
        uint32_t used[7] = {};
        std::set<std::string> keys;
        for (const FieldSpec& f : status_fields()) {
            if (!(f.layouts & layout_bit(layout))) continue;
            ASSERT_GE(f.reg, 1);
            ASSERT_LE(f.reg, 6);
            ASSERT_LE(f.low_bit + f.width, 32) << f.key;
            uint32_t mask = (f.width == 32 ? 0xFFFFFFFFu : (1u << f.width) - 1) << f.low_bit;
            EXPECT_EQ(used[f.reg] & mask, 0u) << f.key << " overlaps in " << status_layout_id(layout);
            used[f.reg] |= mask;
            EXPECT_TRUE(keys.insert(f.key).second) << "two rows for " << f.key << " in " << status_layout_id(layout);
        }
    }
}

TEST(StatusTables, EveryRowNamesASourceAndUniqueValues) {
    for (const FieldSpec& f : status_fields()) {
        EXPECT_GT(std::string(f.source).size(), 10u) << f.key;
        EXPECT_NE(f.layouts, 0) << f.key;
        for (StatusLayout layout : kLayouts) {
            std::set<unsigned> values;
            for (const ValueName& v : f.names) {
                if (v.layouts && !(v.layouts & layout_bit(layout))) continue;
                EXPECT_TRUE(values.insert(v.value).second) << f.key << " names " << unsigned(v.value) << " twice";
                EXPECT_LT(v.value, 1u << f.width) << f.key;
            }
        }
    }
}

TEST(StatusTables, TheFieldsTheVerdictReadsExistInEveryLayout) {
    for (StatusLayout layout : kLayouts) {
        for (StatusField field : {StatusField::working_state, StatusField::error_code, StatusField::operation_mode,
                                  StatusField::init_complete, StatusField::phase, StatusField::progress_state}) {
            EXPECT_TRUE(find_status_field(field, layout)) << status_layout_id(layout);
        }
    }
}

TEST(StatusTables, MeiDevicesAreUnique) {
    std::set<uint16_t> ids;
    for (const MeiDevice& d : mei_devices()) EXPECT_TRUE(ids.insert(d.id).second) << std::hex << d.id;
    EXPECT_EQ(find_mei_device(0xA13A)->layout, StatusLayout::csme_11_17);
    EXPECT_EQ(find_mei_device(0x1C3A)->layout, StatusLayout::me_6_10);
    EXPECT_EQ(find_mei_device(0x7E70)->layout, StatusLayout::csme_18_plus);
    EXPECT_FALSE(find_mei_device(0x1234));
}

}  // namespace
}  // namespace meclean
