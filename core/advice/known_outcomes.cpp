#include "advice/known_outcomes.hpp"

namespace meclean {
namespace {

using F = PchFamily;

constexpr KnownOutcome kOutcomes[] = {
    {"t902_timed_shutdown", {F::cougar_point, F::unknown}, {8, 0}, {8, 1},
     "Fujitsu LifeBook T902 (Ivy Bridge, 7-series, ME 8.1.72.3002)",
     "After cleaning, the laptop switched itself off every 10 minutes and ran its fan at full speed.",
     "Keeping the FOVD, EFFS and NFTP partitions (-w FOVD,EFFS,NFTP) cured it — with a modified me_cleaner that also "
     "kept NFTP's MPC and BOP modules, so plain -w may not be enough.",
     {false, "FOVD,EFFS,NFTP"}, "corna/me_cleaner issue #226", SourceConfidence::low},
    {"haswell_ethernet_missing", {F::lynx_point, F::wildcat_point}, {9, 0}, {9, 5},
     "ASRock Z97M-ITX/ac (Haswell, 9-series, ME 9.1)",
     "After cleaning with -S or without options the wired Ethernet controller disappeared (Wi-Fi kept working).",
     "-s (set AltMeDisable only, remove nothing) kept the Ethernet working; keeping NFTP (-w NFTP) was suggested "
     "in the thread but not confirmed.",
     {true, nullptr}, "corna/me_cleaner issue #311", SourceConfidence::medium},
    {"skylake_kabylake_ethernet_missing", {F::sunrise_point, F::unknown}, {11, 0}, {11, 8},
     "Kaby Lake-U laptop (issue #311, comment by 65a); Gigabyte GB-BSCEH-3955, Skylake (issue #3, petrkutalek)",
     "After -S (or a full clean) the first Ethernet device (on PCIe root port 1, an I219-V on the BRIX) disappeared.",
     "-s (set HAP only, remove nothing) kept the Ethernet working on the Kaby Lake-U laptop.",
     {true, nullptr}, "corna/me_cleaner issue #311 and issue #3", SourceConfidence::medium},
    {"z170_no_post_with_S", {F::sunrise_point, F::unknown}, {11, 0}, {11, 8},
     "Asus Maximus VIII Hero Alpha (Z170, Skylake)",
     "With -S the board did not POST; cleaning without options worked on the vendor's image, -s on the board's own dump.",
     "-s on the board's own dump (and, for the rest, no options on the vendor image, merged with UEFITool).",
     {true, nullptr}, "brhiggins.com, \"me_cleaner on an Asus Maximus VIII Hero\"", SourceConfidence::low},
};

}  // namespace

std::span<const KnownOutcome> known_outcomes() { return kOutcomes; }

const char* advice_match_basis_id(AdviceMatchBasis basis) {
    return basis == AdviceMatchBasis::version_only ? "version_only" : "platform_and_version";
}

}  // namespace meclean
