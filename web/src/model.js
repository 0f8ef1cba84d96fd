// Pure functions from the engine's JSON to what the page shows, and the option rules.
// No DOM here: test/model.test.js runs these under vitest.

import { LAYOUT_NAMES, layoutName } from './flash-layout.js';

export { LAYOUT_NAMES, compareRegions, layoutName, parseLayout } from './flash-layout.js';

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
const SKIP = 'skip';

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

  // 1b. The descriptor checks of formats.md §1.9 (analysis.descriptor_checks)
  const STATE = { ok: OK, warning: WARN, error: FAIL, skipped: SKIP };
  for (const c of descriptorChecks(analysis))
    add(`ifd-${c.code}`, STATE[c.status], c.title, c.status === 'skipped' ? `skipped: ${c.detail}` : c.detail);

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

  if (analysis?.cse) {
    cseChecks(analysis.cse, add);
    disableChecks(analysis, kind, add);
    return out;
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

  disableChecks(analysis, kind, add);
  return out;
}

// 10. HAP / AltMeDisable
function disableChecks(analysis, kind, add) {
  const bits = list(analysis?.disable_bits);
  if (bits.length)
    for (const b of bits)
      add(`disable-${b.name}`, OK, `${b.name} bit ${b.set ? 'set' : 'not set'}`,
        `${b.strap ?? ''} bit ${num(b.bit) ?? '?'} at ${hex(b.offset)}${b.set ? ': the ME is already asked to disable itself' : ''}`);
  else if (kind === 'full' && hapApplies(analysis))
    add('disable', WARN, 'The HAP bit\'s place depends on the chipset', 'me_cleaner\'s fixed PCHSTRP0 does not apply here: use "Set HAP for this platform" (-s --platform).');
  else if (kind === 'full') add('disable', WARN, 'No HAP/AltMeDisable bit known for this platform', '');
  else if (kind === 'me_only') add('disable', WARN, 'HAP/AltMeDisable not available', 'The bit lives in the flash descriptor, which a bare ME image lacks.');
}

/** Checklist items for CSME 12+ / IFWI firmware (analysis.cse). */
function cseChecks(cse, add) {
  const name = cseName(cse);
  const crc = (v) => (v === true ? 'CRC ok' : v === false ? 'CRC wrong' : 'no CRC');
  const crcState = (v) => (v === false ? FAIL : OK);
  add('cse-layout', crcState(cse.layout_crc_ok), `${cse.layout || 'CSE layout'} found`, `at ${hex(cse.layout_offset)}, ${crc(cse.layout_crc_ok)}`);
  add('cse-version', cse.version ? OK : WARN, cse.version ? `${name} firmware ${cse.version}` : 'Firmware version unknown', cse.build_target ?? '');
  const bps = list(cse.boot_partitions);
  const badBp = bps.filter((b) => b.crc_ok === false);
  add('cse-bpdt', !bps.length ? FAIL : badBp.length ? FAIL : OK, `${bps.length} boot partition${bps.length === 1 ? '' : 's'} (BPDT)`,
    bps.map((b) => `${hex(b.offset)}${b.recovery ? ' (recovery)' : ''}: v${b.version}, ${list(b.entries).length} entries, ${crc(b.crc_ok)}`).join('; '));
  const dirs = bps.flatMap((b) => list(b.entries)).map((e) => e.directory).filter(Boolean);
  const badDirs = dirs.filter((d) => d.integrity_ok === false);
  if (dirs.length)
    add('cse-cpd', badDirs.length ? FAIL : OK, `${dirs.length} $CPD director${dirs.length === 1 ? 'y' : 'ies'}`,
      badDirs.length ? `integrity check failed: ${badDirs.map((d) => d.name).join(', ')}` : 'all pass their integrity check');
  const dp = cse.data_partition;
  if (dp) add('cse-data', crcState(dp.crc_ok), 'Data partition ($FPT)', `at ${hex(dp.offset)}, ${list(dp.entries).length} entries, ${crc(dp.crc_ok)}`);
  const m = cse.manifest;
  if (!m) add('cse-manifest', FAIL, 'No FTPR manifest', '');
  else {
    const sig = m.signature ?? {};
    const valid = sig.strict_valid || sig.me_cleaner_valid;
    add('signature', valid ? OK : FAIL, valid ? 'FTPR manifest signature valid' : 'FTPR manifest signature not valid',
      `${sig.scheme ?? ''}${m.key_bits ? `, ${m.key_bits}-bit key` : ''}${m.key_sha256 ? `, key SHA-256 ${String(m.key_sha256).slice(0, 16)}…` : ''}`);
  }
}

/** The headline: { state, title, detail }. */
export function verdict(analysis) {
  const kind = kindOf(analysis);
  const fw = firmware(analysis);
  const version = fw?.version && fw.version !== '0.0.0.0' ? fw.version : '';
  const errors = list(analysis?.findings).filter((f) => f.severity === 'error');
  const warnings = list(analysis?.findings).filter((f) => f.severity === 'warning');
  const cse = analysis?.cse;
  if (cse) {
    const what = `${cseName(cse)} ${cse.version || '(version unknown)'}`;
    const sig = cse.manifest?.signature;
    const facts = [cse.build_target, cse.layout, sig ? `FTPR signature ${sig.strict_valid || sig.me_cleaner_valid ? 'valid' : 'NOT valid'} (${sig.scheme})` : '']
      .filter(Boolean).join(' · ');
    const canHap = hapApplies(analysis);
    const hapWords = canHap ? ' Setting the HAP bit for this platform is offered.' : ' The HAP bit needs a full flash dump with its descriptor.';
    if (!analysis.problem) // e.g. an IFWI image whose ME region me_cleaner sees as disabled: its options run as they would there
      return { state: WARN, title: `${what}${canHap ? ' — meclean can set HAP' : ''}`, detail: `${facts}. me_cleaner's options run here as me_cleaner would run them, which is not cleaning CSE firmware.${hapWords}` };
    return {
      state: WARN,
      title: `${what} — me_cleaner cannot clean this${canHap ? '; meclean can set HAP' : ''}`,
      detail: `${facts}. Removing partitions or modules is not offered on CSME 12 and later.${hapWords}`,
    };
  }
  const triage = analysis?.triage;
  if (analysis?.problem && triage) // the engine names what was dropped instead of a dump
    return triage.embedded
      ? { state: WARN, title: 'Not a plain flash dump, but there is one inside', detail: `${triage.what} ${triage.advice}` }
      : { state: FAIL, title: 'This is not a flash dump meclean can clean', detail: `${triage.what} ${triage.advice}` };
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
export function engineOptions(preset, advanced = defaultAdvanced(), hap = { platform: 'auto', allowFdvOverride: false }) {
  if (preset === 'hap') return hapOptions(hap.platform, hap.allowFdvOverride);
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
  if (options.platform) f.push('--platform', options.platform);
  if (options.allow_fdv_override) f.push('--force-fdv');
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
  const full = ['soft_disable', 'soft_disable_only', 'restrict_me_master', 'extract_descriptor', 'extract_me', 'platform'];
  if (kind !== 'full' && full.some((k) => options[k])) return NEEDS_FULL;
  return '';
}

/** "Set HAP for this platform" (-s --platform): offered on ME 11 and CSME 12+ full images only. */
export const HAP_PRESET = { id: 'hap', label: 'Set HAP for this platform', flags: '-s --platform', help: 'Only set the HAP bit where this chipset keeps it (identified from the descriptor, or chosen below); nothing else changes.' };

/**
 * For each preset: the reason it is disabled for an image of `kind` ('' = available).
 * With the analysis, me_cleaner's presets (and Advanced) are disabled on CSE images.
 */
export function presetReasons(kind, analysis = null) {
  const out = {};
  const cse = meCleanerRefusal(analysis);
  for (const p of PRESETS) out[p.id] = cse || (p.id === 'advanced' ? '' : refusal(engineOptions(p.id), kind));
  return out;
}

/** Why "Set HAP for this platform" is unavailable ('' = available). */
export function hapReason(analysis) {
  if (kindOf(analysis) !== 'full') return NEEDS_FULL;
  return hapApplies(analysis) ? '' : 'HAP by platform applies to ME 11 and CSME 12+ firmware; for older firmware use -s.';
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

// ---------------------------------------------------------------------------
// The flash descriptor (issue 4): layout names, the flashrom layout file, changed regions

const hex8 = (n) => (n >>> 0).toString(16).padStart(8, '0');

/**
 * The flashrom layout file for a list of regions ({ index, base, limit, used }) or an analysis:
 * "00000000:00000fff fd\n…", used regions in address order, lower-case hex, inclusive —
 * what `meclean ifd --layout` writes (core/flash_layout.cpp).
 */
export function layoutText(regionsOrAnalysis) {
  const rs = Array.isArray(regionsOrAnalysis) ? regionsOrAnalysis : regions(regionsOrAnalysis);
  return rs
    .filter((r) => r.used)
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.base - b.r.base || a.i - b.i) // stable, as std::stable_sort
    .map(({ r }) => `${hex8(r.base)}:${hex8(r.limit)} ${layoutName(r.index)}\n`)
    .join('');
}

/** "flashrom -p internal -l meclean.layout -i fd -i me -N -w cleaned.bin" (flashrom_write_command). */
export function flashromCommand(names, layoutFile, imageFile, programmer = 'internal') {
  return `flashrom -p ${programmer} -l ${layoutFile}${names.map((n) => ` -i ${n}`).join('')} -N -w ${imageFile}`;
}

/** The layout names among `names` that the host master (the first one, FLMSTR1) may not write. */
export function hostCannotWrite(analysis, names) {
  const host = masters(analysis)[0];
  return names.filter((n) => {
    const index = LAYOUT_NAMES.indexOf(n);
    return !host || index < 0 || !((host.write >> index) & 1);
  });
}

/**
 * What to tell the user about writing the cleaned image with flashrom:
 * { layout, command, changed, unchanged, locked, note, sizeDiffers, bytesOutside, firstOutside }.
 * `diff` is compareRegions(); `layout` the layout file text; names as the page downloads them.
 */
export function flashPlan(analysis, layout, diff, imageFile, layoutFile = 'meclean.layout') {
  const out = { layout, layoutFile, imageFile, ...diff, command: '', locked: [], notes: [] };
  if (diff.sizeDiffers) {
    out.notes.push(`The cleaned image is not the size of the original: flashrom writes images of the chip's size only.`);
    return out;
  }
  if (diff.bytesOutside > 0)
    out.notes.push(`${diff.bytesOutside} differing bytes lie outside every region (the first at ${hex(diff.firstOutside)}): writing regions will not carry them; write the whole image instead: flashrom -p internal -w ${imageFile}`);
  if (!diff.changed.length) {
    out.notes.push('The regions are identical: there is nothing to write.');
    return out;
  }
  out.command = flashromCommand(diff.changed, layoutFile, imageFile);
  out.locked = hostCannotWrite(analysis, diff.changed);
  if (out.locked.length)
    out.notes.push(`On this board the host may not write ${out.locked.join(', ')} (FLMSTR1), so -p internal will fail there; use an external programmer (e.g. -p ch341a_spi) for those regions.`);
  return out;
}

// ---------------------------------------------------------------------------
// Descriptor details: the dump and the checks

const FAMILIES_500_PLUS = ['tiger_point', 'alder_point_s', 'alder_point_p', 'alder_point_n', 'meteor_lake', 'panther_lake', 'wildcat_lake', 'nova_lake'];

/** The component section in rows of [label, value]: the engine's own words (component.rows). */
export function componentRows(descriptor) {
  const c = descriptor?.component;
  if (!c) return [];
  if (!c.present) return [['Component section', 'outside the file']];
  const rows = [['FLCOMP', hex(num(c.flcomp) ?? 0, 8)], ...list(c.rows)];
  rows.push(['FLILL', hex(c.flill, 8)]);
  rows.push([num(descriptor.ifd_version) === 2 ? 'FLILL1' : 'FLPB', hex(c.flill1_or_flpb, 8)]);
  return rows;
}

/** FLMAP0–3 and FLUMAP1 with their fields, as rows of [register, value, fields]. */
export function mapRows(descriptor) {
  if (!descriptor) return [];
  const [m0, m1, m2] = list(descriptor.flmap).map((v) => num(v) ?? 0);
  const late = FAMILIES_500_PLUS.includes(descriptor.platform?.family);
  const rows = [
    ['FLMAP0', m0, `FCBA ${hex(descriptor.fcba)}, NC ${(m0 >>> 8) & 3} (components − 1), FRBA ${hex(descriptor.frba)}, NR ${(m0 >>> 24) & 7}`],
    ['FLMAP1', m1, `FMBA ${hex(descriptor.fmba)}, NM ${(m1 >>> 8) & 7}, FPSBA ${hex(descriptor.fpsba)}, ISL ${(m1 >>> 24) & 0xff}`],
    ['FLMAP2', m2, `FMSBA ${hex(descriptor.fmsba)}, MSL ${(m2 >>> 8) & 0xff}, ` +
      (late ? `CSSO ${hex((m2 >>> 2) & 0x3ff)}, CSSL ${hex((m2 >>> 16) & 0xff)}` : `ICCRIBA ${hex((m2 >>> 16) & 0xff)}, RIL ${hex(m2 >>> 24)}`)],
  ];
  const m3 = num(descriptor.flmap3);
  if (m3 !== undefined && descriptor.flmap3 !== null) rows.push(['FLMAP3', m3, `revision ${m3 >>> 21}.${(m3 >>> 14) & 0x7f}`]);
  const u1 = num(descriptor.flumap1) ?? 0;
  rows.push(['FLUMAP1', u1, `VTBA ${hex((u1 & 0xff) << 4)}, VTL ${(u1 >>> 8) & 0xff} dwords, MDTBA ${hex(u1 >>> 24)}`]);
  return rows;
}

/**
 * analysis.descriptor_checks as [{ code, title, status: 'ok'|'warning'|'error'|'skipped', findings, detail }].
 * Info findings (e.g. "the descriptor is unlocked") do not fail a check.
 */
export function descriptorChecks(analysis) {
  return list(analysis?.descriptor_checks).map((c) => {
    const findings = list(c.findings).map((f) => ({ severity: f.severity, code: f.code, message: f.message ?? '', offset: num(f.offset) }));
    let status = 'ok';
    if (c.applicable === false) status = 'skipped';
    else if (findings.some((f) => f.severity === 'error')) status = 'error';
    else if (findings.some((f) => f.severity === 'warning') || c.passed === false) status = 'warning';
    const detail = status === 'skipped' ? (c.skipped_because ?? '')
      : findings.map((f) => `${f.message}${f.offset !== undefined ? ` (at ${hex(f.offset)})` : ''}`).join('; ');
    return { code: c.code, title: c.title ?? c.code, status, findings, detail };
  });
}

// ---------------------------------------------------------------------------
// CSME 12+ / IFWI (issue 5) and HAP by platform

/**
 * The HAP locations meclean knows, as in core/hap_table.cpp (the one list in the page):
 * { id, name, confidence }. Locations below medium confidence are refused by the engine.
 */
export const HAP_PLATFORMS = [
  { id: 'sunrise_point', name: 'Sunrise Point / Union Point (100/200-series)', confidence: 'high' },
  { id: 'comet_lake_v', name: 'Comet Lake-V (400-series "V" PCH)', confidence: 'medium' },
  { id: 'cannon_point_h', name: 'Cannon Point-H (300-series desktop, CFL-H)', confidence: 'medium' },
  { id: 'cannon_point_lp', name: 'Cannon Point-LP (WHL/CFL-U)', confidence: 'medium' },
  { id: 'ice_point_lp', name: 'Ice Point-LP (Ice Lake)', confidence: 'low' },
  { id: 'jasper_lake', name: 'Jasper Lake', confidence: 'medium' },
  { id: 'comet_point_lp', name: 'Comet Point-LP (CML-U)', confidence: 'medium-high' },
  { id: 'comet_point_h', name: 'Comet Point-H (CML-S desktop)', confidence: 'medium' },
  { id: 'tiger_point_lp', name: 'Tiger Point-LP (TGL UP3/UP4)', confidence: 'medium' },
  { id: 'tiger_point_h', name: 'Tiger Point-H (500-series desktop, RKL/TGL-H)', confidence: 'medium-high' },
  { id: 'alder_point_p', name: 'Alder Point-P/M (ADL-P, RPL-P/H on ADP-P)', confidence: 'medium-high' },
  { id: 'alder_point_n', name: 'Alder Lake-N (N100 and others)', confidence: 'low-medium' },
  { id: 'alder_point_s', name: 'Alder Point-S / Raptor Point-S (600/700-series desktop)', confidence: 'medium-high' },
  { id: 'meteor_lake', name: 'Meteor Lake U/H', confidence: 'low-medium' },
];

/** "CSME" or "CSTXE" (TXE 3/4 on Apollo/Gemini Lake) from the CSE version "16.1.30.2307". */
export function cseName(cse) {
  const major = parseInt(String(cse?.version ?? ''), 10);
  return Number.isFinite(major) && major <= 4 ? 'CSTXE' : 'CSME';
}

/** Whether the page offers "Set HAP for this platform" (-s --platform): a full image with ME 11 or CSE firmware. */
export function hapApplies(analysis) {
  if (kindOf(analysis) !== 'full' || !analysis?.descriptor) return false;
  return !!analysis.cse || (!!analysis.me && num(analysis.generation) === 3);
}

/** The engine's options for "Set HAP for this platform". */
export function hapOptions(platform = 'auto', allowFdvOverride = false) {
  const o = { soft_disable_only: true, platform: platform || 'auto' };
  if (allowFdvOverride) o.allow_fdv_override = true;
  return o;
}

/** Reason the me_cleaner presets are disabled on a CSE image ('' when they are not). */
export function meCleanerRefusal(analysis) {
  if (!analysis?.cse || !analysis.problem) return '';
  return `me_cleaner cannot process ${cseName(analysis.cse)} ${analysis.cse.version ?? ''} firmware (${analysis.problem.message}); only the HAP bit can be set.`.replace(/\s+\(/, ' (');
}

const REFUSAL_WORDS = {
  platform_unidentified: 'meclean could not tell from the descriptor which chipset this board has, so it does not know which strap holds the HAP bit. If you know the chipset (see your board\'s specification), choose it from the list.',
  hap_location_uncertain: 'Where this chipset keeps the HAP bit is known only from weak sources, so meclean will not write it.',
  fdv_covers_hap: 'This descriptor is signed (Flash Descriptor Verification) and the signature covers the HAP byte: after the change the board may refuse to boot. You can allow the edit explicitly, at your own risk.',
  platform_firmware_mismatch: 'The chosen chipset does not match the firmware in the ME region; check the choice.',
  platform_unknown: 'meclean does not know this platform id.',
  platform_not_applicable: 'HAP by platform applies to ME 11 and later only.',
};

/**
 * The engine's refusal of a platform HAP request in plain words:
 * { code, title, words, detail (text without the candidate list), candidates: [{ id, text }] }.
 */
export function hapRefusal(problem) {
  if (!problem) return null;
  const lines = String(problem.detail ?? '').split('\n');
  const candidates = [];
  const rest = [];
  let inList = false;
  for (const line of lines) {
    const m = /^\s+([a-z0-9_]+): (.*)$/.exec(line);
    if (inList && m) candidates.push({ id: m[1], text: m[2] });
    else if (/^Known locations:/.test(line)) inList = true;
    else if (line.trim()) rest.push(line);
  }
  return { code: problem.code, title: problem.message, words: REFUSAL_WORDS[problem.code] ?? '', detail: rest.join(' '), candidates };
}
