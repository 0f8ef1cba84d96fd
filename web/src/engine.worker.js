// The engine's Web Worker: owns the WebAssembly module, which holds the open image and its session,
// and the modules it loads on first use: "Did it work?" (meclean-status), the flashing workflow
// (meclean-flash: join, compare, verify) and the sample builder (meclean-sample). The page as
// opened thus loads only what one dump needs; the service worker precaches the others for offline
// use, and the single-file build carries them inline.
//
// Page → worker (each with a numeric id; the answer carries the same id):
//   { type: 'open', id, file, name }       file: the user's File (or a Blob) → { report }, or
//                                          { unreadable: true } when only the page may read the file
//   { type: 'open', id, bytes, name }      bytes: Uint8Array (transferred), e.g. the sample → { report }
//   { type: 'openEmbedded', id, name }     the plain image the triage found inside the open file → { report }
//   { type: 'report', id, options }        a plan of the open image with these options → { report }
//   { type: 'clean', id, options }         plan and apply → { report, image: Blob, descriptor, me }; the image
//                                          is the engine's head of the new image followed by a slice of
//                                          the open file: nothing else is copied out of wasm memory
//   { type: 'digest', id }                 the SHA-256 of the open image (hex), asked for after 'open'
//   { type: 'sample', id }                 the synthetic sample image
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
import { forgetAll, getEngine, getFlash, getSampler, getStatus } from './wasm-modules.js';
import { sha256 } from './sha256.js';

// The open image: `file` (the user's File, or a Blob of bytes the engine made: the worker keeps no
// copy of its bytes), its name and the plain image the triage found inside.
let current = null;

let opened = null; // the module that holds `current`

// Opens `file` in `m`, read straight into the module's memory a slice at a time: no copy of the
// whole image exists outside wasm memory. Null when this worker may not read the file (WebKit
// lets only the page read a file chosen on a file:// page): the page then sends its bytes.
const SLICE = 4 << 20;
function openFile(m, file, name) {
  const view = m.prepare(file.size); // valid until the next call into the module
  const reader = new FileReaderSync();
  try {
    for (let at = 0; at < file.size; at += SLICE)
      view.set(new Uint8Array(reader.readAsArrayBuffer(file.slice(at, at + SLICE))), at);
  } catch (err) {
    if (err instanceof DOMException) return null;
    throw err;
  }
  return m.openPrepared(name);
}

// The new image: the engine's head, then the open file from there up to `size` (a Blob holds the
// slice by reference, so the bytes past the head are never copied; posting a Blob does not copy it).
function newImage(head, size) {
  const type = 'application/octet-stream';
  const image = size > head.length ? new Blob([head, current.file.slice(head.length, size)], { type }) : new Blob([head.subarray(0, size)], { type });
  if (image.size !== size) throw new Error(`the new image has ${image.size} bytes, not ${size}`);
  return image;
}

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
    // A new module (the old one trapped): open the image again.
    if (openFile(m, current.file, current.name) === null) throw new Error('the open file can no longer be read: open it again');
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
    current = { file: msg.file ?? new Blob([msg.bytes]), name: msg.name };
    opened = null;
    const m = await getEngine();
    const report = msg.file ? openFile(m, msg.file, msg.name) : m.open(msg.bytes, msg.name);
    if (report === null) {
      current = null;
      return [{ unreadable: true }, []];
    }
    return [{ report: adopt(m, report) }, []];
  },
  async join(msg) {
    const [flash, m] = await Promise.all([getFlash(), getEngine()]);
    const answer = flash.join(msg.first, msg.second, ...msg.names);
    if (!answer.image) return [{ join: answer.join, report: null }, []];
    // Joined: the whole flash becomes the open image, checked as one dump by the engine.
    current = { file: new Blob([answer.image]), name: answer.name };
    return [{ join: answer.join, report: adopt(m, m.open(answer.image, answer.name)) }, []];
  },
  async compare(msg) {
    return [{ result: (await getFlash()).compare(msg.reads) }, []];
  },
  async verify(msg) {
    return [{ result: (await getFlash()).verify(msg.written, msg.readback) }, []];
  },
  async status(msg) {
    // With an image open, the decoder takes the firmware generation from it (the engine's hints).
    const [decoder, image] = await Promise.all([getStatus(), current ? openedEngine().then((m) => m.imageHints()) : null]);
    return [{ report: decoder.status(msg.text, { ...msg.options, image }), layouts: decoder.statusLayouts() }, []];
  },
  async openEmbedded(msg) {
    const m = await openedEngine();
    const report = m.openEmbedded(msg.name);
    const { offset, length } = current.embedded;
    current = { file: current.file.slice(offset, offset + length), name: msg.name, embedded: null };
    return [{ report }, []];
  },
  async report(msg) {
    return [{ report: (await openedEngine()).report(msg.options ?? {}) }, []];
  },
  async clean(msg) {
    const result = (await openedEngine()).clean(msg.options ?? {});
    const payload = { report: result.report, image: result.head && newImage(result.head, result.size), descriptor: result.descriptor, me: result.me };
    return [payload, [payload.descriptor, payload.me].filter(Boolean).map((b) => b.buffer)];
  },
  async digest() {
    if (!current) throw new Error('no image is open');
    return [{ sha256: await sha256(current.file) }, []];
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
    // The open image stays in `current`, to be opened again in the new engine.
    if (err instanceof WebAssembly.RuntimeError) forgetAll();
    self.postMessage({ type: 'error', id: msg.id, error: String(err?.message ?? err) });
  }
};

getEngine().then(
  (m) => self.postMessage({ type: 'ready', version: m.version() }),
  (err) => self.postMessage({ type: 'fatal', error: String(err?.message ?? err) }),
);
