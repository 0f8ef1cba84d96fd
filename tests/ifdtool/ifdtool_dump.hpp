// Runs coreboot's ifdtool and reads its -d dump as text (tests/ifdtool only).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

namespace meclean::ifdtool {

inline std::string ifdtool_path() {
    for (const char* p : {"/usr/sbin/ifdtool", "/usr/bin/ifdtool"}) {
        if (std::filesystem::exists(p)) return p;
    }
    return "";
}

// Runs ifdtool in `dir` and returns its stdout and stderr.
inline std::string run_ifdtool(const std::filesystem::path& dir, const std::string& args) {
    std::string command = "cd '" + dir.string() + "' && " + ifdtool_path() + " " + args + " 2>&1";
    std::string out;
    if (FILE* p = popen(command.c_str(), "r")) {
        char buffer[4096];
        size_t n;
        while ((n = fread(buffer, 1, sizeof buffer, p)) > 0) out.append(buffer, n);
        pclose(p);
    }
    return out;
}

// "NAME%d: 0x%x" and "NAME: 0x%x" lines of the dump, keyed "FLREG3", "FLMAP0", "PCHSTRP12", ...
inline std::map<std::string, uint32_t> dump_values(const std::string& dump) {
    std::map<std::string, uint32_t> out;
    std::istringstream lines(dump);
    std::string line;
    while (std::getline(lines, line)) {
        size_t start = line.find_first_not_of(' ');
        if (start == std::string::npos) continue;
        size_t x = line.find("0x", start);
        if (x == std::string::npos) continue;
        std::string key = line.substr(start, line.find_first_of(" :", start) - start);
        bool wanted = key.rfind("FLMAP", 0) == 0 || key == "FLUMAP1" || key.rfind("FLREG", 0) == 0 ||
                      key.rfind("FLMSTR", 0) == 0 || key.rfind("PCHSTRP", 0) == 0 || key == "FLCOMP" ||
                      key == "FLILL" || key == "FLILL1" || key == "FLPB" || key.rfind("JID", 0) == 0 || key.rfind("VSCC", 0) == 0;
        if (wanted && !out.count(key)) out[key] = uint32_t(std::strtoul(line.c_str() + x, nullptr, 16));
    }
    return out;
}

// "  Flash Region 3 (GbE): 00001000 - 00002fff" (+ " (unused)").
struct DumpedRegion {
    uint64_t base, limit;
    bool unused;
};
inline std::map<int, DumpedRegion> dump_regions(const std::string& dump) {
    std::map<int, DumpedRegion> out;
    std::istringstream lines(dump);
    std::string line;
    while (std::getline(lines, line)) {
        int index;
        unsigned long base, limit;
        size_t colon = line.find("): ");
        if (std::sscanf(line.c_str(), "  Flash Region %d", &index) != 1 || colon == std::string::npos) continue;
        if (std::sscanf(line.c_str() + colon + 3, "%lx - %lx", &base, &limit) != 2) continue;
        out[index] = {base, limit, line.find("(unused)") != std::string::npos};
    }
    return out;
}

// "Component 1 Density: 8MB" → bytes; 0 for UNUSED.
inline std::map<int, uint64_t> dump_densities(const std::string& dump) {
    std::map<int, uint64_t> out;
    std::istringstream lines(dump);
    std::string line;
    while (std::getline(lines, line)) {
        int chip;
        char value[32] = {};
        if (std::sscanf(line.c_str(), " Component %d Density: %31s", &chip, value) != 2) continue;
        std::string v = value;
        uint64_t n = std::strtoull(v.c_str(), nullptr, 10);
        out[chip] = v == "UNUSED" ? 0 : v.find("KB") != std::string::npos ? n << 10 : n << 20;
    }
    return out;
}

}  // namespace meclean::ifdtool
