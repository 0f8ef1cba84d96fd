// Multi-file build: a same-origin module worker (covered by the server's CSP header).
export function startWorker() {
  return new Worker(new URL('./engine.worker.js', import.meta.url), { type: 'module', name: 'meclean-engine' });
}
