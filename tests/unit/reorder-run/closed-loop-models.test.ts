import { describe, expect, it } from 'vitest';
import { seasonLength } from '../../../src/lib/core/dates';
import type { Dataset } from '../../../src/lib/dataset/types';
import { backtestDataset, DEFAULT_MODELS, type BacktestReport } from '../../../src/lib/forecast/run/backtest-dataset';
import type { StatModelId } from '../../../src/lib/forecast/models/registry';
import { bestForecastRow, bestRuleRow, runBacktestClosedLoop, type ClosedLoopSettings, type DatasetClosedLoop } from '../../../src/lib/reorder-run';
import { hasSharedData, importBlob, sharedBlob, SKIP_MESSAGE } from '../csv/helpers';
import { demoWorkspace } from './helpers';

const signal = new AbortController().signal;

/** The Forecast tab's default backtest of a dataset (ForecastView.svelte): H by frequency, first origin at 55 %. */
async function defaultBacktest(dataset: Dataset, overrides: { firstOrigin?: number; lastOrigin?: number; step?: number; modelIds?: StatModelId[] } = {}): Promise<BacktestReport> {
  const periods = dataset.calendar.days.length;
  const f = dataset.calendar.frequency;
  const horizon = f === 'daily' ? 14 : f === 'weekly' ? 8 : 6;
  const firstOrigin = overrides.firstOrigin ?? Math.min(periods - horizon, Math.max(2 * seasonLength(f) + 1, Math.floor(periods * 0.55)));
  const step = overrides.step ?? (dataset.series.length > 500 ? horizon : 1);
  return backtestDataset(dataset, { modelIds: overrides.modelIds ?? DEFAULT_MODELS, horizon, firstOrigin, lastOrigin: overrides.lastOrigin, step, quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
}

/** The rows as docs/closed-loop.md prints them. */
export function markdownTable(r: DatasetClosedLoop): string {
  const lines = ['| policy | total cost | holding | shortage | fill rate | avg stock | orders |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const row of r.rows) {
    lines.push(`| ${row.label} | ${Math.round(row.totalCost).toLocaleString('en-US')} | ${Math.round(row.holdingCost).toLocaleString('en-US')} | ${Math.round(row.shortageCost).toLocaleString('en-US')} | ${(100 * row.fillRate).toFixed(2)}% | ${Math.round(row.averageStock).toLocaleString('en-US')} | ${row.orders} |`);
  }
  return lines.join('\n');
}

function report(name: string, r: DatasetClosedLoop, ms: number) {
  const model = bestForecastRow(r.rows)!;
  const rule = bestRuleRow(r.rows)!;
  console.log(`${name} (${ms} ms): ${r.assumptions}\n${markdownTable(r)}\nbest forecast policy vs best rule: ${(100 * (1 - model.totalCost / rule.totalCost)).toFixed(1)}% cheaper, fill ${(100 * model.fillRate).toFixed(1)}% vs ${(100 * rule.fillRate).toFixed(1)}%\n${(r.explanations ?? []).join('\n')}`);
}

function expectConsistent(r: DatasetClosedLoop, bt: BacktestReport) {
  // Every model of the backtest is replayed, in leaderboard order, then the rules and the reference.
  expect(r.rows.filter((x) => x.modelId).map((x) => x.modelId)).toEqual(bt.result.modelIds);
  expect(r.rows.slice(-3).map((x) => x.kind)).toEqual(['fixed-cover', 'order-what-sold', 'reference']);
  for (const row of r.rows) {
    expect(row.demand).toBeCloseTo(r.rows[0].demand, 6);
    expect(row.totalCost).toBeCloseTo(row.holdingCost + row.shortageCost + row.orderingCost, 6);
    expect(row.trace!.cost.reduce((a, b) => a + b, 0)).toBeCloseTo(row.totalCost, 4);
  }
  expect(r.explanations!.length).toBeGreaterThanOrEqual(2);
}

describe('runBacktestClosedLoop: the user\'s own models through the engine', () => {
  it('demo weekly stores: every leaderboard model, the rules and the reference over the held-out origins', async () => {
    const weekly = demoWorkspace().datasets[0];
    const bt = await defaultBacktest(weekly);
    const settings: ClosedLoopSettings = { reviewDays: 7 };
    const t0 = Date.now();
    const r = await runBacktestClosedLoop(weekly, null, { result: bt.result, splitOrigin: bt.splitOrigin }, settings, { signal });
    report('demo weekly', r, Date.now() - t0);
    expectConsistent(r, bt);
    // A forecast-driven policy beats reordering what sold.
    expect(bestForecastRow(r.rows)!.totalCost).toBeLessThan(r.rows.find((x) => x.kind === 'order-what-sold')!.totalCost);
  }, 120_000);

  it('demo daily items with the demo snapshot (lead times, MOQs, packs, service levels, unit costs), the quick models, origins every 14 days', async () => {
    const demo = demoWorkspace();
    const daily = demo.datasets[1];
    // ETS on 100 daily series × 23 origins takes minutes on a shared 2-core machine: the quick models here.
    const bt = await defaultBacktest(daily, { step: 14, modelIds: ['naive', 'snaive', 'ses', 'sdiff-ses'] });
    const t0 = Date.now();
    const r = await runBacktestClosedLoop(daily, demo.inventory, { result: bt.result, splitOrigin: bt.splitOrigin }, { reviewDays: 7 }, { signal });
    report('demo daily + snapshot', r, Date.now() - t0);
    expectConsistent(r, bt);
  }, 300_000);

  it('rejects with an AbortError when cancelled', async () => {
    const weekly = demoWorkspace().datasets[0];
    const controller = new AbortController();
    controller.abort();
    const fake = { result: { horizon: 1, rows: 0, rowOrigin: new Int32Array(0) } as never, splitOrigin: 1 };
    await expect(runBacktestClosedLoop(weekly, null, fake, {}, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe.skipIf(!hasSharedData)(`Walmart_Store_sales.csv closed loop on the user's models (${hasSharedData ? "data present" : SKIP_MESSAGE})`, () => {
  it.each([
    ['the Forecast tab defaults (origins 105…135)', {}],
    ['the Walmart protocol (origins 78…135)', { firstOrigin: 78, lastOrigin: 135 }],
  ])('%s', async (_name, overrides) => {
    const imported = await importBlob(sharedBlob('walmart-store-sales/Walmart_Store_sales.csv'), 'sales');
    if (imported.kind !== 'ok' || !imported.dataset) throw new Error(`Walmart import: ${imported.kind}`);
    const t0 = Date.now();
    const bt = await defaultBacktest(imported.dataset, overrides);
    const t1 = Date.now();
    const r = await runBacktestClosedLoop(imported.dataset, null, { result: bt.result, splitOrigin: bt.splitOrigin }, { reviewDays: 7 }, { signal });
    report(`Walmart, backtest ${t1 - t0} ms`, r, Date.now() - t1);
    expectConsistent(r, bt);
  }, 600_000);
});
