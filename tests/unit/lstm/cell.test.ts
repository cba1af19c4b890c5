import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { useBackend } from '../../../src/lib/lstm/backend';
import { initialLstmWeights, layerForward, orthogonal, prepareLayer } from '../../../src/lib/lstm/cell';
import { dropoutMask, LstmNetwork, type Batch, type NetworkShape } from '../../../src/lib/lstm/network';

beforeAll(async () => {
  await useBackend('cpu');
});

const T = 5;
const B = 3;
const IN = 4;
const U = 6;

function randoms(seed: number, n: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

/** Stacked [kernel; recurrentKernel] and bias, perturbed away from the initializer's symmetric values. */
function layerWeights(seed: number, inputSize = IN): { kernel: tf.Tensor2D; bias: tf.Tensor1D } {
  const [k, b] = initialLstmWeights(createRng(seed), inputSize, U);
  const noise = randoms(seed + 1, k.length + b.length, 0.2);
  return {
    kernel: tf.tensor2d(k.map((v, i) => v + noise[i]), [inputSize + U, 4 * U]),
    bias: tf.tensor1d(b.map((v, i) => v + noise[k.length + i])),
  };
}

/** The textbook cell with plain ops: z = x·W + h·U + b, gates i, f, c, o; differentiable by the autodiff tape. */
function textbookLayer(xs: tf.Tensor[], kernel: tf.Tensor, bias: tf.Tensor, inputSize: number): tf.Tensor[] {
  const W = tf.slice(kernel, [0, 0], [inputSize, 4 * U]);
  const R = tf.slice(kernel, [inputSize, 0], [U, 4 * U]);
  let h: tf.Tensor = tf.zeros([xs[0].shape[0], U]);
  let c: tf.Tensor = tf.zeros([xs[0].shape[0], U]);
  return xs.map((x) => {
    const z = tf.add(tf.add(tf.matMul(x, W), tf.matMul(h, R)), bias);
    const [zi, zf, zc, zo] = tf.split(z, 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zc)));
    h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
    return h;
  });
}

const steps = (seed: number, inputSize = IN) => Array.from({ length: T }, (_, t) => tf.tensor2d(randoms(seed + t, B * inputSize), [B, inputSize]));

describe('LSTM cell', () => {
  it('layerForward equals the textbook LSTM cell', () => {
    const w = layerWeights(1);
    const xs = steps(2);
    const ours = tf.tidy(() => tf.split(layerForward(tf.concat(xs, 0) as tf.Tensor2D, T, prepareLayer(w), null, true).sequence!, T, 0).map((h) => tf.keep(h)));
    const ref = textbookLayer(xs, w.kernel, w.bias, IN);
    for (let t = 0; t < T; t++) expect(tf.max(tf.abs(tf.sub(ours[t], ref[t]))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('matches tf.layers.lstm (sigmoid gates) given the same weights', () => {
    const w = layerWeights(6);
    const xs = steps(7);
    const layer = tf.layers.lstm({ units: U, recurrentActivation: 'sigmoid', inputShape: [T, IN] });
    const model = tf.sequential({ layers: [layer] });
    layer.setWeights([tf.slice(w.kernel, [0, 0], [IN, 4 * U]), tf.slice(w.kernel, [IN, 0], [U, 4 * U]), w.bias]);
    const theirs = model.predict(tf.stack(xs, 1)) as tf.Tensor;
    const ours = tf.tidy(() => tf.keep(layerForward(tf.concat(xs, 0) as tf.Tensor2D, T, prepareLayer(w), null).last));
    expect(tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]).toBeLessThan(1e-5);
    model.dispose();
  });

  it.each([
    ['one layer, no dropout', 1, 0, undefined],
    ['two layers with dropout masks and a seasonal skip', 2, 0.3, [1, 0, 1]],
  ])('hand-written gradients equal autodiff gradients: %s', (_, layers, dropout, skip) => {
    const shape: NetworkShape = { inputSize: IN, knownSize: 2, horizon: 3, lookback: T, layers, units: U, dropout, skip };
    const net = LstmNetwork.create(shape, createRng(11), 0.5);
    // Perturb the weights so that no gate sits at a symmetric point.
    net.variables.forEach((v, i) => v.assign(tf.add(v, tf.tensor(randoms(20 + i, v.size, 0.2), v.shape))));
    const weight = new Float32Array(B * 3).fill(1);
    weight[4] = 0; // one unobserved target
    const b: Batch = { size: B, x: randoms(30, T * B * IN), known: randoms(31, B * 2), y: randoms(32, B * 3), weight };
    const masks = dropout > 0 ? Array.from({ length: layers }, (__, l) => dropoutMask(createRng(40 + l), B * U, dropout)) : [];
    const ours = tf.tidy(() => net.gradients(b, masks).grads.map((g) => tf.keep(g)));
    const lossOf = (...vars: tf.Tensor[]) => {
      let inputs: tf.Tensor[] = Array.from({ length: T }, (__, t) => tf.tensor2d(b.x.subarray(t * B * IN, (t + 1) * B * IN), [B, IN]));
      let last: tf.Tensor = inputs[0];
      for (let l = 0; l < layers; l++) {
        const hs = textbookLayer(inputs, vars[2 * l], vars[2 * l + 1], l === 0 ? IN : U);
        const mask = masks.length > 0 ? tf.tensor2d(masks[l], [B, U]) : null;
        inputs = mask ? hs.map((h) => tf.mul(h, mask)) : hs;
        last = inputs[T - 1];
      }
      const known = tf.tensor2d(b.known, [B, 2]);
      let pred = tf.add(tf.matMul(tf.concat([last, known], 1), vars[2 * layers]), vars[2 * layers + 1]);
      if (skip) pred = tf.add(pred, tf.stack(skip.map((k) => tf.slice(known, [0, k], [B, 1]).reshape([B])), 1));
      const w = tf.tensor2d(weight, [B, 3]);
      return tf.div(tf.sum(tf.mul(w, tf.square(tf.sub(pred, tf.tensor2d(b.y, [B, 3]))))), tf.sum(w));
    };
    const ref = tf.grads(lossOf)(net.variables);
    expect(ours).toHaveLength(ref.length);
    ref.forEach((r, i) => {
      expect(ours[i].shape).toEqual(r.shape);
      const scale = tf.max(tf.abs(r)).dataSync()[0];
      expect(tf.max(tf.abs(tf.sub(ours[i], r))).dataSync()[0] / scale).toBeLessThan(1e-4);
    });
    net.dispose();
  });

  it('orthogonal(rng, u, 4u) has orthonormal rows', () => {
    const q = tf.tensor2d(orthogonal(createRng(1), 8, 32), [8, 32]);
    const gram = tf.matMul(q, q, false, true);
    expect(tf.max(tf.abs(tf.sub(gram, tf.eye(8)))).dataSync()[0]).toBeLessThan(1e-5);
  });
});
