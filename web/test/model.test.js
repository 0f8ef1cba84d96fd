import { describe, expect, test } from 'vitest';
import {
  NEEDS_FULL, advancedReasons, checks, defaultAdvanced, describeProblem, engineOptions, fileStem, flagsOf,
  hex, masterAccess, num, presetReasons, refusal, size, verdict,
} from '../src/model.js';

describe('numbers', () => {
  test('num and hex', () => {
    expect(num('0x10')).toBe(16);
    expect(num(5)).toBe(5);
    expect(num(5n)).toBe(5);
    expect(num('x')).toBeUndefined();
    expect(hex(0x1a7010)).toBe('0x1a7010');
    expect(hex(1, 4)).toBe('0x0001');
    expect(size(16 << 20)).toBe('16 MiB');
    expect(size(0x1000)).toBe('4 KiB');
  });
  test('fileStem', () => {
    expect(fileStem('t420.bin')).toBe('t420');
    expect(fileStem('dump')).toBe('dump');
    expect(fileStem('a.b.rom')).toBe('a.b');
  });
  test('describeProblem names the offset once', () => {
    expect(describeProblem({ message: 'Unknown image', detail: '', offset: 16 })).toBe('Unknown image (at offset 0x10)');
    expect(describeProblem({ message: 'Truncated FPT at 0x10', offset: 16 })).toBe('Truncated FPT at 0x10');
  });
  test('masters from lists or masks', () => {
    expect(masterAccess({ index: 2, name: 'ME', read: [0, 2], write: [2] })).toEqual({ index: 2, name: 'ME', read: 5, write: 4 });
    expect(masterAccess({ index: 1, read_regions: 3, write_regions: 2 }).read).toBe(3);
  });
});

describe("me_cleaner's option rules", () => {
  test('refusals', () => {
    expect(refusal({ soft_disable: true, soft_disable_only: true }, 'full')).toMatch(/-S and -s/);
    expect(refusal({ soft_disable_only: true, relocate: true }, 'full')).toMatch(/-s/);
    expect(refusal({ soft_disable_only: true, truncate: true }, 'full')).toMatch(/-t/);
    expect(refusal({ relocate: true, whitelist: ['MFS'] }, 'full')).toMatch(/-r/);
    expect(refusal({ relocate: true, blacklist: ['MFS'] }, 'me_only')).toMatch(/-r/);
    expect(refusal({ whitelist: ['A'], blacklist: ['B'] }, 'full')).toMatch(/whitelist/);
    for (const k of ['soft_disable', 'soft_disable_only', 'restrict_me_master', 'extract_descriptor', 'extract_me'])
      expect(refusal({ [k]: true }, 'me_only')).toBe(NEEDS_FULL);
    expect(refusal({ relocate: true, truncate: true, keep_modules: true }, 'me_only')).toBe('');
    expect(refusal({ soft_disable: true, relocate: true, truncate: true, restrict_me_master: true }, 'full')).toBe('');
  });
  test('presets', () => {
    expect(presetReasons('full')).toEqual({ recommended: '', soft: '', clean: '', advanced: '' });
    const bare = presetReasons('me_only');
    expect(bare.recommended).toBe(NEEDS_FULL);
    expect(bare.soft).toBe(NEEDS_FULL);
    expect(bare.clean).toBe('');
    expect(flagsOf(engineOptions('recommended'))).toBe('-S');
    expect(flagsOf(engineOptions('soft'))).toBe('-s');
    expect(flagsOf(engineOptions('clean'))).toBe('');
  });
  test('advanced controls', () => {
    const a = { ...defaultAdvanced(), disable: 's' };
    expect(advancedReasons(a, 'full').relocate).toMatch(/-s/);
    expect(advancedReasons(a, 'full').truncate).toMatch(/-s/);
    const r = { ...defaultAdvanced(), relocate: true };
    expect(advancedReasons(r, 'full').whitelist).toMatch(/-r/);
    expect(advancedReasons(r, 'full')['disable-s']).toMatch(/-r/);
    const w = { ...defaultAdvanced(), listMode: 'whitelist', list: 'MFS' };
    expect(advancedReasons(w, 'full').relocate).toMatch(/whitelist/);
    expect(engineOptions('advanced', w)).toMatchObject({ whitelist: ['MFS'] });
    expect(flagsOf(engineOptions('advanced', { ...w, disable: 'S', truncate: true }))).toBe('-S -t -w MFS');
  });
});

describe('checklist', () => {
  test('an unknown file fails with the engine problem', () => {
    const a = { kind: 'unknown', size: 100, descriptor: null, me: null, findings: [], disable_bits: [],
      problem: { code: 'unknown_image', message: 'Unknown image', detail: '', offset: 16 } };
    const c = checks(a);
    expect(c[0]).toMatchObject({ id: 'descriptor', state: 'fail' });
    expect(verdict(a)).toMatchObject({ state: 'fail', detail: 'Unknown image (at offset 0x10)' });
  });
  test('a file the engine triaged is named in the verdict, with what to do', () => {
    const problem = { code: 'unknown_image', message: 'Unknown image', detail: 'This is a ZIP archive, not a flash image. Extract it.', offset: null };
    const zip = { kind: 'unknown', size: 100, findings: [], disable_bits: [], problem,
      triage: { kind: 'archive', what: 'This is a ZIP archive, not a flash image.', advice: 'Extract it.', embedded: null } };
    expect(verdict(zip)).toMatchObject({ state: 'fail', title: 'This is not a flash dump meclean can clean', detail: 'This is a ZIP archive, not a flash image. Extract it.' });
    const capsule = { ...zip, triage: { kind: 'capsule', what: 'A capsule.', advice: 'Work on it.', embedded: { offset: 0x800, length: 0x800000 } } };
    expect(verdict(capsule)).toMatchObject({ state: 'warn', title: 'Not a plain flash dump, but there is one inside' });
  });
  test('a bare ME image warns about the descriptor', () => {
    const a = { kind: 'me', size: 0x100000, descriptor: null, generation: 2, findings: [], disable_bits: [], problem: null,
      me: { region_start: 0, region_end: 0x100000, generation: 2, version: '7.1.80.1214', key_known: true, variant: 'ME', key_versions: '7.x.x.x',
        manifest: { tag: '$MN2', offset: 0x93000, signature: { me_cleaner_valid: true, strict_valid: true, scheme: 'x' } },
        fpt: { offset: 0x10, entries: [{ name: 'FTPR', offset: 0x93000, length: 0x75000 }] }, ftpr: { offset: 0x93000, length: 0x75000 }, modules: [] } };
    const byId = Object.fromEntries(checks(a).map((c) => [c.id, c.state]));
    expect(byId).toMatchObject({ descriptor: 'warn', fpt: 'ok', ftpr: 'ok', manifest: 'ok', version: 'ok', key: 'ok', signature: 'ok', disable: 'warn' });
    expect(verdict(a).state).toBe('warn');
  });
});
