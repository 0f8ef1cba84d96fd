// The engine's Web Worker: owns the WebAssembly module, which holds the open image and its session.
//
// Page → worker (each with a numeric id; the answer carries the same id):
//   { type: 'open', id, bytes, name }      bytes: Uint8Array (transferred) → { report }
//   { type: 'openEmbedded', id, name }     the plain image the triage found inside the open file → { report }
//   { type: 'report', id, options }        a plan of the open image with these options → { report }
//   { type: 'clean', id, options }         plan and apply → { report, image, descriptor, me }
//   { type: 'digest', id }                 the SHA-256 of the open image (hex), asked for after 'open'
//   { type: 'sample', id }                 the synthetic sample image (its own module, loaded on first use)
//   { type: 'join', id, first, second, names }  two chip reads (transferred) → { join, report }; when
//                                          joined, the whole image is the open image and `report` its check
//   { type: 'compare', id, reads }         reads of one chip (transferred) → { result }
//   { type: 'verify', id, written, readback }  the written image and its read-back → { result }
//   { type: 'status', id, text, options }  "Did it work?": the pasted status → { report, layouts }
// Worker → page:
//   { type: 'ready', version } once, or { type: 'fatal', error }
//   { type: 'result', id, ...payload, ms }  buffers transferred, never copied
//   { type: 'error', id, error }
// `report`, `join` and `result` are the engine's JSON text (docs/report.schema.json,
// docs/schema/*.schema.json); the page parses them.
import createMecleanModule from './wasm/meclean.mjs';
import wasmUrl from './wasm/meclean.wasm?url';
import wasmIntegrity from './wasm/meclean.wasm?integrity';
import { sha256 } from './sha256.js';

// `integrity`: the file's SHA-384 from the build (scripts/integrity-plugin.mjs); fetch() refuses
// a file that does not match it.
async function wasmBytes(url, integrity) {
  if (url.startsWith('data:')) {
    // The single-file build inlines the wasm; decode it here rather than fetch() a data: URL,
    // which a page CSP with connect-src 'none' refuses (docs/toolchain.md §7).
    const binary = atob(url.slice(url.indexOf(',') + 1));
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

let engine = null; // Promise of the module
let sampler = null; // Promise of the sample builder's module
let current = null; // { bytes, name, embedded }: the open image, to reopen it in a new module and to hash it

function getEngine() {
  engine ??= (async () => createMecleanModule({ wasmBinary: await wasmBytes(wasmUrl, wasmIntegrity), print: () => {}, printErr: () => {} }))()
    .catch((err) => {
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

let opened = null; // the module that holds `current`

// `m` now holds `current`, whose check is `report`.
function adopt(m, report) {
  opened = m;
  current.embedded = JSON.parse(report).analysis.triage?.embedded ?? null;
  return report;
}

async function openedEngine() {
  const m = await getEngine();
  if (opened !== m) {
    if (!current) throw new Error('no image is open');
    m.open(current.bytes, current.name); // a new module (the old one trapped): open the image again
    opened = m;
  }
  return m;
}

const handlers = {
  async sample() {
    const bytes = (await getSampler()).sampleImage();
    return [{ bytes }, [bytes.buffer]];
  },
  async open(msg) {
    current = { bytes: msg.bytes, name: msg.name };
    opened = null;
    const m = await getEngine();
    return [{ report: adopt(m, m.open(current.bytes, current.name)) }, []];
  },
  async join(msg) {
    const m = await getEngine();
    const answer = m.join(msg.first, msg.second, ...msg.names);
    if (answer.report) {
      current = { bytes: answer.image, name: JSON.parse(answer.report).input.name };
      adopt(m, answer.report);
    }
    return [{ join: answer.join, report: answer.report }, []];
  },
  async compare(msg) {
    return [{ result: (await getEngine()).compare(msg.reads) }, []];
  },
  async verify(msg) {
    return [{ result: (await getEngine()).verify(msg.written, msg.readback) }, []];
  },
  async status(msg) {
    // With an image open, the engine takes the firmware generation from it.
    const m = current ? await openedEngine() : await getEngine();
    return [{ report: m.status(msg.text, msg.options ?? {}), layouts: m.statusLayouts() }, []];
  },
  async openEmbedded(msg) {
    const m = await openedEngine();
    const report = m.openEmbedded(msg.name);
    const { offset, length } = current.embedded;
    current = { bytes: current.bytes.subarray(offset, offset + length), name: msg.name, embedded: null };
    return [{ report }, []];
  },
  async report(msg) {
    return [{ report: (await openedEngine()).report(msg.options ?? {}) }, []];
  },
  async clean(msg) {
    const result = (await openedEngine()).clean(msg.options ?? {});
    const payload = { report: result.report, image: result.image, descriptor: result.descriptor, me: result.me };
    return [payload, [payload.image, payload.descriptor, payload.me].filter(Boolean).map((b) => b.buffer)];
  },
  async digest() {
    if (!current) throw new Error('no image is open');
    return [{ sha256: await sha256(current.bytes) }, []];
  },
};

self.onmessage = async (event) => {
  const msg = event.data;
  const started = performance.now();
  try {
    const handler = handlers[msg.type];
    if (!handler) throw new Error(`unknown request ${msg.type}`);
    const [payload, transfer] = await handler(msg);
    self.postMessage({ type: 'result', id: msg.id, ...payload, ms: performance.now() - started }, transfer);
  } catch (err) {
    // An aborted module (RuntimeError, e.g. out of memory) is dead: start a new one next time.
    if (err instanceof WebAssembly.RuntimeError) engine = null;
    self.postMessage({ type: 'error', id: msg.id, error: String(err?.message ?? err) });
  }
};

getEngine().then(
  (m) => self.postMessage({ type: 'ready', version: m.version() }),
  (err) => self.postMessage({ type: 'fatal', error: String(err?.message ?? err) }),
);
