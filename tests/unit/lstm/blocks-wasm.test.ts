import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { columnBlocks, rowBlocks } from '../../../src/lib/lstm/blocks';
import { LstmNetwork, type Batch } from '../../../src/lib/lstm/network';

/**
 * The WASM backend's own kernels for cutting tensors (blocks.ts) and the network's training step on WASM, against
 * TF.js's slices and the cpu backend. WASM runs in Node from the package's files (single-threaded build).
 */

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(fileURLToPath(new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
  await tf.setBackend('wasm');
});

const randoms = (seed: number, n: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
};

describe('blocks on the WASM backend', () => {
  it('rowBlocks and columnBlocks run the registered kernels and equal tf.slice', () => {
    expect(tf.getBackend()).toBe('wasm');
    const t = tf.tensor2d(randoms(1, 12 * 20), [12, 20]);
    const before = tf.memory().numTensors;
    const rows = rowBlocks(t, 4);
    const cols = columnBlocks(t, 5);
    expect(tf.memory().numTensors - before).toBe(9);
    rows.forEach((piece, k) => expect(Array.from(piece.dataSync())).toEqual(Array.from(tf.slice(t, [3 * k, 0], [3, 20]).dataSync())));
    cols.forEach((piece, k) => expect(Array.from(piece.dataSync())).toEqual(Array.from(tf.slice(t, [0, 4 * k], [12, 4]).dataSync())));
    tf.dispose([...rows, ...cols]);
    // Many allocations after the cut (the heap may grow) leave the pieces' values intact.
    const piece = rowBlocks(t, 2)[0];
    const filler = Array.from({ length: 50 }, () => tf.zeros([256, 256]));
    expect(Array.from(piece.dataSync())).toEqual(Array.from(t.dataSync().subarray(0, 6 * 20)));
    tf.dispose([piece, ...filler, t]);
  });

  it('a training step on WASM gives the cpu backend’s loss and weights', async () => {
    const shape = { inputSize: 3, knownSize: 2, horizon: 2, lookback: 6, layers: 2, units: 4, dropout: 0.2 };
    const b: Batch = { size: 5, x: randoms(2, 6 * 5 * 3), known: randoms(3, 10), y: randoms(4, 10), weight: new Float32Array(10).fill(1) };
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const net = LstmNetwork.create(shape, createRng(9), 0.1);
      const losses = [0, 1, 2].map(() => {
        const l = net.trainStep(b, createRng(5), 0.01, 1);
        const v = l.dataSync()[0];
        l.dispose();
        return v;
      });
      const weights = await net.readWeights();
      net.dispose();
      return { losses, weights };
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    wasm.losses.forEach((l, i) => expect(l).toBeCloseTo(cpu.losses[i], 4));
    wasm.weights.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(cpu.weights[i][j], 4)));
  });
});
