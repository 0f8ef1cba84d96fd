// The benchmark behind scripts/bench (which builds what it needs and prepares the images).
// Prints, for each image: the native CLI against the floors it is measured by, side by side in
// one run (-c against a process that opens the file and reads 64 KiB of it, `head -c 65536`; the
// cleans -S -O and -S -r -t -d -D -M -O against `cp` of the image into the same folder), the wasm
// module under node against native, peak memory (native RSS next to the wasm module's linear
// memory, as a ratio of the image, and node's RSS), the page in headless Chromium (drop → report,
// clean → download ready, for the 16 and the 64 MiB image), the size of the built page, and
// every goal with whether it is met.
//
// node tests/bench/bench.mjs --images JSON --cli PATH [--wasm DIR] [--web DIR]
//                            [--runs N] [--browser-runs N] [--no-browser] [--browser-images L1,L2]
//   JSON: [{ "label": "16 MiB", "path": "...", "source": "corpus full_me7.1_lenovo-t420_16mb" }, ...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { moduleFactory } from '../../wasm/node-module.mjs';
import { CLEAN } from './wasm_memory.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// ---- arguments
const args = { runs: 5, browserRuns: 5, wasm: join(root, 'build-wasm/wasm'), web: join(root, 'web'), browser: true };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const next = () => process.argv[++i];
  if (a === '--images') args.images = JSON.parse(next());
  else if (a === '--cli') args.cli = next();
  else if (a === '--wasm') args.wasm = next();
  else if (a === '--web') args.web = next();
  else if (a === '--runs') args.runs = Math.max(1, Number(next()));
  else if (a === '--browser-runs') args.browserRuns = Math.max(1, Number(next()));
  else if (a === '--browser-images') args.browserImages = next().split(',');
  else if (a === '--no-browser') args.browser = false;
  else throw new Error(`bench.mjs: unknown argument ${a}`);
}
if (!args.images || !args.cli) throw new Error('bench.mjs: --images and --cli are required');
args.browserImages ??= ['16 MiB', '64 MiB'];

// ---- helpers
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x == null || Number.isNaN(x) ? 'n/a' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const ratio = (a, b) => (a == null || b == null || !b ? 'n/a' : `${(a / b).toFixed(2)}×`);
const mib = (kb) => (kb == null ? 'n/a' : `${(kb / 1024).toFixed(1)} MiB`);
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

function table(title, header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r) => '| ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ') + ' |';
  console.log(`\n${title}\n`);
  console.log(line(all[0]));
  console.log('|' + widths.map((w, c) => (c === 0 ? '-'.repeat(w + 1) + '-' : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const r of all.slice(1)) console.log(line(r));
}

const haveTime = existsSync('/usr/bin/time');
const work = mkdtempSync(join(tmpdir(), 'meclean-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** Runs `argv` `runs` times: median wall time (ms, includes process start) and peak RSS (KiB). */
function timeProcess(argv, runs) {
  const walls = [];
  let peak = null;
  const rusage = join(work, 'rusage');
  for (let i = 0; i < runs + 1; i++) {
    for (const f of ['ifd.bin', 'me.bin', 'out.bin', 'copy.bin']) rmSync(join(work, f), { force: true });
    const cmd = haveTime ? ['/usr/bin/time', '-f', '%M', '-o', rusage, ...argv] : argv;
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd[0], cmd.slice(1), { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 20 });
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i === 0) continue; // warm-up: page cache, dynamic loader
    walls.push(wall);
    if (haveTime) peak = Math.max(peak ?? 0, Number(readFileSync(rusage, 'utf8').trim().split('\n').pop()));
  }
  return { wall: median(walls), peak };
}

// ---- 1. native CLI and its floors
// A check needs only a few structures of the image: its floor opens the file and reads 64 KiB. A
// clean writes a new image of the input's size: its floor copies the file into the same folder.
const CLEAN_FLAGS = ['-S', '-r', '-t', '-d', '-D', 'ifd.bin', '-M', 'me.bin', '-O', 'out.bin'];
const native = {};
for (const img of args.images) {
  const path = resolve(img.path);
  native[img.label] = {
    head: timeProcess(['head', '-c', '65536', path], args.runs),
    cp: timeProcess(['cp', path, 'copy.bin'], args.runs),
    check: timeProcess([args.cli, '-c', path], args.runs),
    soft: timeProcess([args.cli, '-S', '-O', 'out.bin', path], args.runs),
    clean: timeProcess([args.cli, ...CLEAN_FLAGS, path], args.runs),
  };
}

console.log(`meclean benchmark — ${new Date().toISOString().slice(0, 10)}, ${args.runs} runs each (median), ` +
  `load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('Images:');
for (const img of args.images) console.log(`  ${img.label.padEnd(7)} ${statSync(img.path).size} bytes  ${img.source}`);

table('Native CLI against its floors (wall time of the process, median, side by side in this run)',
  ['image', 'head -c 65536 ms', '-c ms', '-c / head', 'cp ms', '-S -O ms', '-S -O / cp', '-S -r -t -d -D -M -O ms', 'that / cp'],
  args.images.map(({ label }) => {
    const n = native[label];
    return [label, ms(n.head.wall), ms(n.check.wall), ratio(n.check.wall, n.head.wall), ms(n.cp.wall), ms(n.soft.wall),
      ratio(n.soft.wall, n.cp.wall), ms(n.clean.wall), ratio(n.clean.wall, n.cp.wall)];
  }));
console.log('\nhead: a process that opens the file and reads 64 KiB of it; cp: a copy of the image into the same folder.');

// ---- 2. the wasm module under node
const wasmRows = [];
const loader = join(args.wasm, 'meclean.mjs');
let wasmLoad = null;
if (existsSync(loader)) {
  const newModule = await moduleFactory(args.wasm);
  let t0 = performance.now();
  const M = await newModule({ print: () => {}, printErr: () => {} });
  wasmLoad = performance.now() - t0;
  const timeIt = (f) => {
    const xs = [];
    let out;
    for (let i = 0; i < args.runs + 1; i++) {
      const a = performance.now();
      out = f();
      if (i > 0) xs.push(performance.now() - a);
    }
    return [median(xs), out];
  };
  /** The report in `json` (a string), or an error naming `what` when the engine refused. */
  const accepted = (json, what) => {
    const report = JSON.parse(json);
    if (report.refusal) throw new Error(`wasm ${what}: ${report.refusal.message}`);
    return report;
  };
  for (const img of args.images) {
    const u8 = new Uint8Array(readFileSync(img.path));
    const name = basename(img.path);
    // open() copies the image in and checks it (what -c does); the image then stays open, so
    // report() plans and clean() plans and applies without copying it in again.
    const [open, opened] = timeIt(() => M.open(u8, name));
    accepted(opened, `check of ${img.label}`);
    const [plan, planned] = timeIt(() => M.report(CLEAN));
    accepted(planned, `plan of ${img.label}`);
    const [clean, r] = timeIt(() => M.clean(CLEAN));
    accepted(r.report, `clean of ${img.label}`);
    // Moving the bytes across the boundary is one TypedArray copy each way: the input into
    // wasm memory, each output into a new JS Uint8Array. Timed here as the same copies in JS.
    const [copyIn] = timeIt(() => { const x = new Uint8Array(u8.length); x.set(u8); return x; });
    const outs = [r.head, r.descriptor, r.me].filter(Boolean); // the new image leaves wasm memory as its head only
    const [copyOut] = timeIt(() => outs.map((o) => { const x = new Uint8Array(o.length); x.set(o); return x; }));
    const n = native[img.label];
    wasmRows.push([img.label, ms(open), ratio(open, n.check.wall), ms(plan), ms(clean), ms(open + clean),
      ratio(open + clean, n.clean.wall), ms(copyIn), ms(copyOut), ratio(copyIn + copyOut, open + clean)]);
  }
}
if (wasmRows.length) {
  table(`WebAssembly under node ${process.version} (in-process call time, median; module load ${ms(wasmLoad)} ms)`,
    ['image', 'open() ms', 'open / native -c', 'report() ms', 'clean() ms', 'open + clean ms', 'open + clean / native',
      'copy in ms', 'copies out ms', 'copies / (open + clean)'],
    wasmRows);
  console.log('\nopen(bytes, name) copies the image into wasm memory and checks it: what -c does. report() and clean() work on the');
  console.log('open image (-S -r -t -d -D -M): report() plans, clean() plans, applies and copies each output back out. The native');
  console.log('times include starting the process and reading the file; open + clean is compared with the native clean.');
} else console.log(`\n(no wasm module at ${loader}: run scripts/build-web)`);

// ---- peak memory: native RSS next to the wasm module's linear memory and node's RSS
/** One tests/bench/wasm_memory.mjs run in a fresh node process (nothing else counted). */
function wasmMemory(img, op) {
  const r = spawnSync(process.execPath, [join(root, 'tests/bench/wasm_memory.mjs'), '--wasm', args.wasm, '--image',
    resolve(img.path), '--op', op], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wasm_memory.mjs --op ${op} ${img.label}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
const memRows = [];
const memory = {}; // per image: native peaks (KiB) and the page's wasm peak as a ratio of the image
for (const img of args.images) {
  const n = native[img.label];
  const size = statSync(img.path).size;
  const w = wasmRows.length ? Object.fromEntries(['load', 'check', 'clean', 'page'].map((op) => [op, wasmMemory(img, op)])) : {};
  const bytes = (x) => (x == null ? 'n/a' : mib(x / 1024));
  const ofImage = (x) => (x == null ? '' : ratio(x, size));
  memRows.push([img.label, '-c (wasm: open)', mib(n.check.peak), bytes(w.check?.linearMemory), ofImage(w.check?.linearMemory), bytes(w.check?.peakRss)]);
  memRows.push([img.label, '-S -O', mib(n.soft.peak), '', '', '']);
  memRows.push([img.label, '-S -r -t -d -D -M (wasm: open + clean)', mib(n.clean.peak), bytes(w.clean?.linearMemory), ofImage(w.clean?.linearMemory), bytes(w.clean?.peakRss)]);
  if (w.page) memRows.push([img.label, 'page: open + report + clean', '', bytes(w.page.linearMemory), ofImage(w.page.linearMemory), bytes(w.page.peakRss)]);
  if (w.load) memRows.push([img.label, 'wasm baseline: module loaded, image read', '', bytes(w.load.linearMemory), '', bytes(w.load.peakRss)]);
  memory[img.label] = { size, check: n.check.peak, clean: Math.max(n.soft.peak ?? 0, n.clean.peak ?? 0), page: w.page?.linearMemory };
}
table('Peak memory (native: /usr/bin/time max RSS of the CLI; wasm: linear memory after the call, as a ratio of the image too, and node max RSS, each in a fresh process)',
  ['image', 'operation', 'native RSS', 'wasm memory', 'wasm / image', 'node RSS'], memRows);
console.log('\nwasm memory never shrinks (emmalloc grows it with memory.grow), so after the call it is the high-water mark.');
console.log('node RSS counts node itself, the image read into JS and the outputs copied out (see the baseline row).');

// ---- 3. the page in headless Chromium
const dist = join(args.web, 'dist');
const browserRows = [];
let browserNote = '';
if (!args.browser) browserNote = '(skipped: --no-browser)';
else if (!existsSync(join(dist, 'index.html'))) browserNote = `(no page at ${dist}: run scripts/build-web)`;
else if (!existsSync('/usr/bin/chromium')) browserNote = '(no /usr/bin/chromium)';
else {
  const shownImages = args.browserImages.map((l) => args.images.find((i) => i.label === l)).filter(Boolean);
  const require = createRequire(join(args.web, 'package.json'));
  const { chromium } = require('playwright-core');
  const { serve } = await import(pathToFileURL(join(args.web, 'scripts/serve.mjs')).href);
  const { server, url } = await serve(dist, { port: 0 });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  var browserFigures = {};
  const notes = [];
  try {
    for (const img of shownImages) {
      const drops = [], cleans = [], pageOpen = [], pageClean = [];
      const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      for (let i = 0; i < args.browserRuns + 1; i++) {
        await page.goto(url);
        await page.waitForFunction(() => /meclean \d/.test(document.querySelector('footer')?.textContent ?? ''));
        // The file goes into a detached input first, so that the timing starts at the drop itself.
        await page.evaluate(() => {
          const input = document.createElement('input');
          input.type = 'file';
          input.id = 'bench-file';
          input.hidden = true;
          document.body.append(input);
        });
        await page.setInputFiles('#bench-file', img.path);
        // In the page: drop, then wait for the checklist (report shown); click clean, wait for the download link.
        const waitFor = (selector) => `new Promise((resolve) => {
            const done = () => document.querySelector(${JSON.stringify(selector)}) && (obs.disconnect(), resolve(performance.now()));
            const obs = new MutationObserver(done);
            obs.observe(document.body, { childList: true, subtree: true, attributes: true });
            done();
          })`;
        const drop = await page.evaluate(`(async () => {
          const file = document.getElementById('bench-file').files[0];
          const dt = new DataTransfer();
          dt.items.add(file);
          const target = document.getElementById('drop');
          const t0 = performance.now();
          target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
          target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
          const t1 = await ${waitFor('#checks li')};
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); // painted
          return [t1 - t0, performance.now() - t0];
        })()`);
        await page.waitForSelector('#clean:not([disabled])');
        const clean = await page.evaluate(`(async () => {
          const t0 = performance.now();
          document.getElementById('clean').click();
          const t1 = await ${waitFor('#download')};
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          return [t1 - t0, performance.now() - t0];
        })()`);
        const measures = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('measure').map((m) => [m.name, m.duration])));
        if (i === 0) continue; // warm-up: compiles the wasm, fills caches
        drops.push(drop[1]);
        cleans.push(clean[1]);
        if (measures['meclean-open-to-report'] != null) pageOpen.push(measures['meclean-open-to-report']);
        if (measures['meclean-clean-to-download'] != null) pageClean.push(measures['meclean-clean-to-download']);
      }
      await context.close();
      browserRows.push([img.label, 'drop → report shown', ms(median(drops)), ms(Math.min(...drops)), ms(Math.max(...drops))]);
      browserRows.push([img.label, 'clean → download ready', ms(median(cleans)), ms(Math.min(...cleans)), ms(Math.max(...cleans))]);
      notes.push(`${img.label}: open → report ${ms(pageOpen.length ? median(pageOpen) : null)} ms, ` +
        `clean → download ${ms(pageClean.length ? median(pageClean) : null)} ms`);
      browserFigures[img.label] = { drop: median(drops), clean: median(cleans) };
    }
  } finally {
    await browser.close();
    server.close();
  }
  browserNote = `(the page's own marks, median: ${notes.join('; ')})`;
}
if (browserRows.length) {
  table(`Page in headless Chromium (${args.browserRuns} runs after a warm-up; from the event to the element shown and painted)`,
    ['image', 'step', 'median ms', 'min ms', 'max ms'], browserRows);
  console.log(`\n${browserNote}`);
} else console.log(`\nPage in headless Chromium: ${browserNote}`);

// ---- 4. sizes
let sizes = null;
if (existsSync(join(dist, 'index.html'))) {
  const files = [join(dist, 'index.html'), join(dist, 'sw.js'), ...readdirSync(join(dist, 'assets')).map((f) => join(dist, 'assets', f))]
    .filter((f) => existsSync(f) && !f.endsWith('.map'));
  // The page as opened loads the engine's wasm only; the worker fetches the other modules on first
  // use (and the service worker precaches them in the background): counted apart.
  const LATER = { 'meclean-status-': '"Did it work?" (status decoder)', 'meclean-flash-': 'flashing workflow (join, compare, verify)',
    'meclean-sample-': 'sample image builder' };
  const later = (f) => Object.keys(LATER).find((p) => basename(f).startsWith(p));
  const kindOf = (f) => (later(f) ? `on first use: ${LATER[later(f)]}` : f.endsWith('.wasm') ? 'wasm' : f.endsWith('.css') ? 'CSS' : f.endsWith('.html') ? 'HTML' : f.endsWith('sw.js') ? 'JS (service worker)' : 'JS');
  const groups = {};
  for (const f of files) {
    const bytes = readFileSync(f);
    const g = (groups[kindOf(f)] ??= { raw: 0, gz: 0, n: 0 });
    g.raw += bytes.length;
    g.gz += gzipSync(bytes, { level: 9 }).length;
    g.n += 1;
  }
  const sum = (gs) => gs.reduce((a, g) => ({ raw: a.raw + g.raw, gz: a.gz + g.gz }), { raw: 0, gz: 0 });
  const page = sum(['wasm', 'JS', 'JS (service worker)', 'CSS', 'HTML'].filter((k) => groups[k]).map((k) => groups[k]));
  const total = sum(Object.values(groups));
  const single = join(args.web, 'dist-single/index.html');
  const singleBytes = existsSync(single) ? readFileSync(single) : null;
  const row = (k) => [k.replace(/^wasm$/, 'wasm, the engine') + (groups[k].n > 1 ? ` (${groups[k].n} files)` : ''), kb(groups[k].raw), kb(groups[k].gz), ratio(groups[k].gz, total.gz)];
  const rows = ['wasm', 'JS', 'JS (service worker)', 'CSS', 'HTML'].filter((k) => groups[k]).map(row);
  rows.push(['page as opened', kb(page.raw), kb(page.gz), ratio(page.gz, total.gz)]);
  for (const k of Object.keys(groups).filter((k) => k.startsWith('on first use')).sort()) rows.push(row(k));
  rows.push(['total transfer (web/dist)', kb(total.raw), kb(total.gz), '1.00×']);
  if (singleBytes) rows.push(['single file (web/dist-single/index.html)', kb(singleBytes.length), kb(gzipSync(singleBytes, { level: 9 }).length), 'n/a']);
  table('Sizes (gzip -9 per file, as served)', ['what', 'bytes', 'gzip', 'share of gzip total'], rows);
  sizes = { wasm: groups.wasm?.raw, wasmGz: groups.wasm?.gz, pageGz: page.gz, totalGz: total.gz };
}

// ---- goals, each measured side by side in this run
const goals = [];
const at = (label) => native[label];
const SMALL = '16 MiB', LARGE = '64 MiB';
for (const img of args.images) {
  const n = native[img.label];
  goals.push([`-c ≤ 3× head -c 65536 (${img.label})`, ratio(n.check.wall, n.head.wall), n.check.wall <= 3 * n.head.wall]);
}
if (at(SMALL) && at(LARGE)) {
  const r = at(LARGE).check.wall / at(SMALL).check.wall;
  goals.push([`-c on ${LARGE} ≤ 1.2× -c on ${SMALL}`, `${r.toFixed(2)}×`, r <= 1.2]);
}
for (const img of args.images) {
  const n = native[img.label];
  goals.push([`-S -O ≤ 1.5× cp (${img.label})`, ratio(n.soft.wall, n.cp.wall), n.soft.wall <= 1.5 * n.cp.wall]);
  goals.push([`-S -r -t -d -D -M -O ≤ 1.5× cp (${img.label})`, ratio(n.clean.wall, n.cp.wall), n.clean.wall <= 1.5 * n.cp.wall]);
}
if (haveTime) {
  for (const label of [SMALL, LARGE].filter((l) => memory[l])) {
    const m = memory[label];
    goals.push([`peak RSS of -c ≤ 10 MiB (${label})`, mib(m.check), m.check <= 10 * 1024]);
    goals.push([`peak RSS of a clean ≤ image + 10 MiB (${label})`, mib(m.clean), m.clean * 1024 <= m.size + 10 * 1024 * 1024]);
  }
}
const figures = typeof browserFigures === 'undefined' ? {} : browserFigures;
if (figures[SMALL]) {
  goals.push([`page, drop → report ≤ 40 ms (${SMALL}, Chromium)`, `${ms(figures[SMALL].drop)} ms`, figures[SMALL].drop <= 40]);
  goals.push([`page, clean → download ready ≤ 60 ms (${SMALL}, Chromium)`, `${ms(figures[SMALL].clean)} ms`, figures[SMALL].clean <= 60]);
  if (figures[LARGE]) {
    for (const step of ['drop', 'clean']) {
      const r = figures[LARGE][step] / figures[SMALL][step];
      goals.push([`page, ${step === 'drop' ? 'drop → report' : 'clean → download'}: ${LARGE} ≤ 1.3× ${SMALL}`, `${r.toFixed(2)}×`, r <= 1.3]);
    }
  }
}
for (const [label, m] of Object.entries(memory)) {
  if (m.page != null) goals.push([`page's wasm memory peak ≤ 1.2× the image (${label})`, ratio(m.page, m.size), m.page <= 1.2 * m.size]);
}
wasmRows.forEach((r) => {
  const worst = Math.max(parseFloat(r[2]), parseFloat(r[6]));
  goals.push([`wasm within 3× of native, same operation under node (${r[0]})`, `${worst.toFixed(2)}×`, worst <= 3]);
});
if (sizes) {
  // The page as opened may weigh what it weighed before "Did it work?" and the flashing workflow
  // came (147 KB gzip) plus 5 %; the engine's wasm what it weighed then, 120 KB.
  goals.push(['engine wasm ≤ 120 KB gzip', kb(sizes.wasmGz), sizes.wasmGz <= 120_000]);
  goals.push(['page as opened ≤ 154 KB gzip (147 KB + 5 %)', kb(sizes.pageGz), sizes.pageGz <= 154_000]);
}
table('Goals', ['goal', 'measured', 'met'], goals.map(([g, m, ok]) => [g, m, ok ? 'yes' : 'NO']));
