// Multi-file build: the engine's worker, started from a blob: URL made of its own code, once that
// code matches the hash the build wrote here (Subresource Integrity, as for the page's scripts).
// A blob: worker inherits the page's Content-Security-Policy (its <meta> tag included), so "no
// connections" holds in the worker on a host that sends no CSP header; a worker loaded from its
// URL would take its policy from that URL's response headers only.
// scripts/integrity-plugin.mjs builds the worker as one file and replaces the placeholder.
import workerUrl from './engine.worker.js?worker&url';

const INTEGRITY = '__MECLEAN_WORKER_INTEGRITY__';

async function verifiedWorker(name) {
  const url = new URL(workerUrl, import.meta.url).href;
  const response = await fetch(url, { integrity: INTEGRITY });
  if (!response.ok) throw new Error(`could not load the engine (${response.status} ${response.statusText})`);
  // The worker resolves its wasm files against its real URL (it has none of its own as a blob:).
  const code = `self.mecleanWorkerUrl = ${JSON.stringify(url)};\n${await response.text()}`;
  const blob = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const worker = new Worker(blob, { type: 'module', name });
  // Revoked once the worker has surely read its script: when it first speaks or fails.
  const revoke = () => URL.revokeObjectURL(blob);
  worker.addEventListener('message', revoke, { once: true });
  worker.addEventListener('error', revoke, { once: true });
  return worker;
}

// Stands in for the Worker while its code is fetched and checked: messages wait, and a failed
// check arrives as an 'error' event, as a worker that cannot start would send.
class PendingWorker extends EventTarget {
  constructor(name) {
    super();
    this.onmessage = null;
    this.onerror = null;
    this.queue = [];
    this.worker = null;
    verifiedWorker(name).then((worker) => {
      this.worker = worker;
      worker.onmessage = (e) => this.forward(new MessageEvent('message', { data: e.data }), this.onmessage);
      worker.onerror = (e) => this.forward(new ErrorEvent('error', { message: e.message }), this.onerror);
      for (const [message, transfer] of this.queue) worker.postMessage(message, transfer);
      this.queue = null;
    }, (err) => {
      this.forward(new ErrorEvent('error', { message: `the engine failed its integrity check or could not load: ${err.message}` }), this.onerror);
    });
  }

  forward(event, handler) {
    handler?.call(this, event);
    this.dispatchEvent(event);
  }

  postMessage(message, transfer = []) {
    if (this.worker) this.worker.postMessage(message, transfer);
    else this.queue?.push([message, transfer]);
  }

  terminate() {
    this.worker?.terminate();
    this.queue = null;
  }
}

export function startWorker() {
  // The dev server serves the worker as separate modules: start it from its URL there.
  if (import.meta.env.DEV) return new Worker(workerUrl, { type: 'module', name: 'meclean-engine' });
  return new PendingWorker('meclean-engine');
}
