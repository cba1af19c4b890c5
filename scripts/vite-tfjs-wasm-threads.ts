import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/**
 * Makes the TF.js WASM backend's threaded build start inside a bundled worker (tensorflow/tfjs#3830).
 *
 * Each pthread of the threaded build is a classic worker that `importScripts` the Emscripten glue and calls its
 * factory. TF.js hands it `'var WasmBackendModuleThreadedSimd = ' + factory.toString()`: the source text of one
 * function. Unbundled, that text stands alone; after bundling and minification it refers to names of the bundle's
 * scope ("e is not defined"), so every pthread dies at start and the backend waits for them forever.
 *
 * This transform gives the pthreads the glue file exactly as the package ships it instead: a standalone classic
 * script that defines `WasmBackendModuleThreadedSimd` (its CommonJS/AMD export lines are guarded and do nothing in
 * a worker). The main thread still runs the bundled copy; both are the same Emscripten build.
 */
export function tfjsWasmThreads(): Plugin {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
  const target = /`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)/;
  return {
    name: 'shelfcast-tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js/.test(id.split('?')[0])) return null;
      if (!target.test(code)) this.error('tfjs-backend-wasm changed: the threaded glue expression to replace was not found');
      return { code: code.replace(target, JSON.stringify(readFileSync(gluePath, 'utf8'))), map: null };
    },
  };
}
