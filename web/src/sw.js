// The service worker of the multi-file page: precaches the build for offline use, and caches
// nothing whose SHA-384 differs from the build's manifest. The build (scripts/integrity-plugin.mjs)
// writes the manifest below, { "./path": "sha384-…" } for every file, and emits this as sw.js.
const MANIFEST = {/* MECLEAN_MANIFEST */};

// A new build has a new manifest, hence a new cache; activate drops the old ones.
const CACHE_PREFIX = 'meclean-';

async function cacheName() {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(MANIFEST)));
  const hex = Array.from(new Uint8Array(digest).slice(0, 6), (b) => b.toString(16).padStart(2, '0')).join('');
  return CACHE_PREFIX + hex;
}

async function sri(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  return 'sha384-' + btoa(String.fromCharCode(...digest));
}

// Fetches every file and checks it against the manifest before anything is cached: one file
// that does not match (a host or a proxy that changed it) and the install fails, caching nothing.
async function precache() {
  const checked = [];
  for (const [path, expected] of Object.entries(MANIFEST)) {
    const response = await fetch(path, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
    const actual = await sri(await response.clone().arrayBuffer());
    if (actual !== expected) throw new Error(`${path}: its SHA-384 does not match the build's manifest; not cached`);
    checked.push([path, response]);
  }
  const cache = await caches.open(await cacheName());
  await Promise.all(checked.map(([path, response]) => cache.put(path, response)));
}

self.addEventListener('install', (e) => {
  e.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil((async () => {
    const current = await cacheName();
    const keys = await caches.keys();
    await Promise.all(keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== current).map((k) => caches.delete(k)));
    await self.clients.claim();
  })());
});

// Cached files first; anything else from the network, never cached here.
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin) return;
  e.respondWith((async () => {
    const cache = await caches.open(await cacheName());
    const hit = await cache.match(e.request, { ignoreSearch: true });
    if (hit) return hit;
    try {
      return await fetch(e.request);
    } catch (err) {
      if (e.request.mode === 'navigate') {
        const page = await cache.match('./');
        if (page) return page;
      }
      throw err;
    }
  })());
});
