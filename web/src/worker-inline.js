// Single-file build: the worker is inlined as a classic (iife) script, the only kind a
// file:// page can start from a blob: URL (toolchain.md §7).
import EngineWorker from './engine.worker.js?worker&inline';

export function startWorker() {
  return new EngineWorker({ name: 'meclean-engine' });
}
