// The page on a phone-sized screen, and the screenshots a person looks at:
//   - at 390 px wide nothing scrolls sideways (document width ≤ viewport) on the T420 report, after
//     a clean, with Advanced open and with the Descriptor view open;
//   - the "after" screenshot set (desktop and 390 px, light and dark, report and after a clean) in
//     build/e2e-screenshots/ (tests/e2e/screenshots-before.mjs takes the same set of the page before
//     the rewrite into build/e2e-screenshots/before/).
// Needs a built page and the corpus (both required when CI is set).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupCorpus, corpus, corpusInputs, haveCorpus, inputPath, required, root } from './support.mjs';
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

test('screenshots: desktop and 390 px, light and dark, report and after a clean', async (t) => {
  if (!ready(t)) return;
  const taken = await screenshotSet(browser, origin + '/', t420(), shots);
  assert.equal(taken.length, 8);
  for (const f of taken) assert.ok(existsSync(f), f);
});
