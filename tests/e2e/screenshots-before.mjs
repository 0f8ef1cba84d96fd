// Screenshots of the page as it was before the report rewrite (commit 69a9ba9, the last one before
// it), taken the same way as the "after" set the e2e tests save (tests/e2e/viewport.test.mjs), so
// the two can be compared side by side: desktop and 390 px, light and dark, the T420 16 MiB report
// and the page after a clean with the default choice, as
// <desktop|narrow>-<light|dark>-<report|cleaned>.png. Not part of CI.
//
// Usage, from the repository root (the corpus must sit at ../shared/corpus):
//   git worktree add /tmp/meclean-before 69a9ba9
//   (cd /tmp/meclean-before && scripts/build-web)     # its own build-wasm/, web/dist/
//   node tests/e2e/screenshots-before.mjs /tmp/meclean-before [OUT_DIR]
//   git worktree remove --force /tmp/meclean-before   # when done
// OUT_DIR defaults to build/e2e-screenshots/before/. The old page is served by its own
// web/scripts/serve.mjs (with the CSP it was built for).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanupCorpus, corpusInputs, haveCorpus, inputPath, root } from './support.mjs';
import { haveChromium, launch, screenshotSet, shots } from './browser.mjs';

const [checkout, outArg] = process.argv.slice(2);
if (!checkout) {
  console.error('usage: node tests/e2e/screenshots-before.mjs OLD_CHECKOUT [OUT_DIR]  (see the header of this file)');
  process.exit(2);
}
const dist = join(resolve(checkout), 'web/dist');
const out = resolve(outArg ?? join(shots, 'before'));
for (const [ok, what] of [[existsSync(join(dist, 'index.html')), `${dist}/index.html (build the old page first)`],
  [haveCorpus, 'the corpus at ../shared/corpus'], [haveChromium, '/usr/bin/chromium']]) {
  if (!ok) {
    console.error(`screenshots-before: missing ${what}`);
    process.exit(1);
  }
}

const all = corpusInputs();
const image = inputPath(all.find((x) => x.name === 'full_me7.1_lenovo-t420_16mb.bin'), all);
const oldServe = join(resolve(checkout), 'web/scripts/serve.mjs');
const { serve } = await import(pathToFileURL(existsSync(oldServe) ? oldServe : join(root, 'web/scripts/serve.mjs')).href);
const { server, url } = await serve(dist, { port: 0 });
const browser = await launch();
try {
  const taken = await screenshotSet(browser, url, image, out);
  for (const f of taken) console.log(f);
} finally {
  await browser.close();
  server.close();
  cleanupCorpus();
}
