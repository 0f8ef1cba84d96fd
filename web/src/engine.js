// The page's side of the worker: one worker, one request at a time per id, promises back.
import { startWorker } from '#engine-worker';

export class Engine {
  constructor() {
    this.nextId = 1;
    this.pending = new Map();
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.start();
  }

  start() {
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

  /** Opens `bytes` (transferred: the caller loses them) and returns the analysis JSON text. */
  analyze(bytes) {
    return this.request({ type: 'analyze', bytes }, [bytes.buffer]);
  }

  /** The SHA-256 (hex) of the open image, computed in the worker after the check. */
  async digest() {
    return (await this.request({ type: 'digest' })).sha256;
  }

  preview(options) {
    return this.request({ type: 'preview', options });
  }

  clean(options) {
    return this.request({ type: 'clean', options });
  }

  /** A copy of bytes [offset, offset + length) of the open image. */
  extract(offset, length) {
    return this.request({ type: 'extract', offset, length });
  }

  sample() {
    return this.request({ type: 'sample' });
  }
}
