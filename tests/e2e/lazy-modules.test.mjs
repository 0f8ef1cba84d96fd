// The page as opened loads one module, the engine (open → report → clean); the worker loads
// "Did it work?" (meclean-status) and the flashing workflow (meclean-flash) on first use:
//   - served: before first use the worker has fetched the engine's wasm and neither of the others;
//     a status check and a comparison of two reads then fetch exactly their module;
//   - offline after one visit: both answer, every wasm coming from the service worker's cache;
//   - the single file from file:// with every request blocked: both answer (their wasm is inline).
// The answers themselves are checked against the CLI in status.test.mjs and flash.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { required, root } from './support.mjs';
import { haveChromium, launch, openPage, serveDir, waitReady } from './browser.mjs';

const PASTE = readFileSync(join(root, 'tests/status/fixtures/intelmetool_cleaned_me8_x230.txt'), 'utf8');
let browser;
let server;
let origin;

before(async () => {
  assert.ok(existsSync(join(root, 'web/dist/index.html')), 'web/dist is missing: run scripts/build-web first');
  if (!haveChromium) return;
  ({ server, origin } = await serveDir(join(root, 'web/dist')));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

const usable = (t) => required(t, haveChromium, 'no Chromium at /usr/bin/chromium');

/** The wasm modules the engine's worker has fetched so far: 'engine', 'status', 'flash', 'sample'. */
async function fetchedModules(page) {
  const [worker] = page.workers();
  assert.ok(worker, 'no engine worker');
  const names = await worker.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  return names.map((n) => n.match(/\/meclean-(?:(status|flash|sample)-)?[^/]*\.wasm$/)).filter(Boolean)
    .map((m) => m[1] ?? 'engine').sort();
}

async function checkStatus(page) {
  await page.fill('#status-paste', PASTE);
  await page.click('#status-check');
  await page.waitForSelector('#status-result[data-verdict="neutralised_by_cleaning"]');
}

/** Two reads of one chip that differ: the engine's comparison answers (its verdict: they do not agree). */
async function compareReads(page) {
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File([new Uint8Array(8192).fill(0x11)], 'read-a.bin'));
    d.items.add(new File([new Uint8Array(8192).fill(0x11).fill(0x10, 100, 101)], 'read-b.bin'));
    return d;
  });
  await page.dispatchEvent('#drop', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
  await page.waitForSelector('#reads-list');
  await page.check('#reads-same');
  const before = Number(await page.getAttribute('#reads', 'data-answers'));
  await page.click('#reads-run');
  await page.waitForFunction((n) => Number(document.querySelector('#reads').dataset.answers) > n, before);
  assert.equal(await page.$('#reads-error'), null, `the comparison failed: ${await page.textContent('#reads-error').catch(() => '')}`);
  assert.equal(await page.getAttribute('#reads-verdict', 'data-state'), 'fail', 'two reads that differ agree?');
}

describe('modules loaded on first use', () => {
  test('served: the page as opened fetches the engine only; each workflow fetches its own module', async (t) => {
    if (!usable(t)) return;
    const { page, context, problems } = await openPage(browser, origin + '/', { origin });
    try {
      await waitReady(page);
      assert.deepEqual(await fetchedModules(page), ['engine']);
      await checkStatus(page);
      assert.deepEqual(await fetchedModules(page), ['engine', 'status']);
      await compareReads(page);
      assert.deepEqual(await fetchedModules(page), ['engine', 'flash', 'status']);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('offline after one visit: both come from the service worker', async (t) => {
    if (!usable(t)) return;
    const { page, context, requests, problems } = await openPage(browser, origin + '/', { origin });
    try {
      await waitReady(page);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await context.setOffline(true);
      const offline = Date.now();
      await page.reload();
      await waitReady(page);
      await checkStatus(page);
      await compareReads(page);
      assert.deepEqual(await fetchedModules(page), ['engine', 'flash', 'status']);
      const late = [];
      for (const r of requests.filter((r) => r.at >= offline && /\.wasm$/.test(r.url)))
        if (!(await r.request.response())?.fromServiceWorker()) late.push(r.url);
      assert.deepEqual(late, [], 'wasm not answered by the service worker');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('single file from file://, every request blocked: both answer', async (t) => {
    if (!usable(t)) return;
    const context = await browser.newContext();
    const requests = [];
    const problems = [];
    context.on('request', (r) => requests.push(r.url()));
    await context.route((u) => !['file:', 'blob:', 'data:'].includes(u.protocol), (r) => r.abort());
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    try {
      await page.goto(pathToFileURL(join(root, 'web/dist-single/index.html')).href);
      await waitReady(page);
      await checkStatus(page);
      await compareReads(page);
      assert.deepEqual(requests.filter((u) => !/^(file|blob|data):/.test(u)), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
