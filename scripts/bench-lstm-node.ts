/**
 * Quick LSTM training throughput in Node (`node -e "import('vite').then((v) => v.runnerImport('./scripts/bench-lstm-node.ts'))"`),
 * the shape of `npm run bench -- lstm` (64 units × 52 steps × 8 inputs, batch 64) on WASM (BK=wasm, default) or CPU
 * (BK=cpu). Reports wall-clock and CPU-time throughput: on a shared machine the CPU-time figure is the steadier one
 * for comparing two versions of the code; the Chromium benchmark stays the reference.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../src/lib/core/rng';
import { useNodeBackend } from './node-tf-backend';
import { lstmTrainingFlops } from '../src/lib/lstm/cell';
import { shelfcastTrainer } from '../bench/lstm-core';

await useNodeBackend();
const units = Number(process.env.UNITS ?? 64);
const steps = Number(process.env.STEPS ?? 52);
const features = Number(process.env.FEATURES ?? 8);
const batch = Number(process.env.B ?? 64);
const minMs = Number(process.env.MS ?? 3000);
const rng = createRng(7);
for (let r = 0; r < Number(process.env.ROUNDS ?? 3); r++) {
  const before = tf.memory().numTensors;
  const { net, step } = shelfcastTrainer(units, steps, features, batch, rng);
  for (let i = 0; i < 2; i++) await step();
  let batches = 0;
  const times: number[] = [];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  while (performance.now() - t0 < minMs || batches < 3) {
    const b0 = performance.now();
    await step();
    times.push(performance.now() - b0);
    batches++;
  }
  times.sort((a, b) => a - b);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  net.dispose();
  const flops = lstmTrainingFlops(steps, features, units) * batch * batches;
  const leak = tf.memory().numTensors - before;
  console.log(`${tf.getBackend()} B=${batch}: ${((batches * batch) / (ms / 1000)).toFixed(0)} seq/s wall, ${(flops / ms / 1e6).toFixed(2)} GFLOP/s wall, ${(flops / cpuMs / 1e6).toFixed(2)} GFLOP/s per CPU-second (${(cpuMs / batches).toFixed(1)} ms CPU per batch), leaked ${leak}; batch ms min ${times[0].toFixed(1)} (${(lstmTrainingFlops(steps, features, units) * batch / times[0] / 1e6).toFixed(2)} GFLOP/s), p25 ${times[Math.floor(times.length / 4)].toFixed(1)}`);
}
