/** The TF.js backend for the Node LSTM scripts: WASM (single-threaded, its .wasm files from node_modules) or CPU. */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export async function useNodeBackend(backend = process.env.BK ?? 'wasm'): Promise<void> {
  if (backend === 'wasm') {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url).pathname);
  }
  await tf.setBackend(backend);
  await tf.ready();
}
