import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../../src/lib/forecast/evaluate/backtest';
import { createEnsembleModel, evaluateSelection, modelForSelection, selectModels } from '../../../../src/lib/forecast/evaluate/ensemble';
import { createNaiveModel, createSeasonalNaiveModel } from '../../../../src/lib/forecast/models/naive';

const periodic = { id: 'periodic', values: Float64Array.from({ length: 40 }, (_, t) => (t % 4 < 2 ? 1 : 5)) };
const trend = { id: 'trend', values: Float64Array.from({ length: 40 }, (_, t) => 10 + t) };
const models = [createNaiveModel(), createSeasonalNaiveModel()];
const backtest = () => runBacktest([periodic, trend], { models, horizon: 2, seasonLength: 4, firstOrigin: 12 });

describe('selectModels', () => {
  it('picks seasonal naive for the periodic series and naive for the trend', async () => {
    const selection = selectModels(await backtest(), { metric: 'mae' });
    expect(selection.map((s) => s.modelIds)).toEqual([['snaive'], ['naive']]);
    expect(selection[0].scores[1]).toBe(0);
    expect(selection[1].pooled).toBe(false);
  });
  it('returns the best k, best first', async () => {
    const selection = selectModels(await backtest(), { k: 2, metric: 'rmse' });
    expect(selection[0].modelIds).toEqual(['snaive', 'naive']);
    expect(selection[1].modelIds).toEqual(['naive', 'snaive']);
  });
  it('validates metric and k with the value in the message', async () => {
    const r = await backtest();
    expect(() => selectModels(r, { k: 3 })).toThrow(/^invalid k: 3/);
    expect(() => selectModels(r, { metric: 'r2' as 'mae' })).toThrow(/^invalid metric: "r2"/);
  });
});

describe('ensembles', () => {
  it('createEnsembleModel averages its members', () => {
    const y = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const mean = createEnsembleModel(models);
    expect(mean.id).toBe('mean(naive,snaive)');
    // naive: 6, 6; seasonal naive (m = 4): 3, 4.
    expect([...mean.forecast(y, 2, { seasonLength: 4 })]).toEqual([4.5, 5]);
  });
  it('modelForSelection returns the single model or the ensemble, and throws on an unknown id', () => {
    const one = { seriesId: 's', modelIds: ['naive'], scores: [], pooled: false };
    expect(modelForSelection(one, models)).toBe(models[0]);
    expect(modelForSelection({ ...one, modelIds: ['naive', 'snaive'] }, models).id).toBe('mean(naive,snaive)');
    expect(() => modelForSelection({ ...one, modelIds: ['lstm'] }, models)).toThrow(/invalid model id: "lstm"/);
  });
  it('evaluateSelection chooses on early origins and scores the later ones', async () => {
    const { selections, overall, byHorizon } = evaluateSelection(await backtest(), { splitOrigin: 24, metric: 'mae' });
    expect(selections.map((s) => s.modelIds[0])).toEqual(['snaive', 'naive']);
    // Periodic: exact. Trend: naive misses by h. Mean over both series at horizon 2: (0 + 2) / 2.
    expect(byHorizon[0].mae).toBe(0.5);
    expect(byHorizon[1].mae).toBe(1);
    expect(overall.count).toBe(2 * 2 * (38 - 24));
  });
});
