// Looks for the test keys in built files, to prove that the page's sample module carries no
// private exponent (sample_signer_test.py). For each file and key it prints one line:
//
//   <file> <key> private=yes|no modulus=yes|no
//
// "yes" when the first or last 32 bytes of the number occur in the file, in big- or
// little-endian order: an embedded copy, whichever way round, has one of them. The modulus is
// the control: the sample writes it into its manifest, so a build of the sample must have it,
// which shows the search can see numbers in that kind of file. Exit 0, or 2 on bad arguments.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <span>
#include <vector>

#include "synth/test_keys.hpp"
#include "synth/tools/tool_support.hpp"

namespace {

constexpr size_t kFragment = 32;

bool contains_number(const std::vector<uint8_t>& file, std::span<const uint8_t> be) {
    const std::vector<uint8_t> first(be.begin(), be.begin() + kFragment);
    const std::vector<uint8_t> last(be.end() - kFragment, be.end());
    for (const auto* part : {&first, &last}) {
        const std::vector<uint8_t> reversed(part->rbegin(), part->rend());
        for (const auto* needle : {part, &reversed}) {
            if (std::search(file.begin(), file.end(), needle->begin(), needle->end()) != file.end()) return true;
        }
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: meclean_find_private_keys FILE...\n";
        return 2;
    }
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        if (!in) {
            std::cerr << argv[i] << ": cannot read\n";
            return 2;
        }
        const std::vector<uint8_t> file{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        for (const auto& [id, name] : meclean::synth::tools::kKeyNames) {
            const auto& key = meclean::synth::test_key(id);
            std::cout << argv[i] << " " << name
                      << " private=" << (contains_number(file, key.private_exponent_be) ? "yes" : "no")
                      << " modulus=" << (contains_number(file, key.modulus_be) ? "yes" : "no") << "\n";
        }
    }
    return 0;
}
