// The page on a phone-sized screen, and the screenshots a person looks at:
//   - at 390 px wide nothing scrolls sideways (document width ≤ viewport) on the T420 report, after
//     a clean, with Advanced open and with the Descriptor view open; with "Did it work?" answered and
//     its registers open; with reads that differ compared; after a two-chip clean (one file per chip);
//   - the "after" screenshot set (desktop and 390 px, light and dark, report and after a clean) in
//     build/e2e-screenshots/ (tests/e2e/screenshots-before.mjs takes the same set of the page before
//     the rewrite into build/e2e-screenshots/before/).
// Needs a built page and the corpus (both required when CI is set).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cleanupCorpus, cliPath, corpus, corpusInputs, haveCli, haveCorpus, inputPath, required, root, splitChips, statusFixtures,
} from './support.mjs';
import {
  NARROW, cleanNow, haveChromium, launch, openImage, openPage, overflow, screenshotSet, serveDir, shot, shots, waitPreview, waitReady,
} from './browser.mjs';

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
  cleanupCorpus();
});

const ready = (t) => required(t, haveChromium, 'no Chromium at /usr/bin/chromium') && required(t, haveCorpus, `no corpus at ${corpus}`);

function t420() {
  const all = corpusInputs();
  return inputPath(all.find((x) => x.name === 'full_me7.1_lenovo-t420_16mb.bin'), all);
}

/** The elements wider than the viewport, for the failure message. */
const widest = (page) => page.evaluate(() => [...document.querySelectorAll('body *')]
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && e.getClientRects().length)
  .slice(-5).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`));

async function assertNoSideways(page, when) {
  const over = await overflow(page);
  assert.ok(over <= 0, `${when}: the page is ${over} px wider than 390 px: ${(await widest(page)).join('; ')}`);
}

test('390 px wide: nothing scrolls sideways', async (t) => {
  if (!ready(t)) return;
  const { context, page, problems } = await openPage(browser, origin + '/', { origin, viewport: NARROW });
  try {
    await waitReady(page);
    await assertNoSideways(page, 'empty page');
    await openImage(page, t420());
    await waitPreview(page, '-S');
    await page.click('#checklist > summary');
    await assertNoSideways(page, 'the T420 report');
    await cleanNow(page);
    await page.waitForSelector('#flashrom-command');
    await page.click('#flashrom details > summary');
    await assertNoSideways(page, 'after the clean');
    await page.check('#preset-advanced');
    await page.check('#opt-disable-S');
    await page.check('#opt-list-whitelist');
    await page.fill('#opt-list', 'EFFS,MFS');
    await waitPreview(page, '-S -w EFFS,MFS');
    await assertNoSideways(page, 'Advanced open');
    await page.click('#descriptor-view > summary');
    for (const id of ['#descriptor-straps', '#descriptor-vscc']) await page.click(`${id} > summary`);
    await page.waitForSelector('#descriptor-regions', { state: 'visible' });
    await assertNoSideways(page, 'the Descriptor view open');
    await shot(page, 'narrow-descriptor');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('390 px wide: "Did it work?", reads compared, one file per chip', async (t) => {
  if (!ready(t) || !required(t, haveCli, `no meclean CLI at ${cliPath}`)) return;
  const tmp = mkdtempSync(join(tmpdir(), 'meclean-e2e-narrow-'));
  const { context, page, problems } = await openPage(browser, origin + '/', { origin, viewport: NARROW });
  try {
    await waitReady(page);
    const paste = statusFixtures().find((f) => f.name.startsWith('intelmetool_altmedisable_me9'));
    await page.fill('#status-paste', paste.text);
    await page.click('#status-check');
    await page.waitForSelector('#status-registers');
    await page.click('#status-registers > summary');
    await assertNoSideways(page, '"Did it work?" with its registers open');
    await shot(page, 'narrow-status');
    const all = corpusInputs();
    const { chips } = await splitChips(inputPath(all.find((x) => x.name === 'full_me9.0_lenovo-t440p.bin'), all), tmp, 't440p');
    const bad = Buffer.from(readFileSync(chips[1]));
    for (let i = 0; i < 20; i++) bad[0x1000 + i * 0x10001] ^= 0x04;
    writeFileSync(join(tmp, 't440p-chip2-again.bin'), bad);
    await page.click('#reads > summary');
    await page.check('#reads-same');
    await page.setInputFiles('#reads-files', [chips[1], join(tmp, 't440p-chip2-again.bin')]);
    await page.click('#reads-run');
    await page.waitForSelector('#reads-checks');
    await assertNoSideways(page, 'two reads compared');
    await page.check('#reads-chips');
    await page.setInputFiles('#reads-files', chips);
    await page.click('#reads-run');
    await page.waitForFunction(() => /t440p-chip1-joined\.bin · /.test(document.querySelector('#report .meta')?.textContent ?? ''));
    await cleanNow(page);
    await page.waitForSelector('#chip-files');
    await assertNoSideways(page, 'one file per chip');
    await shot(page, 'narrow-chips');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('screenshots: desktop and 390 px, light and dark, report and after a clean', async (t) => {
  if (!ready(t)) return;
  const taken = await screenshotSet(browser, origin + '/', t420(), shots);
  assert.equal(taken.length, 8);
  for (const f of taken) assert.ok(existsSync(f), f);
});
