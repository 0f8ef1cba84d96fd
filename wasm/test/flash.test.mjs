// The flashing workflow through the bindings the page's worker uses (wasm/bindings.cpp):
//   join(first, second, firstName, secondName): the two chip reads of the corpus's two-chip images
//     (ThinkPad T440p and W541, 8 + 4 MiB, split into chip files by the CLI's `meclean split`), in
//     both orders: the CLI's `meclean join --json` answer, the whole image open afterwards (its check
//     is the CLI's check of the whole image), its bytes handed back; a refused join leaves the image
//     open before it open;
//   compare(reads): identical reads, a read with flipped bits, three reads: the CLI's `meclean compare --json`;
//   verify(written, readback): the image as written, and a read-back whose HAP/AltMeDisable bit the
//     firmware cleared: the CLI's `meclean verify --json`, with the outcome named.
// Every answer follows its schema (docs/schema/{join,compare,verify}.schema.json). The corpus and the
// CLI are required when CI is set; the cases on the sample image run without them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { moduleFactory } from '../node-module.mjs';
import {
  cleanupCorpus, cli, cliPath, cliReport, corpus, corpusInputs, haveCli, haveCorpus, inputPath, jsonDiff, reportValidator,
  required, root, schemaValidator, sha256, splitChips,
} from '../../tests/e2e/support.mjs';

const wasmDir = resolve(process.env.MECLEAN_WASM_DIR ?? join(root, 'build-wasm/wasm'));
const valid = Object.fromEntries(['join', 'compare', 'verify'].map((k) => [k, schemaValidator(`docs/schema/${k}.schema.json`)]));
const validReport = reportValidator();
const TWO_CHIP = ['full_me9.0_lenovo-t440p.bin', 'full_me10.0_lenovo-w541.bin'];

let M;
let sampleImage;
let tmp;
before(async () => {
  M = await (await moduleFactory(wasmDir))();
  const sampler = await (await moduleFactory(wasmDir, 'meclean-sample'))();
  sampleImage = () => sampler.sampleImage();
  tmp = mkdtempSync(join(tmpdir(), 'meclean-flash-'));
});
after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  cleanupCorpus();
});

const ready = (t) => required(t, haveCorpus, `no corpus at ${corpus}`) && required(t, haveCli, `no meclean CLI at ${cliPath}`);

function parsed(kind, json) {
  const answer = JSON.parse(json);
  assert.deepEqual(valid[kind](answer), [], `the ${kind} answer does not follow docs/schema/${kind}.schema.json`);
  assert.equal(answer.kind, kind);
  return answer;
}

/** Writes `bytes` as `name` in the temporary folder; returns the name (the CLI runs there). */
function file(name, bytes) {
  writeFileSync(join(tmp, name), bytes);
  return name;
}

/** The CLI's --json answer of `meclean <args>` run in the temporary folder, as text. */
const cliJson = async (args) => (await cli([...args.slice(0, 1), '--json', ...args.slice(1)], tmp)).stdout.trimEnd();

/** A copy of `bytes` with every n-th byte's lowest bit flipped from `from` on: a marginal clip. */
function flipped(bytes, from, count, step = 4099) {
  const out = Uint8Array.from(bytes);
  for (let i = 0; i < count; i++) out[from + i * step] ^= 0x01;
  return out;
}

/** A copy of the image whose check is `report` with every set disable bit cleared: what vendor firmware does. */
function bitsCleared(bytes, report) {
  const set = report.analysis.disable_bits.filter((b) => b.set);
  assert.ok(set.length > 0, 'no disable bit is set in the written image');
  const out = Uint8Array.from(bytes);
  for (const b of set) out[b.offset + (b.bit >> 3)] &= ~(1 << (b.bit & 7));
  return { readback: out, names: set.map((b) => b.name) };
}

describe('join: the two chip reads of one board', () => {
  for (const name of TWO_CHIP) {
    test(name, async (t) => {
      if (!ready(t)) return;
      const all = corpusInputs();
      const whole = readFileSync(inputPath(all.find((x) => x.name === name), all));
      const stem = name.replace(/\.bin$/, '');
      const { chips, split } = await splitChips(inputPath(all.find((x) => x.name === name), all), tmp, stem);
      assert.equal(split.files.length, 2);
      const [chip1, chip2] = chips.map((p) => readFileSync(p));
      assert.equal(chip1.length + chip2.length, whole.length);
      const names = split.files.map((f) => f.name);
      M.open(sampleImage(), 'meclean-sample.bin');
      for (const [a, b, swapped] of [[0, 1, false], [1, 0, true]]) {
        const reads = [chip1, chip2];
        const answer = M.join(Uint8Array.from(reads[a]), Uint8Array.from(reads[b]), names[a], names[b]);
        const joined = parsed('join', answer.join);
        assert.equal(joined.error, 'none');
        assert.equal(joined.swapped, swapped);
        assert.equal(joined.headline.state, 'ok');
        assert.equal(answer.join, await cliJson(['join', '-O', `joined-${a}${b}.bin`, names[a], names[b]]), 'differs from meclean join --json');
        assert.equal(sha256(readFileSync(join(tmp, `joined-${a}${b}.bin`))), sha256(whole));
        assert.ok(answer.image instanceof Uint8Array);
        assert.equal(sha256(answer.image), sha256(whole), 'the joined image is not the whole flash');
        // The whole image is open now, named after the read of chip 1, and checked as the CLI checks it.
        const opened = JSON.parse(answer.report);
        assert.deepEqual(validReport(opened), []);
        assert.equal(opened.input.name, `${stem}-chip1-joined.bin`);
        assert.equal(opened.input.size, whole.length);
        const want = await cliReport(inputPath(all.find((x) => x.name === name), all), opened.input.name, { check_only: true });
        assert.deepEqual(jsonDiff(opened, want), [], 'the check of the joined image differs from the CLI\'s');
        assert.equal(JSON.parse(M.report({ soft_disable: true })).input.name, opened.input.name);
      }
      // Refused: two reads of chip 1, two of chip 2. The image open before stays open.
      for (const [a, b, error] of [[chip1, chip1, 'two_descriptors'], [chip2, chip2, 'no_descriptor']]) {
        const answer = M.join(Uint8Array.from(a), Uint8Array.from(b), 'a.bin', 'b.bin');
        const refused = parsed('join', answer.join);
        assert.equal(refused.error, error);
        assert.equal(refused.headline.state, 'fail');
        assert.match(refused.problem.message, /two reads of the (first|same) chip/);
        assert.equal(answer.report, null);
        assert.equal(answer.image, null);
        assert.equal(JSON.parse(M.report({})).input.name, `${stem}-chip1-joined.bin`);
      }
    });
  }

  test('one chip: nothing to join (sample image)', () => {
    M.open(sampleImage(), 'meclean-sample.bin');
    const image = sampleImage();
    const answer = M.join(image, new Uint8Array(4096).fill(0xff), 'sample.bin', 'blank.bin');
    const refused = parsed('join', answer.join);
    assert.ok(['already_whole', 'one_chip_flash'].includes(refused.error), refused.error);
    assert.equal(answer.report, null);
    assert.equal(JSON.parse(M.report({})).input.name, 'meclean-sample.bin');
  });
});

describe('compare: reads of one chip', () => {
  test('sample image: identical, a flipped bit, three reads', async (t) => {
    const withCli = required(t, haveCli, `no meclean CLI at ${cliPath}`);
    const image = sampleImage();
    const same = parsed('compare', M.compare([image, Uint8Array.from(image)]));
    assert.equal(same.identical, true);
    assert.equal(same.headline.state, 'ok');
    const bad = flipped(image, 0x1000, 40);
    const differ = parsed('compare', M.compare([image, bad]));
    assert.equal(differ.identical, false);
    assert.equal(differ.headline.state, 'fail');
    assert.match(differ.headline.title, /do not clean yet/);
    assert.ok(differ.patterns.includes('bit_flips'), differ.patterns.join(' '));
    // Three reads, the flipped one first: the two that agree are the reference.
    const three = parsed('compare', M.compare([bad, image, Uint8Array.from(image)]));
    assert.equal(three.reference, 1);
    assert.deepEqual(three.differences.map((d) => d.read), [0]);
    if (!withCli) return;
    const [a, b, c] = [file('read1.bin', image), file('read2.bin', image), file('read3.bin', bad)];
    assert.equal(M.compare([image, Uint8Array.from(image)]), await cliJson(['compare', a, b]));
    assert.equal(M.compare([image, bad]), await cliJson(['compare', a, c]));
    assert.equal(M.compare([bad, image, Uint8Array.from(image)]), await cliJson(['compare', c, a, b]));
  });

  test('a T440p chip read with flipped bits: the ranges fall in the regions the CLI names', async (t) => {
    if (!ready(t)) return;
    const all = corpusInputs();
    const { chips } = await splitChips(inputPath(all.find((x) => x.name === TWO_CHIP[0]), all), tmp, 'full_me9.0_lenovo-t440p');
    const chip1 = readFileSync(chips[0]);
    const bad = flipped(chip1, 0x3100, 300, 0x1003);
    const json = M.compare([Uint8Array.from(chip1), bad]);
    const differ = parsed('compare', json);
    assert.equal(differ.headline.state, 'fail');
    assert.ok(differ.differences[0].diff.ranges.some((r) => r.region === 2), 'no range in the ME region');
    assert.match(differ.checks.find((c) => c.state === 'fail').detail, /\(Intel ME region\)/);
    assert.equal(json, await cliJson(['compare', chips[0], file('chip1-bad.bin', bad)]));
  });
});

describe('verify: the written image and its read-back', () => {
  test('sample image cleaned with -S: as written; HAP/AltMeDisable cleared by the firmware', async (t) => {
    const withCli = required(t, haveCli, `no meclean CLI at ${cliPath}`);
    M.open(sampleImage(), 'meclean-sample.bin');
    const written = M.clean({ soft_disable: true }).image;
    const check = JSON.parse(M.open(written, 'written.bin'));
    const same = parsed('verify', M.verify(written, Uint8Array.from(written)));
    assert.deepEqual(same.outcomes, ['identical']);
    assert.equal(same.me_state_as_written, true);
    const { readback, names } = bitsCleared(written, check);
    const json = M.verify(written, readback);
    const cleared = parsed('verify', json);
    assert.ok(cleared.outcomes.includes('disable_bit_cleared'), cleared.outcomes.join(' '));
    assert.equal(cleared.me_state_as_written, false);
    assert.equal(cleared.headline.state, 'fail');
    assert.deepEqual(cleared.cleared_bits.map((b) => b.name), names);
    assert.ok(cleared.checks.some((c) => c.id === 'disable_bit_cleared' && c.title === `${names[0]} was cleared`));
    if (!withCli) return;
    assert.equal(json, await cliJson(['verify', file('written.bin', written), file('readback.bin', readback)]));
  });

  test('bad arguments are TypeErrors; the module stays usable', () => {
    const image = sampleImage();
    assert.throws(() => M.join([1], image, 'a', 'b'), { name: 'TypeError', message: /Uint8Array/ });
    assert.throws(() => M.join(image, image, 5, 'b'), { name: 'TypeError', message: /name/ });
    assert.throws(() => M.compare(image), { name: 'TypeError', message: /array/ });
    assert.throws(() => M.compare([image, 'x']), { name: 'TypeError', message: /Uint8Array/ });
    assert.throws(() => M.verify(image, null), { name: 'TypeError', message: /Uint8Array/ });
    assert.equal(parsed('compare', M.compare([image])).headline.state, 'fail', 'one read: the engine says two are needed');
  });
});
