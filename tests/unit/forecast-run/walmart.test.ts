import { describe, expect, it } from 'vitest';
import { backtestDataset, ENSEMBLE_ID } from '../../../src/lib/forecast-run/backtest-dataset';
import { forecastDataset } from '../../../src/lib/forecast-run/forecast-dataset';
import { hasSharedData, importBlob, sharedBlob, SKIP_MESSAGE } from '../csv/helpers';

describe.skipIf(!hasSharedData)(`Walmart benchmark protocol (${hasSharedData ? 'data present' : SKIP_MESSAGE})`, () => {
  it('origins 78..135, H = 8, 45 stores: every model scored, the online ensemble beats seasonal naive, intervals cover', async () => {
    const imported = await importBlob(sharedBlob('walmart-store-sales/Walmart_Store_sales.csv'), 'sales');
    const dataset = imported.kind === 'ok' ? imported.dataset! : null;
    const t0 = Date.now();
    const report = await backtestDataset(dataset!, {
      modelIds: ['naive', 'snaive', 'ets-nonseasonal', 'ets', 'stl-ets', 'hw-add-damped'],
      horizon: 8,
      firstOrigin: 78,
      lastOrigin: 135,
      step: 1,
      quantiles: [0.1, 0.5, 0.9],
      ensembleK: 2,
    });
    const ms = Date.now() - t0;
    const pct = (x: number | null) => (x === null ? '–' : `${x.toFixed(2)}%`);
    const table = report.leaderboard.map((row) => ({
      model: row.modelId,
      'mean MAPE': pct(row.overall.mape),
      'MAPE h=1': pct(row.byHorizon[0].mape),
      WAPE: pct(row.overall.wape),
      MASE: row.overall.mase?.toFixed(3),
      '80% coverage': row.intervals.coverage[0]?.observed?.toFixed(3),
    }));
    console.table(table);
    console.log(`backtest wall time ${ms} ms (Node, 1 thread), ${report.result.rows} rows`);
    expect(report.result.rows).toBe(45 * 58);
    const mape = (id: string) => report.leaderboard.find((r) => r.modelId === id)!.overall.mape!;
    expect(mape('snaive')).toBeCloseTo(6.11, 1);
    expect(mape(ENSEMBLE_ID)).toBeLessThan(mape('snaive'));
    const ens = report.leaderboard.find((r) => r.modelId === ENSEMBLE_ID)!;
    expect(ens.intervals.coverage[0].observed!).toBeGreaterThan(0.6);

    const forecast = forecastDataset(dataset!, report, { horizon: 8 });
    expect(forecast.series.length).toBe(45);
    for (const s of forecast.series) {
      expect(s.point.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
      for (let h = 0; h < 8; h++) expect(s.quantiles[0][h]).toBeLessThanOrEqual(s.quantiles[2][h]);
    }
  }, 120_000);
});
