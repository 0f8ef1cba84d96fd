// Formatting of the engine's report for the page: numbers, sizes, and the shapes the flash map
// and the change table draw. No decisions here: what is wrong, available or refused comes
// from the report (docs/report.schema.json). test/format.test.js runs these under vitest.

export function hex(value, digits = 1) {
  if (typeof value !== 'number') return '?';
  return '0x' + value.toString(16).padStart(digits, '0');
}

const KiB = 1024;
const MiB = 1024 * 1024;

/** "16 MiB", "1.5 MiB", "96 KiB", "512 B". */
export function size(bytes) {
  const n = typeof bytes === 'number' ? bytes : 0;
  if (n >= MiB) return `${+(n / MiB).toFixed(2)} MiB`;
  if (n >= KiB) return `${+(n / KiB).toFixed(1)} KiB`;
  return `${n} B`;
}

/** A refusal or finding in words: the engine's plain words when it has them, else its message. */
export function describe(problem) {
  if (!problem) return '';
  if (problem.words) return problem.words;
  return [problem.message, problem.detail].filter((s) => s && s.trim()).join(' — ');
}

/** "0x1000–0x1fff" for an inclusive range. */
export const range = (first, last) => `${hex(first)}–${hex(last)}`;

const REGION_KIND = { 0: 'descriptor', 1: 'bios', 2: 'me', 3: 'gbe', 4: 'pd' };

/**
 * The flash map's regions in file order, each { name, start, end (exclusive), kind }; a bare ME
 * image is one segment. A region covering others (the z77 BIOS spans the whole chip) sorts first,
 * so it is drawn behind them.
 */
export function mapSegments(analysis) {
  const total = analysis.size;
  if (analysis.kind === 'me') return [{ name: 'ME/TXE firmware', start: 0, end: total, kind: 'me' }];
  return (analysis.descriptor?.regions ?? [])
    .filter((r) => r.used)
    .map((r) => ({ name: r.name, start: r.base, end: Math.min(r.limit + 1, total), kind: REGION_KIND[r.index] ?? 'other' }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The ME partitions as file ranges (for the map); entries without data are left out. */
export function partitionSegments(analysis) {
  const me = analysis.me;
  if (!me) return [];
  return me.fpt.entries
    .filter((e) => e.length > 0 && e.offset !== 0xffffffff)
    .map((e) => ({ name: e.name, start: me.region_start + e.offset, end: me.region_start + e.offset + e.length }));
}

/** The plan's edits as file ranges: { kind, start, end (exclusive), source, reason, length }. */
export function editSegments(plan) {
  return (plan?.edits ?? []).map((e) => ({ kind: e.kind, start: e.offset, end: e.offset + e.length, source: e.source, reason: e.reason, length: e.length }));
}

/**
 * Consecutive edits of the same kind and reason as one row ({ kind, reason, count, start, end,
 * bytes, source, items }), so 272 Huffman chunk fills read as one line.
 */
export function groupedEdits(plan) {
  const groups = [];
  for (const e of editSegments(plan)) {
    const last = groups[groups.length - 1];
    if (last && last.kind === e.kind && last.reason === e.reason && e.kind !== 'resize') {
      last.items.push(e);
      last.count++;
      last.start = Math.min(last.start, e.start);
      last.end = Math.max(last.end, e.end);
      last.bytes += e.length;
    } else groups.push({ kind: e.kind, reason: e.reason, count: 1, start: e.start, end: e.end, bytes: e.length, source: e.source, items: [e] });
  }
  return groups;
}

/** The text report saved next to the outputs: me_cleaner's lines and the SHA-256 of every file. */
export function textReport(report, version, hashes) {
  const lines = [...report.log, '', `meclean (web) ${version}, options: ${report.request.flags || '(none)'}`, 'SHA-256:'];
  for (const h of hashes) lines.push(`  ${h.sha256 ?? '(not computed)'}  ${h.name}`);
  return lines.join('\n') + '\n';
}

/**
 * The [from, to) range in `text` of `line` and `column` (1-based; the engine counts a column in
 * UTF-8 bytes; column 0 = the whole line), for putting the cursor where a paste could not be read.
 */
export function textPosition(text, line, column) {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return [text.length, text.length];
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (column < 1) return [start, end];
  let at = start;
  for (let bytes = 1; at < end && bytes < column; at++) {
    const c = text.codePointAt(at);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (c >= 0x10000) at++;
  }
  return [at, Math.min(at + 1, end)];
}
