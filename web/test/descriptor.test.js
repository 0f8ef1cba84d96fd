// The Descriptor view's and the CSE section's model functions (issues 4 and 5).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  HAP_PLATFORMS, checks, compareRegions, componentRows, descriptorChecks, engineOptions, flagsOf,
  flashPlan, flashromCommand, hapApplies, hapReason, hapRefusal, hostCannotWrite, layoutText, mapRows,
  parseLayout, presetReasons, refusal, verdict,
} from '../src/model.js';

// The T420 16 MiB image's descriptor as the engine writes it (formats.md Appendix A regions).
const region = (index, name, base, limit, used = true) => ({ index, name, base, limit, used });
const T420 = {
  kind: 'full',
  size: 16 << 20,
  generation: 2,
  descriptor: {
    ifd_version: 1, flmap: [0x03040003, 0x12100206, 0x00210120], fcba: 0x30, frba: 0x40, fmba: 0x60, fpsba: 0x100, fmsba: 0x200,
    flmap3: null, flumap1: 0x12df,
    regions: [
      region(0, 'Flash Descriptor', 0, 0xfff),
      region(1, 'BIOS', 0x180000, 0xffffff),
      region(2, 'Intel ME', 0x3000, 0x17ffff),
      region(3, 'GbE', 0x1000, 0x2fff),
      region(4, 'Platform Data', 0x7fff000, 0xfff, false),
    ],
    masters: [
      { index: 1, name: 'BIOS', read: [0, 1, 3], write: [1, 3] },
      { index: 2, name: 'ME', read: [0, 2, 3], write: [2, 3] },
      { index: 3, name: 'GbE', read: [3], write: [3] },
    ],
    platform: { family: 'cougar_point', name: 'Cougar Point (6-series) / Panther Point (7-series)', sku: 'n/a', confidence: 'likely', rule: 'ICCRIBA < 0x31' },
    component: { present: true, flcomp: 0x4990002d, flill: 0, flill1_or_flpb: 0, chips: 1, four_bit_density: false, density: [16 << 20], total_size: 16 << 20,
      rows: [['Flash chips', '1 (3-bit density codes)'], ['Total flash', '16 MiB'], ['Read clock', '20 MHz (code 0)']] },
    vscc: [{ jid: 0x1720c2, vscc: 0x20052005 }],
    pch_straps: [0x4810d782], north_straps: [0],
  },
  descriptor_checks: [
    { code: 'ifd_signature', title: 'Signature', applicable: true, skipped_because: '', passed: true, findings: [] },
    { code: 'ifd_masters', title: 'Masters', applicable: true, skipped_because: '', passed: true,
      findings: [{ severity: 'info', code: 'descriptor_writable', message: 'unlocked', offset: 128 }] },
    { code: 'ifd_image_size', title: 'Image size', applicable: true, skipped_because: '', passed: false,
      findings: [{ severity: 'warning', code: 'image_size', message: 'smaller than the chips', offset: null }] },
    { code: 'ifd_regions_in_image', title: 'Regions inside', applicable: true, skipped_because: '', passed: false,
      findings: [{ severity: 'error', code: 'region_outside', message: 'BIOS reaches past the end', offset: 0x44 }] },
    { code: 'ifd_me_region_content', title: 'ME content', applicable: false, skipped_because: 'no ME region', passed: false, findings: [] },
  ],
  disable_bits: [],
  findings: [],
  problem: null,
};
const T420_LAYOUT = '00000000:00000fff fd\n00001000:00002fff gbe\n00003000:0017ffff me\n00180000:00ffffff bios\n';

describe('flashrom layout', () => {
  test('layoutText: used regions in address order, lower-case hex, inclusive, ifdtool names', () => {
    expect(layoutText(T420)).toBe(T420_LAYOUT);
    expect(layoutText([region(11, '10GbE 0', 0x10000, 0x1ffff), region(15, 'PTT', 0xa000, 0xafff)]))
      .toBe('0000a000:0000afff ptt\n00010000:0001ffff 10gbe0\n');
    expect(layoutText({ descriptor: null })).toBe('');
  });
  test('parseLayout reads it back', () => {
    const rs = parseLayout(T420_LAYOUT);
    expect(rs.map((r) => [r.index, r.name, r.base, r.limit])).toEqual([
      [0, 'fd', 0, 0xfff], [3, 'gbe', 0x1000, 0x2fff], [2, 'me', 0x3000, 0x17ffff], [1, 'bios', 0x180000, 0xffffff]]);
    expect(layoutText(rs)).toBe(T420_LAYOUT);
  });
});

describe('changed regions and the flashrom command', () => {
  const small = parseLayout('00000000:0000000f fd\n00000010:0000001f me\n00000020:0000003f bios\n');
  const before = new Uint8Array(0x40).fill(0xff);
  test('compareRegions names the regions whose bytes differ, in region order', () => {
    const after = before.slice();
    after[0x12] = 0;
    after[0x03] = 0;
    expect(compareRegions(small, before, after)).toEqual({ changed: ['fd', 'me'], unchanged: ['bios'], bytesOutside: 0, firstOutside: 0, sizeDiffers: false });
    expect(compareRegions(small, before, before.slice()).changed).toEqual([]);
  });
  test('bytes outside every region and a size change are reported', () => {
    const gap = parseLayout('00000000:0000000f fd\n00000020:0000003f bios\n');
    const after = before.slice();
    after[0x15] = 1;
    after[0x16] = 1;
    expect(compareRegions(gap, before, after)).toMatchObject({ changed: [], bytesOutside: 2, firstOutside: 0x15 });
    const shorter = compareRegions(small, before, before.slice(0, 0x30));
    expect(shorter.sizeDiffers).toBe(true);
    expect(shorter.changed).toEqual(['bios']);
  });
  test('flashromCommand is the CLI text', () => {
    expect(flashromCommand(['fd', 'me'], 'meclean.layout', 'x-meclean.bin'))
      .toBe('flashrom -p internal -l meclean.layout -i fd -i me -N -w x-meclean.bin');
  });
  test('flashPlan: the command and the note about the host master', () => {
    expect(hostCannotWrite(T420, ['fd', 'me', 'bios', 'gbe'])).toEqual(['fd', 'me']);
    const diff = { changed: ['fd', 'me'], unchanged: ['gbe', 'bios'], bytesOutside: 0, firstOutside: 0, sizeDiffers: false };
    const plan = flashPlan(T420, T420_LAYOUT, diff, 't420-meclean.bin');
    expect(plan.command).toBe('flashrom -p internal -l meclean.layout -i fd -i me -N -w t420-meclean.bin');
    expect(plan.locked).toEqual(['fd', 'me']);
    expect(plan.notes.join(' ')).toMatch(/external programmer/);
    const bios = flashPlan(T420, T420_LAYOUT, { ...diff, changed: ['bios'] }, 'x.bin');
    expect(bios.notes).toEqual([]);
    expect(flashPlan(T420, T420_LAYOUT, { ...diff, changed: [] }, 'x.bin').command).toBe('');
    expect(flashPlan(T420, T420_LAYOUT, { ...diff, sizeDiffers: true }, 'x.bin').command).toBe('');
  });
});

describe('descriptor dump and checks', () => {
  test('maps and component section', () => {
    const maps = Object.fromEntries(mapRows(T420.descriptor).map(([n, v, f]) => [n, [v, f]]));
    expect(maps.FLMAP1[1]).toMatch(/FPSBA 0x100, ISL 18/);
    expect(maps.FLUMAP1[1]).toMatch(/VTBA 0xdf0, VTL 18 dwords/);
    expect(maps.FLMAP3).toBeUndefined();
    // The engine's rows come first, framed by the raw FLCOMP and FLILL/FLPB words.
    const comp = componentRows(T420.descriptor);
    expect(comp[0]).toEqual(['FLCOMP', '0x4990002d']);
    expect(comp.slice(1, -2)).toEqual(T420.descriptor.component.rows);
    expect(comp.at(-1)[0]).toBe('FLPB');
    expect(componentRows({ component: { present: false } })).toEqual([['Component section', 'outside the file']]);
  });
  test('descriptorChecks: ok / warning / error / skipped; info findings do not fail a check', () => {
    expect(descriptorChecks(T420).map((c) => [c.code, c.status])).toEqual([
      ['ifd_signature', 'ok'], ['ifd_masters', 'ok'], ['ifd_image_size', 'warning'], ['ifd_regions_in_image', 'error'], ['ifd_me_region_content', 'skipped']]);
    const items = Object.fromEntries(checks(T420).map((c) => [c.id, c]));
    expect(items['ifd-ifd_regions_in_image'].state).toBe('fail');
    expect(items['ifd-ifd_regions_in_image'].detail).toMatch(/BIOS reaches past the end \(at 0x44\)/);
    expect(items['ifd-ifd_image_size'].state).toBe('warn');
    expect(items['ifd-ifd_me_region_content']).toMatchObject({ state: 'skip', detail: 'skipped: no ME region' });
  });
});

describe('CSME 12+ and HAP by platform', () => {
  const CSE = {
    kind: 'full', size: 32 << 20, generation: 0, me: null,
    descriptor: { ...T420.descriptor, platform: { family: 'alder_point_s', name: 'Alder Point-S', confidence: 'guess' } },
    descriptor_checks: [], disable_bits: [], findings: [],
    cse: {
      layout: 'CSE layout table 1.7', layout_offset: 0x1000, layout_crc_ok: true, version: '16.1.30.2307',
      build_target: 'AlderLake S Chipset - Consumer - SPI - B0', data_partition: { offset: 0x1a8000, header_version: 0x21, crc_ok: true, entries: [] },
      boot_partitions: [{ offset: 0x2000, version: 2, recovery: false, crc_ok: true, entries: [{ type: 2, name: 'FTPR', directory: { name: 'FTPR', integrity_ok: true, items: [] } }] }],
      manifest: { key_bits: 3072, signature: { me_cleaner_valid: false, strict_valid: true, scheme: 'RSA-3072 PSS SHA-384' } },
    },
    problem: { code: 'firmware_missing', message: 'The ME/TXE region is valid but the firmware is corrupted or missing', detail: '' },
  };
  test('the verdict says what it is', () => {
    const v = verdict(CSE);
    expect(v.title).toBe('CSME 16.1.30.2307 — me_cleaner cannot clean this; meclean can set HAP');
    expect(v.state).toBe('warn');
    expect(v.detail).toMatch(/AlderLake S.*RSA-3072 PSS SHA-384/);
    const items = Object.fromEntries(checks(CSE).map((c) => [c.id, c.state]));
    expect(items).toMatchObject({ 'cse-layout': 'ok', 'cse-version': 'ok', 'cse-bpdt': 'ok', 'cse-cpd': 'ok', 'cse-data': 'ok', signature: 'ok' });
    expect(items.fpt).toBeUndefined();
  });
  test('me_cleaner presets are disabled with the reason; HAP is offered', () => {
    const reasons = presetReasons('full', CSE);
    for (const id of ['recommended', 'soft', 'clean', 'advanced']) expect(reasons[id]).toMatch(/me_cleaner cannot process CSME 16\.1\.30\.2307/);
    expect(hapApplies(CSE)).toBe(true);
    expect(hapReason(CSE)).toBe('');
    expect(hapApplies(T420)).toBe(false);
    expect(hapReason(T420)).toMatch(/ME 11 and CSME 12\+/);
    expect(hapApplies({ ...T420, me: {}, generation: 3 })).toBe(true);
    expect(presetReasons('full', T420).recommended).toBe('');
  });
  test('engine options and flags for HAP', () => {
    const o = engineOptions('hap', undefined, { platform: 'auto', allowFdvOverride: false });
    expect(o).toEqual({ soft_disable_only: true, platform: 'auto' });
    expect(flagsOf(o)).toBe('-s --platform auto');
    const forced = engineOptions('hap', undefined, { platform: 'alder_point_s', allowFdvOverride: true });
    expect(flagsOf(forced)).toBe('-s --platform alder_point_s --force-fdv');
    expect(refusal(forced, 'full')).toBe('');
    expect(refusal({ platform: 'auto' }, 'me_only')).toMatch(/full flash dump/);
  });
  test('the platform list is core/hap_table.cpp\'s, in its order', () => {
    const source = readFileSync(new URL('../../core/hap_table.cpp', import.meta.url), 'utf8');
    const ids = [...source.matchAll(/^\s*\{"([a-z0-9_]+)", "/gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(10);
    expect(HAP_PLATFORMS.map((p) => p.id)).toEqual(ids);
  });
  test('a refusal in plain words, with the candidates', () => {
    const r = hapRefusal({
      code: 'platform_unidentified',
      message: 'Cannot tell where the HAP bit is on this platform: the descriptor says Gemini Lake',
      detail: 'Name the chipset with --platform ID if you know it.\nKnown locations:\n  sunrise_point: PCHSTRP0 bit 16 (Sunrise Point; confidence high)\n  alder_point_s: PCHSTRP55 bit 16 (Alder Point-S; confidence medium-high)',
    });
    expect(r.words).toMatch(/could not tell from the descriptor which chipset/);
    expect(r.detail).toBe('Name the chipset with --platform ID if you know it.');
    expect(r.candidates.map((c) => c.id)).toEqual(['sunrise_point', 'alder_point_s']);
    expect(hapRefusal({ code: 'fdv_covers_hap', message: 'm', detail: '' }).words).toMatch(/signed/);
    expect(hapRefusal(null)).toBeNull();
  });
});
