import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { useBackend } from '../../../src/lib/lstm/backend';
import { columnBlocks, rowBlocks } from '../../../src/lib/lstm/blocks';
import { createTape, initialLstmWeights, layerBackward, layerForward, prepareLayer } from '../../../src/lib/lstm/cell';
import { LstmNetwork, type Batch, type NetworkShape } from '../../../src/lib/lstm/network';
import * as previous from './reference-cell';

/**
 * The cell with the input projection of the whole sequence in one matMul (src/lib/lstm/cell.ts) against the
 * previous cell, which multiplied [x_t, h] per gate at every step (reference-cell.ts, kept verbatim): same forward
 * outputs, same gradients, and the same loss after one training step, on fixed seeds.
 */

beforeAll(async () => {
  await useBackend('cpu');
});

const T = 7;
const B = 5;
const IN = 3;
const U = 4;

function randoms(seed: number, n: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

function layerWeights(seed: number): { kernel: tf.Tensor2D; bias: tf.Tensor1D } {
  const [k, b] = initialLstmWeights(createRng(seed), IN, U);
  const noise = randoms(seed + 1, k.length + b.length, 0.3);
  return { kernel: tf.tensor2d(k.map((v, i) => v + noise[i]), [IN + U, 4 * U]), bias: tf.tensor1d(b.map((v, i) => v + noise[k.length + i])) };
}

const maxAbs = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
const relative = (a: tf.Tensor, b: tf.Tensor) => maxAbs(a, b) / Math.max(1e-12, tf.tidy(() => tf.max(tf.abs(b)).dataSync()[0]));

describe('LSTM cell with the whole-sequence input projection', () => {
  it('gives the previous cell’s h at every step', () => {
    const w = layerWeights(1);
    const x = randoms(2, T * B * IN);
    const steps = Array.from({ length: T }, (_, t) => tf.tensor2d(x.subarray(t * B * IN, (t + 1) * B * IN), [B, IN]));
    const before = tf.tidy(() => tf.keep(tf.concat(previous.layerForward(steps, previous.prepareLayer(w), null), 0)));
    const after = tf.tidy(() => tf.keep(layerForward(tf.tensor2d(x, [T * B, IN]), T, prepareLayer(w), null, true).sequence!));
    expect(after.shape).toEqual([T * B, U]);
    expect(maxAbs(after, before)).toBeLessThan(1e-6);
  });

  it('gives the previous cell’s gradients (kernel, bias, input) for gradients arriving at every step', () => {
    const w = layerWeights(3);
    const x = randoms(4, T * B * IN);
    const dh = randoms(5, T * B * U);
    const steps = Array.from({ length: T }, (_, t) => tf.tensor2d(x.subarray(t * B * IN, (t + 1) * B * IN), [B, IN]));
    const before = tf.tidy(() => {
      const p = previous.prepareLayer(w);
      const tape: previous.LayerTape = { xh: [], gates: [], g: [], c: [], tc: [] };
      previous.layerForward(steps, p, tape);
      const g = previous.layerBackward(
        Array.from({ length: T }, (_, t) => tf.tensor2d(dh.subarray(t * B * U, (t + 1) * B * U), [B, U])),
        tape,
        p,
        true,
      );
      return [g.kernel, g.bias, tf.concat(g.inputs!, 0)].map((t) => tf.keep(t));
    });
    const after = tf.tidy(() => {
      const p = prepareLayer(w);
      const tape = createTape();
      layerForward(tf.tensor2d(x, [T * B, IN]), T, p, tape);
      const g = layerBackward(null, tf.tensor2d(dh, [T * B, U]), tape, p, true);
      return [g.kernel, g.bias, g.input!].map((t) => tf.keep(t));
    });
    after.forEach((a, k) => {
      expect(a.shape).toEqual(before[k].shape);
      expect(relative(a, before[k])).toBeLessThan(1e-5);
    });
  });

  it('takes the same training step as the previous cell: same loss before and after one clipped Adam step', () => {
    const shape: NetworkShape = { inputSize: IN, knownSize: 2, horizon: 3, lookback: T, layers: 1, units: U, dropout: 0 };
    const net = LstmNetwork.create(shape, createRng(11), 0.2);
    net.variables.forEach((v, i) => v.assign(tf.add(v, tf.tensor(randoms(20 + i, v.size, 0.3), v.shape))));
    const b: Batch = { size: B, x: randoms(30, T * B * IN), known: randoms(31, B * 2), y: randoms(32, B * 3), weight: new Float32Array(B * 3).fill(1) };
    const start = net.variables.map((v) => v.clone());
    const [learningRate, clipNorm] = [0.01, 0.5];

    // The previous network's step, written out: its cell, the dense head, global-norm clipping, Adam's first step.
    const previousLoss = (vars: tf.Tensor[]) =>
      tf.tidy(() => {
        const steps = Array.from({ length: T }, (_, t) => tf.tensor2d(b.x.subarray(t * B * IN, (t + 1) * B * IN), [B, IN]));
        const p = previous.prepareLayer({ kernel: vars[0] as tf.Tensor2D, bias: vars[1] as tf.Tensor1D });
        const tape: previous.LayerTape = { xh: [], gates: [], g: [], c: [], tc: [] };
        const hs = previous.layerForward(steps, p, tape);
        const joined = tf.concat([hs[T - 1], tf.tensor2d(b.known, [B, 2])], 1);
        const diff = tf.sub(tf.add(tf.matMul(joined, vars[2]), vars[3]), tf.tensor2d(b.y, [B, 3]));
        const loss = tf.mean(tf.square(diff));
        const dPred = tf.mul(diff, 2 / (B * 3)) as tf.Tensor2D;
        const dLast = tf.matMul(dPred, tf.transpose(tf.slice(vars[2], [0, 0], [U, 3]))) as tf.Tensor2D;
        const g = previous.layerBackward(Array.from({ length: T }, (_, t) => (t === T - 1 ? dLast : null)), tape, p, false);
        return { loss: tf.keep(loss), grads: [g.kernel, g.bias, tf.matMul(tf.transpose(joined), dPred), tf.sum(dPred, 0)].map((t) => tf.keep(t)) };
      });
    const { loss: before, grads } = previousLoss(start);
    const stepped = tf.tidy(() => {
      const norm = tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g)))));
      const factor = tf.div(clipNorm, tf.maximum(norm, clipNorm));
      // Adam at step 1: m = (1 − β1) g, v = (1 − β2) g², update = lr √(1 − β2) / (1 − β1) · m / (√v + ε).
      const stepSize = (learningRate * Math.sqrt(1 - 0.999)) / (1 - 0.9);
      return start.map((v, i) => {
        const g = tf.mul(grads[i], factor);
        return tf.keep(tf.sub(v, tf.mul(tf.div(tf.mul(g, 0.1), tf.add(tf.sqrt(tf.mul(tf.square(g), 0.001)), 1e-7)), stepSize)));
      });
    });
    const { loss: expectedAfter } = previousLoss(stepped);

    const sse = net.trainStep(b, createRng(1), learningRate, clipNorm);
    expect(sse.dataSync()[0] / (B * 3)).toBeCloseTo(before.dataSync()[0], 5);
    const after = net.evaluate(b);
    expect(after.dataSync()[0] / (B * 3)).toBeCloseTo(expectedAfter.dataSync()[0], 5);
    expect(expectedAfter.dataSync()[0]).toBeLessThan(before.dataSync()[0]); // the step did something
    net.variables.forEach((v, i) => expect(relative(v, stepped[i])).toBeLessThan(1e-5));
    net.dispose();
  });
});

describe('rowBlocks / columnBlocks', () => {
  it('cut a tensor into equal row or column blocks, as tf.split does', () => {
    const t = tf.tensor2d(randoms(50, 6 * 8), [6, 8]);
    rowBlocks(t, 3).forEach((piece, k) => expect(maxAbs(piece, tf.slice(t, [2 * k, 0], [2, 8]))).toBe(0));
    columnBlocks(t, 4).forEach((piece, k) => expect(maxAbs(piece, tf.slice(t, [0, 2 * k], [6, 2]))).toBe(0));
  });

  it('reject a count that does not divide the size', () => {
    expect(() => rowBlocks(tf.zeros([5, 2]) as tf.Tensor2D, 2)).toThrow(/cannot cut 5 rows into 2 equal blocks/);
    expect(() => columnBlocks(tf.zeros([2, 6]) as tf.Tensor2D, 4)).toThrow(/cannot cut 6 columns into 4 equal blocks/);
  });
});
