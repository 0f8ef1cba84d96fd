// What the page says about itself in its footer: the version and a build hash.
// - The version is CMake's project version (../CMakeLists.txt), the one place it lives; the CLI
//   and the engine read the same.
// - The build hash is the SHA-256 of everything the page is built from: web/index.html, web/src/
//   (with the engine's wasm that scripts/build-web copies there), the locked dependencies and the
//   build scripts. Both builds (multi-file and single file) of one source show the same hash, and
//   since the build is reproducible, so does anyone's build of that source.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));

export function projectVersion() {
  const cmake = readFileSync(join(web, '..', 'CMakeLists.txt'), 'utf8');
  const match = /project\(\s*meclean\s+VERSION\s+([0-9]+\.[0-9]+\.[0-9]+)/.exec(cmake);
  if (!match) throw new Error('CMakeLists.txt: no "project(meclean VERSION x.y.z" line');
  return match[1];
}

function filesUnder(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

const INPUTS = ['index.html', 'src', 'scripts', 'package-lock.json', 'vite.config.js'];

export function buildHash() {
  const files = INPUTS.flatMap((p) => filesUnder(join(web, p)))
    .map((f) => relative(web, f).split(sep).join('/'))
    .sort();
  const all = createHash('sha256');
  for (const f of files) all.update(`${f}\0${createHash('sha256').update(readFileSync(join(web, f))).digest('hex')}\n`);
  return all.digest('hex').slice(0, 16);
}
