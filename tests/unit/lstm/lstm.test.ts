import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPeriods } from '../../../src/lib/core/dates';
import { useBackend } from '../../../src/lib/lstm/backend';
import { fitLstm } from '../../../src/lib/lstm/lstm';
import { createLstmInput } from '../../../src/lib/lstm/features';
import type { LstmProgress } from '../../../src/lib/lstm/options';
import { SMALL, seasonalToy } from './toy';

beforeAll(async () => {
  await useBackend('cpu');
});

const live = () => new AbortController().signal;
const mae = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

describe('fitLstm + predict', () => {
  it('forecasts H periods per series, dated right after the origin', async () => {
    const input = seasonalToy(60);
    const model = await fitLstm(input, { ...SMALL, epochs: 2 }, live());
    const f = await model.predict(input, { origin: 50 });
    expect(f.seriesIds).toEqual(['s0', 's1']);
    expect(f.forecasts.map((x) => x.length)).toEqual([6, 6]);
    expect(Array.from(f.days)).toEqual(Array.from({ length: 6 }, (_, h) => input.calendar.days[50 + h]));
    const end = await model.predict(input);
    expect(end.origin).toBe(60);
    expect(end.days[0]).toBe(addPeriods(input.calendar.days[59], 1, 'monthly'));
    // Monthly: the season is the year, so no yearly harmonics by default (options.ts, YEAR_IS_SEASON).
    expect(model.meta.stepFeatures).toEqual(['value', 'mean3', 'mean12', 'holiday']);
    expect(model.meta.networks).toHaveLength(1);
    model.dispose();
  });

  it('is deterministic with a seed on the cpu backend (same losses, same forecasts)', async () => {
    const input = seasonalToy(60);
    const options = { ...SMALL, epochs: 3, dropout: 0.2, seed: 42 };
    const a = await fitLstm(input, options, live());
    const b = await fitLstm(input, options, live());
    const c = await fitLstm(input, { ...options, seed: 43 }, live());
    expect(b.meta.networks[0].training.history.map((h) => h.trainLoss)).toEqual(a.meta.networks[0].training.history.map((h) => h.trainLoss));
    expect((await b.predict(input)).forecasts).toEqual((await a.predict(input)).forecasts);
    expect(c.meta.networks[0].training.history.map((h) => h.trainLoss)).not.toEqual(a.meta.networks[0].training.history.map((h) => h.trainLoss));
    for (const m of [a, b, c]) m.dispose();
  });

  it('leaks no tensor: tf.memory().numTensors is unchanged by fit + predict + dispose', async () => {
    const input = seasonalToy(60);
    const before = tf.memory().numTensors;
    const model = await fitLstm(input, { ...SMALL, epochs: 2, layers: 2, dropout: 0.1 }, live());
    const weights = tf.memory().numTensors - before;
    expect(weights).toBe(2 * 2 + 2); // two LSTM layers ([kernel; recurrent kernel], bias) and the dense head
    await model.predict(input);
    await model.predict(input, { origin: 40 });
    expect(tf.memory().numTensors - before).toBe(weights);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('learns a trending seasonal series better than the naive and seasonal-naive forecasts', async () => {
    // Seasonal naive misses the trend by 12 periods × slope; naive misses the season.
    const n = 96;
    const origin = 90;
    const values = [0, 1].map((k) => Float64Array.from({ length: n }, (_, t) => (50 + 40 * k) * (1 + 0.015 * t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12))));
    const input = createLstmInput(values, { frequency: 'monthly' });
    const model = await fitLstm(input, { ...SMALL, epochs: 40, origin }, live());
    const f = await model.predict(input, { origin });
    for (const [k, s] of input.series.entries()) {
      const actual = s.values.subarray(origin, origin + 6);
      const naive = new Float64Array(6).fill(s.values[origin - 1]);
      const seasonal = s.values.subarray(origin - 12, origin - 6);
      expect(mae(f.forecasts[k], actual)).toBeLessThan(0.5 * mae(naive, actual));
      expect(mae(f.forecasts[k], actual)).toBeLessThan(0.5 * mae(seasonal, actual));
    }
    const v = model.meta.networks[0].validation!;
    expect(v.mae).toBeLessThan(0.5 * Math.min(v.naiveMae, v.seasonalNaiveMae));
    model.dispose();
  });

  it('with a seasonal skip, an untrained network (epoch 0 kept) forecasts exactly the seasonal naive value', async () => {
    // A trend makes the mean correction over the training window clearly non-zero: an output bias started there
    // would shift every forecast away from seasonal naive.
    const values = [0, 1].map((k) => Float64Array.from({ length: 60 }, (_, t) => (50 + 40 * k) * (1 + 0.02 * t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12))));
    const input = createLstmInput(values, { frequency: 'monthly' });
    const model = await fitLstm(input, { ...SMALL, epochs: 1, learningRate: 1e-12, driftWindow: 0 }, live());
    expect(model.meta.networks[0].training.bestEpoch).toBe(0);
    const f = await model.predict(input, { origin: 54 });
    for (const [k, s] of input.series.entries()) {
      for (let h = 0; h < 6; h++) expect(f.forecasts[k][h] / s.values[54 + h - 12]).toBeCloseTo(1, 5);
    }
    model.dispose();
  });

  it('with a drift window, the untrained network forecasts seasonal naive plus the mean year-over-year change', async () => {
    const values = [0, 1].map((k) => Float64Array.from({ length: 60 }, (_, t) => (50 + 40 * k) * (1 + 0.02 * t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12))));
    const input = createLstmInput(values, { frequency: 'monthly' });
    const model = await fitLstm(input, { ...SMALL, epochs: 1, learningRate: 1e-12, driftWindow: 4 }, live());
    expect(model.meta.networks[0].training.bestEpoch).toBe(0);
    expect(model.meta.knownFeatures).toContain('seasonalDrift');
    const f = await model.predict(input, { origin: 54 });
    for (const [k, s] of input.series.entries()) {
      const y = s.values;
      const drift = (y[50] - y[38] + (y[51] - y[39]) + (y[52] - y[40]) + (y[53] - y[41])) / 4;
      for (let h = 0; h < 6; h++) expect(f.forecasts[k][h] / (y[54 + h - 12] + drift)).toBeCloseTo(1, 5);
    }
    const v = model.meta.networks[0].validation!;
    expect(v.baselineMae).toBeCloseTo(v.mae, 3);
    expect(v.baselineMae).toBeLessThan(v.seasonalNaiveMae);
    model.dispose();
  });

  it('keeps epoch 0 unless the trained network beats it on validation by more than baselineStandardErrors', async () => {
    const values = [0, 1].map((k) => Float64Array.from({ length: 72 }, (_, t) => (50 + 40 * k) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12)) + 10 * Math.sin(t)));
    const input = createLstmInput(values, { frequency: 'monthly' });
    const options = { ...SMALL, epochs: 12, driftWindow: 0, learningRate: 0.02 };
    const free = await fitLstm(input, { ...options, baselineStandardErrors: 0 }, live());
    const strict = await fitLstm(input, { ...options, baselineStandardErrors: 1e9 }, live());
    // Same seed, same training: only the final choice differs.
    const losses = (m: typeof free) => m.meta.networks[0].training.history.map((h) => [h.trainLoss, h.valLoss]);
    expect(losses(strict)).toEqual(losses(free));
    expect(free.meta.networks[0].training.bestEpoch).toBeGreaterThan(0);
    expect(free.meta.networks[0].training.baselineCheck).toBeNull();
    const check = strict.meta.networks[0].training.baselineCheck!;
    expect(check).toMatchObject({ epoch: free.meta.networks[0].training.bestEpoch, keptBaseline: true });
    expect(check.improvement).toBeGreaterThan(0);
    expect(strict.meta.networks[0].training.bestEpoch).toBe(0);
    const f = await strict.predict(input, { origin: 66 });
    for (const [k, s] of input.series.entries()) {
      for (let h = 0; h < 6; h++) expect(f.forecasts[k][h] / s.values[66 + h - 12]).toBeCloseTo(1, 5);
    }
    free.dispose();
    strict.dispose();
  });

  it('uses only the training window: data after the origin changes neither scalers nor forecasts', async () => {
    const input = seasonalToy(72);
    const origin = 60;
    const changed = createLstmInput(
      input.series.map((s) => s.values.map((v, t) => (t >= origin ? (t % 2 ? NaN : 10 * v) : v))),
      { frequency: 'monthly' },
    );
    const options = { ...SMALL, epochs: 3, origin };
    const a = await fitLstm(input, options, live());
    const b = await fitLstm(changed, options, live());
    expect(b.meta.scalers).toEqual(a.meta.scalers);
    expect((await b.predict(changed, { origin })).forecasts).toEqual((await a.predict(input, { origin })).forecasts);
    expect((await a.predict(changed, { origin })).forecasts).toEqual((await a.predict(input, { origin })).forecasts);
    a.dispose();
    b.dispose();
  });

  it('never forecasts below 0, even for a series falling to zero', async () => {
    const n = 60;
    const falling = Float64Array.from({ length: n }, (_, t) => Math.max(0, 100 - 2.2 * t));
    const input = createLstmInput([falling, Float64Array.from({ length: n }, (_, t) => (t % 7 === 0 ? 50 : 0))], { frequency: 'monthly' });
    const model = await fitLstm(input, { ...SMALL, epochs: 5, learningRate: 0.05 }, live());
    for (const origin of [30, 45, 60]) {
      const f = await model.predict(input, { origin });
      for (const x of f.forecasts) expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
    }
    model.dispose();
  });

  it('reports progress per epoch: losses, ETA, done never decreasing, last done === total', async () => {
    const events: LstmProgress[] = [];
    const model = await fitLstm(seasonalToy(60), { ...SMALL, epochs: 4 }, live(), (p) => events.push(p));
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const [i, e] of events.entries()) {
      expect(e.phase).toBe('training');
      expect(e.total).toBe(4);
      if (i > 0) expect(e.done).toBeGreaterThanOrEqual(events[i - 1].done);
      expect(Number.isFinite(e.trainLoss) && Number.isFinite(e.valLoss)).toBe(true);
      // Epoch 0 (the untrained network's losses) comes first, before any epoch time is known.
      if (e.epoch === 0) expect(i).toBe(0);
      else expect(e.etaMs).toBeGreaterThanOrEqual(0);
    }
    expect(events[0].epoch).toBe(0);
    expect(events[events.length - 1]).toMatchObject({ done: 4, total: 4, etaMs: 0 });
    model.dispose();
  });

  it('cancelled mid-training rejects with an AbortError and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = fitLstm(seasonalToy(60), { ...SMALL, epochs: 50, yieldIntervalMs: 0 }, controller.signal, (p) => {
      if (p.epoch >= 2) controller.abort();
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("with onAbort 'keep', a cancel resolves with the best weights so far", async () => {
    const controller = new AbortController();
    const model = await fitLstm(seasonalToy(60), { ...SMALL, epochs: 50, onAbort: 'keep', yieldIntervalMs: 0 }, controller.signal, (p) => {
      if (p.epoch >= 2) controller.abort();
    });
    expect(model.meta.networks[0].training.stopReason).toBe('aborted');
    expect(model.meta.networks[0].training.epochs).toBeLessThan(50);
    model.dispose();
  });

  it('an already aborted signal rejects at once', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(fitLstm(seasonalToy(60), SMALL, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('records where its held-out windows start: the first validation origin (none without validation)', async () => {
    const input = seasonalToy(60);
    // Origins 15 … 54 (a season of 12 and a drift window of 3 before the first, H 6): 40 of them, the latest
    // round(0.2 × 40) = 8 validate, from origin 47.
    const model = await fitLstm(input, { ...SMALL, epochs: 1, validationFraction: 0.2 }, live());
    expect(model.meta.networks[0].heldOutFromDay).toBe(input.calendar.days[47]);
    model.dispose();
    const all = await fitLstm(input, { ...SMALL, epochs: 1, validationFraction: 0 }, live());
    expect(all.meta.networks[0].heldOutFromDay).toBeUndefined();
    all.dispose();
  });

  it("mode 'per-series' trains one network per series", async () => {
    const input = seasonalToy(60, [100, 40, 10]);
    const model = await fitLstm(input, { ...SMALL, epochs: 2, mode: 'per-series' }, live());
    expect(model.meta.networks.map((n) => n.seriesIds)).toEqual([['s0'], ['s1'], ['s2']]);
    const f = await model.predict(input);
    expect(f.forecasts).toHaveLength(3);
    expect(f.fallbackIds).toEqual([]);
    model.dispose();
  });

  it('rejects bad options and too-short data with the value in the message', async () => {
    const input = seasonalToy(30);
    await expect(fitLstm(input, { ...SMALL, horizon: 0 }, live())).rejects.toThrow(/invalid horizon: 0/);
    await expect(fitLstm(input, { ...SMALL, dropout: 0.95 }, live())).rejects.toThrow(/invalid dropout: 0.95/);
    await expect(fitLstm(input, { ...SMALL, covariates: ['Price'] }, live())).rejects.toThrow(/invalid covariates: "Price"/);
    await expect(fitLstm(input, { ...SMALL, lookback: 40 }, live())).rejects.toThrow(/not enough history/);
  });
});
