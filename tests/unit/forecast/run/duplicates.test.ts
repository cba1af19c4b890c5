import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../../src/lib/core/dates';
import { createRng } from '../../../../src/lib/core/rng';
import { generateWeeklyStores } from '../../../../src/lib/demo/weekly-stores';
import { runBacktest } from '../../../../src/lib/forecast/evaluate/backtest';
import { createNaiveModel, createSeasonalNaiveModel } from '../../../../src/lib/forecast/models/naive';
import { defineModel } from '../../../../src/lib/forecast/types';
import { backtestDataset, ENSEMBLE_ID, summarizeBacktest } from '../../../../src/lib/forecast/run/backtest-dataset';
import { knownDuplicates, mergeIdenticalModels } from '../../../../src/lib/forecast/run/duplicates';

const series = Array.from({ length: 4 }, (_, s) => ({ id: `s${s}`, values: Float64Array.from({ length: 40 }, (_, t) => 10 + s + ((t * (s + 3)) % 7)) }));
// The naive forecast under another name and id: the same numbers on every window.
const naiveTwin = defineModel('naive-twin', 'Naive, again', (y, h) => new Float64Array(h).fill(y[y.length - 1]));

describe('issue #19: a model that repeats another is left out once', () => {
  it('mergeIdenticalModels drops the later of two models with identical forecasts and names the one it repeats', async () => {
    const result = await runBacktest(series, { models: [createNaiveModel(), createSeasonalNaiveModel(), naiveTwin], horizon: 3, seasonLength: 4, firstOrigin: 20 });
    const merged = mergeIdenticalModels(result);
    expect(merged.result.modelIds).toEqual(['naive', 'snaive']);
    expect(merged.skipped).toEqual([expect.objectContaining({ modelId: 'naive-twin', sameAs: 'naive' })]);
    expect(merged.skipped[0].reason).toMatch(/equal those of Naive on all \d+ windows/);
    expect(merged.result.forecast).toEqual(result.forecast.slice(0, 2 * result.rows * 3));
    // Distinct models stay, and the input is not changed.
    expect(mergeIdenticalModels(merged.result).skipped).toEqual([]);
    expect(result.modelIds).toHaveLength(3);
  });

  it('the online ensemble of the merged backtest equals the one without the twin: it never weighs one model twice', async () => {
    const withTwin = await runBacktest(series, { models: [createNaiveModel(), createSeasonalNaiveModel(), naiveTwin], horizon: 3, seasonLength: 4, firstOrigin: 20 });
    const without = await runBacktest(series, { models: [createNaiveModel(), createSeasonalNaiveModel()], horizon: 3, seasonLength: 4, firstOrigin: 20 });
    const a = summarizeBacktest(withTwin, { quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
    const b = summarizeBacktest(without, { quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
    expect(a.leaderboard.map((r) => r.modelId)).toEqual(['naive', 'snaive', ENSEMBLE_ID]);
    expect(a.result.forecast).toEqual(b.result.forecast);
    expect(a.skipped.map((s) => s.modelId)).toEqual(['naive-twin']);
  });

  it('automatic ETS is not run on weekly data beside its non-seasonal variant: it would fit the same forms', () => {
    expect(knownDuplicates(['ets-nonseasonal', 'ets'], 52)).toEqual([expect.objectContaining({ modelId: 'ets', sameAs: 'ets-nonseasonal' })]);
    expect(knownDuplicates(['ets-nonseasonal', 'ets'], 7)).toEqual([]);
    expect(knownDuplicates(['ets'], 52)).toEqual([]);
  });

  it('backtestDataset reports the skipped model, and its leaderboard has no line for it', async () => {
    const dataset = generateWeeklyStores(createRng(5), { stores: 2, weeks: 70, lastFriday: dayFromYmd(2024, 12, 27), createdAt: 0 });
    const report = await backtestDataset(dataset, { modelIds: ['snaive', 'ets-nonseasonal', 'ets'], horizon: 4, firstOrigin: 62, step: 2, quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
    expect(report.skipped?.map((s) => [s.modelId, s.sameAs])).toEqual([['ets', 'ets-nonseasonal']]);
    expect(report.leaderboard.map((r) => r.modelId)).toEqual(['snaive', 'ets-nonseasonal', ENSEMBLE_ID]);
  });
});
