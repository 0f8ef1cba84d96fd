// The engine's Web Worker: owns the WebAssembly module and the bytes of the open image.
//
// Page → worker (each with a numeric id; the answer carries the same id):
//   { type: 'analyze', id, bytes }            bytes: Uint8Array (transferred); kept as the open image
//   { type: 'preview', id, options, bytes? }  inspect + plan of the open image (or of bytes)
//   { type: 'clean',   id, options, bytes? }  inspect + plan + apply
//   { type: 'digest',  id }                   the SHA-256 of the open image (hex), asked for right after 'analyze'
//   { type: 'sample',  id }                   the synthetic sample image (its own module, loaded on first use)
//   { type: 'extract', id, offset, length }   a copy of part of the open image (the plain image
//                                             the triage found inside it), to be opened next
// Worker → page:
//   { type: 'ready', version, hasSample } once, or { type: 'fatal', error }
//   { type: 'result', id, ...payload, ms }    buffers transferred, never copied
//   { type: 'error', id, error }
import createMecleanModule from './wasm/meclean.mjs';
import wasmUrl from './wasm/meclean.wasm?url';
import wasmIntegrity from './wasm/meclean.wasm?integrity';
import { compareRegions, parseLayout } from './flash-layout.js';
import { sha256 } from './sha256.js';

// `integrity`: the file's SHA-384 from the build (scripts/integrity-plugin.mjs); fetch() refuses
// a file that does not match it.
async function wasmBytes(url, integrity) {
  if (url.startsWith('data:')) {
    // The single-file build inlines the wasm; decode it here rather than fetch() a data: URL,
    // which a page CSP with connect-src 'none' refuses (toolchain.md §7).
    const base64 = url.slice(url.indexOf(',') + 1);
    const binary = atob(base64);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }
  const response = await fetch(url, { integrity }).catch((err) => {
    throw new Error(`could not load the engine (${err.message}): the network failed, or the file is not this build's (its integrity hash differs)`);
  });
  if (!response.ok) throw new Error(`could not load the engine (${response.status} ${response.statusText})`);
  return new Uint8Array(await response.arrayBuffer());
}

let binary = null;
let engine = null; // Promise of the module
let sampler = null; // Promise of the sample builder's module
let current = null; // Uint8Array of the open image
let opened = null; // the module that holds `current` (open()), if any

function getEngine() {
  engine ??= (async () => {
    binary ??= await wasmBytes(wasmUrl, wasmIntegrity);
    return createMecleanModule({ wasmBinary: binary, print: () => {}, printErr: () => {} });
  })().catch((err) => {
    engine = null;
    throw err;
  });
  return engine;
}

// The sample builder is a second module, fetched (or, in the single-file build, decoded) only
// here: the engine every visitor loads does not carry it. The service worker precaches it.
function getSampler() {
  sampler ??= (async () => {
    const [{ default: createSampleModule }, { default: url }, { default: integrity }] = await Promise.all([
      import('./wasm/meclean-sample.mjs'),
      import('./wasm/meclean-sample.wasm?url'),
      import('./wasm/meclean-sample.wasm?integrity'),
    ]);
    return createSampleModule({ wasmBinary: await wasmBytes(url, integrity), print: () => {}, printErr: () => {} });
  })().catch((err) => {
    sampler = null;
    throw err;
  });
  return sampler;
}

function buffersOf(result) {
  return ['image', 'descriptor', 'me'].map((k) => result[k]).filter((b) => b instanceof Uint8Array).map((b) => b.buffer);
}

async function handle(msg) {
  const started = performance.now();
  if (msg.type === 'sample') {
    const bytes = (await getSampler()).sampleImage();
    return [{ bytes, ms: performance.now() - started }, [bytes.buffer]];
  }
  if (msg.bytes) {
    current = msg.bytes;
    opened = null;
  }
  if (!current) throw new Error('no image is open');
  if (msg.type === 'digest') return [{ sha256: await sha256(current), ms: performance.now() - started }, []];
  if (msg.type === 'extract') {
    const bytes = current.slice(msg.offset, msg.offset + msg.length);
    return [{ bytes, ms: performance.now() - started }, [bytes.buffer]];
  }
  const m = await getEngine();
  if (msg.type === 'analyze') {
    // open() keeps the bytes and the analysis in the module for the previews and the clean.
    opened = null;
    const analysis = m.open(current);
    opened = m;
    return [{ analysis, ms: performance.now() - started }, []];
  }
  if (msg.type === 'preview' || msg.type === 'clean') {
    if (opened !== m) {
      // A new module (the old one trapped): open the image in it again.
      m.open(current);
      opened = m;
    }
    const result = m[msg.type === 'clean' ? 'cleanOpen' : 'previewOpen'](msg.options ?? {});
    // embind returns a plain object; copy the fields so structured clone sees plain data.
    const payload = { ...result, ms: performance.now() - started };
    if (msg.type === 'clean' && payload.ok && payload.image instanceof Uint8Array) payload.flash = flashInfo(m, payload);
    return [payload, buffersOf(payload)];
  }
  throw new Error(`unknown request ${msg.type}`);
}

// The flashrom layout of what is going to be written (the extracted descriptor's regions when
// there is one: with -t they show the shrunk ME) and which of those regions the clean changed.
function flashInfo(m, result) {
  try {
    const layout = m.layout(result.descriptor ?? result.image.subarray(0, 0x1000));
    return { layout, from: result.descriptor ? 'descriptor' : 'image', ...compareRegions(parseLayout(layout), current, result.image) };
  } catch (err) {
    return { error: String(err?.message ?? err) }; // a bare ME image has no descriptor
  }
}

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    const [payload, transfer] = await handle(msg);
    self.postMessage({ type: 'result', id: msg.id, ...payload }, transfer);
  } catch (err) {
    // An aborted module (RuntimeError, e.g. out of memory) is dead: start a new one next time.
    if (err instanceof WebAssembly.RuntimeError) engine = null;
    self.postMessage({ type: 'error', id: msg.id, error: String(err?.message ?? err) });
  }
};

getEngine().then(
  (m) => self.postMessage({ type: 'ready', version: m.version(), hasSample: true }),
  (err) => self.postMessage({ type: 'fatal', error: String(err?.message ?? err) }),
);
