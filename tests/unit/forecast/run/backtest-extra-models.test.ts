import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../../src/lib/core/dates';
import type { Progress } from '../../../../src/lib/core/progress';
import { createRng } from '../../../../src/lib/core/rng';
import { generateWeeklyStores } from '../../../../src/lib/demo/weekly-stores';
import type { BacktestResult } from '../../../../src/lib/forecast/evaluate/types';
import { backtestDataset } from '../../../../src/lib/forecast/run/backtest-dataset';
import { runStatBacktest, type StatPartRunner } from '../../../../src/lib/forecast/run/partition';

const settings = { modelIds: ['naive' as const, 'snaive' as const, 'ses' as const], horizon: 4, firstOrigin: 64, step: 4, quantiles: [0.1, 0.5, 0.9], ensembleK: 2 };
const dataset = () => generateWeeklyStores(createRng(5), { stores: 4, weeks: 80, lastFriday: dayFromYmd(2024, 12, 27), createdAt: 0 });

/** An extra model that forecasts each row's seasonal-naive value plus 1 (so its row is not merged as a duplicate). */
const plusOne = (rows: BacktestResult) => {
  const k = rows.modelIds.indexOf('snaive');
  const size = rows.rows * rows.horizon;
  return [{ id: 'extra', label: 'Extra', forecast: rows.forecast.slice(k * size, (k + 1) * size).map((v) => v + 1) }];
};

describe('backtestDataset with extra models', () => {
  it('runs the extra models while the statistical part runs, on the same rows, and appends them', async () => {
    const events: string[] = [];
    let release: () => void = () => {};
    const statGate = new Promise<void>((r) => (release = r));
    // The statistical part waits until the extra model has started: only possible when the two run at once.
    const runStat: StatPartRunner = async (request, options) => {
      events.push('stat start');
      await statGate;
      const r = await runStatBacktest(request, options);
      events.push('stat end');
      return r;
    };
    const seen: Progress[] = [];
    const report = await backtestDataset(dataset(), settings, {
      runStat,
      onProgress: (p) => seen.push(p),
      extraModels: async (rows, onProgress) => {
        events.push('extra start');
        expect(rows.modelIds).toEqual(['snaive']);
        onProgress({ phase: 'training', done: 1, total: 2, message: 'LSTM epoch 1' });
        release();
        await new Promise((r) => setTimeout(r, 10));
        onProgress({ phase: 'training', done: 2, total: 2, message: 'LSTM epoch 2' });
        return plusOne(rows);
      },
    });
    expect(events.slice(0, 2).sort()).toEqual(['extra start', 'stat start']);
    expect(events).toContain('stat end');
    const ids = report.leaderboard.map((r) => r.modelId);
    expect(ids).toContain('extra');
    // The extra rows line up with the statistical rows: its forecast is seasonal naive + 1 everywhere.
    const res = report.result;
    const size = res.rows * res.horizon;
    const [sn, ex] = [res.modelIds.indexOf('snaive'), res.modelIds.indexOf('extra')];
    for (let i = 0; i < size; i++) expect(res.forecast[ex * size + i]).toBeCloseTo(res.forecast[sn * size + i] + 1, 9);
    // Once the extra model reports, its events carry the statistical part's state instead of alternating with it.
    const training = seen.filter((p) => p.phase === 'training');
    expect(training.map((p) => p.message)).toEqual(['LSTM epoch 1; statistical models: 0%', expect.stringMatching(/^LSTM epoch 2/)]);
    expect(seen.slice(seen.indexOf(training[0])).every((p) => p.phase === 'training')).toBe(true);
  });

  it('gives the statistical models the same forecasts and scores as a backtest without extra models', async () => {
    const d = dataset();
    const together = await backtestDataset(d, settings, { extraModels: async (rows) => plusOne(rows) });
    const alone = await backtestDataset(d, settings);
    const size = alone.result.rows * alone.result.horizon;
    expect(together.result.rows).toBe(alone.result.rows);
    for (const id of settings.modelIds) {
      const [a, b] = [together.result.modelIds.indexOf(id), alone.result.modelIds.indexOf(id)];
      expect(together.result.forecast.subarray(a * size, (a + 1) * size)).toEqual(alone.result.forecast.subarray(b * size, (b + 1) * size));
      expect(together.leaderboard.find((r) => r.modelId === id)!.overall).toEqual(alone.leaderboard.find((r) => r.modelId === id)!.overall);
    }
  });

  it('waits for both parts before a failure propagates', async () => {
    let extraDone = false;
    await expect(
      backtestDataset(dataset(), settings, {
        runStat: async () => {
          throw new Error('stat failed');
        },
        extraModels: async (rows) => {
          await new Promise((r) => setTimeout(r, 20));
          extraDone = true;
          return plusOne(rows);
        },
      }),
    ).rejects.toThrow('stat failed');
    expect(extraDone).toBe(true);
  });
});
