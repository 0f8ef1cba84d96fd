// The flashing workflow on the page (Chromium), on the corpus's two-chip images (ThinkPad T440p and
// W541, 8 + 4 MiB), split into chip reads by the CLI's `meclean split`:
//   - the two chip reads, in both orders, are joined by the engine and open as the whole image; cleaned
//     with Recommended, the image is the CLI's `meclean -S` of the whole image, and the per-chip
//     downloads, their SHA-256, commands and "do not rewrite" are the CLI's `meclean split --original`
//     of that cleaned image;
//   - a chip read with flipped bits against a good one: the engine's verdict (the CLI's `meclean compare`);
//   - the written image and a read-back whose AltMeDisable bit was cleared: the named outcome (the CLI's
//     `meclean verify`);
//   - several files dropped on the page: the panel asks what they are; a refused join keeps the open image.
// Needs a built page, the CLI and the corpus (each required when CI is set).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cleanupCorpus, cli, cliPath, cliReport, corpus, corpusInputs, haveCli, haveCorpus, inputPath, required, root, sha256, splitChips,
} from './support.mjs';
import { cleanNow, haveChromium, launch, openPage, serveDir, shot, waitPreview, waitReady } from './browser.mjs';

const IMAGES = ['full_me9.0_lenovo-t440p.bin', 'full_me10.0_lenovo-w541.bin'];
const timings = {};
let browser;
let server;
let origin;
let tmp;

before(async () => {
  assert.ok(existsSync(join(root, 'web/dist/index.html')), 'web/dist is missing: run scripts/build-web first');
  if (!haveChromium) return;
  tmp = mkdtempSync(join(tmpdir(), 'meclean-e2e-flash-'));
  ({ server, origin } = await serveDir(join(root, 'web/dist')));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  cleanupCorpus();
  if (Object.keys(timings).length) console.log('e2e flash timings (ms):', JSON.stringify(timings));
});

const ready = (t) => required(t, haveChromium, 'no Chromium at /usr/bin/chromium')
  && required(t, haveCli, `no meclean CLI at ${cliPath}`) && required(t, haveCorpus, `no corpus at ${corpus}`);

/** The whole image `name` of the corpus and its chip files (split by the CLI): { whole, stem, chips }. */
const prepared = new Map();
async function chipsOf(name) {
  if (!prepared.has(name)) {
    const all = corpusInputs();
    const whole = inputPath(all.find((x) => x.name === name), all);
    const stem = name.replace(/\.bin$/, '');
    const { chips } = await splitChips(whole, join(tmp, stem), stem);
    prepared.set(name, { whole, stem, chips });
  }
  return prepared.get(name);
}

/** Runs `body` on a fresh page, then checks it logged no error. */
async function onPage(body) {
  const p = await openPage(browser, origin + '/', { origin });
  try {
    await waitReady(p.page);
    await body(p.page);
    assert.deepEqual(p.problems, [], 'console errors');
  } finally {
    await p.context.close();
  }
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

/** Opens the several-files panel, says what the files are, chooses them, runs, and waits for the answer. */
async function runReads(page, kind, files, written = null) {
  if (!(await page.getAttribute('#reads', 'open') !== null)) await page.click('#reads > summary');
  await page.check(`#reads-${kind}`);
  await page.setInputFiles('#reads-files', files);
  if (written !== null) await page.selectOption('#reads-written', String(written));
  const before = Number(await page.getAttribute('#reads', 'data-answers'));
  await page.click('#reads-run');
  await page.waitForFunction((n) => Number(document.querySelector('#reads').dataset.answers) > n, before);
}

/** The engine's answer as the page shows it: headline and checks. */
const shownResult = (page) => page.evaluate(() => {
  const text = (sel, from = document) => from.querySelector(sel)?.textContent ?? '';
  const v = document.querySelector('#reads-verdict');
  return {
    headline: { state: v.dataset.state, title: text('.title strong', v), detail: text('.detail', v), next: text('.next', v) },
    checks: [...document.querySelectorAll('#reads-checks li')].map((li) => ({
      id: li.dataset.check, state: li.dataset.state, title: text('.label', li), detail: text('.detail', li),
    })),
  };
});

const expectedResult = (r) => ({
  headline: r.headline,
  checks: r.checks.map((c) => ({ id: c.id, state: c.state, title: c.title, detail: c.detail ? ` — ${c.detail}` : '' })),
});

/** The CLI's --json answer of `meclean <command> --json ...args`, run in `dir`. */
const cliJson = async (command, args, dir = tmp) => JSON.parse((await cli([command, '--json', ...args], dir)).stdout);

describe('two chips of one board', () => {
  for (const name of IMAGES) {
    for (const order of [[0, 1], [1, 0]]) {
      test(`${name}: chip reads ${order[0] + 1} and ${order[1] + 1} joined, cleaned with Recommended, one file per chip`, async (t) => {
        if (!ready(t)) return;
        const { whole, stem, chips } = await chipsOf(name);
        const files = order.map((i) => chips[i]);
        const joinedStem = `${stem}-chip1-joined`;
        // The CLI's side: the join, the -S clean of the whole image under the page's names, its split.
        const dir = mkdtempSync(join(tmp, 'cli-'));
        symlinkSync(whole, join(dir, `${joinedStem}.bin`));
        const [joinWant, cleaned, check] = await Promise.all([
          cliJson('join', ['-O', join(dir, 'joined.bin'), ...files]),
          cli(['-S', '-O', `${joinedStem}-meclean.bin`, `${joinedStem}.bin`], dir),
          cliReport(whole, `${joinedStem}.bin`, { check_only: true }),
        ]);
        assert.equal(cleaned.code, 0, cleaned.stderr);
        const splitWant = await cliJson('split', ['--original', `${joinedStem}.bin`, `${joinedStem}-meclean.bin`], dir);
        await onPage(async (page) => {
          const t0 = Date.now();
          await runReads(page, 'chips', files);
          await page.waitForFunction((n) => (document.querySelector('#report .meta')?.textContent ?? '').startsWith(`${n} ·`), `${joinedStem}.bin`);
          timings[`join ${stem}`] = Date.now() - t0;
          assert.deepEqual(await shownResult(page), expectedResult(joinWant), 'the join differs from meclean join');
          assert.equal(await page.textContent('#verdict .title strong'), check.verdict.title);
          assert.match(await page.textContent('#report .meta'), /12,582,912 bytes/);
          await page.check('#preset-recommended');
          await waitPreview(page, '-S');
          await cleanNow(page);
          const image = await download(page, '#download');
          assert.equal(image.name, `${joinedStem}-meclean.bin`);
          assert.equal(sha256(image.bytes), sha256(readFileSync(join(dir, `${joinedStem}-meclean.bin`))), 'the cleaned image differs from meclean -S');
          await page.waitForSelector('#chip-files');
          for (const f of splitWant.files) {
            const n = f.chip.number;
            const got = await download(page, `#download-chip${n}`);
            assert.equal(got.name, f.name);
            assert.equal(sha256(got.bytes), f.sha256, `chip ${n} differs from meclean split`);
            assert.equal(sha256(got.bytes), sha256(readFileSync(join(dir, f.name))));
            assert.equal(await page.textContent(`#chip${n}-sha256`), f.sha256);
            assert.equal(await page.getAttribute(`#chip${n}`, 'data-changed'), String(f.changed));
            if (f.write) assert.equal((await page.textContent(`#chip${n}-write`)).trim(), f.write_command);
            else assert.match(await page.textContent(`#chip${n}-keep`), /do not rewrite/);
            assert.equal(await page.$(f.write ? `#chip${n}-keep` : `#chip${n}-write`), null);
            assert.equal((await page.textContent(`#chip${n}-read`)).trim(), f.read_command);
          }
          assert.ok(splitWant.files.some((f) => !f.write), 'a clean of the ME changes only the chip that holds it');
          await page.waitForFunction(() => !/computing/.test(document.querySelector('#hashes')?.textContent ?? 'computing'));
          const hashes = await page.textContent('#hashes');
          for (const f of splitWant.files) assert.ok(hashes.includes(f.sha256), `${f.name} missing from the SHA-256 table`);
          if (order[0] === 1) await shot(page, `join-${stem}`);
        });
      });
    }
  }
});

describe('reads of one chip, and a read-back', () => {
  test('a read with flipped bits: the engine says re-seat the clip, with the ranges and regions', async (t) => {
    if (!ready(t)) return;
    const { chips, stem } = await chipsOf(IMAGES[0]);
    const good = readFileSync(chips[0]);
    const bad = Buffer.from(good);
    for (let i = 0; i < 200; i++) bad[0x3100 + i * 0x2003] ^= 0x10;
    const badPath = join(tmp, `${stem}-chip1-read2.bin`);
    writeFileSync(badPath, bad);
    const want = await cliJson('compare', [chips[0], badPath]);
    const three = await cliJson('compare', [badPath, chips[0], chips[0]]);
    await onPage(async (page) => {
      await runReads(page, 'same', [chips[0], badPath]);
      assert.deepEqual(await shownResult(page), expectedResult(want));
      assert.match(await page.textContent('#reads-verdict'), /re-seat the clip and read again; do not clean yet/);
      assert.equal(await page.getAttribute('#reads-result', 'data-patterns'), want.patterns.join(' '));
      assert.match(await page.textContent('#reads-checks'), /\(Intel ME region\)/);
      assert.match(await page.textContent('#status'), /do not clean yet/);
      await shot(page, 'reads-compare');
      await runReads(page, 'same', [badPath, chips[0], chips[0]]);
      assert.deepEqual(await shownResult(page), expectedResult(three));
      await runReads(page, 'same', [chips[0], chips[0]]);
      assert.equal(await page.getAttribute('#reads-verdict', 'data-state'), 'ok');
      assert.equal(await page.$('#report'), null, 'comparing opens no image');
    });
  });

  test('a read-back whose AltMeDisable bit the firmware cleared: the outcome named, as meclean verify names it', async (t) => {
    if (!ready(t)) return;
    const { whole } = await chipsOf(IMAGES[0]);
    const dir = mkdtempSync(join(tmp, 'verify-'));
    const written = join(dir, 'written.bin');
    const cleaned = await cli(['-S', '-O', written, whole], dir);
    assert.equal(cleaned.code, 0, cleaned.stderr);
    const bytes = readFileSync(written);
    const bits = (await cliReport(written, 'written.bin', { check_only: true })).analysis.disable_bits.filter((b) => b.set);
    assert.ok(bits.length > 0, 'meclean -S set no disable bit');
    const readback = Buffer.from(bytes);
    for (const b of bits) readback[b.offset + (b.bit >> 3)] &= ~(1 << (b.bit & 7));
    const readbackPath = join(dir, 'readback.bin');
    writeFileSync(readbackPath, readback);
    const want = await cliJson('verify', [written, readbackPath]);
    assert.ok(want.outcomes.includes('disable_bit_cleared'));
    await onPage(async (page) => {
      // The read-back chosen first: the person says which file is the written image.
      await runReads(page, 'verify', [readbackPath, written], 1);
      assert.deepEqual(await shownResult(page), expectedResult(want));
      assert.equal(await page.getAttribute('#reads-result', 'data-outcomes'), want.outcomes.join(' '));
      assert.equal(await page.getAttribute('#reads-checks [data-check="disable_bit_cleared"]', 'data-state'), 'fail');
      await shot(page, 'reads-verify');
      await runReads(page, 'verify', [written, written], 0);
      assert.equal(await page.getAttribute('#reads-result', 'data-outcomes'), 'identical');
    });
  });

  test('several files dropped: the panel asks what they are; a refused join leaves the open image open', async (t) => {
    if (!required(t, haveChromium, 'no Chromium at /usr/bin/chromium') || !required(t, haveCli, `no meclean CLI at ${cliPath}`)) return;
    const a = join(tmp, 'read-a.bin');
    const b = join(tmp, 'read-b.bin');
    writeFileSync(a, Buffer.alloc(8192, 0x11));
    writeFileSync(b, Buffer.alloc(8192, 0x22));
    const want = await cliJson('join', ['-O', join(tmp, 'never.bin'), a, b]);
    await onPage(async (page) => {
      // By keyboard: the panel comes right after the sample button, and opens with Enter.
      await page.focus('#sample');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.parentElement?.id), 'reads');
      await page.keyboard.press('Enter');
      assert.notEqual(await page.getAttribute('#reads', 'open'), null);
      await page.keyboard.press('Enter');
      assert.equal(await page.getAttribute('#reads', 'open'), null);
      await page.click('#sample');
      await page.waitForSelector('#verdict');
      const dt = await page.evaluateHandle(() => {
        const d = new DataTransfer();
        d.items.add(new File([new Uint8Array(8192).fill(0x11)], 'read-a.bin'));
        d.items.add(new File([new Uint8Array(8192).fill(0x22)], 'read-b.bin'));
        return d;
      });
      await page.dispatchEvent('#drop', 'dragover', { dataTransfer: dt });
      await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
      await page.waitForSelector('#reads-list');
      assert.notEqual(await page.getAttribute('#reads', 'open'), null, 'the panel opens');
      assert.match(await page.textContent('#reads-list'), /read-a\.bin \(8 KiB\), read-b\.bin \(8 KiB\)/);
      assert.ok(await page.isDisabled('#reads-run'), 'nothing runs before the person says what the files are');
      assert.match(await page.textContent('#report .meta'), /^meclean-sample\.bin · /, 'the open image stays');
      await page.check('#reads-chips');
      const before = Number(await page.getAttribute('#reads', 'data-answers'));
      await page.click('#reads-run');
      await page.waitForFunction((n) => Number(document.querySelector('#reads').dataset.answers) > n, before);
      assert.deepEqual(await shownResult(page), expectedResult(want));
      assert.equal(await page.getAttribute('#reads-result', 'data-error'), want.error);
      assert.match(await page.textContent('#report .meta'), /^meclean-sample\.bin · /, 'a refused join opens nothing');
    });
  });
});
