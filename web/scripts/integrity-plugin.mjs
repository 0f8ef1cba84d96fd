// Vite plugins that make the multi-file page check what it loads (Subresource Integrity) and
// carry its own Content-Security-Policy, so both hold on any static host:
//
//   wasmIntegrity()    `import x from './a.wasm?integrity'` gives the file's SRI hash, for the
//                      worker's fetch(url, { integrity }). Both builds.
//   workerAsOneFile()  worker bundle: one file with no imports of its own (the sample builder's
//                      glue inlined), import.meta.url read from self.mecleanWorkerUrl, so that
//                      src/worker-url.js can start it from a blob: of its verified text.
//   pageIntegrity()    after the build: the worker's hash into the page's script
//                      (__MECLEAN_WORKER_INTEGRITY__), integrity="" on every <script>/<link>, the
//                      <meta> CSP, and sw.js from src/sw.js with the manifest of every file's hash.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CSP_META } from './csp.mjs';

export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const INTEGRITY_QUERY = '?integrity';

export function wasmIntegrity() {
  return {
    name: 'meclean-wasm-integrity',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(INTEGRITY_QUERY)) return null;
      const resolved = await this.resolve(source.slice(0, -INTEGRITY_QUERY.length), importer, { skipSelf: true });
      return resolved && `\0${resolved.id}${INTEGRITY_QUERY}`;
    },
    load(id) {
      if (!id.startsWith('\0') || !id.endsWith(INTEGRITY_QUERY)) return null;
      const file = id.slice(1, -INTEGRITY_QUERY.length);
      this.addWatchFile(file);
      return `export default ${JSON.stringify(sri(readFileSync(file)))};`;
    },
  };
}

export const WORKER_URL_GLOBAL = 'self.mecleanWorkerUrl';

export function workerAsOneFile() {
  return {
    name: 'meclean-worker-as-one-file',
    apply: 'build',
    outputOptions(options) {
      return { ...options, codeSplitting: false };
    },
    renderChunk(code, chunk) {
      // Asset URLs are resolved against the worker's own URL; from a blob: there is none to
      // resolve against, so the page passes the real one (src/worker-url.js).
      const out = code.replaceAll('import.meta.url', WORKER_URL_GLOBAL);
      if (/\bimport\s*[("'`{*]|\bimport\.meta\b/.test(out))
        this.error(`${chunk.fileName} still imports something: a worker started from a blob: cannot`);
      return { code: out, map: null };
    },
  };
}

export const WORKER_INTEGRITY_PLACEHOLDER = '__MECLEAN_WORKER_INTEGRITY__';

export function pageIntegrity({ serviceWorkerSource }) {
  return {
    name: 'meclean-page-integrity',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const text = (f) => (f.type === 'chunk' ? f.code : f.source);
      const files = Object.values(bundle).filter((f) => !f.fileName.endsWith('.map'));

      // 1. The worker's hash, into the page script that starts it.
      const workers = files.filter((f) => /(^|\/)engine\.worker-[^/]*\.js$/.test(f.fileName));
      if (workers.length !== 1) this.error(`expected one engine worker in the bundle, found ${workers.length}`);
      const starters = files.filter((f) => f.type === 'chunk' && f.code.includes(WORKER_INTEGRITY_PLACEHOLDER));
      if (starters.length !== 1) this.error(`expected one chunk that starts the worker, found ${starters.length}`);
      starters[0].code = starters[0].code.replaceAll(WORKER_INTEGRITY_PLACEHOLDER, sri(text(workers[0])));

      // 2. integrity="" on the page's scripts and stylesheets, and its CSP.
      const html = bundle['index.html'];
      if (!html) this.error('no index.html in the bundle');
      const checked = new Set();
      let page = String(html.source).replace(/<(script|link)\b([^>]*?)\s(src|href)="\.\/([^"]+)"([^>]*)>/g, (tag, name, before, attr, path, after) => {
        const target = bundle[path];
        if (!target) return tag; // e.g. the icon's data: URL
        if (/\bintegrity=/.test(tag)) this.error(`${path} already has an integrity attribute`);
        checked.add(path);
        return `<${name}${before} ${attr}="./${path}" integrity="${sri(text(target))}"${after}>`;
      });
      const unchecked = [...page.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]).filter((p) => !checked.has(p));
      if (unchecked.length) this.error(`index.html loads ${unchecked.join(', ')} without an integrity hash`);
      if (page.includes('Content-Security-Policy')) this.error('index.html already has a CSP');
      page = page.replace(/<meta charset="utf-8"\s*\/?>/i, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`);
      if (!page.includes('Content-Security-Policy')) this.error('no <meta charset> in index.html to put the CSP after');
      html.source = page;

      // 3. The service worker with the manifest: every file of the build and its hash.
      const manifest = { './': sri(page) };
      for (const f of files.sort((a, b) => (a.fileName < b.fileName ? -1 : 1))) {
        if (f.fileName !== 'index.html') manifest[`./${f.fileName}`] = sri(text(f));
      }
      const marker = '{/* MECLEAN_MANIFEST */}';
      const source = readFileSync(serviceWorkerSource, 'utf8');
      if (!source.includes(marker)) this.error(`${serviceWorkerSource} has no ${marker}`);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: source.replace(marker, JSON.stringify(manifest, null, 2)) });
    },
  };
}
