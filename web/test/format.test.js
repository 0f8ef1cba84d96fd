import { describe, expect, test } from 'vitest';
import { describe as words, editSegments, groupedEdits, hex, mapSegments, partitionSegments, size, textPosition, textReport } from '../src/format.js';
import { optionsOf } from '../src/session.js';

describe('numbers', () => {
  test('hex pads to the digits asked for', () => {
    expect(hex(0x1a7010)).toBe('0x1a7010');
    expect(hex(1, 4)).toBe('0x0001');
    expect(hex(undefined)).toBe('?');
  });
  test('sizes in MiB, KiB or bytes', () => {
    expect(size(16 << 20)).toBe('16 MiB');
    expect(size(1.5 * 1024 * 1024)).toBe('1.5 MiB');
    expect(size(0x18000)).toBe('96 KiB');
    expect(size(0x1000)).toBe('4 KiB');
    expect(size(1000)).toBe('1000 B');
  });
});

describe('refusals in words', () => {
  test("the engine's plain words win over me_cleaner's message", () => {
    expect(words({ message: "-s can't be used with -r or -t", detail: '', words: 'Setting only the bit leaves the firmware.' }))
      .toBe('Setting only the bit leaves the firmware.');
  });
  test('without plain words, message and detail', () => {
    expect(words({ message: 'Unknown image', detail: 'No descriptor.', words: '' })).toBe('Unknown image — No descriptor.');
    expect(words(null)).toBe('');
  });
});

const analysis = {
  size: 0x800000,
  kind: 'full',
  descriptor: {
    regions: [
      { index: 0, name: 'Flash Descriptor', base: 0, limit: 0xfff, used: true },
      { index: 1, name: 'BIOS', base: 0x500000, limit: 0x7fffff, used: true },
      { index: 2, name: 'ME', base: 0x3000, limit: 0x4fffff, used: true },
      { index: 3, name: 'GbE', base: 0x1000, limit: 0x2fff, used: true },
      { index: 4, name: 'PD', base: 0x7fff000, limit: 0xfff, used: false },
    ],
  },
  me: { region_start: 0x3000, fpt: { entries: [{ name: 'FTPR', offset: 0x1000, length: 0x2000 }, { name: 'NVKR', offset: 0xffffffff, length: 0x100 }, { name: 'EMPT', offset: 0, length: 0 }] } },
};

describe('the flash map', () => {
  test('used regions in file order, with their kind', () => {
    expect(mapSegments(analysis).map((s) => [s.kind, s.start, s.end])).toEqual([
      ['descriptor', 0, 0x1000], ['gbe', 0x1000, 0x3000], ['me', 0x3000, 0x500000], ['bios', 0x500000, 0x800000]]);
  });
  test('a bare ME image is one segment', () => {
    expect(mapSegments({ size: 100, kind: 'me' })).toEqual([{ name: 'ME/TXE firmware', start: 0, end: 100, kind: 'me' }]);
  });
  test('partitions as file ranges, without those that hold no data', () => {
    expect(partitionSegments(analysis)).toEqual([{ name: 'FTPR', start: 0x4000, end: 0x6000 }]);
  });
});

describe('the change table', () => {
  const plan = { edits: [
    { kind: 'fill', offset: 0x10, length: 0x10, reason: 'remove module A' },
    { kind: 'fill', offset: 0x40, length: 0x20, reason: 'remove module A' },
    { kind: 'write', offset: 0x100, length: 4, reason: 'set HAP' },
    { kind: 'resize', offset: 0, length: 0x1000, reason: 'truncate' },
    { kind: 'resize', offset: 0, length: 0x1000, reason: 'truncate' },
  ] };
  test('edits become file ranges', () => {
    expect(editSegments(plan)[1]).toMatchObject({ start: 0x40, end: 0x60, length: 0x20 });
  });
  test('consecutive edits of one kind and reason are one row; resizes never merge', () => {
    const groups = groupedEdits(plan);
    expect(groups.map((g) => [g.kind, g.count, g.start, g.end, g.bytes])).toEqual([
      ['fill', 2, 0x10, 0x60, 0x30], ['write', 1, 0x100, 0x104, 4], ['resize', 1, 0, 0x1000, 0x1000], ['resize', 1, 0, 0x1000, 0x1000]]);
  });
});

describe('the options the page sends', () => {
  const report = { presets: [
    { id: 'recommended', options: { soft_disable: true } },
    { id: 'hap', options: { soft_disable_only: true, platform: 'auto' } },
  ] };
  test("a preset sends the engine's own options for it", () => {
    expect(optionsOf(report, { preset: 'recommended' })).toEqual({ soft_disable: true });
  });
  test('HAP by platform sends the chosen chipset and the FDV choice', () => {
    expect(optionsOf(report, { preset: 'hap', platform: 'alder_point_s', allowFdv: true }))
      .toEqual({ soft_disable_only: true, platform: 'alder_point_s', allow_fdv_override: true });
  });
  test('Advanced sends what was picked; no preset sends nothing', () => {
    expect(optionsOf(report, { preset: 'advanced', advanced: { relocate: true } })).toEqual({ relocate: true });
    expect(optionsOf(report, { preset: null })).toBeNull();
  });
});

test('the text report lists every hash, or says it was not computed', () => {
  const text = textReport({ log: ['Full image detected'], request: { flags: '-S' } }, '0.1.0', [{ name: 'a.bin', sha256: 'ab' }, { name: 'b.bin', sha256: null }]);
  expect(text).toBe('Full image detected\n\nmeclean (web) 0.1.0, options: -S\nSHA-256:\n  ab  a.bin\n  (not computed)  b.bin\n');
});

describe('where a paste could not be read', () => {
  const text = 'ME Status   : 0x1e000255\nME Status 2 : 0xZZ\nlast';
  test('line and column (1-based) select one character', () => {
    expect(textPosition(text, 2, 15)).toEqual([39, 40]);
    expect(text.slice(39, 40)).toBe('0');
    expect(textPosition(text, 1, 1)).toEqual([0, 1]);
  });
  test('column 0 selects the whole line; a line past the end goes to the end', () => {
    expect(textPosition(text, 3, 0)).toEqual([44, 48]);
    expect(textPosition(text, 9, 3)).toEqual([48, 48]);
    expect(textPosition(text, 2, 99)).toEqual([43, 43]);
  });
  test('columns count UTF-8 bytes, as the engine does', () => {
    // "é" is 2 bytes and "𝄞" 4 bytes (two UTF-16 units): column 9 (byte 8) is the "x".
    const t = 'é 𝄞 x';
    const [from] = textPosition(t, 1, 9);
    expect(t.slice(from, from + 1)).toBe('x');
  });
});
