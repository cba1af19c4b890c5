/** Kernel-level profile of one LSTM training step (bench shape) in Node: kernel counts and time per kernel type. */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../src/lib/core/rng';
import { useNodeBackend } from './node-tf-backend';
import { LstmNetwork, type Batch } from '../src/lib/lstm/network';

await useNodeBackend();
const rng = createRng(7);
const randoms = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
const [units, steps, features, batch] = [64, 52, 8, Number(process.env.B ?? 64)];
const net = LstmNetwork.create({ inputSize: features, knownSize: 1, horizon: 1, lookback: steps, layers: 1, units, dropout: 0 }, rng, 0);
const b: Batch = { size: batch, x: randoms(steps * batch * features), known: new Float32Array(batch), y: randoms(batch), weight: new Float32Array(batch).fill(1) };
for (let i = 0; i < 3; i++) tf.dispose(net.trainStep(b, rng, 1e-3, 1));
const by = new Map<string, { n: number; ms: number }>();
let wall = 0;
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const info = await tf.profile(() => tf.dispose(net.trainStep(b, rng, 1e-3, 1)));
  wall += performance.now() - t0;
  for (const k of info.kernels) {
    const key = k.name === "BatchMatMul" || k.name === "Concat" || k.name === "Multiply" ? `${k.name} ${k.inputShapes.map((s) => JSON.stringify(s)).join("x")}` : k.name;
    const e = by.get(key) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += Number(k.kernelTimeMs);
    by.set(key, e);
  }
}
const rows = [...by.entries()].sort((a, b) => b[1].ms - a[1].ms);
const total = rows.reduce((s, [, e]) => s + e.ms, 0);
console.log(`per step: wall ${(wall / 5).toFixed(1)} ms, kernel time ${(total / 5).toFixed(1)} ms, kernels ${rows.reduce((s, [, e]) => s + e.n, 0) / 5}`);
for (const [name, e] of rows) console.log(name.padEnd(20), String(e.n / 5).padStart(6), (e.ms / 5).toFixed(2).padStart(8), 'ms');
