// The page's main flow in every browser engine: Chromium, Firefox ESR and WebKit (WebKitGTK),
// on the multi-file build served by a host that sends no headers (helpers/plain-server.mjs), so
// the page's own CSP and integrity checks are what holds. Relies only on the ids the page keeps:
// #file, #verdict (class fail for a refusal), #preset-recommended, #clean, #download, #error, and
// footer[data-engine].
// The single-file build is opened from disk in each of them too.
// A missing browser or corpus skips, or fails when CI is set.
// Run: node --test tests/e2e/browsers.test.mjs (after scripts/build-web)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BROWSERS, launch } from './helpers/browsers.mjs';
import { servePlain } from './helpers/plain-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = resolve(root, '../shared/corpus');
const T420 = 'full_me7.1_lenovo-t420_16mb';
const BARE_ME = 'me7.1.80.1214_lenovo-t420.bin';
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

let server;
let origin;
let tmp;

before(async () => {
  assert.ok(existsSync(join(root, 'web/dist/index.html')), 'web/dist is missing: run scripts/build-web first');
  ({ server, origin } = await servePlain(join(root, 'web/dist')));
  tmp = mkdtempSync(join(tmpdir(), 'meclean-browsers-'));
});

after(() => {
  server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Skips the test, or fails it when CI is set; false, for `if (!ready(t)) return`. */
function unavailable(t, what) {
  if (process.env.CI) assert.fail(`${what} (required when CI is set; scripts/setup installs it)`);
  t.skip(what);
  return false;
}

function corpusInputs() {
  const input = join(tmp, `${T420}.bin`);
  if (!existsSync(input))
    writeFileSync(input, execFileSync('python3', [join(corpus, 'assemble.py'), '--id', T420, '--stdout'], { maxBuffer: 64 << 20 }));
  const cases = JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8'));
  const { sha256: want, size } = cases.find((c) => c.id === `${T420}/soft_disable`).outputs['out.bin'];
  return { input, want, size };
}

function emptyFile() {
  const file = join(tmp, 'empty.bin');
  writeFileSync(file, Buffer.alloc(0));
  return file;
}

// A file of the right kind of size that is no flash image: the page must say so, with an offset.
function corruptFile() {
  const file = join(tmp, 'corrupt.bin');
  const bytes = Buffer.alloc(64 * 1024, 0x5a);
  bytes.write('not a flash image', 0x40);
  writeFileSync(file, bytes);
  return file;
}

// Every URL must be this origin's, or a blob:/data: URL made in the page.
function offOrigin(urls) {
  return urls.filter((u) => !u.startsWith(origin + '/') && !/^(blob|data):/.test(u));
}

for (const name of Object.keys(BROWSERS)) {
  describe(name, () => {
    let browser = null;
    before(async () => {
      browser = await launch(name);
    });
    after(() => browser?.close());

    /** False (and the test skipped, or failed under CI) when the browser or the corpus is missing. */
    function ready(t) {
      if (!existsSync(join(corpus, 'expected.json'))) return unavailable(t, `no corpus at ${corpus}`);
      if (!browser) return unavailable(t, `${name} is not installed (${BROWSERS[name].binary})`);
      return true;
    }

    test('open a dump, verdict, Recommended, download = me_cleaner -S; a corrupt and an empty file; nothing off-origin', async (t) => {
      if (!ready(t)) return;
      const { input, want, size } = corpusInputs();
      await browser.goto(origin + '/');
      await browser.waitFor('footer[data-engine="ready"]');

      await browser.upload('#file', input);
      await browser.waitFor('#verdict');
      assert.match(await browser.text('#verdict'), /7\.1\.80\.1214/);
      await browser.click('#preset-recommended');
      await browser.click('#clean');
      await browser.waitFor('#download');
      const cleaned = await browser.download('#download', size);
      assert.equal(cleaned.length, 16 << 20);
      assert.equal(sha256(cleaned), want, 'the download differs from me_cleaner -S');

      // A corrupt file is refused in the verdict, naming what is missing and where; a file that
      // cannot be checked at all (an empty one) gets the error box, naming it.
      await browser.upload('#file', corruptFile());
      await browser.waitFor('#verdict.fail');
      const refusal = await browser.text('#verdict');
      assert.match(refusal, /0x[0-9a-f]+/, `the refusal names an offset: ${refusal}`);
      await browser.upload('#file', emptyFile());
      await browser.waitFor('#error');
      assert.match(await browser.text('#error'), /empty\.bin/);

      // Nothing left the origin: the driver's own view of the network where it has one, and the
      // page's Resource Timing everywhere (WebKit's WebDriver sees no requests).
      const requests = browser.requests();
      if (requests) {
        assert.ok(requests.some((u) => /\.wasm$/.test(u)), `the watcher saw the worker's wasm fetch: ${requests}`);
        assert.deepEqual(offOrigin(requests), [], 'requests left the origin');
      }
      const timed = await browser.run("return performance.getEntriesByType('resource').map((e) => e.name);");
      assert.ok(timed.length > 0, 'no resource timing entries');
      assert.deepEqual(offOrigin(timed), [], 'the page loaded something from another origin');
    });

    test('the single file from disk: a bare ME cleaned as me_cleaner does', async (t) => {
      if (!ready(t)) return;
      const cases = JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8'));
      const { sha256: want, size } = cases.find((c) => c.id === `${BARE_ME.replace(/\.bin$/, '')}/default`).outputs['out.bin'];
      await browser.goto(pathToFileURL(join(root, 'web/dist-single/index.html')).href);
      await browser.waitFor('footer[data-engine="ready"]');
      await browser.upload('#file', join(corpus, 'images', BARE_ME));
      await browser.waitFor('#verdict');
      await browser.click('#clean');
      await browser.waitFor('#download');
      assert.equal(sha256(await browser.download('#download', size)), want, 'the download differs from me_cleaner');
    });
  });
}
