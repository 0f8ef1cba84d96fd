// The browser side the page's end-to-end tests share (and tests/e2e/screenshots-before.mjs):
// Debian's Chromium driven by playwright-core, the page served by web/scripts/serve.mjs, pages that
// record every request and console error, opening a file and waiting for its report.
// Not a test file itself (node --test picks up *.test.mjs only here).
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, webRequire } from './support.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
export const shots = join(root, 'build/e2e-screenshots');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  // Every host name but the test server's fails to resolve: defence in depth behind the request checks.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'];

export const DESKTOP = { width: 1100, height: 900 };
export const NARROW = { width: 390, height: 844 };

export async function launch() {
  const { chromium } = webRequire('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Serves `dir` on 127.0.0.1 with the page's CSP headers: { server, origin }. */
export async function serveDir(dir) {
  const { serve } = await import(pathToFileURL(join(root, 'web/scripts/serve.mjs')).href);
  const started = await serve(dir, { port: 0 });
  return { server: started.server, origin: new URL(started.url).origin };
}

/**
 * A fresh context and page at `url` that records every request ({ url, at, request }) and every
 * console error or page error. With `origin`, requests to any other http(s) origin are aborted.
 */
export async function openPage(browser, url, { origin = null, viewport = DESKTOP, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport, colorScheme });
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push({ url: r.url(), at: Date.now(), request: r }));
  if (origin) await context.route((u) => ['http:', 'https:'].includes(u.protocol) && u.origin !== origin, (r) => r.abort());
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { context, page, requests, problems };
}

/** The footer says so once the worker has loaded the wasm (src/footer.jsx). */
export async function waitReady(page) {
  await page.waitForSelector('footer[data-engine="ready"]', { state: 'attached' });
}

const opened = () => performance.getEntriesByName('meclean-open-to-report').length;

/**
 * Opens the file at `path` with the file button and waits until its report is on the page (the
 * page measures each open once the report is rendered, so reopening the same file waits too).
 */
export async function openImage(page, path) {
  const name = basename(path);
  const before = await page.evaluate(opened);
  await page.setInputFiles('#file', path);
  await page.waitForFunction(([n, count]) => performance.getEntriesByName('meclean-open-to-report').length > count
    && (document.querySelector('#report .meta')?.textContent ?? '').startsWith(`${n} ·`), [name, before]);
  return name;
}

/** Waits until the preview shows the plan for `flags` (as the report writes them, "" for none). */
export async function waitPreview(page, flags) {
  await page.waitForFunction((f) => {
    const title = document.querySelector('#preview-title')?.textContent ?? '';
    return title.endsWith(`(${f || 'no flags'})`) && document.querySelector('#preview')?.getAttribute('aria-busy') === 'false';
  }, flags);
}

/** Cleans with the current choice and waits for the download link. */
export async function cleanNow(page) {
  await page.waitForSelector('#clean:not([disabled])');
  await page.click('#clean');
  await page.waitForSelector('#download');
}

export async function shot(page, name, dir = shots) {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** The page's horizontal overflow: how far the document is wider than the viewport (0 when none). */
export const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/**
 * The before/after screenshot set: the report of `image` and the page after a clean with the
 * default choice, on a desktop and a 390 px wide viewport, light and dark, into `dir` as
 * <desktop|narrow>-<light|dark>-<report|cleaned>.png. Used by the e2e test (the page as it is) and
 * by screenshots-before.mjs (the page before the rewrite, whose ids for these steps were the same).
 */
export async function screenshotSet(browser, url, image, dir) {
  const taken = [];
  for (const [size, viewport] of [['desktop', DESKTOP], ['narrow', NARROW]]) {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page } = await openPage(browser, url, { viewport, colorScheme });
      try {
        await waitReady(page);
        await page.setInputFiles('#file', image);
        await page.waitForSelector('#checks li', { state: 'attached' });
        await page.waitForSelector('#clean:not([disabled])');
        await shot(page, `${size}-${colorScheme}-report`, dir);
        await cleanNow(page);
        await shot(page, `${size}-${colorScheme}-cleaned`, dir);
        taken.push(join(dir, `${size}-${colorScheme}-report.png`), join(dir, `${size}-${colorScheme}-cleaned.png`));
      } finally {
        await context.close();
      }
    }
  }
  return taken;
}
