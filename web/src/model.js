// Pure functions from the engine's JSON to what the page shows, and the option rules.
// No DOM here: test/model.test.js runs these under vitest.

/** A number from the engine's JSON: a number, a "0x…" or decimal string, or a BigInt. */
export function num(value) {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const n = value.startsWith('0x') || value.startsWith('0X') ? parseInt(value, 16) : Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function hex(value, digits = 1) {
  const n = num(value);
  if (n === undefined) return '?';
  return '0x' + n.toString(16).padStart(digits, '0');
}

export function size(bytes) {
  const n = num(bytes) ?? 0;
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(2)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

export function parseJson(text) {
  if (text == null || text === '') return null;
  if (typeof text === 'object') return text;
  return JSON.parse(text);
}

/** "message detail (at 0x…)" — a problem or finding in plain words with its offset. */
export function describeProblem(problem) {
  if (!problem) return '';
  const parts = [problem.message, problem.detail].filter((s) => s && String(s).trim() !== '');
  let text = parts.join(' — ');
  const offset = num(problem.offset);
  if (offset !== undefined && !text.includes(hex(offset))) text += ` (at offset ${hex(offset)})`;
  return text;
}

const list = (v) => (Array.isArray(v) ? v : []);

export function regions(analysis) {
  return list(analysis?.descriptor?.regions).map((r) => ({
    index: num(r.index) ?? 0,
    name: r.name ?? `Region ${r.index}`,
    base: num(r.base) ?? 0,
    limit: num(r.limit) ?? 0,
    used: r.used ?? (num(r.limit) ?? 0) > (num(r.base) ?? 0),
  }));
}

export function usedRegions(analysis) {
  return regions(analysis).filter((r) => r.used);
}

export function versionText(manifest) {
  const v = list(manifest?.version).map(num);
  return v.length ? v.join('.') : '';
}

/** 'full' | 'me_only' | 'unknown' (the engine writes "me" for a bare ME/TXE image). */
export function kindOf(analysis) {
  const k = analysis?.kind;
  if (k === 'full') return 'full';
  if (k === 'me' || k === 'me_only' || k === 'me-only') return 'me_only';
  return 'unknown';
}

/** A region mask from either a list of region indices ([0, 1, 3]) or a bit mask. */
function maskOf(listOrMask) {
  if (Array.isArray(listOrMask)) return listOrMask.reduce((m, i) => m | (1 << (num(i) ?? 0)), 0);
  return num(listOrMask) ?? 0;
}

/** A flash master as { index, name, read, write } with region bit masks. */
export function masterAccess(m) {
  return {
    index: num(m.index) ?? 0,
    name: m.name ?? `master ${m.index}`,
    read: maskOf(m.read ?? m.read_regions),
    write: maskOf(m.write ?? m.write_regions),
  };
}

export function masters(analysis) {
  return list(analysis?.descriptor?.masters).map(masterAccess);
}

/** The firmware facts, whatever the exact shape of the engine's JSON. */
export function firmware(analysis) {
  const me = analysis?.me;
  if (!me) return null;
  const manifest = me.manifest ?? {};
  const version = typeof me.version === 'string' ? me.version : versionText(manifest);
  const key = me.key ?? { known: me.key_known, variant: me.variant, versions: me.key_versions };
  const ftpr = me.ftpr ?? { offset: me.ftpr_offset, length: me.ftpr_length };
  return {
    regionStart: num(me.region_start) ?? 0,
    regionEnd: num(me.region_end),
    generation: num(me.generation) ?? num(analysis.generation),
    version,
    key: key.known === undefined ? null : key,
    ftprOffset: num(ftpr.offset),
    ftprLength: num(ftpr.length),
    manifest,
    signature: manifest.signature ?? null,
    fpt: me.fpt ?? null,
    entries: list(me.fpt?.entries),
    modules: list(me.modules),
    ignition: !!me.ignition,
  };
}

// ---------------------------------------------------------------------------
// Checklist

const OK = 'ok';
const WARN = 'warn';
const FAIL = 'fail';

/**
 * The checklist of the report: [{ id, state: 'ok'|'warn'|'fail', label, detail }].
 * Items that do not apply to the image (e.g. descriptor checks on a bare ME image) are
 * shown as warnings with the reason, never silently dropped.
 */
export function checks(analysis) {
  const out = [];
  const add = (id, state, label, detail = '') => out.push({ id, state, label, detail });
  const kind = kindOf(analysis);
  const fileSize = num(analysis?.size) ?? 0;
  const findings = list(analysis?.findings);
  const errorFinding = (prefix) =>
    findings.find((f) => f.severity === 'error' && String(f.code ?? '').startsWith(prefix));

  // 1. Descriptor
  const descriptor = analysis?.descriptor;
  if (kind === 'full' && descriptor) {
    const bad = errorFinding('descriptor');
    if (bad) add('descriptor', FAIL, 'Flash descriptor found but not valid', describeProblem(bad));
    else {
      const v = num(descriptor.ifd_version);
      add('descriptor', OK, 'Flash descriptor found and valid',
        `signature at ${hex(num(descriptor.signature_offset) ?? 0x10)}${v ? `, IFD version ${v}` : ''}`);
    }
  } else if (kind === 'me_only') {
    add('descriptor', WARN, 'No flash descriptor',
      'This is a bare ME/TXE firmware image, not a full flash dump: options that change the descriptor are unavailable.');
  } else {
    add('descriptor', FAIL, 'No flash descriptor or ME/TXE firmware found',
      analysis?.problem ? 'see above' : 'The file is not an Intel flash image.');
  }

  // 2. Region sizes
  if (kind === 'full') {
    const used = usedRegions(analysis);
    const outside = used.filter((r) => r.limit >= fileSize || r.base > r.limit);
    const overlaps = [];
    for (let i = 0; i < used.length; i++)
      for (let j = i + 1; j < used.length; j++)
        if (used[i].base <= used[j].limit && used[j].base <= used[i].limit) overlaps.push(`${used[i].name} / ${used[j].name}`);
    const me = used.find((r) => r.index === 2);
    if (outside.length)
      add('regions', FAIL, 'Region sizes not plausible',
        outside.map((r) => `${r.name} (${hex(r.base)}–${hex(r.limit)}) reaches past the end of the ${hex(fileSize)}-byte file`).join('; '));
    else if (overlaps.length)
      add('regions', WARN, 'Regions overlap', `${overlaps.join(', ')} overlap; meclean only changes the descriptor and the ME region.`);
    else if (!me)
      add('regions', WARN, 'No ME region in the descriptor', (analysis?.me_region?.disabled ?? analysis?.me_region_disabled) ? 'The ME region is disabled.' : '');
    else add('regions', OK, 'Region sizes plausible', `${used.length} regions inside the ${size(fileSize)} image; ME region ${size(me.limit - me.base + 1)}`);
  }

  // 3. Masters
  if (kind === 'full') {
    const ms = masters(analysis);
    const own = { 1: 1, 2: 2, 3: 3 }; // master index → its region index (host/BIOS, ME, GbE)
    const present = new Set(usedRegions(analysis).map((r) => r.index));
    const lacking = ms.filter((m) => {
      const region = own[m.index];
      if (region === undefined || !present.has(region)) return false;
      return !((m.read >> region) & 1) || !((m.write >> region) & 1);
    });
    if (!ms.length) add('masters', WARN, 'No flash masters found', '');
    else if (lacking.length)
      add('masters', WARN, 'A master lacks read/write access to its own region', lacking.map((m) => m.name).join(', '));
    else add('masters', OK, 'Each master can read and write its own region', ms.map((m) => m.name).join(', '));
  }

  const fw = firmware(analysis);
  // 4. FPT
  if (fw?.fpt) {
    const n = fw.entries.length;
    add('fpt', OK, 'FPT found', `at ${hex(fw.regionStart + (num(fw.fpt.offset) ?? 0))}, ${n} partition${n === 1 ? '' : 's'}`);
  } else if (kind !== 'unknown' || fw) {
    add('fpt', FAIL, 'FPT not found', describeProblem(analysis?.problem));
  }

  // 5. FTPR
  if (fw && fw.ftprLength) {
    const start = fw.ftprOffset ?? 0;
    add('ftpr', OK, 'FTPR partition found', `spans ${hex(start)}–${hex(start + fw.ftprLength)} of the ME region`);
  } else if (fw) add('ftpr', FAIL, 'FTPR partition not found', describeProblem(analysis?.problem));

  // 6. Manifest tag
  if (fw?.manifest?.tag) add('manifest', OK, `Manifest tag ${fw.manifest.tag}`, fw.manifest.offset !== undefined ? `at ${hex(fw.manifest.offset)} of the ME region` : '');
  else if (fw) add('manifest', FAIL, 'No FTPR manifest', describeProblem(analysis?.problem));

  // 7. Version
  const generation = fw?.generation;
  if (fw?.version && fw.version !== '0.0.0.0') add('version', OK, `ME/TXE firmware ${fw.version}`, `generation ${generation ?? '?'}${fw.ignition ? ', Ignition firmware' : ''}`);
  else if (fw) add('version', WARN, 'Firmware version unknown', '');

  // 8. Key
  if (fw?.key) {
    if (fw.key.known) add('key', OK, 'Public key known', `Intel ${fw.key.variant ?? ''}, firmware versions ${fw.key.versions ?? '?'}`.trim());
    else add('key', WARN, 'Public key not recognised', 'The firmware may be newer than meclean knows, or not genuine.');
  }

  // 9. Signature
  const sig = fw?.signature;
  if (sig && generation !== 1) {
    if (sig.me_cleaner_valid && sig.strict_valid !== false) add('signature', OK, 'FTPR RSA signature valid', sig.scheme ?? '');
    else if (sig.me_cleaner_valid) add('signature', WARN, 'FTPR RSA signature passes me_cleaner\'s test only', `${sig.scheme ?? ''}; the strict padding check failed`);
    else add('signature', FAIL, 'FTPR RSA signature not valid', 'The firmware was modified or is corrupt; the ME would refuse to start it.');
  } else if (fw && generation === 1) add('signature', WARN, 'Signature not checked', 'Generation 1 firmware (ME 2–5) is never modified.');

  // 10. HAP / AltMeDisable
  const bits = list(analysis?.disable_bits);
  if (bits.length)
    for (const b of bits)
      add(`disable-${b.name}`, OK, `${b.name} bit ${b.set ? 'set' : 'not set'}`,
        `${b.strap ?? ''} bit ${num(b.bit) ?? '?'} at ${hex(b.offset)}${b.set ? ': the ME is already asked to disable itself' : ''}`);
  else if (kind === 'full') add('disable', WARN, 'No HAP/AltMeDisable bit known for this platform', '');
  else if (kind === 'me_only') add('disable', WARN, 'HAP/AltMeDisable not available', 'The bit lives in the flash descriptor, which a bare ME image lacks.');

  return out;
}

/** The headline: { state, title, detail }. */
export function verdict(analysis) {
  const kind = kindOf(analysis);
  const fw = firmware(analysis);
  const version = fw?.version && fw.version !== '0.0.0.0' ? fw.version : '';
  const errors = list(analysis?.findings).filter((f) => f.severity === 'error');
  const warnings = list(analysis?.findings).filter((f) => f.severity === 'warning');
  if (analysis?.problem)
    return { state: FAIL, title: 'meclean cannot clean this file', detail: describeProblem(analysis.problem) };
  if (errors.length) return { state: FAIL, title: 'This image has errors', detail: describeProblem(errors[0]) };
  const what = kind === 'full' ? 'A full flash image' : kind === 'me_only' ? 'A bare ME/TXE firmware image' : 'An image';
  const withFw = version ? ` with ME/TXE firmware ${version}` : '';
  const sig = fw?.signature;
  if (sig && fw.generation !== 1 && !sig.me_cleaner_valid)
    return { state: FAIL, title: `${what}${withFw}, but its signature does not verify`, detail: 'Cleaning would produce an image the ME refuses.' };
  if (kind === 'me_only')
    return { state: WARN, title: `${what}${withFw}`, detail: 'It can be cleaned, but the HAP/AltMeDisable bit and the descriptor need a full flash dump.' };
  if (warnings.length) return { state: WARN, title: `${what}${withFw}`, detail: describeProblem(warnings[0]) };
  return { state: OK, title: `${what}${withFw} — ready to clean`, detail: 'Pick an option below and preview the changes.' };
}

// ---------------------------------------------------------------------------
// Options, presets and me_cleaner's refusals

export const PRESETS = [
  { id: 'recommended', label: 'Recommended', flags: '-S', help: 'Remove the removable partitions and modules, and set the HAP/AltMeDisable bit.' },
  { id: 'soft', label: 'Soft-disable only', flags: '-s', help: 'Only set the HAP/AltMeDisable bit; the firmware stays as it is.' },
  { id: 'clean', label: 'Clean only', flags: 'no flags', help: 'Remove the removable partitions and modules; leave the descriptor alone.' },
  { id: 'advanced', label: 'Advanced', flags: 'choose', help: 'Pick me_cleaner\'s flags one by one.' },
];

export const NEEDS_FULL = 'Needs a full flash dump: this file is a bare ME/TXE image without a descriptor.';

export function defaultAdvanced() {
  return {
    disable: 'none', // 'none' | 'S' | 's'
    relocate: false,
    truncate: false,
    keep_modules: false,
    restrict_me_master: false,
    extract_descriptor: false,
    extract_me: false,
    listMode: 'none', // 'none' | 'whitelist' | 'blacklist'
    list: '',
  };
}

export function partitionNames(text) {
  return String(text ?? '').split(/[\s,]+/).filter(Boolean);
}

/** The engine's options object for a preset (and the advanced state). */
export function engineOptions(preset, advanced = defaultAdvanced()) {
  if (preset === 'recommended') return { soft_disable: true };
  if (preset === 'soft') return { soft_disable_only: true };
  if (preset === 'clean') return {};
  const a = advanced;
  const o = {
    soft_disable: a.disable === 'S',
    soft_disable_only: a.disable === 's',
    relocate: a.relocate,
    truncate: a.truncate,
    keep_modules: a.keep_modules,
    restrict_me_master: a.restrict_me_master,
    extract_descriptor: a.extract_descriptor,
    extract_me: a.extract_me,
  };
  const names = partitionNames(a.list);
  if (a.listMode === 'whitelist' && names.length) o.whitelist = names;
  if (a.listMode === 'blacklist' && names.length) o.blacklist = names;
  return o;
}

/** me_cleaner's command line for the options, for the report ("-S -r -t"). */
export function flagsOf(options) {
  const f = [];
  if (options.check_only) f.push('-c');
  if (options.soft_disable) f.push('-S');
  if (options.soft_disable_only) f.push('-s');
  if (options.relocate) f.push('-r');
  if (options.truncate) f.push('-t');
  if (options.keep_modules) f.push('-k');
  if (options.whitelist) f.push('-w', options.whitelist.join(','));
  if (options.blacklist) f.push('-b', options.blacklist.join(','));
  if (options.restrict_me_master) f.push('-d');
  if (options.extract_descriptor) f.push('-D');
  if (options.extract_me) f.push('-M');
  return f.join(' ');
}

/**
 * Why me_cleaner would refuse `options` for an image of `kind`, or '' when it would not.
 * Rules: -S and -s exclusive; -s with -r or -t refused; -w/-b with -r refused;
 * -w and -b exclusive; -d -D -M -S -s need a full image.
 */
export function refusal(options, kind) {
  if (options.soft_disable && options.soft_disable_only) return '-S and -s cannot be used together.';
  if (options.soft_disable_only && (options.relocate || options.truncate))
    return 'Soft-disable only (-s) cannot be combined with relocate (-r) or truncate (-t).';
  if (options.relocate && (options.whitelist || options.blacklist))
    return 'Relocate (-r) cannot be combined with a whitelist or blacklist (-w/-b).';
  if (options.whitelist && options.blacklist) return 'A whitelist (-w) and a blacklist (-b) cannot be used together.';
  const full = ['soft_disable', 'soft_disable_only', 'restrict_me_master', 'extract_descriptor', 'extract_me'];
  if (kind !== 'full' && full.some((k) => options[k])) return NEEDS_FULL;
  return '';
}

/** For each preset: the reason it is disabled for an image of `kind` ('' = available). */
export function presetReasons(kind) {
  const out = {};
  for (const p of PRESETS) out[p.id] = p.id === 'advanced' ? '' : refusal(engineOptions(p.id), kind);
  return out;
}

/** For each advanced control: the reason it is disabled given the other choices ('' = available). */
export function advancedReasons(a, kind) {
  const full = kind === 'full' ? '' : NEEDS_FULL;
  const hasList = a.listMode !== 'none' && partitionNames(a.list).length > 0;
  return {
    'disable-S': full,
    'disable-s': full || (a.relocate || a.truncate ? 'Soft-disable only (-s) cannot be combined with relocate (-r) or truncate (-t).' : ''),
    relocate: a.disable === 's' ? 'Relocate (-r) cannot be combined with soft-disable only (-s).'
      : hasList ? 'Relocate (-r) cannot be combined with a whitelist or blacklist (-w/-b).' : '',
    truncate: a.disable === 's' ? 'Truncate (-t) cannot be combined with soft-disable only (-s).' : '',
    keep_modules: '',
    restrict_me_master: full,
    extract_descriptor: full,
    extract_me: full,
    whitelist: a.relocate ? 'A whitelist (-w) cannot be combined with relocate (-r).' : '',
    blacklist: a.relocate ? 'A blacklist (-b) cannot be combined with relocate (-r).' : '',
  };
}

// ---------------------------------------------------------------------------
// The flash map

/**
 * Segments of the flash map, in file order, each { name, start, end (exclusive), kind }.
 * `kind` is 'descriptor' | 'bios' | 'me' | 'gbe' | 'pd' | 'other' | 'gap'.
 */
export function mapSegments(analysis, totalSize) {
  const total = totalSize ?? num(analysis?.size) ?? 0;
  const kinds = { 0: 'descriptor', 1: 'bios', 2: 'me', 3: 'gbe', 4: 'pd' };
  let segs;
  if (kindOf(analysis) === 'full') {
    segs = usedRegions(analysis)
      .map((r) => ({ name: r.name, start: r.base, end: Math.min(r.limit + 1, total), kind: kinds[r.index] ?? 'other', index: r.index }))
      .filter((s) => s.end > s.start)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    // A region that covers others (the z77 BIOS spans the whole chip) is drawn behind them.
  } else if (kindOf(analysis) === 'me_only') {
    segs = [{ name: 'ME/TXE firmware', start: 0, end: total, kind: 'me', index: 2 }];
  } else segs = [];
  return segs;
}

/** The FPT partitions as absolute ranges (for the map). */
export function partitionSegments(analysis) {
  const fw = firmware(analysis);
  if (!fw) return [];
  const base = fw.regionStart;
  return fw.entries
    .map((e) => ({ name: e.name, start: base + (num(e.offset) ?? 0), end: base + (num(e.offset) ?? 0) + (num(e.length) ?? 0) }))
    .filter((e) => e.end > e.start && (num(e.offset) ?? 0) !== 0xffffffff);
}

/** The plan's edits as absolute ranges ({ kind, start, end, reason }). */
export function editSegments(plan) {
  return list(plan?.edits).map((e) => {
    const offset = num(e.offset) ?? 0;
    const length = num(e.length) ?? (Array.isArray(e.bytes) ? e.bytes.length : 0);
    return { kind: e.kind, start: offset, end: offset + length, source: num(e.source), reason: e.reason ?? '', length };
  });
}

/**
 * The edits grouped for display: consecutive edits of the same kind and reason become one row
 * ({ kind, reason, count, start, end, bytes, items }), so 272 Huffman chunk fills read as one line.
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

export function fileStem(name) {
  const base = String(name || 'image').replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
