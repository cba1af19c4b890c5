import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';

// `npm run bench` builds the benchmark page next to the app (BENCH=1); the app's own build never includes it.
const bench = process.env.BENCH === '1';

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
  plugins: [svelte()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    outDir: bench ? 'dist-bench' : 'dist',
    rollupOptions: bench ? { input: { main: resolve(import.meta.dirname, 'index.html'), bench: resolve(import.meta.dirname, 'bench/bench.html') } } : undefined,
  },
  server: { headers: isolationHeaders, port: 5173 },
  preview: { headers: isolationHeaders, port: 4173 },
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
