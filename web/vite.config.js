// Two builds from one source:
//   vite build                → dist/         multi-file, for any static host: <meta> CSP, Subresource Integrity,
//                                             offline via a service worker that checks every file (src/sw.js)
//   vite build --mode single  → dist-single/  one index.html (inline iife worker, inline wasm) that works from file://
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { fileURLToPath } from 'node:url';
import { buildHash, projectVersion } from './scripts/build-info.mjs';
import { pageIntegrity, wasmIntegrity, workerAsOneFile } from './scripts/integrity-plugin.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    base: './',
    plugins: [
      preact(),
      wasmIntegrity(),
      single ? viteSingleFile() : pageIntegrity({ serviceWorkerSource: here('./src/sw.js') }),
    ],
    define: {
      __SINGLE_FILE__: JSON.stringify(single),
      __MECLEAN_VERSION__: JSON.stringify(projectVersion()),
      __MECLEAN_BUILD__: JSON.stringify(buildHash()),
    },
    resolve: {
      alias: {
        // How the page starts its worker: from a blob: of its checked code (multi-file) or inline, classic (file://).
        '#engine-worker': here(single ? './src/worker-inline.js' : './src/worker-url.js'),
      },
    },
    worker: {
      format: single ? 'iife' : 'es',
      // Multi-file: one worker file that src/worker-url.js can check and start from a blob:.
      plugins: () => [wasmIntegrity(), ...(single ? [] : [workerAsOneFile()])],
    },
    build: {
      outDir: single ? 'dist-single' : 'dist',
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      ...(single ? { assetsInlineLimit: Number.MAX_SAFE_INTEGER } : { assetsInlineLimit: 0 }),
    },
    test: {
      include: ['test/**/*.test.js'],
      environment: 'node',
    },
  };
});
