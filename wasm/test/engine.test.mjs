// The browser artifact itself (meclean.mjs + meclean.wasm, ENVIRONMENT=web,worker) under node,
// through the bindings the page's worker uses: open → report/clean → close (wasm/bindings.cpp).
// Run: MECLEAN_WASM_DIR=build-wasm/wasm node --test wasm/test/   (ctest and scripts/test-web set it)
//
// Corpus (../shared/corpus beside the checkout), for every image:
//   - clean() gives me_cleaner's reference outputs (expected.json) byte for byte, for every flag
//     set the page can run; where me_cleaner stops, the report carries its error line and no buffer;
//   - every report (the check, each plan, each clean) validates against docs/report.schema.json;
//   - the wasm report equals the CLI's `meclean --json` report for a few option sets (the CLI run
//     on a file named as the page names it, with the page's output names, so that even the names
//     match). The CLI is MECLEAN_CLI, default build/core/cli/meclean (or $BUILD_DIR/core/cli/meclean).
// MECLEAN_CORPUS=few runs a handful of images for a quicker local loop. With CI set, a missing
// corpus or CLI fails; otherwise those tests are skipped.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { moduleFactory } from '../node-module.mjs';
import {
  cleanupCorpus, cliArgs, cliReport, corpusCases, corpusInputs, haveCli, cliPath, haveCorpus, corpus, inputPath,
  jsonDiff, reportValidator, required, root, sha256,
} from '../../tests/e2e/support.mjs';

const wasmDir = resolve(process.env.MECLEAN_WASM_DIR ?? join(root, 'build-wasm/wasm'));
const validate = reportValidator();

let newModule;
let sampleImage; // from the sample builder's own module (meclean-sample.mjs), as the page loads it
before(async () => {
  newModule = await moduleFactory(wasmDir);
  const sampler = await (await moduleFactory(wasmDir, 'meclean-sample'))();
  sampleImage = () => sampler.sampleImage();
});

/** A fresh module: a trap (RuntimeError) leaves a module dead, and must fail one test only. */
const fresh = () => newModule();

function assertValid(report, what) {
  assert.deepEqual(validate(report), [], `${what}: the report does not validate against docs/report.schema.json`);
}

function assertNoBuffers(r, what = '') {
  for (const k of ['image', 'descriptor', 'me']) assert.equal(r[k], null, `${what} returned a ${k} buffer`);
}

const SAMPLE = 'meclean-sample.bin';

describe('bindings', () => {
  test('version and exports: the new API only', async () => {
    const M = await fresh();
    assert.match(M.version(), /^\d+\.\d+\.\d+/);
    for (const f of ['open', 'openEmbedded', 'report', 'clean', 'close', 'version', 'join', 'compare', 'verify', 'status', 'statusLayouts'])
      assert.equal(typeof M[f], 'function', f);
    for (const f of ['analyze', 'preview', 'previewOpen', 'cleanOpen', 'layout']) assert.equal(M[f], undefined, `${f} is gone`);
  });

  test('sample image: open, report, clean', async () => {
    const M = await fresh();
    const image = sampleImage();
    assert.ok(image instanceof Uint8Array && image.length >= 0x1000);
    const before = sha256(image);
    const opened = JSON.parse(M.open(image, SAMPLE));
    assertValid(opened, 'open');
    assert.equal(opened.input.name, SAMPLE);
    assert.equal(opened.input.kind, 'full');
    assert.equal(opened.input.size, image.length);
    assert.equal(opened.refusal, null);
    assert.equal(opened.request.flags, '-c');
    assert.equal(opened.default_preset, 'recommended');
    assert.deepEqual(opened.presets.map((p) => [p.id, p.available]),
      [['recommended', true], ['soft', true], ['clean', true], ['advanced', true]]);
    assert.ok(opened.checks.length > 5);
    assert.deepEqual(opened.outputs, []);

    // A plan: a string, nothing applied, no outputs.
    const planned = M.report({ soft_disable: true });
    assert.equal(typeof planned, 'string');
    const plan = JSON.parse(planned);
    assertValid(plan, 'report');
    assert.equal(plan.refusal, null);
    assert.equal(plan.request.flags, '-S');
    assert.ok(plan.plan.edits.length > 0);
    assert.deepEqual(plan.outputs, []);
    assert.equal(plan.flash_write, null);

    const r = M.clean({ soft_disable: true, extract_descriptor: true, extract_me: true });
    const report = JSON.parse(r.report);
    assertValid(report, 'clean');
    assert.equal(report.refusal, null);
    assert.equal(report.request.flags, '-S -D -M');
    assert.deepEqual(report.plan.edits, plan.plan.edits, 'the clean applies the plan the preview showed');
    assert.ok(r.image instanceof Uint8Array);
    assert.equal(r.image.length, image.length);
    assert.notEqual(sha256(r.image), before);
    assert.ok(r.descriptor instanceof Uint8Array && r.descriptor.length === 0x1000);
    assert.ok(r.me instanceof Uint8Array && r.me.length > 0);
    const byRole = Object.fromEntries(report.outputs.map((o) => [o.role, o]));
    assert.deepEqual(Object.keys(byRole).sort(), ['descriptor', 'image', 'layout', 'me_region']);
    assert.equal(byRole.image.name, 'meclean-sample-meclean.bin');
    assert.equal(byRole.image.size, r.image.length);
    assert.equal(byRole.descriptor.size, r.descriptor.length);
    assert.equal(byRole.me_region.size, r.me.length);
    assert.equal(byRole.layout.size, new TextEncoder().encode(report.flash_write.layout).length);
    assert.ok(report.log.length > 0);
    assert.equal(sha256(image), before, 'the input was modified');
  });

  test('the open image is kept: later calls need no bytes, and the caller\'s copy may change', async () => {
    const M = await fresh();
    for (const call of [() => M.report({}), () => M.clean({}), () => M.openEmbedded('x.bin')])
      assert.throws(call, { name: 'Error', message: /no image is open/ });
    const image = sampleImage();
    const opened = M.open(image, SAMPLE);
    // open() is the check: the same report as report({ check_only }).
    assert.equal(M.report({ check_only: true }), opened);
    const options = { soft_disable: true, extract_descriptor: true, extract_me: true };
    const first = M.clean(options);
    image.fill(0); // the module holds its own copy
    const second = M.clean(options);
    assert.equal(second.report, first.report);
    for (const k of ['image', 'descriptor', 'me']) assert.equal(sha256(second[k]), sha256(first[k]), k);
    // A clean leaves the open image as it was: cleaning again from the original gives the same bytes.
    assert.equal(JSON.parse(M.report({ check_only: true })).input.size, first.image.length);
    // This file holds no other image inside.
    assert.throws(() => M.openEmbedded('inner.bin'), /no plain flash image/);
    M.close();
    assert.throws(() => M.clean(options), /no image is open/);
    // A second open replaces the first.
    JSON.parse(M.open(sampleImage(), 'a.bin'));
    JSON.parse(M.open(new Uint8Array(100), 'b.bin'));
    assert.equal(JSON.parse(M.report({})).input.name, 'b.bin');
  });

  test('corrupt input: a refusal in plain words, every preset refused, no buffers', async () => {
    const M = await fresh();
    for (const bytes of [new Uint8Array(0), new Uint8Array(100), new Uint8Array(64 * 1024).fill(0x5a)]) {
      const what = `${bytes.length} bytes`;
      const opened = JSON.parse(M.open(bytes, 'corrupt.bin'));
      assertValid(opened, what);
      assert.ok(opened.refusal, `${what}: no refusal`);
      assert.ok(opened.refusal.message.length > 0 && opened.refusal.words.length > 0, what);
      assert.equal(opened.verdict.state, 'fail', what);
      assert.ok(opened.presets.every((p) => !p.available && p.refusal), `${what}: a preset is offered`);
      assert.equal(opened.default_preset, null, what);
      const r = M.clean({ soft_disable: true });
      assertNoBuffers(r, what);
      const report = JSON.parse(r.report);
      assertValid(report, what);
      assert.ok(report.refusal?.words, what);
      assert.deepEqual(report.outputs, []);
    }
  });

  test('truncated image: refused with a reason, or whole outputs', async () => {
    const M = await fresh();
    const image = sampleImage();
    let refused = 0;
    for (const n of [0x20, 0x1000, 0x3010, image.length >> 2]) {
      M.open(image.subarray(0, n), 'cut.bin');
      const r = M.clean({});
      const report = JSON.parse(r.report);
      assertValid(report, `cut at ${n}`);
      if (report.refusal) {
        refused++;
        assert.ok(report.refusal.message.length > 0);
        assertNoBuffers(r, `cut at ${n}`);
      } else assert.equal(r.image.length, n, 'a cut that still holds a whole firmware gives an image of its size');
    }
    assert.ok(refused >= 3, `only ${refused} cuts refused`);
  });

  test('bad arguments become JS errors with a message; the module stays usable', async () => {
    const M = await fresh();
    const ok = new Uint8Array(16);
    assert.throws(() => M.open([1, 2, 3], 'x.bin'), { name: 'TypeError', message: /Uint8Array/ });
    assert.throws(() => M.open('nope', 'x.bin'), { name: 'TypeError', message: /Uint8Array/ });
    assert.throws(() => M.open(ok, 5), { name: 'TypeError', message: /name/ });
    M.open(sampleImage(), SAMPLE);
    assert.throws(() => M.report({ soft_disable: 'yes' }), { name: 'TypeError', message: /soft_disable/ });
    assert.throws(() => M.clean({ whitelist: [1] }), { name: 'TypeError', message: /whitelist/ });
    assert.throws(() => M.report({ blacklist: 7 }), { name: 'TypeError', message: /blacklist/ });
    assert.throws(() => M.report(5), { name: 'TypeError', message: /options/ });
    assert.throws(() => M.report({ soft_disable_only: true, platform: 7 }), { name: 'TypeError', message: /platform/ });
    assert.throws(() => M.report({ soft_disable_only: true, platform: 'auto', allow_fdv_override: 'yes' }),
      { name: 'TypeError', message: /allow_fdv_override/ });
    // A failed call leaves the open image in place.
    assert.equal(JSON.parse(M.report({ soft_disable: true })).refusal, null);
  });

  test('refused option combinations: a refusal, the controls say why, no buffers', async () => {
    const M = await fresh();
    M.open(sampleImage(), SAMPLE);
    for (const [options, control] of [
      [{ soft_disable: true, soft_disable_only: true }, null],
      [{ soft_disable_only: true, relocate: true }, 'relocate'],
      [{ soft_disable_only: true, truncate: true }, 'truncate'],
      [{ relocate: true, whitelist: ['MFS'] }, 'whitelist'],
      [{ relocate: true, blacklist: ['EFFS'] }, 'blacklist'],
      [{ whitelist: ['MFS'], blacklist: ['EFFS'] }, null],
    ]) {
      const what = JSON.stringify(options);
      const planned = JSON.parse(M.report(options));
      assertValid(planned, what);
      assert.ok(planned.refusal?.message, `${what}: not refused`);
      assert.ok(planned.refusal.words, `${what}: no plain words`);
      assert.equal(planned.plan?.edits.length ?? 0, 0, what);
      if (control) {
        const c = planned.controls.find((x) => x.id === control);
        assert.equal(c.available, false, `${what}: control ${control} still offered`);
        assert.ok(c.refused, `${what}: control ${control} says nothing`);
      }
      const r = M.clean(options);
      assertNoBuffers(r, what);
      assert.equal(JSON.parse(r.report).refusal.code, planned.refusal.code, what);
    }
    // The controls follow the current options: with -r, a list is refused; with -S, -s is.
    const withRelocate = JSON.parse(M.report({ relocate: true })).controls;
    assert.equal(withRelocate.find((c) => c.id === 'whitelist').available, false);
    assert.match(withRelocate.find((c) => c.id === 'whitelist').refused, /relocat|-r/i);
    assert.equal(JSON.parse(M.report({})).controls.find((c) => c.id === 'whitelist').available, true);
  });
});

// ---------------------------------------------------------------------------

/** me_cleaner's argument list → the page's options and the outputs to compare, or null when the page cannot run it. */
function optionsFromArgs(args) {
  const o = {};
  const files = {};
  let separate = false;
  for (let i = 0; i < args.length; i++) {
    const next = () => args[++i];
    switch (args[i]) {
      case '-c': o.check_only = true; break;
      case '-S': o.soft_disable = true; break;
      case '-s': o.soft_disable_only = true; break;
      case '-r': o.relocate = true; break;
      case '-t': o.truncate = true; break;
      case '-k': o.keep_modules = true; break;
      case '-d': o.restrict_me_master = true; break;
      case '-D': o.extract_descriptor = true; files.descriptor = next(); break;
      case '-M': o.extract_me = true; files.me = next(); break;
      case '-w': o.whitelist = next().split(','); break;
      case '-b': o.blacklist = next().split(','); break;
      case '-O': separate = true; files.image = next(); break;
      default: return null;
    }
  }
  if (o.check_only && separate) return null; // the page never combines -c with an output file
  if (!separate && !o.check_only) files.image = 'input.bin'; // in place: the input is rewritten
  return { options: o, files };
}

/** The option sets whose reports must equal the CLI's. */
const AGREE = [
  { check_only: true },
  {},
  { soft_disable: true },
  { soft_disable_only: true },
  { soft_disable: true, relocate: true, truncate: true, restrict_me_master: true, extract_descriptor: true, extract_me: true },
  { soft_disable_only: true, platform: 'auto' },
];

const FEW = new Set(['full_me7.1_lenovo-t420_16mb.bin', 'full_me11.8_51nb-x210.bin', 'full_txe1.1_minnowboard-turbot.bin',
  'full_csme16_msi-ms7d25.bin', 'full_glk-ifwi_protectli-vp2410.bin', 'me7.1.80.1214_lenovo-t420.bin', 'me2.0.0.1102_qst-rgn.bin']);

/** A clean's answer with its buffers reduced to { length, sha256 } (16 MiB each adds up over the corpus). */
function summary(r) {
  const digest = (b) => (b === null ? null : { length: b.length, sha256: sha256(b) });
  return { report: JSON.parse(r.report), image: digest(r.image), descriptor: digest(r.descriptor), me: digest(r.me) };
}

/** The outputs of a me_cleaner case compared with clean()'s answer `r` (a summary); returns the differences. */
function outputMismatches(c, r) {
  const out = [];
  const why = (msg) => out.push(`${c.id} [${c.args.join(' ')}]: ${msg}`);
  const { report } = r;
  const buffers = ['image', 'descriptor', 'me'].filter((k) => r[k] !== null);
  if (c.exit === 0) {
    if (report.refusal) return [...out, why(`refused: ${report.refusal.message}`)];
    if (c.options.check_only) {
      if (buffers.length) why(`a check returned ${buffers.join(', ')}`);
      return out;
    }
    for (const [key, name] of Object.entries(c.files)) {
      const want = c.outputs[name];
      const got = r[key];
      if (!want) { // me_cleaner wrote no such file (e.g. -M with a disabled ME region)
        if (got !== null) why(`${key}: returned ${got.length} bytes, the reference wrote no ${name}`);
        continue;
      }
      if (got === null) why(`no ${key} output`);
      else if (got.length !== want.size) why(`${name}: ${got.length} bytes, want ${want.size}`);
      else if (got.sha256 !== want.sha256) why(`${name}: SHA-256 differs`);
    }
    for (const key of ['descriptor', 'me']) if (!c.files[key] && r[key] !== null) why(`unexpected ${key} output`);
  } else if (c.python_exception !== undefined) {
    // The reference crashed: meclean must stop cleanly (a check may succeed), writing nothing.
    if (!report.refusal && !c.options.check_only) why('succeeded where the reference crashed');
    if (buffers.length) why(`returned ${buffers.join(', ')}`);
  } else {
    if (!report.refusal) return [...out, why(`succeeded; the reference says "${c.error_line}"`)];
    if (buffers.length) why(`returned ${buffers.join(', ')}`);
    if (!report.refusal.message.startsWith(c.error_line)) why(`refusal "${report.refusal.message}", want "${c.error_line}"`);
  }
  return out;
}

describe('corpus', () => {
  const inputs = haveCorpus ? corpusInputs() : [];
  const cases = haveCorpus ? corpusCases() : [];
  const all = Boolean(process.env.CI) || process.env.MECLEAN_CORPUS !== 'few';

  test('corpus and CLI present', (t) => {
    if (!required(t, haveCorpus, `no corpus at ${corpus}: corpus cases skipped`)) return;
    assert.ok(inputs.length >= 47, `only ${inputs.length} corpus inputs`);
    required(t, haveCli, `no meclean CLI at ${cliPath} (scripts/build-native): the CLI comparison is skipped`);
  });

  for (const item of inputs) {
    if (!all && !FEW.has(item.name)) continue;
    const group = cases.filter((c) => c.input === item.input)
      .map((c) => ({ ...c, ...optionsFromArgs(c.args) })).filter((c) => c.options);

    test(`${item.name} (${group.length} me_cleaner cases)`, async (t) => {
      const path = inputPath(item, inputs);
      // The CLI runs meanwhile, in processes of its own; its reports are compared in the last subtest.
      const fromCli = haveCli ? AGREE.map((o) => cliReport(path, item.name, o).catch((e) => e)) : [];
      const bytes = new Uint8Array(readFileSync(path));
      let M = await fresh();
      const opened = JSON.parse(M.open(bytes, item.name));
      // Each option set is planned and cleaned once; a trap kills the module, so a new one opens
      // the image again and only that option set fails.
      const answers = new Map();
      const answer = async (options) => {
        const key = JSON.stringify(options);
        if (!answers.has(key)) {
          try {
            answers.set(key, { report: JSON.parse(M.report(options)), clean: summary(M.clean(options)) });
          } catch (err) {
            answers.set(key, { error: `threw ${err.name}: ${err.message}` });
            if (err instanceof WebAssembly.RuntimeError) {
              M = await fresh();
              M.open(bytes, item.name);
            }
          }
        }
        return answers.get(key);
      };

      await t.test('clean() gives me_cleaner\'s outputs', async () => {
        const failures = [];
        for (const c of group) {
          const a = await answer(c.options);
          if (a.error) failures.push(`${c.id} [${c.args.join(' ')}]: ${a.error}`);
          else failures.push(...outputMismatches(c, a.clean));
        }
        assert.deepEqual(failures, []);
      });

      await t.test('every report validates against the schema', async () => {
        const failures = [];
        const check = (what, report) => failures.push(...validate(report).map((e) => `${what}: ${e}`));
        check('open', opened);
        for (const o of [...group.map((c) => c.options), ...AGREE]) {
          const a = await answer(o);
          if (a.error) continue; // failed above
          check(`report ${JSON.stringify(o)}`, a.report);
          check(`clean ${JSON.stringify(o)}`, a.clean.report);
        }
        assert.deepEqual(failures, []);
      });

      await t.test('the same report as the CLI\'s --json', async (st) => {
        if (!required(st, haveCli, `no meclean CLI at ${cliPath}`)) return;
        const failures = [];
        for (const [i, o] of AGREE.entries()) {
          const cli = await fromCli[i];
          const what = cliArgs(o, item.name).join(' ');
          const a = await answer(o);
          if (cli instanceof Error || a.error) { failures.push(`${what}: ${cli.message ?? a.error}`); continue; }
          failures.push(...jsonDiff(a.clean.report, cli).map((d) => `clean ${what}: ${d}`));
          // A plan applies nothing: no outputs and no write-back plan, the rest as the CLI's.
          failures.push(...jsonDiff({ ...a.report, outputs: cli.outputs, flash_write: cli.flash_write }, cli)
            .map((d) => `report ${what}: ${d}`));
          if (o.check_only) failures.push(...jsonDiff(opened, cli).map((d) => `open: ${d}`));
          else if (!cli.refusal) {
            if (!cli.outputs.length) failures.push(`${what}: the CLI lists no outputs`);
            if (a.report.outputs.length) failures.push(`${what}: a plan lists outputs`);
          }
        }
        assert.deepEqual(failures, []);
      });
    });
  }
  test('cleanup', () => cleanupCorpus());
});

// HAP by platform, the write-back plan after -S -t -D, the descriptor's layout.
describe('descriptor layout, write-back and HAP by platform', () => {
  const image = (t, name) => {
    if (!required(t, haveCorpus, `no corpus at ${corpus}`)) return null;
    const all = corpusInputs();
    return new Uint8Array(readFileSync(inputPath(all.find((x) => x.name === name), all)));
  };
  const T420 = 'full_me7.1_lenovo-t420_16mb.bin';
  const T420_LINES = ['00000000:00000fff fd', '00180000:00ffffff bios', '00003000:0017ffff me', '00001000:00002fff gbe'];

  test('T420 16 MiB: the descriptor layout of formats.md Appendix A, also from the descriptor alone', async (t) => {
    const bytes = image(t, T420);
    if (!bytes) return;
    const M = await fresh();
    const layout = JSON.parse(M.open(bytes, T420)).analysis.descriptor.layout;
    assert.deepEqual(layout.trimEnd().split('\n').sort(), [...T420_LINES].sort());
    const alone = JSON.parse(M.open(bytes.subarray(0, 0x1000), 'ifd.bin'));
    assert.equal(alone.analysis.descriptor.layout, layout, 'an extracted descriptor gives the same layout');
    assertValid(alone, 'the descriptor alone');
    const none = JSON.parse(M.open(new Uint8Array(0x1000), 'zeros.bin'));
    assert.equal(none.analysis.descriptor, null);
  });

  test('after -S -t -D: flash_write follows the written image\'s descriptor; the extracted one shows the shrunk ME', async (t) => {
    const bytes = image(t, T420);
    if (!bytes) return;
    const M = await fresh();
    M.open(bytes, T420);
    const r = M.clean({ soft_disable: true, truncate: true, extract_descriptor: true });
    const report = JSON.parse(r.report);
    assert.equal(report.refusal, null);
    const w = report.flash_write;
    // -t on a full dump shrinks only the extracted descriptor: the image keeps its size and regions.
    assert.equal(r.image.length, bytes.length);
    assert.deepEqual(w.layout.trimEnd().split('\n').sort(), [...T420_LINES].sort());
    const written = JSON.parse(M.open(r.image, 'written.bin'));
    assert.equal(w.layout, written.analysis.descriptor.layout, 'the layout is the written image\'s own');
    assert.equal(w.regions_command, `flashrom -p internal -l ${w.layout_file} -i fd -i me -N -w full_me7.1_lenovo-t420_16mb-meclean.bin`);
    assert.deepEqual(w.regions.filter((x) => x.changed).map((x) => x.name), ['fd', 'me']);
    assert.equal(w.whole_image_first, false);
    assert.equal(w.bytes_outside, 0);
    assert.equal(w.needs_external_programmer, true, 'the T420 descriptor forbids the host writing fd and me');
    const shrunk = JSON.parse(M.open(r.descriptor, 'ifd.bin')).analysis.descriptor.layout;
    const me = shrunk.split('\n').find((l) => l.endsWith(' me'));
    assert.match(me, /^00003000:[0-9a-f]{8} me$/);
    assert.ok(parseInt(me.slice(9, 17), 16) < 0x17ffff, `ME not shrunk: ${me}`);
  });

  test('CSME 16: HAP by platform changes exactly byte 0x1DE, 0x10 → 0x11', async (t) => {
    const bytes = image(t, 'full_csme16_msi-ms7d25.bin');
    if (!bytes) return;
    const M = await fresh();
    const opened = JSON.parse(M.open(bytes, 'ms7d25.bin'));
    assert.match(opened.analysis.cse.version, /^16\./);
    assert.equal(opened.default_preset, 'hap');
    assert.equal(opened.hap.offered, true);
    assert.equal(opened.hap.identified, 'alder_point_s');
    assert.equal(opened.presets.find((p) => p.id === 'recommended').available, false);
    // me_cleaner's own -s is refused on this image...
    const plain = M.clean({ soft_disable_only: true });
    assert.ok(JSON.parse(plain.report).refusal);
    assertNoBuffers(plain, '-s');
    // ... HAP by platform is not.
    const r = M.clean({ soft_disable_only: true, platform: 'auto' });
    assert.equal(JSON.parse(r.report).refusal, null);
    assert.equal(r.image.length, bytes.length);
    const diffs = [];
    for (let i = 0; i < bytes.length; i++) if (bytes[i] !== r.image[i]) diffs.push(i);
    assert.deepEqual(diffs, [0x1de]);
    assert.equal(bytes[0x1de], 0x10);
    assert.equal(r.image[0x1de], 0x11);
    const named = M.clean({ soft_disable_only: true, platform: 'alder_point_s' });
    assert.equal(sha256(named.image), sha256(r.image), 'the platform named gives the same bytes');
  });

  test('platform refusals carry a code, a remedy and the candidates (no sentences parsed)', async (t) => {
    const bytes = image(t, 'full_csme16_msi-ms7d25.bin');
    if (!bytes) return;
    const M = await fresh();
    M.open(bytes, 'ms7d25.bin');
    const ask = (platform) => JSON.parse(M.report({ soft_disable_only: true, platform }));
    const mismatch = ask('meteor_lake');
    assert.ok(['hap_location_uncertain', 'platform_firmware_mismatch'].includes(mismatch.refusal.code), mismatch.refusal.code);
    assert.equal(mismatch.refusal.remedy, 'choose_platform');
    const unknown = ask('no_such_pch');
    assert.equal(unknown.refusal.code, 'platform_unknown');
    assert.equal(unknown.refusal.remedy, 'choose_platform');
    assert.ok(unknown.refusal.words.length > 0);
    const candidates = Object.fromEntries(unknown.hap.candidates.map((c) => [c.id, c]));
    assert.equal(candidates.alder_point_s?.strap, 55);
    assert.equal(candidates.alder_point_s.byte_offset, 0x1de);
    assert.equal(candidates.alder_point_s.usable, true);
    const weak = ask('alder_point_n');
    assert.equal(weak.refusal.code, 'hap_location_uncertain');
    assert.equal(candidates.alder_point_n.usable, false, 'the candidate list says so before any request');
    assert.equal(ask('auto').refusal, null);
  });
});
