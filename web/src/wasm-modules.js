// The worker's WebAssembly modules: the engine, loaded at once, and the modules loaded on first use
// ("Did it work?", the flashing workflow, the sample builder). Each is fetched with its integrity
// hash, or decoded from the single-file build's inline copy; a failed load is tried again next time.
import createMecleanModule from './wasm/meclean.mjs';
import wasmUrl from './wasm/meclean.wasm?url';
import wasmIntegrity from './wasm/meclean.wasm?integrity';

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

async function instantiate(create, url, integrity) {
  return create({ wasmBinary: await wasmBytes(url, integrity), print: () => {}, printErr: () => {} });
}

// Every loader of this file; `forgetAll()` makes each load its module afresh on next use.
const loaders = [];
export function forgetAll() {
  for (const forget of loaders) forget();
}

// A module made by `make()` on first use and kept; a failed make is tried again next time.
function once(make) {
  let module = null;
  loaders.push(() => { module = null; });
  return () => {
    module ??= make().catch((err) => {
      module = null;
      throw err;
    });
    return module;
  };
}

export const getEngine = once(() => instantiate(createMecleanModule, wasmUrl, wasmIntegrity));

// `load()` imports a lazy module's glue, its wasm's URL and its integrity hash.
function onFirstUse(load) {
  return once(async () => {
    const [{ default: create }, { default: url }, { default: integrity }] = await load();
    return instantiate(create, url, integrity);
  });
}

export const getSampler = onFirstUse(() => Promise.all([
  import('./wasm/meclean-sample.mjs'),
  import('./wasm/meclean-sample.wasm?url'),
  import('./wasm/meclean-sample.wasm?integrity'),
]));
export const getStatus = onFirstUse(() => Promise.all([
  import('./wasm/meclean-status.mjs'),
  import('./wasm/meclean-status.wasm?url'),
  import('./wasm/meclean-status.wasm?integrity'),
]));
export const getFlash = onFirstUse(() => Promise.all([
  import('./wasm/meclean-flash.mjs'),
  import('./wasm/meclean-flash.wasm?url'),
  import('./wasm/meclean-flash.wasm?integrity'),
]));
