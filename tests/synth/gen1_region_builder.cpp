// Generation-1 ME regions (ME 2–5, ICH8–10): `$FPT` at region +0 without a
// ROM bypass and a CODE partition that starts with a `$MAN` manifest
// (formats.md §2.4, §2.5; me_cleaner only reads the tag, §2.8.3).
#include "synth/builder_internal.hpp"
#include "synth/me_region_builder.hpp"

namespace meclean::synth {

using namespace detail;

Gen1Region build_gen1_region(const Gen1RegionSpec& spec) {
    if (spec.manifest_body_size % 4 != 0) fail("manifest body size must be a multiple of 4");
    const uint32_t manifest_size = manifest_header_length(spec.manifest.key) + spec.manifest_body_size;
    const uint32_t content_size = manifest_size + spec.module_data_size;
    auto placed = place_partitions(spec.partitions, first_partition_offset(spec.fpt, spec.partitions.size()),
                                   content_size);
    const uint32_t region_size = spec.region_size ? spec.region_size : auto_region_size(placed);
    finish_placement(placed, region_size);

    Gen1Region out;
    out.bytes.assign(region_size, 0xFF);
    write_partition_fillers(out.bytes, placed);
    const auto& code = placed[manifest_partition_index(placed)];
    const uint32_t at = code.data.offset;
    if (at + content_size > region_size) fail("CODE content runs past the region");
    out.layout.code = code.data;

    // Body and module data are filler; the header is written (and signed) over it.
    put_pattern(out.bytes, at, content_size, tag_for_name(code.spec.name));
    out.layout.manifest = write_signed_manifest(out.bytes, at, spec.manifest, 1, manifest_size);
    out.layout.fpt = write_fpt(out.bytes, spec.fpt, placed);
    return out;
}

}  // namespace meclean::synth
