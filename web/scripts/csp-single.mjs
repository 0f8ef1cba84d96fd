// Post-build step of the single-file build: writes a <meta> CSP that allows exactly the
// inline <script> and <style> blocks of dist-single/index.html (by SHA-256) and nothing
// from the network. The inline worker runs from a blob: URL and inherits this policy,
// so 'wasm-unsafe-eval' is needed for its WebAssembly.compile (toolchain.md §7).
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const file = process.argv[2] ?? 'dist-single/index.html';
let html = readFileSync(file, 'utf8');
if (html.includes('http-equiv="Content-Security-Policy"')) throw new Error(`${file} already has a CSP`);

const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => hash(m[1]));
const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => hash(m[1]));
if (/<script\b[^>]*\bsrc=/.test(html)) throw new Error('the single-file build still loads an external script');

const policy = [
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' ${scripts.join(' ')}`,
  `style-src ${styles.join(' ') || "'none'"}`,
  'worker-src blob:',
  "connect-src 'none'",
  'img-src blob: data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

html = html.replace(/<meta charset="utf-8"\s*\/?>/i, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${policy}">`);
if (!html.includes('Content-Security-Policy')) throw new Error('no <meta charset> to put the CSP after');
writeFileSync(file, html);
console.log(`${file}: CSP with ${scripts.length} script and ${styles.length} style hash(es), ${(html.length / 1024).toFixed(0)} KiB`);
