// A static server like most hosts: it sends the file with its Content-Type and nothing else (no
// CSP or other security header), so whatever protects the page must come from the page itself.
// `tamper` changes what is served, { '/assets/x.js': (bytes) => bytes }, to show that the page
// and its service worker refuse a changed file.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

export function servePlain(dir, { tamper = {} } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    try {
      if (!file.startsWith(root + sep)) throw new Error('outside');
      let body = await readFile(file);
      if (tamper[path]) body = tamper[path](body);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found\n');
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

/** Flips one byte of the file in the middle: still the same length, no longer the same hash. */
export const flipByte = (bytes) => {
  const copy = Buffer.from(bytes);
  copy[copy.length >> 1] ^= 0x01;
  return copy;
};
