import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { useBackend } from '../../../src/lib/lstm/backend';
import { createLstmInput } from '../../../src/lib/lstm/features';
import { fitLstm } from '../../../src/lib/lstm/lstm';
import { LstmNetwork } from '../../../src/lib/lstm/network';
import { subsamplePairs } from '../../../src/lib/lstm/samples';
import { SMALL, seasonalToy } from './toy';

beforeAll(async () => {
  await useBackend('cpu');
});

const live = () => new AbortController().signal;

/**
 * Monthly series with a promotion month that moves: +60% in month 4, 5 or 6 of each year in turn, flagged as a
 * holiday. Seasonal naive puts last year's spike in the wrong month; the network sees both months' flags (the
 * forecast period's and the seasonal-naive period's), so it can learn to move the spike.
 */
function movingPromotion(years = 10, levels = [100, 60, 30, 150]) {
  const n = 12 * years;
  const holidays = new Uint8Array(n);
  for (let y = 0; y < years; y++) holidays[12 * y + 4 + (y % 3)] = 1;
  const rng = createRng(7);
  const values = levels.map((level) =>
    Float64Array.from({ length: n }, (_, t) => level * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12)) * (1 + 0.6 * holidays[t]) * (1 + 0.02 * rng.normal())),
  );
  return createLstmInput(values, { frequency: 'monthly', holidays });
}

describe('the correction head', () => {
  it('a zero-initialised correction reproduces the baseline exactly: every output is its skip input', async () => {
    const shape = { inputSize: 5, knownSize: 13, horizon: 3, lookback: 6, layers: 2, units: 7, dropout: 0, skip: [2, 6, 10] };
    const net = LstmNetwork.create(shape, createRng(3), 0);
    const rng = createRng(11);
    const B = 9;
    const x = Float32Array.from({ length: shape.lookback * B * shape.inputSize }, () => rng.normal());
    const known = Float32Array.from({ length: B * shape.knownSize }, () => 3 * rng.normal());
    const pred = await net.predict(x, known, B);
    for (let b = 0; b < B; b++) for (let h = 0; h < 3; h++) expect(pred[b * 3 + h]).toBe(known[b * shape.knownSize + shape.skip[h]]);
    net.dispose();
  });

  it('epoch 0 is the baseline: its validation MAE equals the skip baseline MAE, and the loss history starts there', async () => {
    const input = movingPromotion(6);
    const model = await fitLstm(input, { ...SMALL, horizon: 3, epochs: 1, learningRate: 1e-12 }, live());
    const { training, validation } = model.meta.networks[0];
    expect(training.bestEpoch).toBe(0);
    expect(validation!.mae).toBeCloseTo(validation!.baselineMae!, 6);
    expect(training.initialValLoss).toBeGreaterThan(0);
    expect(training.initialTrainLoss).toBeGreaterThan(0);
    model.dispose();
  });

  it('training on series with a learnable pattern (a promotion month that moves) beats the baseline on validation', async () => {
    const input = movingPromotion();
    const model = await fitLstm(input, { ...SMALL, horizon: 3, epochs: 40, patience: 8, learningRate: 0.01, units: 12 }, live());
    const { training, validation } = model.meta.networks[0];
    expect(training.bestEpoch).toBeGreaterThan(0);
    expect(training.bestLoss).toBeLessThan(0.7 * training.initialValLoss);
    expect(validation!.mae).toBeLessThan(0.8 * validation!.baselineMae!);
    model.dispose();
  }, 60_000);
});

describe('training setup', () => {
  it('trains on windows whose baseline is whole only: none before a season and a drift window have passed', async () => {
    // 26 months, lookback 12, season 12, drift 3: origins 15 … 20 (H 6), too few to hold validation out.
    const model = await fitLstm(seasonalToy(26), { ...SMALL, epochs: 5 }, live());
    const t = model.meta.networks[0].training;
    expect(t.stopReason).toBe('no-validation');
    expect(t.epochs).toBe(0);
    expect(t.bestEpoch).toBe(0);
    expect(t.trainSamples).toBe(2 * 6);
    model.dispose();
  });

  it('fits the scale on the training targets only: validation periods do not move it', async () => {
    const input = seasonalToy(60);
    const a = await fitLstm(input, { ...SMALL, epochs: 1 }, live());
    const start = input.calendar.days.indexOf(a.meta.networks[0].heldOutFromDay!);
    // Multiply everything from the first validation origin on: the levels stay.
    const changed = createLstmInput(input.series.map((s) => s.values.map((v, t) => (t >= start ? 10 * v : v))), { frequency: 'monthly' });
    const b = await fitLstm(changed, { ...SMALL, epochs: 1 }, live());
    expect(b.meta.scalers.levels).toEqual(a.meta.scalers.levels);
    a.dispose();
    b.dispose();
  });

  it('stops at the time budget with the best weights', async () => {
    const model = await fitLstm(seasonalToy(60), { ...SMALL, epochs: 50, timeBudgetMs: 1, minEpochs: 0 }, live());
    const t = model.meta.networks[0].training;
    expect(t.stopReason).toBe('time-budget');
    expect(t.epochs).toBe(1);
    model.dispose();
  });

  it('honours the epoch floor under a budget already spent: minEpochs epochs run, then the budget stops it', async () => {
    const model = await fitLstm(seasonalToy(60), { ...SMALL, epochs: 50, patience: 50, timeBudgetMs: 1, minEpochs: 4 }, live());
    const t = model.meta.networks[0].training;
    expect(t.stopReason).toBe('time-budget');
    expect(t.epochs).toBe(4);
    model.dispose();
  });

  it('subsamplePairs keeps all pairs up to max, else max distinct pairs in order', () => {
    const pairs = Int32Array.from({ length: 40 }, (_, i) => i);
    expect(subsamplePairs(pairs, 20, createRng(1))).toBe(pairs);
    const some = subsamplePairs(pairs, 5, createRng(1));
    expect(some.length).toBe(10);
    const firsts = Array.from({ length: 5 }, (_, i) => some[2 * i]);
    expect(firsts.every((v) => v % 2 === 0)).toBe(true);
    expect([...firsts].sort((a, b) => a - b)).toEqual(firsts);
    expect(new Set(firsts).size).toBe(5);
    for (let i = 0; i < 5; i++) expect(some[2 * i + 1]).toBe(some[2 * i] + 1);
  });
});
