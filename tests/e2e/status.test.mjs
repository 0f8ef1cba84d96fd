// "Did it work?" on the page (Chromium): reachable with no image open, by keyboard; every published
// capture (tests/status/fixtures) pasted into it shows the verdict, its lines and the headline the
// CLI's `meclean status --json` gives; a paste it cannot read shows the engine's error with its line
// and column, and the button that shows the place puts the cursor there; the generation question
// appears when the engine needs it and the answer decodes the rest; an open image answers it (as
// `meclean status --image` does); after a clean the write-back notes lead here.
// Needs a built page and the CLI (both required when CI is set); the image cases need the corpus.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cleanupCorpus, cli, cliPath, corpus, corpusInputs, haveCli, haveCorpus, inputPath, required, root, statusFixtures,
} from './support.mjs';
import { cleanNow, haveChromium, launch, openImage, openPage, serveDir, shot, waitReady } from './browser.mjs';

let browser;
let server;
let origin;
let tmp;
let shared;

before(async () => {
  assert.ok(existsSync(join(root, 'web/dist/index.html')), 'web/dist is missing: run scripts/build-web first');
  if (!haveChromium) return;
  tmp = mkdtempSync(join(tmpdir(), 'meclean-e2e-status-'));
  ({ server, origin } = await serveDir(join(root, 'web/dist')));
  browser = await launch();
});

after(async () => {
  await shared?.context.close();
  await browser?.close();
  server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  cleanupCorpus();
});

const ready = (t) => required(t, haveChromium, 'no Chromium at /usr/bin/chromium') && required(t, haveCli, `no meclean CLI at ${cliPath}`);
const T420 = 'full_me7.1_lenovo-t420_16mb.bin';

async function sharedPage() {
  if (!shared) {
    shared = await openPage(browser, origin + '/', { origin });
    await waitReady(shared.page);
  }
  return shared;
}

/** The CLI's answer for `text` with `args`: { code, json or null, stderr }. */
async function cliStatus(text, args = []) {
  const file = join(tmp, `paste-${Date.now()}.txt`);
  writeFileSync(file, text);
  const c = await cli(['status', ...args, file], tmp);
  return { code: c.code, json: c.code === 0 ? JSON.parse(c.stdout) : null, stderr: c.stderr };
}

const answers = (page) => page.evaluate(() => Number(document.querySelector('#did-it-work').dataset.answers));

/** Pastes `text` (and ticks "no MEI device" as asked), checks, and waits for the engine's answer. */
async function check(page, text, { noDevice = false, keyboard = false } = {}) {
  const before = await answers(page);
  await page.fill('#status-paste', text);
  await page.setChecked('#status-no-device', noDevice);
  if (keyboard) {
    await page.focus('#status-no-device');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'status-check');
    await page.keyboard.press('Enter');
  } else await page.click('#status-check');
  await page.waitForFunction((n) => Number(document.querySelector('#did-it-work').dataset.answers) > n, before);
}

/** What the page shows of the answer, in the shape of the engine's headline and lines. */
const shown = (page) => page.evaluate(() => {
  const text = (sel, from = document) => from.querySelector(sel)?.textContent ?? '';
  const v = document.querySelector('#status-verdict');
  return {
    headline: { state: v.dataset.state, title: text('.title strong', v), detail: text('.detail', v), next: text('.next', v) },
    lines: [...document.querySelectorAll('#status-lines li')].map((li) => ({
      id: li.dataset.check, state: li.dataset.state, title: text('.label', li), detail: text('.detail', li),
    })),
  };
});

const expected = (r) => ({
  headline: r.headline,
  lines: r.lines.map((l) => ({ id: l.id, state: l.state, title: l.title, detail: l.detail ? ` — ${l.detail}` : '' })),
});

describe('Did it work?', () => {
  const fixtures = statusFixtures();
  test('published captures present', () => assert.ok(fixtures.length >= 15, `only ${fixtures.length}`));
  for (const f of fixtures) {
    test(`${f.name}: the page says what meclean status says`, async (t) => {
      if (!ready(t)) return;
      const { page, problems } = await sharedPage();
      const [want] = await Promise.all([cliStatus(f.text, ['--json']), check(page, f.text)]);
      assert.equal(want.code, 0, want.stderr);
      assert.deepEqual(await shown(page), expected(want.json));
      assert.equal(await page.getAttribute('#status-result', 'data-verdict'), want.json.verdict);
      assert.equal(await page.isVisible('#status-generation'), want.json.layout.generation_needed);
      assert.equal(await page.textContent('#status'), `Did it work? ${want.json.headline.title}.`);
      assert.deepEqual(problems.splice(0), [], 'console errors');
    });
  }

  test('a paste it cannot read: the engine\'s error, its line and column, the cursor put there', async (t) => {
    if (!ready(t)) return;
    const { page } = await sharedPage();
    const text = '# my paste\n1E000255\n66002306\n0000zz00\n';
    const [want] = await Promise.all([cliStatus(text), check(page, text)]);
    assert.equal(want.code, 1);
    const v = await shown(page);
    assert.equal(v.headline.state, 'fail');
    assert.equal(`meclean status: ${v.headline.detail}\n${v.headline.next}\n`, want.stderr, 'the words differ from the CLI\'s');
    assert.match(v.headline.detail, /^line 4, column 1: “0000zz00”/);
    assert.equal(await page.getAttribute('#status-verdict', 'role'), 'alert');
    assert.match(await page.textContent('#status-error-go'), /Show line 4, column 1 in the text/);
    await page.click('#status-error-go');
    const caret = await page.evaluate(() => {
      const a = document.activeElement;
      return { id: a.id, from: a.selectionStart, to: a.selectionEnd };
    });
    assert.deepEqual(caret, { id: 'status-paste', from: text.indexOf('0000zz00'), to: text.indexOf('0000zz00') + 1 });
    await shot(page, 'status-error');
  });

  test('the generation question: asked when needed, the answer decodes the rest as the CLI does', async (t) => {
    if (!ready(t)) return;
    const { page } = await sharedPage();
    const f = fixtures.find((x) => x.name.startsWith('fw_status_'));
    await check(page, f.text);
    await page.waitForSelector('#status-generation', { state: 'visible' });
    const labels = await page.$$eval('#status-generation label', (ls) => ls.map((l) => l.textContent));
    assert.equal(labels.length, 3);
    const before = await answers(page);
    await page.check('#status-generation-me6-10');
    await page.waitForFunction((n) => Number(document.querySelector('#did-it-work').dataset.answers) > n, before);
    const want = (await cliStatus(f.text, ['--json', '--generation', 'me6-10'])).json;
    assert.equal(want.layout.basis, 'user');
    assert.deepEqual(await shown(page), expected(want));
    assert.ok(await page.isChecked('#status-generation-me6-10'), 'the answer stays chosen and can be changed');
    await page.click('#status-registers > summary');
    assert.equal(await page.textContent('#status-layout'), `Decoded as ${want.layout.name} — ${want.layout.why}.`);
    const rows = await page.$$eval('#status-HFSTS1 tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
    assert.deepEqual(rows, want.registers[0].fields.map((x) => x.label));
    assert.ok(labels.includes(want.layout.name), `${want.layout.name} is not among ${labels.join(', ')}`);
    await shot(page, 'status-generation');
  });

  test('no MEI device, said by ticking the box; typed and sent by keyboard', async (t) => {
    if (!ready(t)) return;
    const { page } = await sharedPage();
    await check(page, '', { noDevice: true, keyboard: true });
    const want = (await cli(['status', '--json', '--no-device'])).stdout;
    assert.deepEqual(await shown(page), expected(JSON.parse(want)));
  });

  test('an open image tells the generation; after a clean the write-back notes lead here', async (t) => {
    if (!ready(t) || !required(t, haveCorpus, `no corpus at ${corpus}`)) return;
    const all = corpusInputs();
    const image = inputPath(all.find((x) => x.name === T420), all);
    const f = fixtures.find((x) => x.name.startsWith('fw_status_'));
    const { context, page, problems } = await openPage(browser, origin + '/', { origin });
    try {
      await waitReady(page);
      await openImage(page, image);
      await check(page, f.text);
      const want = (await cliStatus(f.text, ['--json', '--image', image])).json;
      assert.equal(want.layout.basis, 'image');
      assert.deepEqual(await shown(page), expected(want));
      assert.equal(await page.isVisible('#status-generation'), false, 'no question: the image answered it');
      await cleanNow(page);
      await page.click('#to-did-it-work');
      await page.waitForFunction(() => location.hash === '#did-it-work');
      const top = await page.evaluate(() => document.querySelector('#did-it-work').getBoundingClientRect().top);
      assert.ok(Math.abs(top) < 5, `the section is not scrolled into view (top ${top})`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
