// The page's footer: what it is (meclean's version and this build's hash, fixed at build time
// by vite.config.js from CMakeLists.txt and the page's inputs) and, once the worker has loaded
// the wasm, the engine's version. A person compares the build hash with the release's notes.
export function Footer({ engineVersion }) {
  return (
    <footer id="build-info" data-engine={engineVersion ? 'ready' : 'loading'}>
      <p>
        meclean <span id="version">{__MECLEAN_VERSION__}</span> · build <code id="build-hash">{__MECLEAN_BUILD__}</code>
        {engineVersion && engineVersion !== __MECLEAN_VERSION__ ? ` · engine ${engineVersion}` : ''}
        {' · '}the engine runs as WebAssembly in a worker; this page makes no network requests after it has
        loaded and works offline.
      </p>
    </footer>
  );
}
