import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { useBackend } from '../../../src/lib/lstm/backend';
import { buildSeriesFeatures, calendarTable, createLstmInput, fillKnown, knownWidth, spreadIndex, type FeatureLayout } from '../../../src/lib/lstm/features';
import { groupPositions, groupVocabularies } from '../../../src/lib/lstm/groups';
import { fitLstm } from '../../../src/lib/lstm/lstm';
import { LstmNetwork, type Batch } from '../../../src/lib/lstm/network';
import { pinball, sampleLoss, spreadAt } from '../../../src/lib/lstm/quantiles';
import { SMALL, seasonalToy } from './toy';

beforeAll(async () => {
  await useBackend('cpu');
});

const live = () => new AbortController().signal;
const Q = [0.1, 0.5, 0.9];

function randomBatch(seed: number, B: number, shape: { inputSize: number; knownSize: number; horizon: number; lookback: number }): Batch {
  const rng = createRng(seed);
  const weight = new Float32Array(B * shape.horizon).fill(1);
  weight[1] = 0;
  return {
    size: B,
    x: Float32Array.from({ length: shape.lookback * B * shape.inputSize }, () => rng.normal()),
    known: Float32Array.from({ length: B * shape.knownSize }, () => rng.normal()),
    y: Float32Array.from({ length: B * shape.horizon }, () => 2 * rng.normal()),
    weight,
  };
}

describe('the quantile head', () => {
  it('the pinball loss is q·e above the quantile and (1 − q)·|e| below it', () => {
    expect(pinball(10, 8, 0.9)).toBeCloseTo(1.8, 12);
    expect(pinball(8, 10, 0.9)).toBeCloseTo(0.2, 12);
    expect(pinball(8, 10, 0.5)).toBeCloseTo(1, 12);
  });

  it('the network trains on the loss sampleLoss computes: evaluate() equals the plain-TS pinball sum', async () => {
    const shape = { inputSize: 3, knownSize: 4, horizon: 2, lookback: 5, layers: 1, units: 4, dropout: 0, skip: [0, 2], quantiles: Q };
    const net = LstmNetwork.create(shape, createRng(2), 0.3);
    net.variables.forEach((v, i) => v.assign(tf.add(v, tf.randomNormal(v.shape, 0, 0.3, 'float32', 50 + i))));
    const b = randomBatch(5, 6, shape);
    const pred = await net.predict(b.x, b.known, b.size);
    let expected = 0;
    for (let s = 0; s < b.size; s++) expected += sampleLoss(pred, s * 6, b.y, b.weight, s * 2, 2, Q);
    const t = net.evaluate(b);
    expect((await t.data())[0]).toBeCloseTo(expected, 4);
    t.dispose();
    net.dispose();
  });

  it('its gradient at the output bias is the pinball subgradient Σ w (1{ŷ > y} − q) / (Q Σ w)', async () => {
    const shape = { inputSize: 3, knownSize: 4, horizon: 2, lookback: 5, layers: 1, units: 4, dropout: 0, skip: [1, 3], quantiles: Q };
    const net = LstmNetwork.create(shape, createRng(3), 0);
    const b = randomBatch(9, 7, shape);
    const pred = await net.predict(b.x, b.known, b.size);
    const grads = tf.tidy(() => net.gradients(b, []).grads.map((g) => tf.keep(g)));
    const bias = await grads[grads.length - 1].data();
    const weightSum = b.weight.reduce((a, c) => a + c, 0);
    for (let o = 0; o < 6; o++) {
      const [j, h] = [Math.floor(o / 2), o % 2];
      let g = 0;
      for (let s = 0; s < b.size; s++) g += b.weight[s * 2 + h] * ((pred[s * 6 + o] > b.y[s * 2 + h] ? 1 : 0) - Q[j]);
      expect(bias[o]).toBeCloseTo(g / (3 * weightSum), 5);
    }
    tf.dispose(grads);
    net.dispose();
  });

  it('epoch 0: the median is the baseline exactly, the 10 % and 90 % are the baseline ± multiples of the spread input', async () => {
    const input = seasonalToy(60, [100, 40, 70], 3, 0.1);
    const model = await fitLstm(input, { ...SMALL, epochs: 1, learningRate: 1e-12 }, live());
    const cfg = model.meta.config;
    expect(cfg.quantiles).toEqual(Q);
    expect(model.meta.networks[0].training.bestEpoch).toBe(0);
    const [c10, c50, c90] = model.meta.networks[0].initialSpread!;
    expect(c50.every((c) => c === 0)).toBe(true);
    for (let h = 0; h < cfg.horizon; h++) expect(c10[h]).toBeLessThan(c90[h]);
    const origin = 54;
    const fc = await model.predict(input, { origin });
    const table = calendarTable(input.calendar, cfg, origin + cfg.horizon);
    input.series.forEach((s, k) => {
      const j = model.meta.scalers.seriesIds.indexOf(s.id);
      const scale = { level: model.meta.scalers.levels[j], covMean: [], covStd: [] };
      const sf = buildSeriesFeatures(s, origin, cfg, scale, 0, table)!;
      const known = new Float32Array(knownWidth(cfg));
      fillKnown(known, 0, origin, sf, cfg, table);
      const spread = known[spreadIndex(cfg)];
      expect(spread).toBeGreaterThan(0);
      for (let h = 0; h < cfg.horizon; h++) {
        const base = Math.fround(fc.forecasts[k][h] / scale.level);
        expect(fc.quantiles![k][cfg.horizon + h]).toBe(fc.forecasts[k][h]);
        expect(fc.quantiles![k][h] / scale.level).toBeCloseTo(Math.max(0, base + c10[h] * spread), 4);
        expect(fc.quantiles![k][2 * cfg.horizon + h] / scale.level).toBeCloseTo(base + c90[h] * spread, 4);
      }
    });
    model.dispose();
  });

  it('the initial 10 % and 90 % multipliers put about 10 % of the training errors below and 10 % above', async () => {
    const input = seasonalToy(120, [100, 40, 70, 20, 55], 4, 0.15);
    const model = await fitLstm(input, { ...SMALL, epochs: 1, learningRate: 1e-12, validationFraction: 0 }, live());
    const v = model.meta.networks[0];
    // Validation is off: measure on the training windows directly through the forecasts of a few origins.
    const cfg = model.meta.config;
    let inside = 0;
    let n = 0;
    for (let origin = 40; origin <= 120 - cfg.horizon; origin += 2) {
      const fc = await model.predict(input, { origin });
      input.series.forEach((s, k) => {
        for (let h = 0; h < cfg.horizon; h++) {
          const y = s.values[origin + h];
          n++;
          if (y >= fc.quantiles![k][h] && y <= fc.quantiles![k][2 * cfg.horizon + h]) inside++;
        }
      });
    }
    expect(v.initialSpread).toBeDefined();
    expect(inside / n).toBeGreaterThan(0.7);
    expect(inside / n).toBeLessThan(0.9);
    model.dispose();
  });

  it("quantiles: [] trains the point network of old (H outputs, squared error) and predict gives no quantiles", async () => {
    const model = await fitLstm(seasonalToy(60), { ...SMALL, epochs: 1, quantiles: [] }, live());
    const fc = await model.predict(seasonalToy(60));
    expect(fc.quantiles).toBeUndefined();
    expect(model.networkList[0].outputs).toBe(SMALL.horizon);
    model.dispose();
  });

  it('rejects quantile levels without the median', async () => {
    await expect(fitLstm(seasonalToy(60), { ...SMALL, quantiles: [0.1, 0.9] }, live())).rejects.toThrow(/invalid quantiles/);
  });
});

describe('spread, groups and future covariates in the known vector', () => {
  it('spreadAt is the mean |v[t] − v[t − m]| over the window before the origin, reading nothing at or after it', () => {
    const steps = Float32Array.from([1, 2, 3, 4, 6, 9, 100]);
    // m = 2, window 3, origin 6: t = 3, 4, 5 → |4 − 2|, |6 − 3|, |9 − 4| → 10 / 3.
    expect(spreadAt(steps, 1, 0, 6, 2, 3)).toBeCloseTo(10 / 3, 6);
    // Too short for a seasonal difference: the mean first difference instead.
    expect(spreadAt(steps, 1, 0, 3, 5, 10)).toBeCloseTo(1, 6);
  });

  it('groups: one block per key column with 2 to 500 values, unseen values all zeros', () => {
    const series = [
      { key: { Store: '2', Dept: '1' } },
      { key: { Store: '10', Dept: '1' } },
      { key: { Store: '1', Dept: '1' } },
    ];
    const groups = groupVocabularies(series);
    expect(groups).toEqual([{ column: 'Store', values: ['1', '2', '10'] }]);
    expect([...groupPositions({ Store: '10', Dept: '1' }, groups)]).toEqual([2]);
    expect([...groupPositions({ Store: '99' }, groups)]).toEqual([-1]);
  });

  it('fillKnown writes the one-hot of the series groups and the future covariates of the forecast periods', () => {
    const n = 40;
    const markdown = Float64Array.from({ length: n }, (_, t) => (t % 5 === 0 ? 10 : 0));
    const input = createLstmInput([Float64Array.from({ length: n }, (_, t) => 50 + (t % 12))], { frequency: 'monthly', covariates: [{ MarkDown1: markdown }] });
    input.series[0].key = { Store: 'b' };
    const groups = [{ column: 'Store', values: ['a', 'b', 'c'] }];
    const layout: FeatureLayout = {
      frequency: 'monthly',
      seasonLength: 12,
      lookback: 12,
      horizon: 3,
      rollingWindows: [3],
      covariates: ['MarkDown1'],
      futureCovariates: ['MarkDown1'],
      seriesFeatures: false,
      dayOfWeek: false,
      yearHarmonics: 1,
      driftWindow: 0,
      quantiles: Q,
      groups,
    };
    const table = calendarTable(input.calendar, layout, n);
    const scale = { level: 50, covMean: [2], covStd: [4] };
    const sf = buildSeriesFeatures(input.series[0], 30, layout, scale, 0, table)!;
    const known = new Float32Array(knownWidth(layout));
    fillKnown(known, 0, 30, sf, layout, table);
    const kw = known.length - 1 - 3;
    expect(kw % 3).toBe(0);
    const per = kw / 3;
    // Periods 30, 31, 32: markdown 10, 0, 0 → z = 2, −0.5, −0.5 (known ahead, though past the window end at 30).
    expect([0, 1, 2].map((h) => known[h * per + per - 1])).toEqual([2, -0.5, -0.5]);
    expect([...known.subarray(known.length - 3)]).toEqual([0, 1, 0]);
  });
});

describe('networkCoverage', () => {
  it("counts the actuals inside the network's outermost quantiles on the origins after the median origin, skipping rows it did not forecast", async () => {
    const { networkCoverage } = await import('../../../src/lib/lstm/run');
    // 4 rows (origins 1, 2, 3, 4), H = 1: the split is origin 2, so rows at origins 3 and 4 count.
    const result = {
      horizon: 1,
      rows: 4,
      rowOrigin: Int32Array.from([1, 2, 3, 4]),
      actual: Float64Array.from([5, 5, 5, 50]),
    } as unknown as Parameters<typeof networkCoverage>[0];
    const lower = Float64Array.from([0, 0, 4, 4]);
    const upper = Float64Array.from([1, 1, 6, 6]);
    const c = networkCoverage(result, { levels: [0.1, 0.5, 0.9], values: [lower, lower, upper] })!;
    expect(c).toEqual({ lower: 0.1, upper: 0.9, observed: 0.5, count: 2, afterOrigin: 2 });
    lower[3] = NaN;
    expect(networkCoverage(result, { levels: [0.1, 0.5, 0.9], values: [lower, lower, upper] })!.observed).toBe(1);
    expect(networkCoverage(result, null)).toBeUndefined();
  });
});
