// The page's side of the worker: one worker, promises back, one request at a time per id.
import { startWorker } from '#engine-worker';

export class Engine {
  constructor() {
    this.nextId = 1;
    this.pending = new Map();
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.worker = startWorker();
    this.worker.onmessage = (e) => this.receive(e.data);
    this.worker.onerror = (e) => {
      const error = new Error(e.message || 'the engine could not start');
      this.rejectReady(error);
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
  }

  receive(msg) {
    if (msg.type === 'ready') return this.resolveReady(msg);
    if (msg.type === 'fatal') return this.rejectReady(new Error(msg.error));
    const waiter = this.pending.get(msg.id);
    if (!waiter) return;
    this.pending.delete(msg.id);
    if (msg.type === 'error') waiter.reject(new Error(msg.error));
    else waiter.resolve(msg);
  }

  request(message, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** Opens `bytes` (transferred: the caller loses them); resolves to the parsed report. */
  async open(bytes, name) {
    return JSON.parse((await this.request({ type: 'open', bytes, name }, [bytes.buffer])).report);
  }

  /** Opens the plain flash image the engine found inside the open file. */
  async openEmbedded(name) {
    return JSON.parse((await this.request({ type: 'openEmbedded', name })).report);
  }

  /** The report of a plan with `options` (nothing applied). */
  async report(options) {
    return JSON.parse((await this.request({ type: 'report', options })).report);
  }

  /** Plan and apply: { report, image, descriptor, me, ms }. */
  async clean(options) {
    const answer = await this.request({ type: 'clean', options });
    return { ...answer, report: JSON.parse(answer.report) };
  }

  /** The SHA-256 (hex) of the open image, computed in the worker. */
  async digest() {
    return (await this.request({ type: 'digest' })).sha256;
  }

  /** Joins two chip reads (transferred); when joined, the whole image is open: { join, report or null }. */
  async join(first, second, names) {
    const a = await this.request({ type: 'join', first, second, names }, [first.buffer, second.buffer]);
    return { join: JSON.parse(a.join), report: a.report && JSON.parse(a.report) };
  }

  /** Compares reads of one chip (transferred). */
  async compare(reads) {
    return JSON.parse((await this.request({ type: 'compare', reads }, reads.map((r) => r.buffer))).result);
  }

  /** Verifies a read-back against the written image (both transferred). */
  async verify(written, readback) {
    return JSON.parse((await this.request({ type: 'verify', written, readback }, [written.buffer, readback.buffer])).result);
  }

  /** "Did it work?": { report, layouts } for the pasted text. */
  async status(text, options) {
    const a = await this.request({ type: 'status', text, options });
    return { report: JSON.parse(a.report), layouts: a.layouts };
  }

  async sample() {
    return (await this.request({ type: 'sample' })).bytes;
  }
}
