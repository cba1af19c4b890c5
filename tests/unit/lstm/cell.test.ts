import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { initialLstmWeights, lstmLayer, lstmLayerInfer, orthogonal, type LstmLayerWeights } from '../../../src/lib/forecast/lstm-cell';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const T = 5;
const B = 3;
const IN = 4;
const U = 6;

function weights(seed: number): LstmLayerWeights {
  const [k, r, b] = initialLstmWeights(createRng(seed), IN, U);
  const rng = createRng(seed + 1);
  return {
    kernel: tf.tensor2d(k, [IN, 4 * U]),
    recurrentKernel: tf.tensor2d(r.map((v) => v + 0.2 * rng.normal()), [U, 4 * U]),
    bias: tf.tensor1d(b.map((v) => v + 0.3 * rng.normal())),
  };
}

function input(seed: number): tf.Tensor2D {
  const rng = createRng(seed);
  return tf.tensor2d(Float32Array.from({ length: T * B * IN }, () => rng.normal()), [T * B, IN]);
}

/** Reference: the textbook cell with plain ops, differentiated by the autodiff tape. */
function reference(x: tf.Tensor2D, w: LstmLayerWeights, returnSequences: boolean): tf.Tensor2D {
  const xs = tf.split(x, T, 0);
  let h: tf.Tensor = tf.zeros([B, U]);
  let c: tf.Tensor = tf.zeros([B, U]);
  const hs: tf.Tensor[] = [];
  for (let t = 0; t < T; t++) {
    const z = tf.add(tf.add(tf.matMul(xs[t], w.kernel), tf.matMul(h, w.recurrentKernel)), w.bias);
    const [zi, zf, zc, zo] = tf.split(z, 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zc)));
    h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
    hs.push(h);
  }
  return (returnSequences ? tf.concat(hs, 0) : h) as tf.Tensor2D;
}

describe('lstmLayer', () => {
  it.each([true, false])('forward equals the textbook LSTM cell (returnSequences %s)', (seq) => {
    const w = weights(1);
    const x = input(2);
    const ours = lstmLayerInfer(x, w, T, seq);
    const ref = reference(x, w, seq);
    expect(ours.shape).toEqual(seq ? [T * B, U] : [B, U]);
    expect(tf.max(tf.abs(tf.sub(ours, ref))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it.each([true, false])('hand-written BPTT gradients equal autodiff gradients (returnSequences %s)', (seq) => {
    const w = weights(3);
    const x = input(4);
    const rng = createRng(5);
    const probe = tf.tensor2d(Float32Array.from({ length: (seq ? T * B : B) * U }, () => rng.normal()), seq ? [T * B, U] : [B, U]);
    const loss = (f: (x: tf.Tensor2D, k: tf.Tensor2D, r: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D) =>
      tf.grads((xx: tf.Tensor, k: tf.Tensor, r: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(xx as tf.Tensor2D, k as tf.Tensor2D, r as tf.Tensor2D, b as tf.Tensor1D), probe)))([
        x,
        w.kernel,
        w.recurrentKernel,
        w.bias,
      ]);
    const ours = loss((xx, kernel, recurrentKernel, bias) => lstmLayer(xx, { kernel, recurrentKernel, bias }, { steps: T, returnSequences: seq, inputGradient: true }));
    const ref = loss((xx, kernel, recurrentKernel, bias) => reference(xx, { kernel, recurrentKernel, bias }, seq));
    for (let i = 0; i < 4; i++) {
      expect(ours[i].shape).toEqual(ref[i].shape);
      const scale = tf.max(tf.abs(ref[i])).dataSync()[0];
      expect(tf.max(tf.abs(tf.sub(ours[i], ref[i]))).dataSync()[0] / scale).toBeLessThan(1e-4);
    }
  });

  it('matches tf.layers.lstm (sigmoid gates) given the same weights', () => {
    const w = weights(6);
    const x = input(7);
    const layer = tf.layers.lstm({ units: U, recurrentActivation: 'sigmoid', returnSequences: false, inputShape: [T, IN] });
    const model = tf.sequential({ layers: [layer] });
    layer.setWeights([w.kernel, w.recurrentKernel, w.bias]);
    const batchMajor = tf.transpose(tf.reshape(x, [T, B, IN]), [1, 0, 2]);
    const theirs = model.predict(batchMajor) as tf.Tensor;
    const ours = lstmLayerInfer(x, w, T, false);
    expect(tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]).toBeLessThan(1e-5);
    model.dispose();
  });

  it('orthogonal(rng, u, 4u) has orthonormal rows', () => {
    const q = tf.tensor2d(orthogonal(createRng(1), 8, 32), [8, 32]);
    const gram = tf.matMul(q, q, false, true);
    expect(tf.max(tf.abs(tf.sub(gram, tf.eye(8)))).dataSync()[0]).toBeLessThan(1e-5);
  });
});
