// What the sample-signer tools share: the names of the keys and schemes as the generated sources
// spell them (SigningKey::<name>, SignatureScheme::<name>), and writing the sample to a file.
#pragma once

#include <fstream>
#include <iostream>

#include "synth/manifest_signer.hpp"
#include "synth/sample.hpp"

namespace meclean::synth::tools {

struct KeyName {
    SigningKey key;
    const char* name;
};
inline constexpr KeyName kKeyNames[] = {{SigningKey::Rsa2048E17, "Rsa2048E17"},
                                        {SigningKey::Rsa2048E65537, "Rsa2048E65537"},
                                        {SigningKey::Rsa3072E65537, "Rsa3072E65537"}};

inline const char* key_name(SigningKey key) {
    for (const auto& k : kKeyNames)
        if (k.key == key) return k.name;
    return "?";
}

inline const char* scheme_name(SignatureScheme scheme) {
    switch (scheme) {
        case SignatureScheme::Pkcs1Sha1: return "Pkcs1Sha1";
        case SignatureScheme::Pkcs1Sha256: return "Pkcs1Sha256";
        case SignatureScheme::PssSha384: return "PssSha384";
    }
    return "?";
}

// The sample, as this tool's signer builds it, to `path`; 0 or 1 as an exit status.
inline int write_sample_image(const char* path) {
    const auto image = make_sample_image();
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(image.data()), std::streamsize(image.size()));
    out.close();
    if (out) return 0;
    std::cerr << path << ": cannot write\n";
    return 1;
}

}  // namespace meclean::synth::tools
