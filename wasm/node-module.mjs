// Loads a browser artifact (meclean.mjs + meclean.wasm, ENVIRONMENT=web,worker) under node, the
// way that works there: the caller hands the loader the wasm bytes (toolchain.md §6), as the page's
// worker does. Used by the node tests (wasm/test/) and the benchmark (tests/bench/).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Returns create(options?) → Promise of a new, independent module instance: the engine
 * (`meclean`) or the sample builder (`meclean-sample`). A trapped module (RuntimeError) is dead,
 * so callers make a new one rather than reuse it.
 */
export async function moduleFactory(dir, name = 'meclean') {
  const loader = join(dir, `${name}.mjs`);
  if (!existsSync(loader)) throw new Error(`${loader} is missing: build the wasm first (scripts/build-web)`);
  const { default: createModule } = await import(pathToFileURL(loader).href);
  const wasmBinary = readFileSync(join(dir, `${name}.wasm`));
  return (options = {}) => createModule({ ...options, wasmBinary });
}

/** The new image from clean()'s head and size: past the head it is the open image's bytes. */
export function wholeImage(head, size, input) {
  const out = new Uint8Array(size);
  out.set(head.subarray(0, Math.min(head.length, size)));
  if (size > head.length) out.set(input.subarray(head.length, size), head.length);
  return out;
}

/**
 * The engine module `M` with clean() answering `image` too, the whole new image, made from the
 * head and the open image's bytes as the page's worker makes its download. For the tests, which
 * compare whole images; open(), openPrepared(), openEmbedded() and close() keep track of the open image.
 */
export function withWholeImage(M) {
  let input = null;
  let embedded = null;
  let prepared = null;
  const opened = (bytes, json) => {
    input = bytes;
    embedded = JSON.parse(json).analysis?.triage?.embedded ?? null;
    return json;
  };
  return new Proxy(M, {
    get(target, key) {
      if (key === 'open') return (bytes, name) => opened(bytes, target.open(bytes, name));
      if (key === 'prepare') return (size) => (prepared = target.prepare(size));
      if (key === 'openPrepared') {
        return (name) => {
          const bytes = prepared?.slice(); // a copy before the call: the view dies when memory grows
          return opened(bytes, target.openPrepared(name));
        };
      }
      if (key === 'openEmbedded') {
        return (name) => {
          const json = target.openEmbedded(name);
          return opened(input.subarray(embedded.offset, embedded.offset + embedded.length), json);
        };
      }
      if (key === 'close') return () => { input = null; return target.close(); };
      if (key === 'clean') {
        return (options) => {
          const r = target.clean(options);
          return { ...r, image: r.head ? wholeImage(r.head, r.size, input) : null };
        };
      }
      return target[key];
    },
  });
}
