import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/lib/core/dates';
import { runBacktest, type BacktestResult, type BacktestSeries } from '../../../src/lib/forecast/evaluate/backtest';
import { createAutoEtsModel, createSesModel } from '../../../src/lib/forecast/models/ets';
import { evaluateSelection } from '../../../src/lib/forecast/evaluate/ensemble';
import { scoreBacktest, type ModelScore } from '../../../src/lib/forecast/evaluate/score';
import { measureIntervals } from '../../../src/lib/forecast/evaluate/calibration';
import type { AccuracyMetrics } from '../../../src/lib/forecast/evaluate/metrics';
import { createMovingAverageModel, createNaiveModel, createSeasonalNaiveModel } from '../../../src/lib/forecast/models/naive';
import { createSeasonalDiffSesModel } from '../../../src/lib/forecast/models/seasonal-diff';
import { createStlEtsModel } from '../../../src/lib/forecast/models/stl-ets';

/**
 * The Walmart store-sales check: 45 stores × 143 weeks, origins at weeks 78…135 (train on weeks 1…o),
 * horizons 1…8, weekly season 52. Reference mean MAPEs from R's forecast package on exactly this protocol:
 * seasonal naive 6.11 %, ets(model = "ZZN") 9.82 %, stlf (ETS) 4.94 % with seasonal naive at origins with
 * less than two years of history. Seasonal naive + smoothed seasonal change (ARIMA(0,1,1)(0,1,0)₅₂, 'sdiff-ses')
 * has no R run on record here; its 4.47 % is this code's own figure, pinned against regressions.
 */
const csvPath = fileURLToPath(new URL('../../../../shared/data/walmart-store-sales/Walmart_Store_sales.csv', import.meta.url));
const present = existsSync(csvPath);
if (!present) console.warn(`walmart.test.ts skipped: ${csvPath} not found`);

function readStores(): BacktestSeries[] {
  const lines = readFileSync(csvPath, 'utf8').trim().split('\n');
  const byStore = new Map<string, Array<[number, number]>>();
  for (const line of lines.slice(1)) {
    const [store, date, sales] = line.split(',');
    const [d, m, y] = date.split('-').map(Number);
    const list = byStore.get(store) ?? [];
    list.push([dayFromYmd(y, m, d), Number(sales)]);
    byStore.set(store, list);
  }
  return [...byStore].map(([id, list]) => {
    list.sort((a, b) => a[0] - b[0]);
    return { id, values: Float64Array.from(list, (x) => x[1]) };
  });
}

const REFERENCE_MAPE: Record<string, number> = { snaive: 6.11, 'ets-nonseasonal': 9.82, 'stl-ets': 4.94 };

const fmt = (v: number | null | undefined) => (v == null ? '     -' : v.toFixed(2).padStart(6));

function row(label: string, overall: AccuracyMetrics, h1: AccuracyMetrics, ref?: number): string {
  return `${label.padEnd(42)} ${fmt(overall.mape)}  ${fmt(h1.mape)}  ${fmt(overall.wape)}  ${fmt(overall.mase)}  ${fmt(ref)}`;
}

function table(result: BacktestResult, scores: ModelScore[], seconds: number): string[] {
  return [
    `Walmart backtest: ${result.seriesIds.length} stores, ${result.rows} (store, origin) rows, H = ${result.horizon}, ${seconds.toFixed(1)} s`,
    `${'model'.padEnd(42)}   MAPE  MAPE h1    WAPE    MASE   R ref`,
    ...scores.map((s) => row(s.label, s.overall, s.byHorizon[0], REFERENCE_MAPE[s.modelId])),
  ];
}

describe.skipIf(!present)('Walmart store sales, rolling origins 78…135, H = 8', () => {
  it('reproduces the R reference MAPEs', async () => {
    const stores = readStores();
    expect(stores).toHaveLength(45);
    for (const s of stores) expect(s.values).toHaveLength(143);
    const models = [
      createNaiveModel(),
      createSeasonalNaiveModel(),
      createMovingAverageModel({ window: 4 }),
      createSesModel(),
      createAutoEtsModel({ seasonal: false }),
      createStlEtsModel(),
      createSeasonalDiffSesModel(),
    ];
    const t0 = Date.now();
    const result = await runBacktest(stores, { models, horizon: 8, seasonLength: 52, firstOrigin: 78, lastOrigin: 135 });
    const seconds = (Date.now() - t0) / 1000;
    const scores = scoreBacktest(result);
    // Model choice per store on origins ≤ 106, scored on origins 107…135 (so not comparable with the rows above,
    // which cover every origin): the best single model, and the mean of the best two.
    const lines = table(result, scores, seconds);
    const split = 106;
    const later = scoreBacktest(result, { fromOrigin: split + 1 }).find((s) => s.modelId === 'stl-ets')!;
    lines.push(`origins ${split + 1}…135 only:`, row('  STL + ETS', later.overall, later.byHorizon[0]));
    for (const k of [1, 2]) {
      const sel = evaluateSelection(result, { splitOrigin: split, k, metric: 'mase' });
      lines.push(row(`  best ${k === 1 ? 'model' : 'two (mean)'} per store by MASE`, sel.overall, sel.byHorizon[0]));
    }
    const stlIndex = result.modelIds.indexOf('stl-ets');
    const intervals = measureIntervals(result, stlIndex, { splitOrigin: split });
    const cover = intervals.coverage[0];
    lines.push(
      `STL + ETS 10-90 % interval from errors at origins ≤ ${split}: coverage ${(100 * (cover.observed ?? 0)).toFixed(1)} % ` +
        `(nominal ${(100 * cover.nominal).toFixed(0)} %) on ${intervals.count} later forecasts`,
    );
    console.info(lines.join('\n'));
    const mape = (id: string) => scores.find((s) => s.modelId === id)?.overall.mape ?? NaN;
    expect(result.rows).toBe(45 * 58);
    expect(Math.abs(mape('snaive') - 6.11)).toBeLessThan(0.05);
    expect(Math.abs(mape('ets-nonseasonal') - 9.82)).toBeLessThan(0.5);
    expect(Math.abs(mape('stl-ets') - 4.94)).toBeLessThan(0.3);
    // The year-on-year change carries over where STL cannot run (origins ≤ 104 weeks: 27 of 58).
    expect(Math.abs(mape('sdiff-ses') - 4.47)).toBeLessThan(0.05);
    expect(mape('sdiff-ses')).toBeLessThan(mape('stl-ets'));
    const early = scoreBacktest(result, { toOrigin: 104 });
    const earlyMape = (id: string) => early.find((s) => s.modelId === id)!.overall.mape!;
    expect(earlyMape('sdiff-ses')).toBeLessThan(earlyMape('snaive') - 1);
    expect(result.forecast.every(Number.isFinite)).toBe(true);
    expect(cover.observed).toBeGreaterThan(0.7);
    expect(cover.observed).toBeLessThan(0.95);
  });
});
