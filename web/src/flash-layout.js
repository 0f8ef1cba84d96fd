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
  const changed = [];
  const unchanged = [];
  const spans = []; // [first, last] of each used region within both images
  const used = layoutRegions.filter((r) => r.used !== false).map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.base - b.r.base || a.i - b.i).map(({ r }) => r);
  for (const r of used) {
    let differs = r.limit >= size && r.base < longest && sizeDiffers;
    const end = Math.min(r.limit, size - 1);
    if (r.base <= end) {
      spans.push([r.base, end]);
      if (!differs) differs = firstDifference(before, after, r.base, end + 1) >= 0;
    }
    (differs ? changed : unchanged).push(r);
  }
  // The bytes outside every region, between the spans (sorted by base, possibly overlapping).
  let bytesOutside = 0;
  let firstOutside = 0;
  let from = 0;
  for (const [first, last] of [...spans, [size, size]]) {
    for (let i = from; i < first; i++) {
      if (before[i] === after[i]) continue;
      if (bytesOutside === 0) firstOutside = i;
      bytesOutside++;
    }
    from = Math.max(from, last + 1);
  }
  const names = (list) => list.sort((a, b) => a.index - b.index).map((r) => r.name ?? layoutName(r.index));
  return { changed: names(changed), unchanged: names(unchanged), bytesOutside, firstOutside, sizeDiffers };
}

// The first index in [from, to) where `a` and `b` differ, or -1. Four bytes at a time where the
// arrays allow it: an unchanged BIOS region is megabytes, and the clean waits for this.
function firstDifference(a, b, from, to) {
  let i = from;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    while (i < to && i % 4 !== 0) if (a[i] !== b[i]) return i; else i++;
    const words = Math.floor((to - i) / 4);
    const wa = new Uint32Array(a.buffer, a.byteOffset + i, words);
    const wb = new Uint32Array(b.buffer, b.byteOffset + i, words);
    let w = 0;
    while (w < words && wa[w] === wb[w]) w++;
    i += w * 4; // the bytes from here on pin down the difference, if any
  }
  for (; i < to; i++) if (a[i] !== b[i]) return i;
  return -1;
}

