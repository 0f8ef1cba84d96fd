// One measurement of scripts/bench's peak memory table, in a process of its own so that
// nothing else the benchmark did is counted: loads the wasm module, runs one operation on one
// image, and prints JSON:
//   { op, linearMemory, initialMemory, peakRss, inputBytes }   (bytes)
// linearMemory is the module's memory.buffer.byteLength after the operation: a wasm memory never
// shrinks (emmalloc grows it with memory.grow when the heap is full), so that is its high-water
// mark. peakRss is the node process's maximum resident set, VmHWM from /proc/self/status: not
// getrusage's maxrss, which on Linux keeps the high-water mark from before exec, here that of
// the forked benchmark itself.
//
// node tests/bench/wasm_memory.mjs --wasm DIR --image PATH --op load|check|clean|page
//   load   module instantiated and the image read, no call (node's own baseline)
//   check  open(image, name): the check, what `meclean -c` does
//   clean  open(image, name), clean(-S -r -t -d -D -M): the benchmark's clean
//   page   open(image, name), report(...), clean(...): the page's worker (a preview, then the clean)
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { moduleFactory } from '../../wasm/node-module.mjs';

/** The benchmark's clean, `-S -r -t -d -D -M`, as the bindings take it. */
export const CLEAN = { soft_disable: true, relocate: true, truncate: true, restrict_me_master: true,
  extract_descriptor: true, extract_me: true };

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error(`wasm_memory.mjs: --${name} is required`);
  return process.argv[i + 1];
};

// The loader keeps the instance's exports in Module.asm (Emscripten 3.1.6); its memory is "memory".
const memoryOf = (M) => M.asm.memory.buffer.byteLength;

const peakRss = () => Number(readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB$/m)[1]) * 1024;

async function main() {
  const op = arg('op');
  const M = await (await moduleFactory(arg('wasm')))({ print: () => {}, printErr: () => {} });
  const initialMemory = memoryOf(M);
  const image = new Uint8Array(readFileSync(arg('image')));
  // Each call answers with a report (JSON text); a refusal in it means the operation did not run.
  const expectOk = (json) => {
    const refusal = JSON.parse(json).refusal;
    if (refusal) throw new Error(`${op}: ${refusal.message}`);
  };
  const name = basename(arg('image'));
  if (op === 'check') expectOk(M.open(image, name));
  else if (op === 'clean') {
    expectOk(M.open(image, name));
    expectOk(M.clean(CLEAN).report);
  } else if (op === 'page') {
    expectOk(M.open(image, name));
    expectOk(M.report(CLEAN));
    expectOk(M.clean(CLEAN).report);
  } else if (op !== 'load') throw new Error(`wasm_memory.mjs: unknown --op ${op}`);
  console.log(JSON.stringify({ op, linearMemory: memoryOf(M), initialMemory,
    peakRss: peakRss(), inputBytes: image.length }));
}

// bench.mjs imports CLEAN from here; run as a script, this file measures.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
