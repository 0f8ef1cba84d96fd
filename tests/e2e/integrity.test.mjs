// The multi-file page on a host that sends no headers at all (helpers/plain-server.mjs), in
// Chromium: its own CSP blocks connections to other origins from the page and from the engine's
// worker; Subresource Integrity refuses a changed script, stylesheet, worker or wasm; the service
// worker caches nothing when a file differs from the build's manifest; the footer shows the
// version and build hash. Run: node --test tests/e2e/integrity.test.mjs (after scripts/build-web)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flipByte, servePlain } from './helpers/plain-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const web = join(root, 'web');
const require = createRequire(join(web, 'package.json'));
const { chromium } = require('playwright-core');
const { buildHash, projectVersion } = await import(pathToFileURL(join(web, 'scripts/build-info.mjs')).href);

// Names no resolver answers (.invalid), and Chromium resolves nothing but 127.0.0.1 anyway:
// a refused fetch never reaches any network.
const FOREIGN = 'http://meclean-test.invalid/x';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage',
  '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'];

let browser;
const assets = () => readdirSync(join(web, 'dist/assets'));
const asset = (pattern) => `/assets/${assets().find((f) => pattern.test(f))}`;

before(async () => {
  assert.ok(existsSync(join(web, 'dist/index.html')), 'web/dist is missing: run scripts/build-web first');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

after(() => browser?.close());

/** The page from a plain host (optionally with changed files), its console errors and requests. */
async function open(tamper = {}) {
  const { server, origin } = await servePlain(join(web, 'dist'), { tamper });
  const context = await browser.newContext();
  const errors = [];
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(origin + '/');
  return { page, origin, errors, requests, close: async () => { await context.close(); server.close(); } };
}

// Runs in the page or in the worker: fetch() a foreign URL and report how it ended and the CSP
// violation event it caused.
async function tryForeignFetch(url) {
  const target = typeof document === 'undefined' ? self : document;
  const violation = new Promise((done) => {
    target.addEventListener('securitypolicyviolation', (e) => done({ directive: e.effectiveDirective, blocked: e.blockedURI }), { once: true });
    setTimeout(() => done(null), 5000);
  });
  const outcome = await fetch(url).then(() => 'fetched', (e) => `refused: ${e.message}`);
  const sameOrigin = await fetch(location.origin + '/').then((r) => r.status, (e) => `refused: ${e.message}`);
  return { outcome, sameOrigin, violation: await violation };
}

describe('a host that sends no headers', () => {
  test('the page carries its CSP: a foreign fetch from the page and from the worker is blocked and reported', async () => {
    const { page, origin, errors, requests, close } = await open();
    try {
      const response = await fetch(origin + '/');
      assert.equal(response.headers.get('content-security-policy'), null, 'the test host must send no CSP');
      await page.waitForSelector('footer[data-engine="ready"]', { state: 'attached' });

      const fromPage = await page.evaluate(tryForeignFetch, FOREIGN);
      assert.match(fromPage.outcome, /^refused/);
      assert.deepEqual(fromPage.violation, { directive: 'connect-src', blocked: FOREIGN });

      // The engine's worker, started from a blob: URL, inherits the page's policy.
      const workers = page.workers();
      assert.equal(workers.length, 1, 'one engine worker');
      assert.match(workers[0].url(), /^blob:/);
      const fromWorker = await workers[0].evaluate(tryForeignFetch, FOREIGN);
      assert.match(fromWorker.outcome, /^refused/);
      assert.equal(fromWorker.sameOrigin, 200, 'a same-origin fetch from the worker still works');
      assert.deepEqual(fromWorker.violation, { directive: 'connect-src', blocked: FOREIGN });

      assert.ok(errors.some((e) => /Content Security Policy/.test(e)), `the refusal is logged: ${errors}`);
      assert.ok(!requests.includes(FOREIGN), 'a refused fetch never became a request');
    } finally {
      await close();
    }
  });

  test('the footer shows the version (CMakeLists.txt) and the build hash (the page\'s sources)', async () => {
    const { page, close } = await open();
    try {
      await page.waitForSelector('footer[data-engine="ready"]', { state: 'attached' });
      assert.equal(await page.textContent('#version'), projectVersion());
      assert.equal(await page.textContent('#build-hash'), buildHash());
      const single = await browser.newPage();
      await single.goto(pathToFileURL(join(web, 'dist-single/index.html')).href);
      assert.equal(await single.textContent('#build-hash'), buildHash(), 'both builds of one source show one hash');
      await single.close();
    } finally {
      await close();
    }
  });
});

describe('Subresource Integrity', () => {
  const cases = [
    ['the page script', /^index-.*\.js$/, /integrity/i],
    ['the stylesheet', /^index-.*\.css$/, /integrity/i],
    ['the worker', /^engine\.worker-.*\.js$/, /integrity/i],
    ['the engine wasm', /^meclean-(?!sample-)[^.]*\.wasm$/, /integrity/i],
  ];
  for (const [what, pattern, message] of cases) {
    test(`a changed byte in ${what} is refused`, async () => {
      const { page, errors, close } = await open({ [asset(pattern)]: flipByte });
      try {
        // Either the page never starts, or its engine never does; the browser says why.
        await page.waitForTimeout(1500);
        if (what !== 'the stylesheet')
          assert.equal(await page.$('footer[data-engine="ready"]'), null, 'the engine started anyway');
        const said = [...errors, (await page.textContent('body')) ?? ''].join('\n');
        assert.match(said, message, `nothing mentions the integrity check: ${said}`);
      } finally {
        await close();
      }
    });
  }
});

describe('service worker', () => {
  async function installOutcome(page) {
    return page.evaluate(async () => {
      for (const end = Date.now() + 15000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
        const registration = await navigator.serviceWorker.getRegistration();
        const worker = registration?.installing ?? registration?.waiting ?? registration?.active;
        if (!worker) continue;
        while (!['activated', 'redundant'].includes(worker.state))
          await new Promise((r) => worker.addEventListener('statechange', r, { once: true }));
        const cached = [];
        for (const key of await caches.keys()) cached.push(...(await (await caches.open(key)).keys()).map((r) => r.url));
        return { state: worker.state, cached };
      }
      return { state: 'never registered', cached: [] };
    });
  }

  test('caches every file of the build when they match its manifest', async () => {
    const { page, close } = await open();
    try {
      const { state, cached } = await installOutcome(page);
      assert.equal(state, 'activated');
      assert.equal(cached.length, assets().length + 1, `cached: ${cached}`); // the assets and the page
    } finally {
      await close();
    }
  });

  test('caches nothing when one file differs from the manifest', async () => {
    // The sample builder's wasm: the page itself loads it only on demand, the worker precaches it.
    const { page, close } = await open({ [asset(/^meclean-sample-.*\.wasm$/)]: flipByte });
    try {
      const { state, cached } = await installOutcome(page);
      assert.equal(state, 'redundant', 'the service worker installed with a changed file');
      assert.deepEqual(cached, []);
    } finally {
      await close();
    }
  });
});
