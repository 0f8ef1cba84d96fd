// The engine's Web Worker: owns the WebAssembly module and the bytes of the open image.
//
// Page → worker (each with a numeric id; the answer carries the same id):
//   { type: 'analyze', id, bytes }            bytes: Uint8Array (transferred); kept as the open image
//   { type: 'preview', id, options, bytes? }  inspect + plan of the open image (or of bytes)
//   { type: 'clean',   id, options, bytes? }  inspect + plan + apply
//   { type: 'sample',  id }                   the engine's synthetic sample image
// Worker → page:
//   { type: 'ready', version, hasSample } once, or { type: 'fatal', error }
//   { type: 'result', id, ...payload, ms }    buffers transferred, never copied
//   { type: 'error', id, error }
import createMecleanModule from './wasm/meclean.mjs';
import wasmUrl from './wasm/meclean.wasm?url';

async function wasmBytes() {
  if (wasmUrl.startsWith('data:')) {
    // The single-file build inlines the wasm; decode it here rather than fetch() a data: URL,
    // which a page CSP with connect-src 'none' refuses (toolchain.md §7).
    const base64 = wasmUrl.slice(wasmUrl.indexOf(',') + 1);
    const binary = atob(base64);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`could not load the engine (${response.status} ${response.statusText})`);
  return new Uint8Array(await response.arrayBuffer());
}

let binary = null;
let engine = null; // Promise of the module
let current = null; // Uint8Array of the open image

function getEngine() {
  engine ??= (async () => {
    binary ??= await wasmBytes();
    return createMecleanModule({ wasmBinary: binary, print: () => {}, printErr: () => {} });
  })().catch((err) => {
    engine = null;
    throw err;
  });
  return engine;
}

function buffersOf(result) {
  return ['image', 'descriptor', 'me'].map((k) => result[k]).filter((b) => b instanceof Uint8Array).map((b) => b.buffer);
}

async function handle(msg) {
  const started = performance.now();
  if (msg.type === 'sample') {
    const m = await getEngine();
    if (typeof m.sampleImage !== 'function') throw new Error('this build has no sample image');
    const bytes = m.sampleImage();
    return [{ bytes, ms: performance.now() - started }, [bytes.buffer]];
  }
  if (msg.bytes) current = msg.bytes;
  if (!current) throw new Error('no image is open');
  const m = await getEngine();
  if (msg.type === 'analyze') {
    const analysis = m.analyze(current);
    return [{ analysis, ms: performance.now() - started }, []];
  }
  if (msg.type === 'preview' || msg.type === 'clean') {
    const result = m[msg.type](current, msg.options ?? {});
    // embind returns a plain object; copy the fields so structured clone sees plain data.
    const payload = { ...result, ms: performance.now() - started };
    return [payload, buffersOf(payload)];
  }
  throw new Error(`unknown request ${msg.type}`);
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
  (m) => self.postMessage({ type: 'ready', version: m.version(), hasSample: typeof m.sampleImage === 'function' }),
  (err) => self.postMessage({ type: 'fatal', error: String(err?.message ?? err) }),
);
