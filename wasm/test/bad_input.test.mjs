// The malformed-input catalogue (tests/common/bad_input_catalogue.cpp) in the WebAssembly module:
// the same cases, the same expectations as the native gtest (tests/unit/bad_input_test.cpp).
// The native build writes the cases to a folder (tests/tools/write_bad_inputs.cpp: <name>.bin +
// manifest.json); MECLEAN_BAD_INPUTS names it (default build/bad-inputs; scripts/test-web sets it).
// Without it these tests fail when CI is set and are skipped otherwise.
//
// Each case goes through the bindings as the page's worker uses them: open(bytes, name) (the check,
// whose report must be whole, valid JSON), then report(options) and clean(options) with the case's
// options. Both must carry a refusal with the expected code, the keyword in its message or detail
// and the expected offset; clean() must hand back no image, descriptor or ME copy; nothing may
// throw (a trap is a crash); every report validates against docs/report.schema.json; the caller's
// bytes are unchanged.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { moduleFactory } from '../node-module.mjs';
import { reportValidator, required, root, sha256 } from '../../tests/e2e/support.mjs';

const wasmDir = resolve(process.env.MECLEAN_WASM_DIR ?? join(root, 'build-wasm/wasm'));
const folder = resolve(process.env.MECLEAN_BAD_INPUTS ?? join(root, 'build/bad-inputs'));
const manifest = join(folder, 'manifest.json');
const cases = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).cases : null;
const validate = reportValidator();

/** What one report must say for case `c`; returns the differences as text. */
function mismatches(call, report, c) {
  const out = [];
  const say = (msg) => out.push(`${call}: ${msg}`);
  out.push(...validate(report).map((e) => `${call}: schema: ${e}`));
  const p = report.refusal;
  if (!p) return [...out, `${call}: accepted (no refusal)`];
  if (p.code !== c.code) say(`code ${p.code}, want ${c.code} (${p.message})`);
  if (!p.message) say('no message');
  if (!p.words) say('no plain words');
  if (!`${p.message} ${p.detail}`.includes(c.keyword)) say(`"${c.keyword}" not named in: ${p.message} ${p.detail}`);
  if (c.offset !== null && p.offset !== c.offset)
    say(`offset ${p.offset === null ? 'null' : '0x' + p.offset.toString(16)}, want 0x${c.offset.toString(16)}`);
  if (report.plan?.edits.length) say(`${report.plan.edits.length} edits planned`);
  if (report.outputs.length) say(`outputs listed: ${report.outputs.map((o) => o.name).join(', ')}`);
  return out;
}

test('bad-input catalogue present', (t) => {
  const why = `no bad-input catalogue at ${folder} (the native build writes it: scripts/build-native)`;
  if (!required(t, cases, why)) return;
  assert.ok(cases.length >= 20, `only ${cases.length} cases in ${manifest}`);
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
        ['open', () => {
          const opened = JSON.parse(M.open(bytes, c.file));
          failures.push(...validate(opened).map((e) => `open: schema: ${e}`));
          assert.equal(opened.input.size, c.size);
        }],
        ['report', () => failures.push(...mismatches('report', JSON.parse(M.report(c.options)), c))],
        ['clean', () => {
          const r = M.clean(c.options);
          for (const k of ['head', 'descriptor', 'me']) if (r[k] !== null) failures.push(`clean: returned a ${k} buffer`);
          failures.push(...mismatches('clean', JSON.parse(r.report), c));
        }],
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
