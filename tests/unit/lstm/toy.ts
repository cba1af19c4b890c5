import { createRng } from '../../../src/lib/core/rng';
import { createLstmInput, type LstmInput } from '../../../src/lib/lstm/features';
import type { LstmOptions } from '../../../src/lib/lstm/options';

/** Monthly toy series: level × (1 + amplitude · sin(2πt/12)) + noise, one per level. */
export function seasonalToy(n = 96, levels = [100, 40], seed = 1, noise = 0.03): LstmInput {
  const rng = createRng(seed);
  const values = levels.map((level, k) =>
    Float64Array.from({ length: n }, (_, t) => level * (1 + 0.5 * Math.sin((2 * Math.PI * (t + 3 * k)) / 12)) * (1 + noise * rng.normal())),
  );
  return createLstmInput(values, { frequency: 'monthly' });
}

/** Small, fast settings for Node tests on the cpu backend. */
export const SMALL: LstmOptions = {
  horizon: 6,
  lookback: 12,
  units: 8,
  epochs: 8,
  batchSize: 32,
  learningRate: 0.01,
  dropout: 0,
  yieldIntervalMs: 1000,
};
