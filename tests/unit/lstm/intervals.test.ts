import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { useBackend } from '../../../src/lib/lstm/backend';
import { chooseIntervalScale, intervalCoverage, scaleIntervals } from '../../../src/lib/lstm/intervals';
import { fitLstm } from '../../../src/lib/lstm/lstm';
import { LstmNetwork } from '../../../src/lib/lstm/network';
import type { PairOutputs } from '../../../src/lib/lstm/shrink';
import { SMALL, seasonalToy } from './toy';

beforeAll(async () => {
  await useBackend('cpu');
});

const Q = [0.1, 0.5, 0.9];

/** Validation outputs with median 1 and an interval of ±`half` around it, and actuals 1 + e with e uniform in
 * [−1, 1]: the interval ±s·half covers min(1, s·half) of them. */
function uniformOutputs(count: number, half: number, H = 2): PairOutputs {
  const rng = createRng(4);
  const O = 3 * H;
  const out: PairOutputs = { outputs: O, pred: new Float32Array(count * O), y: new Float32Array(count * H), weight: new Float32Array(count * H).fill(1), origin: new Int32Array(count) };
  for (let k = 0; k < count; k++) {
    for (let h = 0; h < H; h++) {
      out.pred[k * O + h] = 1 - half;
      out.pred[k * O + H + h] = 1;
      out.pred[k * O + 2 * H + h] = 1 + half;
      out.y[k * H + h] = 1 + (2 * rng.next() - 1);
    }
  }
  return out;
}

describe('interval calibration', () => {
  it('finds the factor whose interval covers the nominal 80 % of the validation actuals', () => {
    // ±0.5 covers about half; ×1.6 (±0.8) covers 80 %.
    const wide = uniformOutputs(4000, 0.5);
    expect(intervalCoverage(wide, Q, 1).inside / 8000).toBeCloseTo(0.5, 1);
    const c = chooseIntervalScale(wide, Q)!;
    expect(c.nominal).toBeCloseTo(0.8, 12);
    expect(c.scale).toBeGreaterThan(1.55);
    expect(c.scale).toBeLessThan(1.65);
    expect(c.coverageAfter).toBeCloseTo(0.8, 2);
    // ±1 covers all: narrowed to about ×0.8.
    const narrow = chooseIntervalScale(uniformOutputs(4000, 1), Q)!;
    expect(narrow.coverageBefore).toBe(1);
    expect(narrow.scale).toBeGreaterThan(0.77);
    expect(narrow.scale).toBeLessThan(0.83);
  });

  it('does nothing without two quantiles or without observed actuals', () => {
    const out = uniformOutputs(10, 0.5);
    expect(chooseIntervalScale(out, [0.5])).toBeNull();
    out.weight.fill(0);
    expect(chooseIntervalScale(out, Q)).toBeNull();
  });

  it("scales every quantile's distance from the median in the head and leaves the median bit for bit", async () => {
    const shape = { inputSize: 3, knownSize: 7, horizon: 2, lookback: 4, layers: 1, units: 5, dropout: 0, skip: [1, 4], quantiles: Q };
    const rng = createRng(8);
    const head = Float32Array.from({ length: (5 + 7) * 6 }, () => 0.3 * rng.normal());
    const net = LstmNetwork.create(shape, createRng(2), 0, head);
    const B = 5;
    const x = Float32Array.from({ length: 4 * B * 3 }, () => rng.normal());
    const known = Float32Array.from({ length: B * 7 }, () => rng.normal());
    const before = await net.predict(x, known, B);
    scaleIntervals(net, Q, 1.5);
    const after = await net.predict(x, known, B);
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < 2; h++) {
        const m = before[b * 6 + 2 + h];
        expect(after[b * 6 + 2 + h]).toBe(m);
        for (const j of [0, 2]) expect(after[b * 6 + j * 2 + h] - m).toBeCloseTo(1.5 * (before[b * 6 + j * 2 + h] - m), 4);
      }
    }
    net.dispose();
  });

  it('when asked (calibrateIntervals), runs after training and records the factor with the validation coverage before and after', async () => {
    const model = await fitLstm(seasonalToy(72, [100, 40, 70], 3, 0.1), { ...SMALL, epochs: 4, calibrateIntervals: true }, new AbortController().signal);
    const c = model.meta.networks[0].training.intervals!;
    expect(c.actuals).toBeGreaterThan(0);
    expect(Math.abs(c.coverageAfter - 0.8)).toBeLessThanOrEqual(Math.abs(c.coverageBefore - 0.8));
    const off = await fitLstm(seasonalToy(72, [100, 40, 70], 3, 0.1), { ...SMALL, epochs: 4 }, new AbortController().signal);
    expect(off.meta.networks[0].training.intervals).toBeUndefined();
    // The median is the same with or without calibration.
    const a = await model.predict(seasonalToy(72, [100, 40, 70], 3, 0.1));
    const b = await off.predict(seasonalToy(72, [100, 40, 70], 3, 0.1));
    a.forecasts.forEach((f, i) => Array.from(f).forEach((v, h) => expect(v).toBeCloseTo(b.forecasts[i][h], 3)));
    model.dispose();
    off.dispose();
  }, 30_000);
});
