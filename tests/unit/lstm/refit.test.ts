import { beforeAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src/lib/forecast/evaluate/backtest';
import { createNaiveModel, createSeasonalNaiveModel } from '../../../src/lib/forecast/models/naive';
import { useBackend } from '../../../src/lib/lstm/backend';
import { createLstmInput } from '../../../src/lib/lstm/features';
import { lstmBacktestForecasts, lstmLabel, refitBlocks, refitPeriods } from '../../../src/lib/lstm/refit';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('refit schedule', () => {
  it('refitPeriods is 13 weeks, 90 days or 3 months', () => {
    expect([refitPeriods('weekly'), refitPeriods('daily'), refitPeriods('monthly')]).toEqual([13, 90, 3]);
  });

  it('refitBlocks starts a new block `every` periods after the block start', () => {
    expect(refitBlocks([10, 11, 12, 13, 14, 15], 3)).toEqual([[10, 11, 12], [13, 14, 15]]);
    expect(refitBlocks([0, 5, 6, 20], 6)).toEqual([[0, 5], [6], [20]]);
    expect(refitBlocks([], 4)).toEqual([]);
  });
});

describe('lstmLabel', () => {
  const s = { mode: 'global' as const, units: 32 };
  it('names the network when every refit trained', () => {
    expect(lstmLabel(s, [{ origin: 1, origins: [1], source: 'trained' }])).toBe('LSTM (global, 32 units)');
  });
  it('says how many refits seasonal naive stood in for', () => {
    const label = lstmLabel(s, [
      { origin: 1, origins: [1], source: 'seasonal-naive' },
      { origin: 2, origins: [2], source: 'trained' },
    ]);
    expect(label).toContain('seasonal naive at 1 of 2 refits');
  });
  it('says at how many refits the network kept its baseline', () => {
    const r = (source: 'trained' | 'baseline') => ({ origin: 1, origins: [1], source, baseline: 'seasonal naive + drift' });
    expect(lstmLabel(s, [r('baseline'), r('trained'), r('baseline'), r('trained'), r('baseline')])).toBe('LSTM (global, 32 units): kept its baseline at 3 of 5 refits');
  });
  it('does not call the row an LSTM when no refit trained past epoch 0: it names the baseline', () => {
    const label = lstmLabel(s, [{ origin: 1, origins: [1], source: 'baseline', baseline: 'seasonal naive + drift' }, { origin: 2, origins: [2], source: 'seasonal-naive' }]);
    expect(label).toMatch(/^Seasonal naive \+ drift: the LSTM's untrained baseline/);
    expect(label).toContain('kept its baseline at 1 of 2 refits');
    expect(label).toContain('seasonal naive at 1 of 2 refits');
  });
  it('says when the network never trained', () => {
    expect(lstmLabel(s, [{ origin: 1, origins: [1], source: 'seasonal-naive' }])).toMatch(/never trained/);
  });
});

describe('lstmBacktestForecasts', () => {
  it('keeps seasonal naive, and reports it, for a block with too little history to train on', async () => {
    // 30 monthly periods: the default lookback + horizon does not fit before origin 18.
    const values = Float64Array.from({ length: 30 }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 12));
    const input = createLstmInput(values, { frequency: 'monthly' });
    const result = await runBacktest([{ id: 's0', values, start: 0 }], {
      models: [createNaiveModel(), createSeasonalNaiveModel()],
      horizon: 3,
      seasonLength: 12,
      firstOrigin: 18,
      lastOrigin: 24,
      step: 3,
      signal: new AbortController().signal,
    });
    const run = await lstmBacktestForecasts(input, result, { enabled: true, mode: 'global', units: 4, epochs: 1, seed: 1 }, { signal: new AbortController().signal });
    expect(run.refits.length).toBeGreaterThan(0);
    expect(run.refits.every((r) => r.source === 'seasonal-naive' && /not enough history/.test(r.reason ?? ''))).toBe(true);
    const snaive = result.modelIds.indexOf('snaive');
    const n = result.rows * result.horizon;
    expect(Array.from(run.forecast!)).toEqual(Array.from(result.forecast.subarray(snaive * n, (snaive + 1) * n)));
  });

  it('a stop resolves with no forecast, the refits done and the rest marked cancelled', async () => {
    const values = Float64Array.from({ length: 60 }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 12) + t);
    const result = await runBacktest([{ id: 's0', values, start: 0 }], {
      models: [createSeasonalNaiveModel()],
      horizon: 3,
      seasonLength: 12,
      firstOrigin: 40,
      lastOrigin: 57,
      step: 3,
      signal: new AbortController().signal,
    });
    const stop = new AbortController();
    const run = await lstmBacktestForecasts(
      createLstmInput(values, { frequency: 'monthly' }),
      result,
      { enabled: true, mode: 'global', units: 4, epochs: 50, seed: 1 },
      { signal: new AbortController().signal, stop: stop.signal, onTraining: (_, refit) => refit === 1 && stop.abort() },
    );
    expect(run.forecast).toBeNull();
    expect(run.refits.map((r) => r.source === 'cancelled')).toEqual([false, true, true, true, true, true]);
    expect(run.refits[0].networks?.[0].chosenEpoch).toBeGreaterThanOrEqual(0);
  });

  it('propagates an error that is not "not enough history"', async () => {
    const values = Float64Array.from({ length: 30 }, () => 1);
    const result = await runBacktest([{ id: 's0', values, start: 0 }], {
      models: [createSeasonalNaiveModel()],
      horizon: 3,
      seasonLength: 12,
      firstOrigin: 18,
      signal: new AbortController().signal,
    });
    await expect(
      lstmBacktestForecasts(createLstmInput(values, { frequency: 'monthly' }), result, { enabled: true, mode: 'global', units: -1, epochs: 1, seed: 1 }, { signal: new AbortController().signal }),
    ).rejects.toThrow(/units/);
  });
});
