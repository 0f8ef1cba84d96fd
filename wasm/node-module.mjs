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
