// The page's sample module (meclean-sample.wasm) carries none of the test keys' private exponents:
// it is linked with the recorded signatures of the sample's manifests, not with the tests' signer
// (tests/synth/CMakeLists.txt). Linking the signer again puts the exponents in the .wasm, and this
// test fails. The exponents and moduli are read from their generated sources
// (tests/synth/test_keys.cpp, test_public_keys.cpp); the .wasm is searched for the first and last
// 32 bytes of each, in big- and little-endian order. The control: the sample's own modulus, which
// the builder writes into the manifest, must be found, so the search does see the module's data.
//
// The module must still build the sample the tests build: its signature verifies in the engine,
// and the bytes equal those of the tests' signer (the native tool
// <build>/tests/synth/meclean_record_sample_signatures --image; BUILD_DIR, default build).
// With CI set, a missing .wasm or native tool fails; otherwise those tests are skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { moduleFactory } from '../node-module.mjs';
import { required, root, sha256 } from '../../tests/e2e/support.mjs';

const wasmDir = resolve(process.env.MECLEAN_WASM_DIR ?? join(root, 'build-wasm/wasm'));
const sampleWasm = join(wasmDir, 'meclean-sample.wasm');
const recordTool = resolve(root, process.env.BUILD_DIR ?? 'build', 'tests/synth/meclean_record_sample_signatures');

/** { name: Buffer } of the `constexpr uint8_t <prefix><name>[] = { 0x.., ... };` arrays of a generated source. */
function generatedArrays(file, prefix) {
  const source = readFileSync(join(root, 'tests/synth', file), 'utf8');
  const out = {};
  for (const [, name, body] of source.matchAll(new RegExp(`constexpr uint8_t ${prefix}(\\w+)\\[\\] = \\{([^}]*)\\}`, 'g')))
    out[name] = Buffer.from(body.match(/0x[0-9a-f]{2}/g).map((h) => parseInt(h, 16)));
  return out;
}

const sizes = (arrays) => Object.fromEntries(Object.entries(arrays).map(([k, v]) => [k, v.length]));
const keySizes = { Rsa2048E65537: 256, Rsa2048E17: 256, Rsa3072E65537: 384 };
const privateExponents = generatedArrays('test_keys.cpp', 'kPrivateExponent');
const moduli = generatedArrays('test_public_keys.cpp', 'kModulus');

/** Which of first/last 32 bytes, big- or little-endian, of the big-endian `number` occur in `bytes`. */
function occurrences(bytes, number) {
  const parts = { first: number.subarray(0, 32), last: number.subarray(number.length - 32) };
  const found = [];
  for (const [where, part] of Object.entries(parts)) {
    if (bytes.includes(part)) found.push(`${where} 32 bytes, big-endian`);
    if (bytes.includes(Buffer.from(part).reverse())) found.push(`${where} 32 bytes, little-endian`);
  }
  return found;
}

test('the generated key sources parse: three private exponents and three moduli', () => {
  assert.deepEqual(sizes(privateExponents), keySizes);
  assert.deepEqual(sizes(moduli), keySizes);
});

test('meclean-sample.wasm holds no private exponent, and does hold the sample\'s modulus', (t) => {
  if (!required(t, existsSync(sampleWasm), `${sampleWasm} is missing: build the wasm first`)) return;
  const wasm = readFileSync(sampleWasm);
  assert.notEqual(occurrences(wasm, moduli.Rsa2048E17).length, 0,
    'control: the sample\'s modulus is not found, so the search cannot see the module\'s data');
  for (const [key, exponent] of Object.entries(privateExponents))
    assert.deepEqual(occurrences(wasm, exponent), [], `the private exponent of ${key} is in ${sampleWasm}`);
});

test('the sample module builds the tests\' sample: signature valid, the same bytes', async (t) => {
  if (!required(t, existsSync(sampleWasm), `${sampleWasm} is missing: build the wasm first`)) return;
  const image = (await (await moduleFactory(wasmDir, 'meclean-sample'))()).sampleImage();
  const engine = await (await moduleFactory(wasmDir))();
  const signature = JSON.parse(engine.open(image, 'meclean-sample.bin')).checks.find((c) => c.id === 'signature');
  assert.equal(signature?.state, 'ok', `the sample's signature: ${JSON.stringify(signature)}`);

  if (!required(t, existsSync(recordTool), `${recordTool} is missing: build natively first (scripts/build-native)`)) return;
  const work = mkdtempSync(join(tmpdir(), 'meclean-sample-keys-'));
  try {
    execFileSync(recordTool, ['--image', join(work, 'signed.bin')]);
    assert.equal(sha256(image), sha256(readFileSync(join(work, 'signed.bin'))),
      'the sample module\'s image differs from the one the tests\' signer builds');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
