// The page says what the engine says, before any click: for every corpus image (full and bare ME),
// the verdict, each checklist line, each preset's availability and refusal words, and the preset
// selected at first are those of the CLI's `meclean -c --json` report of the same file. Then three
// images whose first screen must already tell the truth: Gemini Lake IFWI (check only), an image
// cleaned before (only soft-disable), and a generation-1 image (Clean only changes the descriptor;
// after the clean, the write-back plan writes the whole image first).
// Needs a built page, the CLI (build/core/cli/meclean), the corpus, and the synthetic gen-1 tool
// (build/tests/meclean_make_gen1_image); each is required when CI is set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bootGuardSample, cleanupCorpus, cliPath, cliReport, corpus, corpusInputs, gen1Image, gen1Tool, haveCli, haveCorpus, inputPath, required,
  root, sampleTool,
} from './support.mjs';
import { cleanNow, haveChromium, launch, openImage, openPage, serveDir, shot, waitPreview, waitReady } from './browser.mjs';

let browser;
let server;
let origin;
let tmp;
let shared; // one page for the whole corpus: only the file changes

before(async () => {
  assert.ok(existsSync(join(root, 'web/dist/index.html')), 'web/dist is missing: run scripts/build-web first');
  if (!haveChromium) return;
  tmp = mkdtempSync(join(tmpdir(), 'meclean-e2e-report-'));
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

const ready = (t) => required(t, haveChromium, 'no Chromium at /usr/bin/chromium')
  && required(t, haveCorpus, `no corpus at ${corpus}`) && required(t, haveCli, `no meclean CLI at ${cliPath}`);

/** The shared page, opened on first use (a page that logged an error fails the test that saw it). */
async function sharedPage() {
  if (!shared) {
    shared = await openPage(browser, origin + '/', { origin });
    await waitReady(shared.page);
  }
  return shared;
}

/** What the page shows of the report: verdict, checklist, presets. */
function readPage(page) {
  return page.evaluate(() => {
    const text = (sel, from = document) => from.querySelector(sel)?.textContent ?? null;
    const v = document.querySelector('#verdict');
    return {
      verdict: { state: v.dataset.state, title: text('.title strong', v), detail: text('.detail', v), next: text('#next-step', v) },
      checks: [...document.querySelectorAll('#checks li')].map((li) => ({
        id: li.dataset.check, state: li.dataset.state, title: text('.label', li), detail: text('.detail', li),
      })),
      presets: [...document.querySelectorAll('#options input[name="preset"]')].map((input) => ({
        id: input.id.replace(/^preset-/, ''), disabled: input.disabled, checked: input.checked,
        why: text(`#${input.id}-why`),
      })),
    };
  });
}

/** What the page must show for the report `r`, in the shape readPage() returns. */
function expectedPage(r) {
  const words = (p) => p.words || [p.message, p.detail].filter((s) => s && s.trim()).join(' — ');
  return {
    verdict: { state: r.verdict.state, title: r.verdict.title, detail: r.verdict.detail || null, next: r.verdict.next || null },
    checks: r.checks.map((c) => ({ id: c.id, state: c.state, title: c.title, detail: c.detail ? ` — ${c.detail}` : null })),
    presets: r.presets.map((p) => {
      // A preset refused only until a chipset is chosen stays selectable: the page offers that choice.
      const refused = !p.available && p.refusal?.remedy !== 'choose_platform';
      return { id: p.id, disabled: refused, checked: !refused && p.id === r.default_preset,
        why: refused ? ` — unavailable: ${words(p.refusal)}` : null };
    }),
  };
}

describe('the page shows the CLI\'s report for every corpus image', () => {
  const inputs = haveCorpus ? corpusInputs() : [];
  test('corpus, CLI and browser present', (t) => {
    if (!ready(t)) return;
    assert.ok(inputs.length >= 47, `only ${inputs.length} corpus inputs`);
  });
  for (const item of inputs) {
    test(item.name, async (t) => {
      if (!ready(t)) return;
      const path = inputPath(item, inputs);
      const cli = cliReport(path, item.name, { check_only: true });
      const { page, problems } = await sharedPage();
      await openImage(page, path);
      const want = expectedPage(await cli);
      assert.deepEqual(await readPage(page), want);
      assert.equal(await page.textContent('#next-step').catch(() => null), want.verdict.next);
      assert.deepEqual(problems.splice(0), [], 'console errors');
    });
  }
});

describe('before any click, the first screen tells the truth', () => {
  const openCorpus = async (t, name) => {
    if (!ready(t)) return null;
    const all = corpusInputs();
    const { page } = await sharedPage();
    await openImage(page, inputPath(all.find((x) => x.name === name), all));
    return page;
  };

  test('Gemini Lake IFWI: meclean can check it, not clean or disable it; nothing offered', async (t) => {
    const page = await openCorpus(t, 'full_glk-ifwi_protectli-vp2410.bin');
    if (!page) return;
    assert.match(await page.textContent('#verdict .title'), /meclean can check this image, but not clean or disable it/);
    assert.match(await page.textContent('#next-step'), /Nothing can be changed in this image/);
    for (const id of ['recommended', 'soft', 'clean', 'advanced']) {
      assert.ok(await page.isDisabled(`#preset-${id}`), `${id} is offered`);
      assert.match(await page.textContent(`#preset-${id}-why`), /no ME\/TXE firmware to work on.*inside the BIOS region \(IFWI\)/);
    }
    assert.equal(await page.$('#preset-hap'), null, 'HAP is offered');
    assert.equal(await page.$('#hap-controls'), null);
    assert.equal(await page.$('#preview'), null, 'a preview of nothing');
    assert.equal(await page.$('#clean'), null, 'a clean button');
    assert.equal(await page.$$eval('#options input:checked', (l) => l.length), 0, 'a preset is selected');
    await shot(page, 'glk-ifwi');
    assert.deepEqual(shared.problems.splice(0), [], 'console errors');
  });

  test('an image cleaned before, its disable bit set: nothing left to change, nothing selected', async (t) => {
    const page = await openCorpus(t, 'full_me8.1cleaned_lenovo-xx30.bin');
    if (!page) return;
    assert.match(await page.textContent('#verdict .title'), /cleaned before/);
    assert.match(await page.textContent('#verdict'), /Its disable bit is set too/);
    assert.match(await page.textContent('#next-step'), /nothing left to change here; to clean again, start from your original dump/);
    for (const id of ['recommended', 'clean']) {
      assert.ok(await page.isDisabled(`#preset-${id}`), `${id} is offered`);
      assert.match(await page.textContent(`#preset-${id}-why`), /cleaned before.*Clean your original dump/s);
    }
    // -s still runs (it would write the bit that is already set), but no preset is chosen for the user.
    assert.ok(await page.isEnabled('#preset-soft'));
    assert.equal(await page.$$eval('#options input:checked', (l) => l.length), 0, 'a preset is selected');
    assert.equal(await page.$('#clean'), null, 'a clean button before any choice');
    await shot(page, 'cleaned-before');
    assert.deepEqual(shared.problems.splice(0), [], 'console errors');
  });

  test('Boot Guard manifests: the engine\'s warning on the presets that remove firmware, Soft-disable chosen', async (t) => {
    if (!required(t, haveChromium, 'no Chromium at /usr/bin/chromium') || !required(t, haveCli, `no meclean CLI at ${cliPath}`)
      || !required(t, existsSync(sampleTool), `no ${sampleTool} (scripts/build-native)`)) return;
    const path = bootGuardSample(tmp);
    const cli = await cliReport(path, 'sample-boot-guard.bin', { check_only: true });
    const warned = cli.presets.filter((p) => p.warning);
    assert.ok(warned.length > 0, 'the engine warns about no preset');
    const { page } = await sharedPage();
    await openImage(page, path);
    assert.ok(await page.isChecked(`#preset-${cli.default_preset}`));
    for (const p of cli.presets) {
      const text = await page.evaluate((id) => document.getElementById(id)?.textContent ?? null, `preset-${p.id}-warning`);
      assert.equal(text, p.warning ? ` — ⚠ ${p.warning.title}` : null, p.id);
    }
    await page.check(`#preset-${warned[0].id}`);
    assert.equal(await page.textContent(`#preset-${warned[0].id}-warning-detail`), warned[0].warning.detail);
    assert.equal(await page.getAttribute(`#preset-${warned[0].id}`, 'aria-describedby'), `preset-${warned[0].id}-warning`);
    assert.deepEqual(shared.problems.splice(0), [], 'console errors');
  });

  test('generation 1: Clean only says it changes the descriptor; the write-back writes the whole image', async (t) => {
    if (!required(t, haveChromium, 'no Chromium at /usr/bin/chromium')
      || !required(t, existsSync(gen1Tool), `no ${gen1Tool} (scripts/build-native)`)) return;
    const { page } = await sharedPage();
    const name = await openImage(page, gen1Image(tmp));
    assert.match(await page.textContent('#verdict .title'), /firmware 5\.0\.2\.1000/);
    assert.ok(await page.isEnabled('#preset-clean'));
    assert.match(await page.textContent('#options'), /Clean only — On ME 2–5 \(ICH8–10\) this sets the meDisable straps, removes the ME region from the flash descriptor and erases it/);
    await page.check('#preset-clean');
    await waitPreview(page, '');
    const reasons = await page.$$eval('#edits tbody tr td:last-child', (tds) => tds.map((td) => td.textContent));
    assert.ok(reasons.some((r) => /FLREG2/.test(r)), `the preview lists the descriptor change: ${reasons.join('; ')}`);
    await cleanNow(page);
    await page.waitForSelector('#flashrom-command');
    const stem = name.replace(/\.bin$/, '');
    const commands = await page.$$eval('#flashrom pre', (pres) => pres.map((p) => p.textContent.trim()));
    assert.equal(commands[0], `flashrom -p internal -w ${stem}-meclean.bin`, 'the whole image is written first');
    assert.ok(!commands.some((c) => / -i fd/.test(c)), `a region write is recommended: ${commands.join(' | ')}`);
    assert.match(await page.textContent('#flashrom'), /outside every region of the new descriptor .*write the whole image/);
    assert.equal(await page.$('#changed-regions'), null);
    await shot(page, 'gen1-cleaned');
    assert.deepEqual(shared.problems.splice(0), [], 'console errors');
  });
});
