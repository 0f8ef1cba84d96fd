// The page's Content-Security-Policy, in one place for every way it is delivered: the <meta> tag
// of the multi-file build (vite.config.js), the header of scripts/serve.mjs, and the _headers file
// of the release's archive (scripts/release). The single-file build has its own, with hashes
// (csp-single.mjs).
//
// The engine's worker is started from a blob: URL (src/worker-url.js), so it inherits this
// policy from the page even where the host sends no header; a worker loaded from a URL would
// take its policy from that response's headers only.
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "worker-src 'self' blob:", // blob: the engine's worker; 'self': the service worker (sw.js)
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** For a <meta http-equiv> tag: frame-ancestors is ignored (with a console error) there. */
export const CSP_META = DIRECTIVES.join('; ');

/** For an HTTP header, which can also forbid framing the page. */
export const CSP_HEADER = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
