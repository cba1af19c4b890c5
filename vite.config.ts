import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';
import { tfjsWasmThreads } from './scripts/vite-tfjs-wasm-threads';

/**
 * Content-Security-Policy of the built app: everything from the origin only. 'wasm-unsafe-eval' lets the TF.js
 * WASM backend compile its module; inline styles are Svelte's style directives and KaTeX's layout; `blob:`
 * workers are the threaded WASM build's pthreads, which the forecast worker starts from a Blob of the glue.
 * Added at build time only, because the dev server needs a websocket and inline scripts for hot reload.
 * A `<meta>` policy governs the page only: a worker or service worker follows the policy of its own script's
 * response. So the same policy is also sent as a header by `npm run preview`, and the build writes `_headers`
 * (Netlify, Cloudflare Pages) so a static host serves it with every file; docs/reliability.md shows it for others.
 */
const CSP = [
  "default-src 'self'",
  // blob: here too: each pthread `importScripts` the glue from a Blob, and a worker's importScripts is governed by
  // script-src (worker-src covers only starting the worker). Without it the threaded build hangs once the policy
  // is sent as a header. A blob: URL can only be made by script already running on this origin.
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'shelfcast-csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
    generateBundle() {
      // `_headers`: one rule for every path, so workers and the service worker get the policy too.
      const lines = Object.entries({ ...isolationHeaders, 'Content-Security-Policy': CSP }).map(([k, v]) => `  ${k}: ${v}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
    },
  };
}

// `npm run bench` builds the benchmark page next to the app (BENCH=1); the app's own build never includes it.
const bench = process.env.BENCH === '1';
// BENCH_NO_MINIFY=1 keeps names readable in the bench's Chrome traces (scripts/bench-app.mjs); unset, the default.
const minify = process.env.BENCH_NO_MINIFY === '1' ? false : undefined;

/**
 * Cross-origin isolation lets the TF.js WASM backend use threads (SharedArrayBuffer).
 * The app works without these headers too; it detects `crossOriginIsolated` and says which mode it runs in.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  // Relative base: the built app works from any URL path on any static host.
  base: './',
  plugins: [
    tfjsWasmThreads(),
    svelte(),
    contentSecurityPolicy(),
    VitePWA({
      // The page asks before switching to a new version, so nobody loses work mid-session.
      registerType: 'prompt',
      injectRegister: null,
      includeAssets: ['favicon.svg', 'icon-192.png', 'icon-512.png', 'models/**/*'],
      manifest: {
        name: 'Shelfcast: demand forecasting and replenishment',
        short_name: 'Shelfcast',
        description: 'Forecast demand, simulate inventory policies and plan purchase orders, entirely in your browser.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f5f7fa',
        theme_color: '#0b5cad',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // Precache the app, its workers, the TF.js WASM binaries and the demo model: after one visit the app
        // loads and trains with the network off.
        globPatterns: ['**/*.{js,css,html,svg,png,wasm,json,bin,woff,woff2,ttf}'],
        maximumFileSizeToCacheInBytes: 30 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  build: {
    target: 'es2022',
    sourcemap: false,
    minify,
    chunkSizeWarningLimit: 2000,
    outDir: bench ? 'dist-bench' : 'dist',
    rollupOptions: bench ? { input: { main: resolve(import.meta.dirname, 'index.html'), bench: resolve(import.meta.dirname, 'bench/bench.html') } } : undefined,
  },
  server: { headers: isolationHeaders, port: 5173 },
  // The built app's policy as a header, as a static host should send it (the <meta> tag does not cover workers).
  preview: { headers: { ...isolationHeaders, 'Content-Security-Policy': CSP }, port: 4173 },
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
