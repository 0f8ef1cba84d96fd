// End-to-end tests of the page in Chromium (playwright-core + Debian's /usr/bin/chromium): what it
// promises whatever the image — no request leaves the origin, it works offline and from file://,
// by keyboard, with an aria-live status and in dark mode — and the real-image flows: the T420
// clean downloads exactly me_cleaner's -S output, Advanced matches me_cleaner's -S -r -t -d -D -M,
// a capsule offers the image inside, a corrupt file is refused in plain words, a bare ME region
// disables what needs a full dump, the Descriptor view and write-back plan, CSME 16 HAP by platform.
// Needs a built page (scripts/build-web) and the corpus at ../shared/corpus for the real-image
// cases; without them those cases are skipped, unless CI is set, in which case they fail.
// Run: node --test --test-concurrency=1 tests/e2e/   (scripts/test-web does the build and this)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  cleanupCorpus, cliPath, cliReport, corpus, corpusCases, corpusInputs, haveCli, haveCorpus, inputPath, reportValidator, required, root, sha256,
} from './support.mjs';
import { cleanNow, haveChromium, launch, openImage, openPage, serveDir, shot, waitPreview, waitReady } from './browser.mjs';

const web = join(root, 'web');
const T420 = 'full_me7.1_lenovo-t420_16mb.bin';
const BARE_ME = 'me7.1.80.1214_lenovo-t420.bin';
const CSME16 = 'full_csme16_msi-ms7d25.bin';
const timings = {};

let browser;
let server;
let origin;
let tmp;

before(async () => {
  for (const f of ['dist/index.html', 'dist-single/index.html'])
    assert.ok(existsSync(join(web, f)), `web/${f} is missing: run scripts/build-web first`);
  if (!haveChromium) {
    assert.ok(!process.env.CI, 'Chromium is missing at /usr/bin/chromium (required when CI is set)');
    return;
  }
  tmp = mkdtempSync(join(tmpdir(), 'meclean-e2e-'));
  ({ server, origin } = await serveDir(join(web, 'dist')));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  cleanupCorpus();
  if (Object.keys(timings).length) console.log('e2e timings (ms):', JSON.stringify(timings));
});

const usable = (t) => required(t, haveChromium, 'no Chromium at /usr/bin/chromium');
const withCorpus = (t) => usable(t) && required(t, haveCorpus, `no corpus at ${corpus}`);

/** The corpus input named `name` as a file on disk. */
function corpusFile(name) {
  const all = corpusInputs();
  return inputPath(all.find((x) => x.name === name), all);
}

function expected(id) {
  const c = corpusCases().find((x) => x.id === id);
  assert.ok(c, `no case ${id} in expected.json`);
  return c;
}

// Requests after `loaded` that reached the network: the sample builder, a module loaded on first
// use, must come from the service worker's cache.
async function networkRequestsAfter(requests, loaded) {
  const late = [];
  for (const r of requests.filter((r) => r.at > loaded && !/^(blob|data):/.test(r.url)))
    if (!(await r.request.response())?.fromServiceWorker()) late.push(r.url);
  return late;
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

/** Runs `body` with a fresh page at the served page, then checks it logged no error. */
async function onPage(body, options = {}) {
  const p = await openPage(browser, origin + '/', { origin, ...options });
  try {
    await waitReady(p.page);
    await body(p);
    assert.deepEqual(p.problems, [], 'console errors');
  } finally {
    await p.context.close();
  }
}

describe('served page (multi-file build, CSP header)', () => {
  test('negative control: the request watcher sees a foreign request', async (t) => {
    if (!usable(t)) return;
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

  test('empty state, keyboard, the sample image, no foreign requests', async (t) => {
    if (!usable(t)) return;
    await onPage(async ({ page, requests }) => {
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      const loaded = Date.now();
      assert.match(await page.textContent('#local'), /nothing is uploaded/);
      assert.match(await page.textContent('footer'), /meclean \d+\.\d+\.\d+/);
      await shot(page, 'empty');
      // Every response carries the CSP (a <meta> would not cover the worker).
      for (const path of ['/', '/sw.js', '/does-not-exist']) {
        const res = await fetch(origin + path);
        assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self' 'wasm-unsafe-eval'/, path);
      }
      // Keyboard: the file input is the first control, the sample button the next; Enter opens the sample.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'file');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'sample');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#checks li', { state: 'attached' });
      assert.match(await page.textContent('#verdict'), /full flash image/i);
      assert.match(await page.textContent('#report .meta'), /^meclean-sample\.bin · /);
      await waitPreview(page, '-S');
      assert.ok(await page.isChecked('#preset-recommended'));
      await shot(page, 'sample');
      const foreign = requests.filter((r) => !r.url.startsWith(origin + '/') && !/^(blob|data):/.test(r.url));
      assert.deepEqual(foreign.map((r) => r.url), [], 'requests left the origin');
      assert.deepEqual(await networkRequestsAfter(requests, loaded), [], 'requests after load not answered by the service worker');
    });
  });

  test('T420 16 MiB: checks, presets by keyboard, preview, the download is me_cleaner -S', async (t) => {
    if (!withCorpus(t)) return;
    const input = corpusFile(T420);
    const want = expected('full_me7.1_lenovo-t420_16mb/soft_disable').outputs['out.bin'].sha256;
    await onPage(async ({ page, requests }) => {
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      const loaded = Date.now();
      let t0 = Date.now();
      await openImage(page, input);
      await page.waitForSelector('#checks li', { state: 'attached' });
      timings.dropToReport = Date.now() - t0;
      assert.match(await page.textContent('#verdict'), /7\.1\.80\.1214/);
      const state = Object.fromEntries(await page.$$eval('#checks li', (lis) => lis.map((li) => [li.dataset.check, li.dataset.state])));
      for (const id of ['descriptor', 'fpt', 'ftpr', 'manifest', 'version', 'signature'])
        assert.equal(state[id], 'ok', `check ${id}: ${JSON.stringify(state)}`);
      // The status is announced politely, and says what was checked, also once the preview is ready.
      assert.equal(await page.getAttribute('#status', 'aria-live'), 'polite');
      await waitPreview(page, '-S');
      assert.match(await page.textContent('#status'), /^Checked full_me7\.1_lenovo-t420_16mb\.bin \(16 MiB\): .*ready to clean\.$/);
      await shot(page, 'report');
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await shot(page, 'report-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.notEqual(dark, light, 'dark mode changes the background');

      // Presets by keyboard: arrows move between the radio buttons and the preview follows.
      await waitPreview(page, '-S');
      await page.focus('#preset-recommended');
      await page.keyboard.press('ArrowDown');
      assert.ok(await page.isChecked('#preset-soft'));
      await waitPreview(page, '-s');
      assert.match(await page.textContent('#status'), /^Preview ready: 1 change with -s\.$/);
      await page.keyboard.press('ArrowUp');
      assert.ok(await page.isChecked('#preset-recommended'));
      await waitPreview(page, '-S');
      assert.ok((await page.$$('#edits tbody tr')).length > 0, 'the changes are listed');
      assert.ok(await page.isVisible('#safety'));
      await shot(page, 'preview');

      t0 = Date.now();
      await cleanNow(page);
      timings.cleanToDownloadReady = Date.now() - t0;
      assert.match(await page.textContent('#status'), /ready to download/);
      const image = await download(page, '#download');
      assert.equal(image.name, 'full_me7.1_lenovo-t420_16mb-meclean.bin');
      assert.equal(image.bytes.length, 16 << 20);
      assert.equal(sha256(image.bytes), want, 'the cleaned image differs from me_cleaner -S');
      await page.waitForFunction(() => !/computing/.test(document.querySelector('#hashes')?.textContent ?? 'computing'));
      const shown = await page.textContent('#hashes');
      assert.ok(shown.includes(want), 'the page shows the SHA-256 of the output');
      assert.ok(shown.includes(sha256(readFileSync(input))), 'the page shows the SHA-256 of the input');
      assert.match(await page.textContent('#after-download'), /intelmetool -m/);
      await shot(page, 'done');

      // The JSON report: the engine's report of this clean, and the SHA-256 of every file.
      const json = JSON.parse((await download(page, '#report-json')).bytes.toString('utf8'));
      assert.equal(json.request.flags, '-S');
      assert.equal(json.files.find((f) => f.name === image.name)?.sha256, want);
      const { files, ...report } = json;
      assert.deepEqual(reportValidator()(report), [], 'the downloaded report, without the page\'s file list, follows the schema');
      const measures = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => [m.name, Math.round(m.duration)]));
      for (const [name, ms] of measures) timings[`page:${name}`] = ms;
      assert.deepEqual(await networkRequestsAfter(requests, loaded), [], 'requests after load not answered by the service worker');
    });
  });

  test('Advanced -S -r -t -d -D -M: image, descriptor and ME region match me_cleaner', async (t) => {
    if (!withCorpus(t)) return;
    const input = corpusFile(T420);
    const c = expected('full_me7.1_lenovo-t420_16mb/all');
    await onPage(async ({ page }) => {
      await openImage(page, input);
      await page.check('#preset-advanced');
      await page.check('#opt-disable-S');
      for (const id of ['relocate', 'truncate', 'restrict_me_master', 'extract_descriptor', 'extract_me']) await page.check(`#opt-${id}`);
      await waitPreview(page, '-S -r -t -d -D -M');
      // The engine's controls: -r excludes a partition list, and -S excludes -s.
      assert.ok(await page.isDisabled('#opt-list-whitelist'));
      assert.ok(await page.isDisabled('#opt-disable-s'));
      await cleanNow(page);
      for (const [id, name] of [['#download', 'out.bin'], ['#download-descriptor', 'ifd.bin'], ['#download-me', 'me.bin']]) {
        const got = await download(page, id);
        assert.equal(got.bytes.length, c.outputs[name].size, `${name} size`);
        assert.equal(sha256(got.bytes), c.outputs[name].sha256, `${name} differs from me_cleaner`);
      }
      const text = (await download(page, '#report-txt')).bytes.toString('utf8');
      assert.ok(text.startsWith(c.stdout.split('\n')[0]), 'the text report starts with me_cleaner\'s lines');
      await shot(page, 'advanced-done');
    });
  });

  test('a vendor capsule: the page names it and cleans the image inside like the plain dump', async (t) => {
    if (!withCorpus(t)) return;
    const plain = readFileSync(corpusFile(T420));
    const want = expected('full_me7.1_lenovo-t420_16mb/soft_disable').outputs['out.bin'].sha256;
    // An AMI Aptio capsule header (GUID 4A3CA68B-7723-48FB-803D-578CC1FEC44D as stored), 0x800 bytes.
    const header = Buffer.alloc(0x800);
    Buffer.from('8ba63c4a2377fb48803d578cc1fec44d', 'hex').copy(header);
    header.writeUInt32LE(0x1c, 0x10);
    header.writeUInt16LE(0x800, 0x1c);
    const capsule = join(tmp, 'update.cap');
    writeFileSync(capsule, Buffer.concat([header, plain]));
    await onPage(async ({ page }) => {
      await openImage(page, capsule);
      await page.waitForSelector('#open-embedded');
      // The engine's words arrive as UTF-8 (the en dash), with no repair on the page's side.
      assert.match(await page.textContent('#verdict'), /AMI Aptio.*0x800–0x10007ff/s);
      assert.match(await page.textContent('#open-embedded'), /Work on the flash image inside \(0x800, 16 MiB\)/);
      assert.equal(await page.$('#clean'), null, 'the capsule itself is not cleaned');
      await shot(page, 'capsule');
      await page.click('#open-embedded');
      await page.waitForFunction(() => /update-at-0x800\.bin · /.test(document.querySelector('#report .meta')?.textContent ?? ''));
      assert.match(await page.textContent('#verdict'), /7\.1\.80\.1214/);
      assert.match(await page.textContent('#report .meta'), /16,777,216 bytes/);
      await waitPreview(page, '-S');
      await cleanNow(page);
      const got = await download(page, '#download');
      assert.equal(got.name, 'update-at-0x800-meclean.bin');
      assert.equal(sha256(got.bytes), want, 'differs from me_cleaner -S on the plain dump');
    });
  });

  test('a corrupt file is refused in plain words before any click', async (t) => {
    if (!usable(t)) return;
    const bad = join(tmp, 'corrupt.bin');
    const bytes = Buffer.alloc(64 * 1024, 0x5a);
    bytes.write('not a flash image', 0x40);
    writeFileSync(bad, bytes);
    await onPage(async ({ page }) => {
      await openImage(page, bad);
      assert.match(await page.getAttribute('#verdict', 'class'), /\bfail\b/);
      assert.equal(await page.getAttribute('#verdict', 'role'), 'alert');
      const text = await page.textContent('#verdict');
      assert.match(text, /cannot clean this file/);
      assert.match(text, /flash descriptor .*0x0/, `the refusal names what is missing and where: ${text}`);
      assert.match(await page.textContent('#status'), /corrupt\.bin/);
      for (const id of ['recommended', 'soft', 'clean', 'advanced']) assert.ok(await page.isDisabled(`#preset-${id}`), id);
      assert.equal(await page.$('#clean'), null, 'no clean button for a refused image');
      await shot(page, 'error');
    });
  });

  test('an empty file: an error naming it, no report', async (t) => {
    if (!usable(t)) return;
    const empty = join(tmp, 'empty.bin');
    writeFileSync(empty, Buffer.alloc(0));
    await onPage(async ({ page }) => {
      await page.setInputFiles('#file', empty);
      await page.waitForSelector('#error');
      assert.match(await page.textContent('#error'), /empty\.bin.*empty/);
      assert.equal(await page.$('#verdict'), null);
    });
  });

  test('a dropped bare ME image disables the presets that need a full dump', async (t) => {
    if (!withCorpus(t)) return;
    const b64 = readFileSync(corpusFile(BARE_ME)).toString('base64');
    await onPage(async ({ page }) => {
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
      assert.match(await page.textContent('#verdict'), /bare ME\/TXE region with ME\/TXE firmware 7\.1\.80\.1214/);
      assert.equal(await page.getAttribute('#checks [data-check="descriptor"]', 'data-state'), 'info');
      assert.ok(await page.isDisabled('#preset-recommended'));
      assert.ok(await page.isDisabled('#preset-soft'));
      assert.ok(await page.isEnabled('#preset-clean'));
      assert.ok(await page.isChecked('#preset-clean'));
      // The engine's reason, word for word: a full dump is what they need.
      if (haveCli) {
        const cli = await cliReport(corpusFile(BARE_ME), BARE_ME, { check_only: true });
        for (const id of ['recommended', 'soft']) {
          const refusal = cli.presets.find((p) => p.id === id).refusal;
          assert.equal(refusal.remedy, 'use_full_dump', id);
          assert.equal(await page.textContent(`#preset-${id}-why`), ` — unavailable: ${refusal.words}`);
        }
      } else assert.ok((await page.textContent('#preset-soft-why')).length > 20);
      // Advanced: -S/-s/-d/-D/-M unavailable; -r and a whitelist exclude each other.
      await page.check('#preset-advanced');
      await waitPreview(page, '');
      for (const id of ['#opt-disable-S', '#opt-disable-s', '#opt-restrict_me_master', '#opt-extract_descriptor', '#opt-extract_me'])
        assert.ok(await page.isDisabled(id), `${id} should be disabled`);
      await page.check('#opt-relocate');
      await waitPreview(page, '-r');
      assert.ok(await page.isDisabled('#opt-list-whitelist'));
      assert.match(await page.textContent('#opt-list-whitelist-why'), /relocat/i);
      await shot(page, 'bare-me-advanced');
    });
  });

  test('works offline once loaded (service worker)', async (t) => {
    if (!usable(t)) return;
    await onPage(async ({ page, context }) => {
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await context.setOffline(true);
      await page.reload();
      await waitReady(page);
      assert.match(await page.textContent('#local'), /nothing is uploaded/);
    });
  });
});

describe('single-file build from file://', () => {
  test('loads, checks and cleans with the network blocked', async (t) => {
    if (!usable(t)) return;
    const context = await browser.newContext({ acceptDownloads: true });
    const problems = [];
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    await context.route((u) => !['file:', 'blob:', 'data:'].includes(u.protocol), (r) => r.abort());
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    try {
      await page.goto(pathToFileURL(join(web, 'dist-single/index.html')).href);
      await waitReady(page);
      if (haveCorpus) await openImage(page, corpusFile(BARE_ME));
      else await page.click('#sample');
      await cleanNow(page);
      const got = await download(page, '#download');
      if (haveCorpus) {
        const want = expected('me7.1.80.1214_lenovo-t420/default').outputs['out.bin'].sha256;
        assert.equal(sha256(got.bytes), want, 'single-file build: the cleaned bare ME differs from me_cleaner');
      } else assert.ok(got.bytes.length > 0);
      // "Did it work?" answers here too: the engine's verdict of a published capture.
      await page.fill('#status-paste', readFileSync(join(root, 'tests/status/fixtures/intelmetool_cleaned_me8_x230.txt'), 'utf8'));
      await page.click('#status-check');
      await page.waitForSelector('#status-result[data-verdict="neutralised_by_cleaning"]');
      assert.deepEqual(requests.filter((u) => !/^(file|blob|data):/.test(u)), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

describe('descriptor view, write-back and CSE firmware', () => {
  const T420_LINES = ['00000000:00000fff fd', '00180000:00ffffff bios', '00003000:0017ffff me', '00001000:00002fff gbe'];

  /** What `meclean ifd --layout` writes for the file at `path`. */
  function cliLayout(path) {
    const out = join(tmp, `${Date.now()}.layout`);
    execFileSync(cliPath, ['ifd', '--layout', out, path], { stdio: 'ignore' });
    return readFileSync(out, 'utf8');
  }

  test('T420 16 MiB: the Descriptor view, the layout download and the flashrom command', async (t) => {
    if (!withCorpus(t) || !required(t, haveCli, `no meclean CLI at ${cliPath}`)) return;
    const input = corpusFile(T420);
    await onPage(async ({ page }) => {
      await openImage(page, input);
      const states = Object.fromEntries(await page.$$eval('#checks li', (lis) => lis.map((li) => [li.dataset.check, li.dataset.state])));
      for (const code of ['ifd_signature', 'ifd_regions_overlap'])
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

      const layout = await download(page, '#layout-download');
      assert.equal(layout.name, 'full_me7.1_lenovo-t420_16mb.layout');
      assert.equal(layout.bytes.toString(), cliLayout(input), 'the layout differs from meclean ifd --layout');
      assert.deepEqual(layout.bytes.toString().trimEnd().split('\n').sort(), [...T420_LINES].sort());

      // Recommended (-S), cleaned: the command writes only fd and me, and says the host cannot.
      await waitPreview(page, '-S');
      await cleanNow(page);
      await page.waitForSelector('#flashrom-command');
      assert.equal((await page.textContent('#flashrom-command')).trim(),
        'flashrom -p internal -l full_me7.1_lenovo-t420_16mb-meclean.layout -i fd -i me -N -w full_me7.1_lenovo-t420_16mb-meclean.bin');
      assert.equal(await page.textContent('#changed-regions'), 'fd, me');
      assert.match(await page.textContent('#flashrom'), /external programmer/);
      assert.equal((await page.textContent('#flashrom-whole')).trim(), 'flashrom -p internal -w full_me7.1_lenovo-t420_16mb-meclean.bin');
      const written = await download(page, '#download-layout');
      assert.equal(written.name, 'full_me7.1_lenovo-t420_16mb-meclean.layout');
      assert.equal(written.bytes.toString(), layout.bytes.toString());

      // -S -t -D: the write-back follows the written image (its descriptor keeps the regions);
      // the extracted descriptor is the one with the shrunk ME.
      await page.check('#preset-advanced');
      await page.check('#opt-disable-S');
      await page.check('#opt-truncate');
      await page.check('#opt-extract_descriptor');
      await waitPreview(page, '-S -t -D');
      await cleanNow(page);
      await page.waitForSelector('#flash-layout-text', { state: 'attached' });
      const after = await download(page, '#download-layout');
      assert.equal(after.bytes.toString(), layout.bytes.toString(), 'the layout is the written image\'s own');
      const image = await download(page, '#download');
      const imagePath = join(tmp, image.name);
      writeFileSync(imagePath, image.bytes);
      assert.equal(after.bytes.toString(), cliLayout(imagePath));
      const descriptor = await download(page, '#download-descriptor');
      const descriptorPath = join(tmp, descriptor.name);
      writeFileSync(descriptorPath, descriptor.bytes);
      const me = cliLayout(descriptorPath).split('\n').find((l) => l.endsWith(' me'));
      assert.match(me, /^00003000:[0-9a-f]{8} me$/);
      assert.ok(parseInt(me.slice(9, 17), 16) < 0x17ffff, `ME not shrunk in the extracted descriptor: ${me}`);
    });
  });

  test('CSME 16: the CSE section, the verdict, and HAP set by platform (byte 0x1DE = 0x11)', async (t) => {
    if (!withCorpus(t)) return;
    const input = corpusFile(CSME16);
    await onPage(async ({ page }) => {
      await openImage(page, input);
      assert.match(await page.textContent('#verdict'), /CSME 16\.1\.30\.2307/);
      await page.waitForSelector('#cse', { state: 'visible' });
      assert.match(await page.textContent('#cse-facts'), /AlderLake S/);
      assert.match(await page.textContent('#cse-facts'), /RSA-3072 PSS SHA-384/);
      assert.ok((await page.$$('#cse .cse-bpdt tbody tr')).length > 0, 'BPDT entries');
      assert.ok((await page.$$('#cse-data tbody tr')).length > 0, 'data partition entries');
      // me_cleaner's presets stay disabled with the engine's reason; HAP is the default.
      assert.ok(await page.isDisabled('#preset-recommended'));
      assert.match(await page.textContent('#preset-recommended-why'), /CSME 16\.1\.30\.2307/);
      assert.ok(await page.isChecked('#preset-hap'));
      assert.equal(await page.inputValue('#hap-platform'), 'auto');
      // The engine's candidates, the weak one offered but not selectable.
      const options = await page.$$eval('#hap-platform option', (os) => os.map((o) => [o.value, o.disabled]));
      assert.deepEqual(options, [['auto', false], ['alder_point_p', false], ['alder_point_n', true], ['alder_point_s', false]]);
      await waitPreview(page, '-s --platform auto');
      await shot(page, 'cse');
      await page.selectOption('#hap-platform', 'alder_point_p');
      await waitPreview(page, '-s --platform alder_point_p');
      await page.selectOption('#hap-platform', 'auto');
      await waitPreview(page, '-s --platform auto');
      await cleanNow(page);
      const got = (await download(page, '#download')).bytes;
      const original = readFileSync(input);
      assert.equal(got.length, original.length);
      assert.equal(original[0x1de], 0x10);
      assert.equal(got[0x1de], 0x11);
      let differing = 0;
      for (let i = 0; i < got.length; i++) if (got[i] !== original[i]) differing++;
      assert.equal(differing, 1);
      assert.equal((await page.textContent('#flashrom-command')).trim(),
        'flashrom -p internal -l full_csme16_msi-ms7d25-meclean.layout -i fd -N -w full_csme16_msi-ms7d25-meclean.bin');
      await shot(page, 'cse-done');
    });
  });
});
