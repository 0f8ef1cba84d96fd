// The malformed-input catalogue (tests/common/bad_input_catalogue.cpp) in the WebAssembly module:
// the same cases, the same expectations as the native gtest (tests/unit/bad_input_test.cpp).
// The native build writes the cases to a folder (tests/tools/write_bad_inputs.cpp: <name>.bin +
// manifest.json); MECLEAN_BAD_INPUTS names it (default build/bad-inputs; scripts/test-web sets it).
// Without it these tests fail when CI is set and are skipped otherwise.
//
// Each case goes through the bindings as the page's worker uses them (open → previewOpen /
// cleanOpen with the case's options), and through analyze/preview/clean. Every call must end in
// { ok: false } with the expected errorCode, the keyword in the error text and the expected
// errorOffset; no image, descriptor or ME copy; no exception (a trap is a crash); input unchanged.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleFactory } from '../node-module.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = resolve(process.env.MECLEAN_WASM_DIR ?? join(root, 'build-wasm/wasm'));
const folder = resolve(process.env.MECLEAN_BAD_INPUTS ?? join(root, 'build/bad-inputs'));
const manifest = join(folder, 'manifest.json');
const cases = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).cases : null;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** What one binding call must give back for case `c`; returns the differences as text. */
function mismatches(call, r, c) {
  const out = [];
  const say = (msg) => out.push(`${call}: ${msg}`);
  if (r.ok !== false) return [`${call}: accepted (ok = ${r.ok})`];
  if (r.errorCode !== c.code) say(`errorCode ${r.errorCode}, want ${c.code} (${r.error})`);
  if (!r.error.includes(c.keyword)) say(`"${c.keyword}" not named in: ${r.error}`);
  if (c.offset !== null && r.errorOffset !== c.offset)
    say(`errorOffset ${r.errorOffset === null ? 'null' : '0x' + r.errorOffset.toString(16)}, want 0x${c.offset.toString(16)}`);
  for (const k of ['image', 'descriptor', 'me']) if (r[k] !== null) say(`returned a ${k} buffer`);
  if (r.plan !== null) JSON.parse(r.plan); // the report must still be whole JSON
  JSON.parse(r.analysis);
  return out;
}

test('bad-input catalogue present', (t) => {
  if (cases) {
    assert.ok(cases.length >= 20, `only ${cases.length} cases in ${manifest}`);
    return;
  }
  const why = `no bad-input catalogue at ${folder} (the native build writes it: scripts/build-native)`;
  if (process.env.CI) assert.fail(`${why}; required when CI is set`);
  t.skip(`${why}: catalogue cases skipped`);
});

describe('bad-input catalogue in wasm', () => {
  let newModule;
  for (const c of cases ?? []) {
    test(c.name, async () => {
      newModule ??= await moduleFactory(wasmDir);
      const bytes = new Uint8Array(readFileSync(join(folder, c.file)));
      assert.equal(bytes.length, c.size, `${c.file}: size`);
      const before = sha256(bytes);
      // A fresh module per case: a trap leaves a module dead, and must fail this case only.
      const M = await newModule();
      const failures = [];
      const calls = [
        ['analyze', () => JSON.parse(M.analyze(bytes))],
        ['open', () => { JSON.parse(M.open(bytes)); }],
        ['previewOpen', () => failures.push(...mismatches('previewOpen', M.previewOpen(c.options), c))],
        ['cleanOpen', () => failures.push(...mismatches('cleanOpen', M.cleanOpen(c.options), c))],
        ['preview', () => failures.push(...mismatches('preview', M.preview(bytes, c.options), c))],
        ['clean', () => failures.push(...mismatches('clean', M.clean(bytes, c.options), c))],
      ];
      for (const [name, call] of calls) {
        try {
          call();
        } catch (err) {
          failures.push(`${name}: threw ${err?.name}: ${err?.message}`);
          if (err instanceof WebAssembly.RuntimeError) break; // the module is dead
        }
      }
      assert.equal(sha256(bytes), before, 'the input was modified');
      assert.deepEqual(failures, []);
    });
  }
});
