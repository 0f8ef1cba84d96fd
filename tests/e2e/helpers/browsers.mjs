// One small interface over three browser engines, for tests/e2e/browsers.test.mjs:
//   chromium  Debian's chromium through playwright-core (CDP)
//   firefox   Debian's firefox-esr through puppeteer-core (WebDriver BiDi, no geckodriver)
//   webkit    WebKitGTK's MiniBrowser through Debian's WebKitWebDriver (classic WebDriver),
//             under Xvfb (MiniBrowser has no headless mode)
// Each driver: goto, waitFor(css), text(css), click(css), upload(css, path), run(body) (an async
// function body run in the page), download(css, size?) → Buffer (a real download, read from disk
// once complete: `size` bytes when given),
// requests() → every URL the browser fetched, or null where the driver cannot see the network,
// close(). launch() returns null when the browser is not installed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebDriverSession, request } from './webdriver.mjs';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web');
const require = createRequire(join(web, 'package.json'));

export const BROWSERS = {
  chromium: { binary: '/usr/bin/chromium', launch: launchChromium },
  firefox: { binary: '/usr/bin/firefox-esr', launch: launchFirefox },
  webkit: { binary: '/usr/bin/WebKitWebDriver', launch: launchWebKit },
};
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const TIMEOUT = 30_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function launch(name) {
  const browser = BROWSERS[name];
  if (!existsSync(browser.binary)) return null;
  return browser.launch(browser.binary);
}

/**
 * Waits for a new, complete file in `dir`. Firefox writes "*.part" first, but WebKitGTK writes the
 * file under its own name as it goes: so the file is complete once it has `size` bytes (when the
 * caller knows it) and its size has not changed for a second.
 */
async function newFile(dir, before, size) {
  let last = -1;
  let since = Date.now();
  for (const end = Date.now() + TIMEOUT; Date.now() < end; await sleep(100)) {
    const names = readdirSync(dir);
    const done = names.filter((f) => !before.includes(f) && !PARTIAL.test(f) && statSync(join(dir, f)).isFile());
    if (done.length !== 1 || names.some((f) => PARTIAL.test(f))) continue;
    const now = statSync(join(dir, done[0])).size;
    if (now !== last) [last, since] = [now, Date.now()];
    if (now > 0 && (size === undefined || now === size) && Date.now() - since >= 1000) return readFileSync(join(dir, done[0]));
  }
  throw new Error(`no complete download arrived in ${dir} (last size seen: ${last})`);
}
const PARTIAL = /\.(part|download|crdownload|wkdownload)$/;

async function launchChromium(binary) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: binary,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage',
      '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  });
  const context = await browser.newContext({ acceptDownloads: true });
  const seen = [];
  context.on('request', (r) => seen.push(r.url()));
  const page = await context.newPage();
  return {
    goto: (url) => page.goto(url),
    waitFor: (css) => page.waitForSelector(css, { state: 'attached', timeout: TIMEOUT }),
    text: (css) => page.textContent(css),
    click: (css) => page.click(css, { timeout: TIMEOUT }),
    upload: (css, path) => page.setInputFiles(css, path),
    run: (body) => page.evaluate(`(async () => { ${body} })()`),
    async download(css) { // playwright waits for the download to finish
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.click(css)]);
      return readFileSync(await dl.path());
    },
    requests: () => [...seen],
    close: () => browser.close(),
  };
}

async function launchFirefox(binary) {
  const puppeteer = require('puppeteer-core');
  const downloads = mkdtempSync(join(tmpdir(), 'meclean-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox', // WebDriver BiDi, spoken by Firefox itself
    executablePath: binary,
    headless: true,
    extraPrefsFirefox: {
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'network.dns.disableIPv6': true,
    },
  });
  const page = await browser.newPage();
  const seen = [];
  page.on('request', (r) => seen.push(r.url()));
  return {
    goto: (url) => page.goto(url),
    waitFor: (css) => page.waitForSelector(css, { timeout: TIMEOUT }),
    text: (css) => page.$eval(css, (e) => e.textContent),
    click: (css) => page.click(css),
    upload: async (css, path) => (await page.$(css)).uploadFile(path),
    run: (body) => page.evaluate(`(async () => { ${body} })()`),
    async download(css, size) {
      const before = readdirSync(downloads);
      await page.click(css);
      return newFile(downloads, before, size);
    },
    requests: () => [...seen],
    async close() {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    }).on('error', fail);
  });
}

async function launchWebKit(driverBinary) {
  // MiniBrowser saves downloads in $HOME (no XDG user dirs here): a fresh HOME per run.
  const home = mkdtempSync(join(tmpdir(), 'meclean-webkit-'));
  const port = await freePort();
  const driver = spawn('xvfb-run', ['-a', driverBinary, `--port=${port}`],
    { stdio: 'ignore', detached: true, env: { ...process.env, HOME: home } });
  const base = `http://127.0.0.1:${port}`;
  for (const end = Date.now() + TIMEOUT; ; await sleep(100)) {
    try {
      await request(base, 'GET', '/status');
      break;
    } catch (err) {
      if (Date.now() > end) throw new Error(`WebKitWebDriver did not start: ${err.message}`);
    }
  }
  const session = await WebDriverSession.create(base, {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  });
  const waitFor = async (css) => {
    for (const end = Date.now() + TIMEOUT; ; await sleep(100)) {
      const id = await session.find(css);
      if (id) return id;
      if (Date.now() > end) throw new Error(`timed out waiting for ${css}`);
    }
  };
  // WebKit is slower here: a control may exist before it is enabled.
  const click = async (css) => {
    const id = await waitFor(css);
    for (const end = Date.now() + TIMEOUT; !(await session.element(id, 'enabled')); await sleep(100))
      if (Date.now() > end) throw new Error(`${css} stays disabled`);
    await session.element(id, 'click', {});
  };
  return {
    goto: (url) => session.goto(url),
    waitFor,
    text: async (css) => session.run('return document.querySelector(arguments[0])?.textContent ?? null;', [css]),
    click,
    upload: async (css, path) => session.element(await waitFor(css), 'value', { text: path }),
    run: (body) => session.run(body),
    async download(css, size) {
      const before = readdirSync(home);
      await click(css);
      return newFile(home, before, size);
    },
    requests: () => null, // classic WebDriver has no network events
    async close() {
      await session.close().catch(() => {});
      try {
        process.kill(-driver.pid);
      } catch {}
      rmSync(home, { recursive: true, force: true });
    },
  };
}
