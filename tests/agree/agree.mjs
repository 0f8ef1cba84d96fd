// Native and wasm agree: random corruptions of corpus and builder images, each run through the
// CLI (`meclean --json` with output files, as the page names them) and through the WebAssembly
// module (open + clean, as the page's worker does); the two reports must be equal and every output
// file byte for byte the buffer the module hands back. A disagreement is kept in the output folder
// (the corrupted image and what differed) and fails the run.
//   node tests/agree/agree.mjs [--cases N] [--seed S] [--out DIR] [--only I]
// --only I runs case I of the run that the seed names (the cases before it are drawn, not run).
// Environment: MECLEAN_WASM_DIR (default build-wasm/wasm), MECLEAN_CLI (default build/core/cli/meclean);
// the builder images are the native build's malformed-input catalogue (build/bad-inputs) and the
// sample from the sample module; the corpus is ../shared/corpus when present.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { moduleFactory } from '../../wasm/node-module.mjs';
import {
  cleanupCorpus, cliArgs, cliPath, corpusInputs, haveCorpus, inputPath, jsonDiff, root, sha256, stemOf,
} from '../e2e/support.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const cases = Number(option('--cases', '10000'));
const seed = Number(option('--seed', '15'));
const out = resolve(option('--out', join(root, 'build-agree')));
const only = option('--only', null) === null ? null : Number(option('--only'));
const wasmDir = resolve(process.env.MECLEAN_WASM_DIR ?? join(root, 'build-wasm/wasm'));
const badInputs = resolve(process.env.MECLEAN_BAD_INPUTS ?? join(root, 'build/bad-inputs'));

// A small deterministic generator (xorshift32), so a seed names a run.
let state = seed >>> 0 || 1;
const next = () => {
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state;
};
const below = (n) => next() % n;
const pick = (list) => list[below(list.length)];

// The page's option sets (wasm/test/engine.test.mjs compares the same ones on the clean corpus).
const OPTIONS = [
  { check_only: true },
  {},
  { soft_disable: true },
  { soft_disable_only: true },
  { soft_disable: true, relocate: true, truncate: true, restrict_me_master: true, extract_descriptor: true, extract_me: true },
  { soft_disable_only: true, platform: 'auto' },
  { keep_modules: true, extract_me: true },
  { whitelist: ['EFFS', 'MFS'], truncate: true },
];

function sources(sampleImage) {
  const list = [{ name: 'meclean-sample.bin', bytes: () => sampleImage }];
  if (existsSync(badInputs)) {
    for (const f of readdirSync(badInputs).filter((f) => f.endsWith('.bin')).sort())
      list.push({ name: f, bytes: () => readFileSync(join(badInputs, f)) });
  }
  if (haveCorpus) {
    const all = corpusInputs();
    for (const item of all) list.push({ name: item.name, bytes: () => readFileSync(inputPath(item, all)) });
  }
  return list;
}

// Where the structures are: the descriptor, the start of the ME region (tables, manifests), anywhere.
function corrupt(original) {
  const bytes = new Uint8Array(original);
  const meStart = bytes.length > 0x3000 && bytes[0x10] === 0x5A && bytes[0x11] === 0xA5 ? 0x1000 * (1 + below(8)) : 0;
  const place = () => {
    const r = below(4);
    if (r === 0) return below(Math.min(bytes.length, 0x1000));
    if (r <= 2) return Math.min(bytes.length - 1, meStart + below(0x20000));
    return below(bytes.length);
  };
  const kind = below(10);
  let what;
  if (kind < 5) {
    const n = 1 + below(16);
    for (let i = 0; i < n; ++i) bytes[place()] ^= 1 << below(8);
    what = `${n} bit flips`;
  } else if (kind < 8) {
    const at = place();
    const length = Math.min(bytes.length - at, 1 + below(64));
    const fill = below(3);
    for (let i = 0; i < length; ++i) bytes[at + i] = fill === 0 ? 0xFF : fill === 1 ? 0 : below(256);
    what = `${length} bytes at 0x${at.toString(16)} overwritten`;
  } else if (kind < 9 && bytes.length >= 4) {
    const at = place();
    const value = [0, 1, 0xFF, 0x7FFFFFFF, 0xFFFFFFFF, 0x80000000][below(6)];
    new DataView(bytes.buffer).setUint32(Math.min(at, bytes.length - 4) & ~3, value, true);
    what = `a dword at 0x${at.toString(16)} set to 0x${value.toString(16)}`;
  } else if (kind < 9) {
    bytes[place()] ^= 0xFF;
    what = 'a byte inverted';
  } else {
    const length = 1 + below(bytes.length);
    return { bytes: bytes.subarray(0, length), what: `cut to 0x${length.toString(16)} bytes` };
  }
  return { bytes, what };
}

// The module hands back the new image's head and its size; the rest is the input's own bytes,
// as the page's download joins them.
function newImage(head, size, input) {
  if (!head) return null;
  if (size <= head.length) return head.subarray(0, size);
  const image = new Uint8Array(size);
  image.set(head);
  image.set(input.subarray(head.length, size), head.length);
  return image;
}

const run = promisify(execFile);

async function native(bytes, name, options, dir) {
  writeFileSync(join(dir, name), bytes);
  const cliOptions = cliArgs(options, name);
  let stdout;
  try {
    ({ stdout } = await run(cliPath, [...cliOptions, '--json', name], { cwd: dir, maxBuffer: 256 << 20 }));
  } catch (err) {
    if (err.code !== 1 || !err.stdout) return { error: `exit ${err.code}: ${err.stderr}` };
    stdout = err.stdout;
  }
  const stem = stemOf(name);
  const file = (suffix) => (existsSync(join(dir, `${stem}-${suffix}.bin`)) ? readFileSync(join(dir, `${stem}-${suffix}.bin`)) : null);
  return { report: JSON.parse(stdout), image: file('meclean'), descriptor: file('descriptor'), me: file('me') };
}

function differences(w, n) {
  if (n.error) return [`the CLI failed: ${n.error}`];
  const found = jsonDiff(w.report, n.report).map((d) => `report ${d}`);
  for (const k of ['image', 'descriptor', 'me']) {
    const a = w[k], b = n[k];
    if ((a === null) !== (b === null)) found.push(`${k}: ${a === null ? 'only the CLI wrote it' : 'only the module gave it'}`);
    else if (a && sha256(a) !== sha256(b)) found.push(`${k}: the bytes differ`);
  }
  return found;
}

async function main() {
  if (!existsSync(cliPath)) throw new Error(`no CLI at ${cliPath}: scripts/build-native`);
  const newModule = await moduleFactory(wasmDir);
  const sampler = await (await moduleFactory(wasmDir, 'meclean-sample'))();
  const list = sources(sampler.sampleImage());
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'meclean-agree-'));
  let M = await newModule();
  let disagreements = 0;
  const cache = new Map();
  const started = Date.now();
  try {
    for (let i = 0; i < cases; ++i) {
      const source = pick(list);
      if (!cache.has(source.name)) cache.set(source.name, source.bytes());
      const { bytes, what } = corrupt(cache.get(source.name));
      const options = pick(OPTIONS);
      if (only !== null && i !== only) continue;
      const name = `case${i}.bin`;
      let w;
      try {
        M.open(bytes, name);
        const r = M.clean(options);
        w = { report: JSON.parse(r.report), image: newImage(r.head, r.size, bytes), descriptor: r.descriptor ?? null, me: r.me ?? null };
      } catch (err) {
        w = { report: { threw: `${err.name}: ${err.message}` }, image: null, descriptor: null, me: null };
        if (err instanceof WebAssembly.RuntimeError) M = await newModule();
      }
      const dir = join(work, String(i));
      mkdirSync(dir);
      const n = await native(bytes, name, options, dir);
      rmSync(dir, { recursive: true, force: true });
      const found = differences(w, n);
      if (found.length) {
        ++disagreements;
        writeFileSync(join(out, name), bytes);
        writeFileSync(join(out, `case${i}.txt`),
          `${source.name}: ${what}; options ${JSON.stringify(options)}\n${found.join('\n')}\n`);
        console.error(`case ${i} (${source.name}, ${what}, ${JSON.stringify(options)}): ${found.slice(0, 3).join('; ')}`);
      }
      if ((i + 1) % 500 === 0) console.log(`${i + 1} cases, ${disagreements} disagreements, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    cleanupCorpus();
  }
  console.log(`agree: ${only === null ? cases : 1} cases (seed ${seed}, ${list.length} source images), ${disagreements} disagreements,`
    + ` ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = disagreements ? 1 : 0;
}

await main();
