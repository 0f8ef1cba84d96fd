// `meclean ifd --inject REGION=FILE -O OUT IN`: replace one region (what `ifdtool -i` does),
// then inspect the result like any other image before writing it.
#pragma once

#include <string>

namespace meclean::cli {

struct InjectArguments {
    std::string spec;    // "REGION=FILE" (ifdtool writes REGION:FILE; both are accepted)
    std::string input;
    std::string output;
    bool force = false;  // write even when the new ME firmware does not fit the chipset
    bool json = false;
};

int run_ifd_inject(const InjectArguments& arguments);

}  // namespace meclean::cli
