// flashrom layout names and the region comparison: shared by model.js and the worker, which
// imports only this file (it compares the input and the cleaned image region by region).

/** flashrom/ifdtool layout names by region index (core/flash_layout.cpp). */
export const LAYOUT_NAMES = ['fd', 'bios', 'me', 'gbe', 'pd', 'res1', 'res2', 'res3',
  'ec', 'res4', 'ie', '10gbe0', '10gbe1', 'res5', 'res6', 'ptt'];

export function layoutName(index) {
  return LAYOUT_NAMES[index] ?? 'unknown';
}

/** A layout file back into regions: [{ index, name, base, limit, used: true }] (unknown lines are skipped). */
export function parseLayout(text) {
  const out = [];
  for (const line of String(text ?? '').split('\n')) {
    const m = /^\s*([0-9a-fA-F]+):([0-9a-fA-F]+)\s+(\S+)\s*$/.exec(line);
    if (!m) continue;
    out.push({ index: LAYOUT_NAMES.indexOf(m[3]), name: m[3], base: parseInt(m[1], 16), limit: parseInt(m[2], 16), used: true });
  }
  return out;
}

/**
 * Which regions differ between `before` and `after` (Uint8Arrays), region by region with the
 * regions of the image that is going to be written (as compare_regions in core/flash_layout.cpp):
 * { changed, unchanged (layout names, in region-index order), bytesOutside, firstOutside, sizeDiffers }.
 */
export function compareRegions(layoutRegions, before, after) {
  const sizeDiffers = before.length !== after.length;
  const size = Math.min(before.length, after.length);
  const longest = Math.max(before.length, after.length);
  const covered = new Uint8Array(size);
  const changed = [];
  const unchanged = [];
  const used = layoutRegions.filter((r) => r.used !== false).map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.base - b.r.base || a.i - b.i).map(({ r }) => r);
  for (const r of used) {
    let differs = r.limit >= size && r.base < longest && sizeDiffers;
    const end = Math.min(r.limit, size - 1);
    if (r.base <= end) {
      covered.fill(1, r.base, end + 1);
      if (!differs) {
        for (let i = r.base; i <= end; i++) {
          if (before[i] !== after[i]) { differs = true; break; }
        }
      }
    }
    (differs ? changed : unchanged).push(r);
  }
  let bytesOutside = 0;
  let firstOutside = 0;
  for (let i = 0; i < size; i++) {
    if (covered[i] || before[i] === after[i]) continue;
    if (bytesOutside === 0) firstOutside = i;
    bytesOutside++;
  }
  const names = (list) => list.sort((a, b) => a.index - b.index).map((r) => r.name ?? layoutName(r.index));
  return { changed: names(changed), unchanged: names(unchanged), bytesOutside, firstOutside, sizeDiffers };
}

