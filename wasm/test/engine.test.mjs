// The browser artifact itself (meclean.mjs + meclean.wasm, ENVIRONMENT=web,worker) under node.
// Run: MECLEAN_WASM_DIR=build-wasm/wasm node --test wasm/test/   (ctest and scripts/test-web set it)
//
// Corpus: when ../shared/corpus exists (relative to the repository root), clean() is compared
// with me_cleaner's reference outputs (expected.json) for the flag sets the page can run.
// Every such case runs by default (and always in CI); MECLEAN_CORPUS=few runs only the ME-only
// images and a few full images, for a quicker local loop. Without the corpus these tests fail when CI is set and are skipped otherwise.
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleFactory } from '../node-module.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = resolve(process.env.MECLEAN_WASM_DIR ?? join(root, 'build-wasm/wasm'));
const corpus = resolve(root, '../shared/corpus');
const haveCorpus = existsSync(join(corpus, 'expected.json'));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

let M;
let create;
let sampleImage; // from the sample builder's own module (meclean-sample.mjs), as the page loads it
before(async () => {
  const newModule = await moduleFactory(wasmDir);
  create = async () => { M = await newModule(); };
  await create();
  const sampler = await (await moduleFactory(wasmDir, 'meclean-sample'))();
  sampleImage = () => sampler.sampleImage();
});

// A fresh module for every test: a trap in one test (memory access out of bounds, abort)
// leaves the module unusable or corrupt, and must not fail the tests after it.
afterEach(create);

// A wasm trap (RuntimeError) leaves the module dead: start a new one so that one engine
// crash fails one case, not every case after it.
async function guardedClean(bytes, options) {
  try {
    return M.clean(bytes, options);
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) await create();
    throw err;
  }
}

function assertNoBuffers(r) {
  assert.equal(r.image, null);
  assert.equal(r.descriptor, null);
  assert.equal(r.me, null);
}

describe('bindings', () => {
  test('version and exports', () => {
    assert.match(M.version(), /^\d+\.\d+\.\d+/);
    for (const f of ['analyze', 'preview', 'clean']) assert.equal(typeof M[f], 'function', f);
  });

  test('sample image: analyze, preview, clean', () => {
    const image = sampleImage();
    assert.ok(image instanceof Uint8Array);
    assert.ok(image.length >= 0x1000);
    const analysis = JSON.parse(M.analyze(image));
    assert.equal(analysis.kind, 'full');
    assert.equal(analysis.problem ?? null, null);

    const preview = M.preview(image, { soft_disable: true });
    assert.equal(preview.ok, true, preview.error);
    assertNoBuffers(preview);
    assert.ok(JSON.parse(preview.plan).edits.length > 0);

    const r = M.clean(image, { soft_disable: true, extract_descriptor: true, extract_me: true });
    assert.equal(r.ok, true, r.error);
    assert.equal(r.error, '');
    assert.ok(r.image instanceof Uint8Array);
    assert.equal(r.image.length, image.length);
    assert.notEqual(sha256(r.image), sha256(image));
    assert.ok(r.descriptor instanceof Uint8Array && r.descriptor.length > 0);
    assert.ok(r.me instanceof Uint8Array && r.me.length > 0);
    assert.equal(typeof r.log, 'string');
    assert.ok(r.log.length > 0);
    JSON.parse(r.analysis);
    JSON.parse(r.plan);
    // The input is never modified.
    assert.equal(sha256(sampleImage()), sha256(image));
  });

  test('open image: open/previewOpen/cleanOpen give what analyze/preview/clean give', () => {
    assert.throws(() => M.previewOpen({}), /no image is open/);
    const image = sampleImage();
    assert.equal(M.open(image), M.analyze(image));
    const options = { soft_disable: true, extract_descriptor: true, extract_me: true };
    const p = M.previewOpen(options);
    const q = M.preview(image, options);
    for (const k of ['ok', 'error', 'analysis', 'plan', 'log']) assert.equal(p[k], q[k], k);
    const a = M.cleanOpen(options);
    const b = M.clean(image, options);
    for (const k of ['ok', 'error', 'analysis', 'plan', 'log']) assert.equal(a[k], b[k], k);
    for (const k of ['image', 'descriptor', 'me']) assert.equal(sha256(a[k]), sha256(b[k]), k);
    // Changing the caller's bytes after open() changes nothing: the module holds its own copy.
    image.fill(0);
    assert.equal(sha256(M.cleanOpen(options).image), sha256(b.image));
    M.close();
    assert.throws(() => M.cleanOpen(options), /no image is open/);
  });

  test('corrupt input: a clear error and no buffers', () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array(100), new Uint8Array(64 * 1024).fill(0x5a)]) {
      const analysis = JSON.parse(M.analyze(bytes));
      assert.ok(analysis.problem, `no problem reported for ${bytes.length} bytes`);
      assert.ok(analysis.problem.message.length > 0);
      const r = M.clean(bytes, { soft_disable: true });
      assert.equal(r.ok, false);
      assert.ok(r.error.length > 0, 'error text');
      assertNoBuffers(r);
    }
  });

  test('truncated image: error, no buffers', () => {
    const image = sampleImage();
    for (const n of [0x20, 0x1000, 0x3010, image.length >> 2]) {
      const r = M.clean(image.subarray(0, n), {});
      if (r.ok) continue; // a cut that still holds a whole firmware is fine
      assert.ok(r.error.length > 0);
      assertNoBuffers(r);
    }
  });

  test('bad arguments become JS errors with a message', () => {
    assert.throws(() => M.analyze([1, 2, 3]), { name: 'TypeError', message: /Uint8Array/ });
    assert.throws(() => M.clean('nope', {}), { name: 'TypeError', message: /Uint8Array/ });
    assert.throws(() => M.clean(new Uint8Array(16), { soft_disable: 'yes' }), { name: 'TypeError', message: /soft_disable/ });
    assert.throws(() => M.clean(new Uint8Array(16), { whitelist: [1] }), { name: 'TypeError', message: /whitelist/ });
    assert.throws(() => M.clean(new Uint8Array(16), 5), { name: 'TypeError' });
    // The module is still usable after a thrown error.
    assert.equal(typeof M.analyze(new Uint8Array(16)), 'string');
  });

  test('refused option combinations', () => {
    const image = sampleImage();
    for (const options of [
      { soft_disable: true, soft_disable_only: true },
      { soft_disable_only: true, relocate: true },
      { soft_disable_only: true, truncate: true },
      { relocate: true, whitelist: ['MFS'] },
      { relocate: true, blacklist: ['EFFS'] },
    ]) {
      const r = M.clean(image, options);
      assert.equal(r.ok, false, JSON.stringify(options));
      assert.ok(r.error.length > 0);
      assertNoBuffers(r);
    }
  });
});

// ---------------------------------------------------------------------------

/** me_cleaner's argument list → the page's options, or null when the page cannot run it. */
function optionsFromArgs(args) {
  const o = {};
  const files = {};
  let separate = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => args[++i];
    switch (a) {
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

const FEW_RECIPES = new Set(['full_me7.1_lenovo-t420_16mb', 'full_me11.8_51nb-x210', 'full_txe1.1_minnowboard-turbot',
  'full_csme16_msi-ms7d25', 'full_glk-ifwi_protectli-vp2410']);

describe('corpus (me_cleaner reference outputs)', () => {
  const cases = haveCorpus ? JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) : [];
  const all = Boolean(process.env.CI) || process.env.MECLEAN_CORPUS !== 'few';
  const byInput = new Map();
  for (const c of cases) {
    const mapped = optionsFromArgs(c.args);
    if (!mapped) continue;
    if (!all && c.input.startsWith('recipe:') && !FEW_RECIPES.has(c.input.slice(7))) continue;
    if (!byInput.has(c.input)) byInput.set(c.input, []);
    byInput.get(c.input).push({ ...c, ...mapped });
  }

  test('corpus present', (t) => {
    if (haveCorpus) return;
    if (process.env.CI) assert.fail(`the corpus is missing at ${corpus} (required when CI is set)`);
    t.skip(`no corpus at ${corpus}: corpus cases skipped`);
  });

  for (const [input, group] of byInput) {
    test(`${input} (${group.length} flag sets)`, async () => {
      const bytes = input.startsWith('recipe:')
        ? new Uint8Array(execFileSync('python3', [join(corpus, 'assemble.py'), '--id', input.slice(7), '--stdout'], { maxBuffer: 64 << 20 }))
        : new Uint8Array(readFileSync(join(corpus, input)));
      assert.equal(sha256(bytes), group[0].input_sha256, 'input');
      const failures = [];
      for (const c of group) {
        const why = (msg) => failures.push(`${c.id} [${c.args.join(' ')}]: ${msg}`);
        let r;
        try {
          r = await guardedClean(bytes, c.options);
        } catch (err) {
          why(`threw ${err.name}: ${err.message}`);
          continue;
        }
        if (c.exit === 0) {
          if (!r.ok) { why(`refused: ${r.error}`); continue; }
          if (c.options.check_only) { if (r.image !== null) why('a check returned an image'); continue; }
          for (const [key, name] of Object.entries(c.files)) {
            const want = c.outputs[name];
            const got = r[key];
            if (!want) { // me_cleaner wrote no such file (e.g. -M with a disabled ME region)
              if (got !== null) why(`${key}: returned ${got.length} bytes, the reference wrote no ${name}`);
              continue;
            }
            if (!(got instanceof Uint8Array)) { why(`no ${key} output`); continue; }
            if (got.length !== want.size) why(`${name}: ${got.length} bytes, want ${want.size}`);
            else if (sha256(got) !== want.sha256) why(`${name}: SHA-256 differs`);
          }
          for (const key of ['descriptor', 'me']) if (!c.files[key] && r[key] !== null) why(`unexpected ${key} output`);
        } else if (c.python_exception !== undefined) {
          // The reference crashed: meclean must fail cleanly (a check may succeed), writing nothing.
          if (r.ok && !c.options.check_only) why('succeeded where the reference crashed');
          if (r.image !== null || r.descriptor !== null || r.me !== null) why('returned buffers');
        } else {
          if (r.ok) { why(`succeeded; the reference says "${c.error_line}"`); continue; }
          if (r.image !== null || r.descriptor !== null || r.me !== null) why('returned buffers');
          if (!r.error.startsWith(c.error_line)) why(`error "${r.error}", want "${c.error_line}"`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }
});

// Issue 4 and 5: the layout binding, and HAP by platform (options platform / allow_fdv_override).
describe('descriptor layout and HAP by platform', () => {
  const assembled = new Map();
  function recipe(t, id) {
    if (!haveCorpus) {
      if (process.env.CI) assert.fail(`the corpus is missing at ${corpus} (required when CI is set)`);
      t.skip(`no corpus at ${corpus}`);
      return null;
    }
    if (!assembled.has(id)) {
      // Relative to the repository root, as the brief of the corpus says.
      const bytes = execFileSync('python3', ['../shared/corpus/assemble.py', '--id', id, '--stdout'], { cwd: root, maxBuffer: 64 << 20 });
      assembled.set(id, new Uint8Array(bytes));
    }
    return assembled.get(id);
  }

  test('layout(): the T420 16 MiB image gives formats.md Appendix A regions', (t) => {
    const image = recipe(t, 'full_me7.1_lenovo-t420_16mb');
    if (!image) return;
    const text = M.layout(image);
    for (const line of ['00000000:00000fff fd', '00180000:00ffffff bios', '00003000:0017ffff me', '00001000:00002fff gbe'])
      assert.ok(text.split('\n').includes(line), `${line} missing from\n${text}`);
    // Only the first 4 KiB are needed; an extracted descriptor gives the same text.
    assert.equal(M.layout(image.subarray(0, 0x1000)), text);
    assert.throws(() => M.layout(new Uint8Array(0x1000)), /no flash descriptor/);
  });

  test('layout(): after -S -t -D the extracted descriptor shows the shrunk ME', (t) => {
    const image = recipe(t, 'full_me7.1_lenovo-t420_16mb');
    if (!image) return;
    const r = M.clean(image, { soft_disable: true, truncate: true, extract_descriptor: true });
    assert.equal(r.ok, true, r.error);
    const lines = M.layout(r.descriptor).trim().split('\n');
    const me = lines.find((l) => l.endsWith(' me'));
    assert.match(me, /^00003000:[0-9a-f]{8} me$/);
    assert.ok(parseInt(me.slice(9, 17), 16) < 0x17ffff, me);
    assert.equal(M.layout(r.image), M.layout(image), 'the full image keeps its regions');
  });

  test('clean() {soft_disable_only, platform: "auto"} on CSME 16 changes exactly byte 0x1DE 0x10 → 0x11', (t) => {
    const image = recipe(t, 'full_csme16_msi-ms7d25');
    if (!image) return;
    const analysis = JSON.parse(M.analyze(image));
    assert.ok(analysis.cse, 'a CSE analysis');
    assert.match(analysis.cse.version, /^16\./);
    // me_cleaner's own -s is refused on this image...
    const plain = M.clean(image, { soft_disable_only: true });
    assert.equal(plain.ok, false);
    assertNoBuffers(plain);
    // ... HAP by platform is not.
    const r = M.clean(image, { soft_disable_only: true, platform: 'auto' });
    assert.equal(r.ok, true, r.error);
    assert.equal(r.image.length, image.length);
    const diffs = [];
    for (let i = 0; i < image.length; i++) if (image[i] !== r.image[i]) diffs.push(i);
    assert.deepEqual(diffs, [0x1de]);
    assert.equal(image[0x1de], 0x10);
    assert.equal(r.image[0x1de], 0x11);
    // The same with the platform named.
    const named = M.clean(image, { soft_disable_only: true, platform: 'alder_point_s' });
    assert.equal(named.ok, true, named.error);
    assert.equal(sha256(named.image), sha256(r.image));
  });

  test('platform refusals carry the engine code and the candidate list', (t) => {
    const image = recipe(t, 'full_csme16_msi-ms7d25');
    if (!image) return;
    const uncertain = M.preview(image, { soft_disable_only: true, platform: 'meteor_lake' });
    assert.equal(uncertain.ok, false);
    assert.ok(['hap_location_uncertain', 'platform_firmware_mismatch'].includes(uncertain.errorCode), uncertain.errorCode);
    const unknown = M.preview(image, { soft_disable_only: true, platform: 'no_such_pch' });
    assert.equal(unknown.errorCode, 'platform_unknown');
    assert.match(JSON.parse(unknown.plan).problem.detail, /alder_point_s: PCHSTRP55/);
    assert.throws(() => M.preview(image, { soft_disable_only: true, platform: 7 }), TypeError);
    assert.throws(() => M.preview(image, { soft_disable_only: true, platform: 'auto', allow_fdv_override: 'yes' }), TypeError);
  });
});
