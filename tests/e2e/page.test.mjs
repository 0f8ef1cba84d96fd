// End-to-end tests of the page in Chromium (playwright-core + Debian's /usr/bin/chromium).
// Needs a built page (scripts/build-web) and the corpus at ../shared/corpus (relative to the
// repository root) for the real-image cases; without the corpus those cases are skipped,
// unless CI is set, in which case they fail.
// Run: node --test tests/e2e/   (scripts/test-web does the build and this)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const web = join(root, 'web');
const corpus = resolve(root, '../shared/corpus');
const haveCorpus = existsSync(join(corpus, 'expected.json'));
const shots = join(root, 'build/e2e-screenshots');
const require = createRequire(join(web, 'package.json'));
const { chromium } = require('playwright-core');
const { serve } = await import(pathToFileURL(join(web, 'scripts/serve.mjs')).href);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'];
const T420 = 'full_me7.1_lenovo-t420_16mb';
const BARE_ME = 'me7.1.80.1214_lenovo-t420.bin';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const timings = {};

function corpusOrSkip(t) {
  if (haveCorpus) return true;
  if (process.env.CI) assert.fail(`the corpus is missing at ${corpus} (required when CI is set)`);
  t.skip(`no corpus at ${corpus}`);
  return false;
}

let browser;
let server;
let origin;
let tmp;

before(async () => {
  for (const f of ['dist/index.html', 'dist-single/index.html'])
    assert.ok(existsSync(join(web, f)), `web/${f} is missing: run scripts/build-web first`);
  mkdirSync(shots, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'meclean-e2e-'));
  const started = await serve(join(web, 'dist'), { port: 0 });
  server = started.server;
  origin = new URL(started.url).origin;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  if (Object.keys(timings).length) console.log('e2e timings (ms):', JSON.stringify(timings));
});

/** A fresh context and page that records every request and every console error. */
async function openPage(url, { blockForeign = true } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 900 } });
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push({ url: r.url(), at: Date.now(), request: r }));
  if (blockForeign)
    await context.route((u) => !['http:', 'https:'].includes(u.protocol) ? false : u.origin !== origin, (r) => r.abort());
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { context, page, requests, problems };
}

// Requests after `loaded` that reached the network: the sample builder, a module loaded on first
// use, must come from the service worker's cache.
async function networkRequestsAfter(requests, loaded) {
  const late = [];
  for (const r of requests.filter((r) => r.at > loaded && !/^(blob|data):/.test(r.url)))
    if (!(await r.request.response())?.fromServiceWorker()) late.push(r.url);
  return late;
}

async function waitReady(page) {
  // The footer says so once the worker has loaded the wasm (src/footer.jsx).
  await page.waitForSelector('footer[data-engine="ready"]', { state: 'attached' });
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

function assemble(recipe) {
  const file = join(tmp, `${recipe}.bin`);
  if (!existsSync(file)) {
    const bytes = execFileSync('python3', [join(corpus, 'assemble.py'), '--id', recipe, '--stdout'], { maxBuffer: 64 << 20 });
    writeFileSync(file, bytes);
  }
  return file;
}

function expected(id) {
  const cases = JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8'));
  const c = cases.find((x) => x.id === id);
  assert.ok(c, `no case ${id} in expected.json`);
  return c;
}

describe('served page (multi-file build, CSP header)', () => {
  test('negative control: the request watcher sees a foreign request', async () => {
    const context = await browser.newContext();
    const seen = [];
    context.on('request', (r) => seen.push(r.url()));
    await context.route((u) => u.hostname === '203.0.113.1', (r) => r.abort());
    const page = await context.newPage();
    try {
      await page.goto('about:blank'); // no CSP here: the page's own CSP would refuse the fetch before it is a request
      await page.evaluate(() => fetch('http://203.0.113.1/x').catch(() => {}));
      assert.ok(seen.includes('http://203.0.113.1/x'), `watcher saw: ${seen.join(', ')}`);
    } finally {
      await context.close();
    }
  });

  test('empty state, sample image, no foreign requests', async () => {
    const { context, page, requests, problems } = await openPage(origin + '/');
    try {
      await waitReady(page);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      const loaded = Date.now();
      await assert.doesNotReject(page.locator('#file').waitFor({ state: 'attached' }));
      assert.match(await page.textContent('#local'), /nothing is uploaded/);
      await shot(page, 'empty');

      // Every response carries the CSP (a <meta> would not cover the worker).
      for (const path of ['/', '/sw.js', '/does-not-exist']) {
        const res = await fetch(origin + path);
        assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self' 'wasm-unsafe-eval'/, path);
      }
      // Keyboard: the file input is the first control, and the sample button follows it.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'file');
      await page.keyboard.press('Tab');
      if (await page.isEnabled('#sample')) assert.equal(await page.evaluate(() => document.activeElement?.id), 'sample');

      if (await page.isEnabled('#sample')) {
        await page.click('#sample');
        await page.waitForSelector('#verdict');
        await page.waitForSelector('#checks li');
        assert.match(await page.textContent('#verdict'), /full flash image/i);
        await page.waitForSelector('#clean');
        await shot(page, 'sample');
      } else {
        console.log('note: this build has no sample image (core/sample.hpp missing)');
      }
      const foreign = requests.filter((r) => !r.url.startsWith(origin + '/') && !/^(blob|data):/.test(r.url));
      assert.deepEqual(foreign.map((r) => r.url), [], 'requests left the origin');
      assert.deepEqual(await networkRequestsAfter(requests, loaded), [], 'requests made after load, not answered by the service worker');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('T420 16 MiB: checks, Recommended, preview, download matches me_cleaner -S', async (t) => {
    if (!corpusOrSkip(t)) return;
    const input = assemble(T420);
    const want = expected(`${T420}/soft_disable`).outputs['out.bin'].sha256;
    const { context, page, requests, problems } = await openPage(origin + '/');
    try {
      await waitReady(page);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      const loaded = Date.now();

      let t0 = Date.now();
      await page.setInputFiles('#file', input);
      await page.waitForSelector('#verdict');
      await page.waitForSelector('#checks li');
      timings.dropToReport = Date.now() - t0;
      const verdictText = await page.textContent('#verdict');
      assert.match(verdictText, /7\.1\.80\.1214/);
      const states = await page.$$eval('#checks li', (lis) => lis.map((li) => [li.dataset.check, li.dataset.state]));
      const state = Object.fromEntries(states);
      for (const id of ['descriptor', 'fpt', 'ftpr', 'manifest', 'version', 'signature'])
        assert.equal(state[id], 'ok', `check ${id}: ${JSON.stringify(states)}`);
      await shot(page, 'report');
      assert.match(await page.textContent('#status'), /Checked .*16 MiB/);
      await page.emulateMedia({ colorScheme: 'dark' });
      await shot(page, 'report-dark');
      await page.emulateMedia({ colorScheme: 'light' });

      // Presets by keyboard: arrows move between the radio buttons and the preview follows.
      await page.focus('#preset-recommended');
      await page.keyboard.press('ArrowDown');
      assert.ok(await page.isChecked('#preset-soft'));
      await page.waitForFunction(() => /\(-s\)/.test(document.querySelector('#preview-title')?.textContent ?? ''));
      await page.keyboard.press('ArrowUp');
      assert.ok(await page.isChecked('#preset-recommended'));
      await page.waitForFunction(() => /\(-S\)/.test(document.querySelector('#preview-title')?.textContent ?? ''));
      await page.waitForSelector('#edits tbody tr');
      await page.waitForSelector('#clean');
      assert.ok(await page.isVisible('#safety'));
      await shot(page, 'preview');

      t0 = Date.now();
      await page.click('#clean');
      await page.waitForSelector('#download');
      timings.cleanToDownloadReady = Date.now() - t0;
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      assert.equal(download.suggestedFilename(), `${T420}-meclean.bin`);
      const got = readFileSync(await download.path());
      assert.equal(got.length, 16 << 20);
      assert.equal(sha256(got), want, 'cleaned image differs from me_cleaner -S');
      const shown = await page.textContent('#hashes');
      assert.ok(shown.includes(want), 'the page shows the SHA-256 of the output');
      assert.ok(shown.includes(sha256(readFileSync(input))), 'the page shows the SHA-256 of the input');
      await page.waitForSelector('#after-download');
      assert.match(await page.textContent('#after-download'), /intelmetool -m/);
      await shot(page, 'done');

      const [report] = await Promise.all([page.waitForEvent('download'), page.click('#report-json')]);
      const json = JSON.parse(readFileSync(await report.path(), 'utf8'));
      assert.equal(json.outputs[0].sha256, want);
      assert.equal(json.flags, '-S');

      const measures = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => [m.name, Math.round(m.duration)]));
      for (const [name, ms] of measures) timings[`page:${name}`] = ms;

      assert.deepEqual(await networkRequestsAfter(requests, loaded), [], 'requests made after load, not answered by the service worker');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('Advanced -S -r -t -d -D -M: image, descriptor and ME region match me_cleaner', async (t) => {
    if (!corpusOrSkip(t)) return;
    const input = assemble(T420);
    const want = expected(`${T420}/all`).outputs;
    const { context, page, problems } = await openPage(origin + '/');
    try {
      await waitReady(page);
      await page.setInputFiles('#file', input);
      await page.waitForSelector('#checks li');
      await page.check('#preset-advanced');
      await page.check('#opt-disable-S');
      for (const id of ['relocate', 'truncate', 'restrict_me_master', 'extract_descriptor', 'extract_me']) await page.check(`#opt-${id}`);
      // -r excludes a whitelist/blacklist, and -r/-t exclude -s.
      assert.ok(await page.isDisabled('#opt-list-whitelist'));
      assert.ok(await page.isDisabled('#opt-disable-s'));
      await page.waitForFunction(() => /\(-S -r -t -d -D -M\)/.test(document.querySelector('#preview-title')?.textContent ?? ''));
      await page.waitForSelector('#clean');
      await page.click('#clean');
      await page.waitForSelector('#download');
      for (const [id, name] of [['#download', 'out.bin'], ['#download-descriptor', 'ifd.bin'], ['#download-me', 'me.bin']]) {
        const [dl] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
        const got = readFileSync(await dl.path());
        assert.equal(got.length, want[name].size, `${name} size`);
        assert.equal(sha256(got), want[name].sha256, `${name} differs from me_cleaner`);
      }
      const [txt] = await Promise.all([page.waitForEvent('download'), page.click('#report-txt')]);
      const text = readFileSync(await txt.path(), 'utf8');
      assert.ok(text.startsWith(expected(`${T420}/all`).stdout.split('\n')[0]), 'the text report starts with the log');
      await shot(page, 'advanced-done');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a vendor capsule: the page names it and cleans the image inside like the plain dump', async (t) => {
    if (!corpusOrSkip(t)) return;
    const plain = readFileSync(assemble(T420));
    const want = expected(`${T420}/soft_disable`).outputs['out.bin'].sha256;
    // An AMI Aptio capsule header (GUID 4A3CA68B-7723-48FB-803D-578CC1FEC44D as stored), 0x800 bytes.
    const header = Buffer.alloc(0x800);
    Buffer.from('8ba63c4a2377fb48803d578cc1fec44d', 'hex').copy(header);
    header.writeUInt32LE(0x1c, 0x10);
    header.writeUInt16LE(0x800, 0x1c);
    const capsule = join(tmp, 'update.cap');
    writeFileSync(capsule, Buffer.concat([header, plain]));
    const { context, page, problems } = await openPage(origin + '/');
    try {
      await waitReady(page);
      await page.setInputFiles('#file', capsule);
      await page.waitForSelector('#open-embedded');
      // The engine's words arrive as UTF-8 (the en dash), with no repair on the page's side.
      assert.match(await page.textContent('#verdict'), /AMI Aptio.*work on that image \(0x800–0x10007ff\)/s);
      assert.equal(await page.$('#clean'), null, 'the capsule itself is not cleaned');
      await shot(page, 'capsule');
      await page.click('#open-embedded');
      await page.waitForFunction(() => /7\.1\.80\.1214/.test(document.querySelector('#verdict')?.textContent ?? ''));
      assert.match(await page.textContent('#report .meta'), /update-at-0x800\.bin · 16 MiB/);
      await page.waitForSelector('#clean');
      await page.waitForFunction(() => /\(-S\)/.test(document.querySelector('#preview-title')?.textContent ?? ''));
      await page.click('#clean');
      await page.waitForSelector('#download');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      assert.equal(sha256(readFileSync(await download.path())), want, 'differs from me_cleaner -S on the plain dump');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a corrupt file gives a specific error in plain words', async () => {
    const bad = join(tmp, 'corrupt.bin');
    const bytes = Buffer.alloc(64 * 1024, 0x5a);
    bytes.write('not a flash image', 0x40);
    writeFileSync(bad, bytes);
    const { context, page, problems } = await openPage(origin + '/');
    try {
      await waitReady(page);
      await page.setInputFiles('#file', bad);
      await page.waitForSelector('#error');
      const text = await page.textContent('#error');
      assert.match(text, /corrupt\.bin/);
      assert.match(text, /0x[0-9a-f]+/, `the error names an offset: ${text}`);
      assert.equal(await page.$('#clean'), null, 'no clean button for a refused image');
      assert.match(await page.getAttribute('#verdict', 'class'), /fail/);
      await shot(page, 'error');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a dropped bare ME image disables the presets that need a full dump', async (t) => {
    if (!corpusOrSkip(t)) return;
    const b64 = readFileSync(join(corpus, 'images', BARE_ME)).toString('base64');
    const { context, page, problems } = await openPage(origin + '/');
    try {
      await waitReady(page);
      const dt = await page.evaluateHandle(([data, name]) => {
        const bin = atob(data);
        const u8 = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i);
        const d = new DataTransfer();
        d.items.add(new File([u8], name));
        return d;
      }, [b64, BARE_ME]);
      await page.dispatchEvent('#drop', 'dragover', { dataTransfer: dt });
      await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
      await page.waitForSelector('#verdict');
      assert.match(await page.textContent('#verdict'), /bare ME\/TXE firmware image with ME\/TXE firmware 7\.1\.80\.1214/);
      assert.equal(await page.getAttribute('#checks [data-check="descriptor"]', 'data-state'), 'warn');
      await page.waitForSelector('#preset-recommended');
      assert.ok(await page.isDisabled('#preset-recommended'));
      assert.ok(await page.isDisabled('#preset-soft'));
      assert.ok(await page.isEnabled('#preset-clean'));
      assert.ok(await page.isChecked('#preset-clean'));
      assert.match(await page.textContent('#preset-recommended-why'), /full flash dump/);
      assert.match(await page.textContent('#preset-soft-why'), /full flash dump/);
      // Advanced: -S/-s/-d/-D/-M unavailable; -r and a whitelist exclude each other.
      await page.check('#preset-advanced');
      for (const id of ['#opt-disable-S', '#opt-disable-s', '#opt-restrict_me_master', '#opt-extract_descriptor', '#opt-extract_me'])
        assert.ok(await page.isDisabled(id), `${id} should be disabled`);
      await page.check('#opt-relocate');
      assert.ok(await page.isDisabled('#opt-list-whitelist'));
      assert.match(await page.textContent('#opt-list-whitelist-why'), /relocate/);
      await shot(page, 'bare-me-advanced');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('works offline once loaded (service worker)', async () => {
    const { context, page, problems } = await openPage(origin + '/');
    try {
      await waitReady(page);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await context.setOffline(true);
      await page.reload();
      await waitReady(page);
      assert.match(await page.textContent('#local'), /nothing is uploaded/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

describe('single-file build from file://', () => {
  test('loads, checks and cleans with the network blocked', async (t) => {
    const context = await browser.newContext({ acceptDownloads: true });
    const problems = [];
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    await context.route((u) => u.protocol !== 'file:' && u.protocol !== 'blob:' && u.protocol !== 'data:', (r) => r.abort());
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    try {
      await page.goto(pathToFileURL(join(web, 'dist-single/index.html')).href);
      await waitReady(page);
      let input;
      if (haveCorpus) input = join(corpus, 'images', BARE_ME);
      else if (await page.isEnabled('#sample')) input = null;
      else return t.skip('no corpus and no sample image');
      if (input) await page.setInputFiles('#file', input);
      else await page.click('#sample');
      await page.waitForSelector('#verdict');
      await page.waitForSelector('#clean');
      await page.click('#clean');
      await page.waitForSelector('#download');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      const got = readFileSync(await download.path());
      if (input) {
        const want = expected(`${BARE_ME.replace(/\.bin$/, '')}/default`).outputs['out.bin'].sha256;
        assert.equal(sha256(got), want, 'single-file build: cleaned bare ME differs from me_cleaner');
      } else assert.ok(got.length > 0);
      const foreign = requests.filter((u) => !/^(file|blob|data):/.test(u));
      assert.deepEqual(foreign, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

// Issue 4 (the Descriptor view, the flashrom layout and command) and issue 5 (CSME 12+ and HAP by platform).
describe('descriptor view and CSE firmware', () => {
  const CSME16 = 'full_csme16_msi-ms7d25';
  const T420_LINES = ['00000000:00000fff fd', '00180000:00ffffff bios', '00003000:0017ffff me', '00001000:00002fff gbe'];

  /** What `meclean ifd --layout` writes for `image`, or null when the CLI is not built (or has no ifd). */
  function cliLayout(image) {
    const cli = join(root, 'build/core/cli/meclean');
    if (!existsSync(cli)) return null;
    const out = join(tmp, `${Date.now()}.layout`);
    try {
      execFileSync(cli, ['ifd', '--layout', out, image], { stdio: 'ignore' });
      return readFileSync(out, 'utf8');
    } catch {
      return null;
    }
  }

  async function downloadText(page, selector) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
  }

  test('T420 16 MiB: the Descriptor view, its checks, the layout download and the flashrom command', async (t) => {
    if (!corpusOrSkip(t)) return;
    const input = assemble(T420);
    const { context, page, problems } = await openPage(origin + '/');
    try {
      await waitReady(page);
      await page.setInputFiles('#file', input);
      await page.waitForSelector('#verdict');
      // The descriptor checks are in the checklist.
      const states = Object.fromEntries(await page.$$eval('#checks li', (lis) => lis.map((li) => [li.dataset.check, li.dataset.state])));
      for (const code of ['ifd_signature', 'ifd_regions_overlap', 'ifd_masters'])
        assert.equal(states[`ifd-${code}`], 'ok', `check ${code}: ${JSON.stringify(states)}`);

      await page.click('#descriptor-view > summary');
      await page.waitForSelector('#descriptor-regions', { state: 'visible' });
      const rows = await page.$$eval('#descriptor-regions tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
      const byName = Object.fromEntries(rows.filter((r) => r.length >= 6).map((r) => [r[2], r.slice(3, 5)]));
      assert.deepEqual(byName.fd, ['0x00000000', '0x00000fff']);
      assert.deepEqual(byName.gbe, ['0x00001000', '0x00002fff']);
      assert.deepEqual(byName.me, ['0x00003000', '0x0017ffff']);
      assert.deepEqual(byName.bios, ['0x00180000', '0x00ffffff']);
      assert.match(await page.textContent('#platform-guess'), /Cougar Point/);
      assert.match(await page.textContent('#descriptor-component'), /16 MiB/);
      assert.match(await page.textContent('#descriptor-masters'), /FLMSTR1/);
      await page.click('#descriptor-straps > summary');
      assert.match(await page.textContent('#descriptor-straps'), /PCHSTRP10.*AltMeDisable/s);
      await shot(page, 'descriptor');

      const layout = await downloadText(page, '#layout-download');
      assert.equal(layout.name, `${T420}.layout`);
      const fromCli = cliLayout(input);
      if (fromCli !== null) assert.equal(layout.text, fromCli, 'the layout differs from meclean ifd --layout');
      const lines = layout.text.trimEnd().split('\n');
      assert.deepEqual([...lines].sort(), [...T420_LINES].sort());
      assert.ok(layout.text.endsWith('\n'));

      // Recommended (-S), cleaned: the command writes only fd and me, and says the host cannot.
      await page.waitForSelector('#clean');
      await page.click('#clean');
      await page.waitForSelector('#flashrom-command');
      assert.equal((await page.textContent('#flashrom-command')).trim(),
        `flashrom -p internal -l meclean.layout -i fd -i me -N -w ${T420}-meclean.bin`);
      assert.match(await page.textContent('#flashrom'), /external programmer/);
      const written = await downloadText(page, '#download-layout');
      assert.equal(written.name, 'meclean.layout');
      assert.equal(written.text, layout.text);

      // -S -t -D: the layout follows the extracted descriptor, with the shrunk ME.
      await page.check('#preset-advanced');
      await page.check('#opt-disable-S');
      await page.check('#opt-truncate');
      await page.check('#opt-extract_descriptor');
      await page.waitForFunction(() => /\(-S -t -D\)/.test(document.querySelector('#preview-title')?.textContent ?? ''));
      await page.waitForSelector('#clean');
      await page.click('#clean');
      await page.waitForSelector('#flash-layout-text');
      const shrunk = await downloadText(page, '#download-layout');
      const me = shrunk.text.split('\n').find((l) => l.endsWith(' me'));
      assert.match(me, /^00003000:[0-9a-f]{8} me$/);
      assert.ok(parseInt(me.slice(9, 17), 16) < 0x17ffff, `ME not shrunk: ${me}`);
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-descriptor')]);
      const fromCliShrunk = cliLayout(await dl.path());
      if (fromCliShrunk !== null) assert.equal(shrunk.text, fromCliShrunk);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('CSME 16: the CSE section, the verdict, and HAP set by platform (byte 0x1DE = 0x11)', async (t) => {
    if (!corpusOrSkip(t)) return;
    const input = assemble(CSME16);
    const { context, page, problems } = await openPage(origin + '/');
    try {
      await waitReady(page);
      await page.setInputFiles('#file', input);
      await page.waitForSelector('#verdict');
      assert.match(await page.textContent('#verdict'), /CSME 16\.1\.30\.2307 — me_cleaner cannot clean this; meclean can set HAP/);
      await page.waitForSelector('#cse', { state: 'visible' });
      assert.match(await page.textContent('#cse-facts'), /AlderLake S/);
      assert.match(await page.textContent('#cse-facts'), /RSA-3072 PSS SHA-384/);
      assert.ok((await page.$$('#cse .cse-bpdt tbody tr')).length > 0, 'BPDT entries');
      assert.ok((await page.$$('#cse-data tbody tr')).length > 0, 'data partition entries');
      assert.match(await page.textContent('#cse'), /FTPR/);
      // me_cleaner's presets stay disabled with the reason; HAP is the default.
      assert.ok(await page.isDisabled('#preset-recommended'));
      assert.match(await page.textContent('#options'), /me_cleaner cannot process CSME 16/);
      assert.ok(await page.isChecked('#preset-hap'));
      assert.equal(await page.inputValue('#hap-platform'), 'auto');
      await page.waitForFunction(() => /--platform auto/.test(document.querySelector('#preview-title')?.textContent ?? ''));
      await page.waitForSelector('#clean');
      await shot(page, 'cse');

      // A location known only weakly is refused in plain words, with the candidates.
      await page.selectOption('#hap-platform', 'alder_point_n');
      await page.waitForSelector('#hap-refusal');
      assert.equal(await page.getAttribute('#hap-refusal', 'data-code'), 'hap_location_uncertain');
      assert.equal(await page.$('#clean'), null);
      await page.selectOption('#hap-platform', 'auto');
      await page.waitForFunction(() => /--platform auto/.test(document.querySelector('#preview-title')?.textContent ?? ''));

      await page.waitForSelector('#clean');
      await page.click('#clean');
      await page.waitForSelector('#download');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      const got = readFileSync(await download.path());
      const original = readFileSync(input);
      assert.equal(got.length, original.length);
      assert.equal(original[0x1de], 0x10);
      assert.equal(got[0x1de], 0x11);
      let differing = 0;
      for (let i = 0; i < got.length; i++) if (got[i] !== original[i]) differing++;
      assert.equal(differing, 1);
      assert.equal((await page.textContent('#flashrom-command')).trim(),
        `flashrom -p internal -l meclean.layout -i fd -N -w ${CSME16}-meclean.bin`);
      await shot(page, 'cse-done');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
