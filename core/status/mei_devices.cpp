#include "status/mei_devices.hpp"

namespace meclean {
namespace {

constexpr StatusLayout kMe = StatusLayout::me_6_10;
constexpr StatusLayout kCsme = StatusLayout::csme_11_17;
constexpr StatusLayout kCsme18 = StatusLayout::csme_18_plus;

// Linux drivers/misc/mei/hw-me-regs.h (PCI_DEVICE_ID_INTEL_MEI_*); the Bay Trail TXE id from
// coreboot util/intelmetool/intelmetool.h.
constexpr MeiDevice kDevices[] = {
    {0x2974, "82946GZ/GL (ME 2–5)", kMe},          {0x2984, "82G35 Express (ME 2–5)", kMe},
    {0x2994, "82Q963/Q965 (ME 2–5)", kMe},         {0x29A4, "82P965/G965 (ME 2–5)", kMe},
    {0x2A04, "Mobile PM965/GM965 (ME 2–5)", kMe},  {0x2A14, "Mobile GME965/GLE960 (ME 2–5)", kMe},
    {0x29B4, "82Q35 Express (ICH9)", kMe},         {0x29C4, "82G33/G31/P35/P31 Express (ICH9)", kMe},
    {0x29D4, "82Q33 Express (ICH9)", kMe},         {0x29E4, "82X38/X48 Express (ICH9)", kMe},
    {0x29F4, "3200/3210 Server (ICH9)", kMe},      {0x28B4, "Bearlake (ICH9)", kMe},
    {0x28C4, "Bearlake (ICH9)", kMe},              {0x28D4, "Bearlake (ICH9)", kMe},
    {0x28E4, "Bearlake (ICH9)", kMe},              {0x28F4, "Bearlake (ICH9)", kMe},
    {0x2A44, "Cantiga (ICH9M)", kMe},              {0x2A54, "Cantiga (ICH9M)", kMe},
    {0x2A64, "Cantiga (ICH9M)", kMe},              {0x2A74, "Cantiga (ICH9M)", kMe},
    {0x2E04, "Eaglelake (ICH10)", kMe},            {0x2E14, "Eaglelake (ICH10)", kMe},
    {0x2E24, "Eaglelake (ICH10)", kMe},            {0x2E34, "Eaglelake (ICH10)", kMe},
    {0x3B64, "Ibex Peak (5-series, ME 6)", kMe},   {0x3B65, "Ibex Peak (5-series, ME 6)", kMe},
    {0x1C3A, "Cougar Point (6-series, ME 7)", kMe}, {0x1D3A, "Patsburg (C600/X79)", kMe},
    {0x1E3A, "Panther Point (7-series, ME 8)", kMe}, {0x1CBA, "Panther Point (7-series, ME 8)", kMe},
    {0x1DBA, "Panther Point (7-series, ME 8)", kMe},
    {0x8C3A, "Lynx Point-H (8-series, ME 9)", kMe}, {0x8D3A, "Wellsburg (C610/X99)", kMe},
    {0x9C3A, "Lynx Point-LP (8-series, ME 9.5)", kMe}, {0x8CBA, "Lynx Point-H Refresh (9-series, ME 9.1)", kMe},
    {0x9CBA, "Wildcat Point-LP (ME 10)", kMe},     {0x9CBB, "Wildcat Point-LP (ME 10)", kMe},
    {0x0F18, "Bay Trail (TXE 1)", kMe},
    {0x9D3A, "Sunrise Point-LP (100-series, CSME 11)", kCsme}, {0x9D3B, "Sunrise Point-LP #2", kCsme},
    {0x9D3E, "Sunrise Point-LP (iTouch)", kCsme},  {0xA13A, "Sunrise Point-H (100-series, CSME 11)", kCsme},
    {0xA13B, "Sunrise Point-H #2", kCsme},         {0xA1BA, "Lewisburg (C620; usually SPS firmware)", kCsme},
    {0x1A9A, "Broxton-M (CSTXE 3)", kCsme},        {0x5A9A, "Apollo Lake (CSTXE 3)", kCsme},
    {0x319A, "Gemini Lake (CSTXE 4)", kCsme},
    {0xA2BA, "Union Point / Kaby Point (200-series, CSME 11)", kCsme}, {0xA2BB, "Kaby Point #2", kCsme},
    {0xA2BE, "Kaby Point (iTouch)", kCsme},
    {0x9DE0, "Cannon Point-LP (300-series, CSME 12)", kCsme}, {0x9DE4, "Cannon Point-LP (iTouch)", kCsme},
    {0xA360, "Cannon Point-H (300-series, CSME 12)", kCsme},  {0xA364, "Cannon Point-H (iTouch)", kCsme},
    {0x34E0, "Ice Point-LP (CSME 13)", kCsme},     {0x38E0, "Ice Point-N (CSME 13)", kCsme},
    {0x4DE0, "Jasper Lake Point-N (CSME 13)", kCsme},
    {0x02E0, "Comet Point-LP (400-series, CSME 14)", kCsme}, {0x02E4, "Comet Point-LP (iTouch)", kCsme},
    {0xA3BA, "Comet Lake-V (CSME 14)", kCsme},     {0x06E0, "Comet Point-H (400-series, CSME 14)", kCsme},
    {0x06E4, "Comet Point-H (iTouch)", kCsme},
    {0x4B70, "Mule Creek Canyon (Elkhart Lake)", kCsme}, {0x4B75, "Mule Creek Canyon #4 (Elkhart Lake)", kCsme},
    {0xA0E0, "Tiger Point-LP (500-series, CSME 15)", kCsme}, {0x43E0, "Tiger Point-H (500-series, CSME 15)", kCsme},
    {0x7AE8, "Alder Point-S (600-series, CSME 16)", kCsme}, {0x7A60, "Alder Point-LP (CSME 16)", kCsme},
    {0x51E0, "Alder Point-P (CSME 16)", kCsme},    {0x54E0, "Alder Point-N (CSME 16)", kCsme},
    {0x7A68, "Raptor Point-S (700-series, CSME 16)", kCsme},
    {0x7E70, "Meteor Lake Point-M (CSME 18)", kCsme18}, {0x7F68, "Arrow Lake Point-S", kCsme18},
    {0x7770, "Arrow Lake Point-H", kCsme18},       {0xA870, "Lunar Lake Point-M", kCsme18},
    {0xE370, "Panther Lake-H", kCsme18},           {0xE470, "Panther Lake-P", kCsme18},
    {0x4D70, "Wildcat Lake-P", kCsme18},           {0x6E68, "Nova Lake Point-S", kCsme18},
};

}  // namespace

std::span<const MeiDevice> mei_devices() { return kDevices; }

const MeiDevice* find_mei_device(uint16_t device_id) {
    for (const MeiDevice& d : kDevices) {
        if (d.id == device_id) return &d;
    }
    return nullptr;
}

}  // namespace meclean
