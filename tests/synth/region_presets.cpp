// Ready-made region descriptions shaped like the Appendix A samples. Names
// and partition order follow the samples; sizes, versions, owners and module
// contents are made up (no firmware bytes are copied).
#include "synth/builder_internal.hpp"
#include "synth/me_region_builder.hpp"

namespace meclean::synth {

namespace {

std::vector<FptPartition> nvram_set(std::initializer_list<const char*> names) {
    std::vector<FptPartition> out;
    for (const char* name : names) out.push_back(FptPartition::nvram(name, 0x2000));
    return out;
}

void append(std::vector<FptPartition>& to, const std::vector<FptPartition>& more) {
    to.insert(to.end(), more.begin(), more.end());
}

}  // namespace

// t420_me-like: FOVD, MDES, FCRS, EFFS, NVCL…NVTD, FTPR, NFTP (§2 Appendix A).
Gen2RegionSpec me7_region_spec() {
    Gen2RegionSpec s;
    s.fpt.fit_version = {7, 1, 20, 1000};
    s.partitions = {FptPartition::data("FOVD", 0x1000, fourcc("OSID")),
                    FptPartition::data("MDES", 0x1000, fourcc("MDID")),
                    FptPartition::data("FCRS", 0x1000, fourcc("OSID")),
                    FptPartition::effs("EFFS", 0x8000)};
    append(s.partitions, nvram_set({"NVCL", "NVJC", "NVKR", "NVQS", "NVTD"}));
    s.partitions.push_back(FptPartition::manifest_holder("FTPR"));
    s.partitions.push_back(FptPartition::code("NFTP", 0x10000));

    s.ftpr.manifest.key = SigningKey::Rsa2048E17;
    s.ftpr.manifest.version = {7, 1, 30, 1000};
    // ROMP and BUP are what me_cleaner keeps (§2.8.7). Huffman sizes are not
    // chunk multiples, so its inclusive chunk range adds no extra chunk.
    s.ftpr.modules = {
        {"ROMP", Compression::Stored, 0x0A00},
        {"BUP", Compression::Huffman, 0x4A30},
        {"KERNEL", Compression::Huffman, 0x6150},
        {"POLICY", Compression::Huffman, 0x2310},
        {"HOSTCOMM", Compression::Huffman, 0x1A70},
        {"UPDATE", Compression::Lzma, 0x6000, 0x2400},
        {"TDT", Compression::Lzma, 0x3000, 0x1500},
        {"FTCS", Compression::Stored, 0x0700},
    };
    s.ftpr.huffman.addr_base = 0x10040000;  // correction 0x0400, as t420 (§2.6)
    s.ftpr.huffman.trailing_chunks = 2;
    s.ftpr.huffman.absent_chunks = {19 + 25 + 9 + 7 + 1};  // the last trailing chunk
    return s;
}

// byt_txe-like: 0x80-byte module headers, LZMA/stored modules only.
Gen2RegionSpec txe1_region_spec() {
    Gen2RegionSpec s;
    s.fpt.fit_version = {1, 1, 4, 1000};
    s.partitions = {FptPartition::data("FOVD", 0x1000, fourcc("OSID")),
                    FptPartition::data("MDES", 0x1000, fourcc("MDID")),
                    FptPartition::data("FCRS", 0x1000, fourcc("OSID")),
                    FptPartition::effs("EFFS", 0x8000)};
    append(s.partitions, nvram_set({"NVCL", "NVCP", "NVJC", "NVKR", "NVTD"}));
    s.partitions.push_back(FptPartition::manifest_holder("FTPR"));
    s.partitions.push_back(FptPartition::code("NFTP", 0x10000));

    s.ftpr.manifest.key = SigningKey::Rsa2048E17;
    s.ftpr.manifest.version = {1, 1, 4, 1000};
    s.ftpr.module_header_size = kModuleHeaderSizeTxe;
    s.ftpr.modules = {
        {"BUP", Compression::Stored, 0x3200},
        {"KERNEL", Compression::Lzma, 0x8000, 0x3A00},
        {"POLICY", Compression::Lzma, 0x4000, 0x1C00},
        {"HOSTCOMM", Compression::Lzma, 0x3000, 0x1200},
        {"TDT", Compression::Stored, 0x0900},
    };
    return s;
}

// ME 6 Ignition: a `$SKU` record past the module headers (§2.8.5), and the
// last entry's length stored as 0xFFFFFFFF (§2.3, §2.8.6).
Gen2RegionSpec me6_ignition_region_spec() {
    Gen2RegionSpec s;
    s.fpt.fit_version = {6, 0, 1, 1000};
    s.partitions = {FptPartition::data("FOVD", 0x1000, fourcc("OSID")),
                    FptPartition::effs("EFFS", 0x4000)};
    s.partitions.push_back(FptPartition::manifest_holder("FTPR"));
    FptPartition tail = FptPartition::code("NFTP", 0x4000);
    tail.length_to_region_end = true;
    s.partitions.push_back(tail);

    s.ftpr.manifest.key = SigningKey::Rsa2048E17;
    s.ftpr.manifest.version = {6, 0, 1, 1000};
    s.ftpr.modules = {
        {"BUP", Compression::Huffman, 0x2230},
        {"KERNEL", Compression::Huffman, 0x3120},
        {"UPDATE", Compression::Lzma, 0x2000, 0x0C00},
    };
    s.ftpr.ignition_sku_marker = true;
    return s;
}

// x210_me-like (ME 11): FTPR first at 0x1000, placeholders ROMB and ISHC.
Gen3RegionSpec me11_region_spec() {
    Gen3RegionSpec s;
    s.fpt.header_length = 0x20;  // checksum covers $FPT…+0x1F only (§2.2)
    s.fpt.flags = 0;             // no EFFS on ME 11 (x210: flags 0)
    s.fpt.fit_version = {11, 8, 50, 1000};
    auto owned = [](FptPartition p) { p.owner = 0; return p; };  // owner reserved on ME 11
    s.partitions = {owned(FptPartition::manifest_holder("FTPR")),
                    owned(FptPartition::data("PSVN", 0x1000)),
                    owned(FptPartition::data("IVBP", 0x1000)),
                    owned(FptPartition::data("MFS", 0x10000)),
                    owned(FptPartition::code("NFTP", 0x20000)),
                    FptPartition::placeholder("ROMB"),
                    owned(FptPartition::data("FLOG", 0x1000)),
                    owned(FptPartition::data("UTOK", 0x2000)),
                    FptPartition::placeholder("ISHC")};

    s.ftpr.header_version = 1;
    s.ftpr.manifest.key = SigningKey::Rsa2048E65537;
    s.ftpr.manifest.version = {11, 8, 50, 1000};
    s.ftpr.manifest.build_tag = 0x0000002A;
    // rbe, kernel, syslib, bup are kept by me_cleaner (prefix match, §2.8.8).
    s.ftpr.modules = {
        {"rbe", 0x4000},
        {"kernel", 0x6000, 0xA000, true},
        {"syslib", 0x3000, 0x5000, true},
        {"bup", 0x5000, 0x9000, true},
        {"pm", 0x2000, 0x3800, true},
        {"vfs", 0x3000, 0x6000},
        {"fptemp", 0x1800},
        {"policy", 0x2800, 0x4000, true},
    };
    return s;
}

// CSME 15+ update-image style: `$CPD` v2 and a 3072-bit PSS manifest (§2.4, §2.7, §3.6).
Gen3RegionSpec csme15_region_spec() {
    Gen3RegionSpec s = me11_region_spec();
    s.fpt.fit_version = {15, 0, 22, 1000};
    s.ftpr.header_version = 2;
    s.ftpr.manifest.key = SigningKey::Rsa3072E65537;
    s.ftpr.manifest.version = {15, 0, 22, 1000};
    return s;
}

// ME 5 style generation 1.
Gen1RegionSpec me5_region_spec() {
    Gen1RegionSpec s;
    s.fpt.rom_bypass_present = false;
    s.fpt.header_version = 0x10;
    s.fpt.header_length = 0x20;
    s.fpt.flags = 0;
    s.fpt.fit_version = {5, 0, 0, 1000};
    s.partitions = {FptPartition::manifest_holder("CODE"),
                    FptPartition::data("DATA", 0x4000, fourcc("MDID"))};
    s.manifest.tag = "$MAN";
    s.manifest.key = SigningKey::Rsa2048E17;
    s.manifest.version = {5, 0, 2, 1000};
    return s;
}

}  // namespace meclean::synth
