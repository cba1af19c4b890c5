/**
 * The accuracy check behind docs/accuracy.md (issue #19): backtests the store × department file (2,660 complete
 * weekly series) and the daily store-item slice (82 complete series) with the app's own code, caches the raw
 * forecasts in /tmp, and prints per model WAPE, MAPE (actuals > 0) and the 80 % interval coverage on the later
 * half of the origins, plus the online ensemble. Run through Vite's module runner (Node 20 has no TS):
 *   ACC_FILES=weekly,daily node -e "import('vite').then(v => v.runnerImport('./scripts/accuracy-check.ts'))"
 * ACC_CACHE=0 recomputes the raw forecasts; by default a cached backtest in /tmp is scored again, so the
 * scoring code can be compared before and after a change on the very same forecasts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runBacktest } from '../src/lib/forecast/evaluate/backtest';
import type { BacktestResult } from '../src/lib/forecast/evaluate/types';
import { createStatModel, type StatModelId } from '../src/lib/forecast/models/registry';
import { summarizeBacktest } from '../src/lib/forecast/run/backtest-dataset';
import { load, save } from './accuracy-cache';

const data = resolve(process.cwd(), '../shared/data');

interface Protocol {
  name: string;
  load(): Array<{ id: string; values: Float64Array }>;
  models: StatModelId[];
  horizon: number;
  seasonLength: number;
  firstOrigin: number;
  lastOrigin: number;
  step: number;
}

/** Store × department weekly sales: the series with all 143 weeks (negative sales kept, as in the file). */
function loadWeekly() {
  const lines = readFileSync(resolve(data, 'walmart-recruiting-store-sales/train.csv'), 'utf8').trim().split('\n').slice(1);
  const dates = [...new Set(lines.map((l) => l.split(',')[2]))].sort();
  const at = new Map(dates.map((d, i) => [d, i]));
  const bySeries = new Map<string, Float64Array>();
  for (const l of lines) {
    const [store, dept, date, sales] = l.split(',');
    const id = `${store}/${dept}`;
    let v = bySeries.get(id);
    if (!v) bySeries.set(id, (v = new Float64Array(dates.length).fill(NaN)));
    v[at.get(date)!] = Number(sales);
  }
  return [...bySeries].filter(([, v]) => v.every(Number.isFinite)).map(([id, values]) => ({ id, values }));
}

/** Store-item daily sales: the 82 series with all 1,826 days (the slice's last series is partial). */
function loadDaily() {
  const lines = readFileSync(resolve(data, 'store-item-demand-forecasting/retail_sales_sample.csv'), 'utf8').trim().split('\n').slice(1);
  const bySeries = new Map<string, number[]>();
  for (const l of lines) {
    const [, store, item, sales] = l.split(',');
    const id = `${store}/${item}`;
    let v = bySeries.get(id);
    if (!v) bySeries.set(id, (v = []));
    v.push(Number(sales));
  }
  return [...bySeries].filter(([, v]) => v.length === 1826).map(([id, v]) => ({ id, values: Float64Array.from(v) }));
}

const PROTOCOLS: Record<string, Protocol> = {
  // 15 origins (105, 107, …, 133), H = 8: 39,900 windows, as in issue #19.
  weekly: { name: 'store × department, weekly', load: loadWeekly, models: ['naive', 'snaive', 'ets-nonseasonal', 'ets', 'stl-ets', 'sdiff-ses'], horizon: 8, seasonLength: 52, firstOrigin: 105, lastOrigin: 133, step: 2 },
  // The app's default first origin for this file (55 % of the history), weekly origins to the end, H = 14: 116
  // origins. Fast models only (automatic ETS takes many minutes here).
  daily: { name: 'store-item, daily', load: loadDaily, models: ['naive', 'snaive', 'sdiff-ses', 'stl-ets'], horizon: 14, seasonLength: 7, firstOrigin: 1004, lastOrigin: 1809, step: 7 },
};

async function check(key: string) {
  const p = PROTOCOLS[key];
  const cache = join(tmpdir(), `shelfcast-accuracy-${key}`);
  let result: BacktestResult;
  let backtestMs = NaN;
  if (process.env.ACC_CACHE !== '0' && existsSync(cache + '.bin')) result = load(cache);
  else {
    const series = p.load();
    const t0 = Date.now();
    result = await runBacktest(series, { models: p.models.map(createStatModel), horizon: p.horizon, seasonLength: p.seasonLength, firstOrigin: p.firstOrigin, lastOrigin: p.lastOrigin, step: p.step });
    backtestMs = Date.now() - t0;
    save(cache, result);
  }
  const t1 = Date.now();
  const summary = summarizeBacktest(result, { quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
  const scoreMs = Date.now() - t1;
  console.log(`\n${p.name}: ${result.seriesIds.length} series, ${result.rows} windows, H=${p.horizon}, origins ${p.firstOrigin}..${p.lastOrigin} step ${p.step}; backtest ${Number.isFinite(backtestMs) ? `${(backtestMs / 1000).toFixed(1)} s` : 'cached'}, scoring ${(scoreMs / 1000).toFixed(1)} s; coverage on origins > ${summary.splitOrigin}`);
  for (const s of summary.skipped ?? []) console.log(`  skipped ${s.modelId}: ${s.reason}`);
  console.log('  model | WAPE | MAPE | MASE | 80% covers');
  for (const row of summary.leaderboard) {
    const o = row.overall;
    console.log(`  ${row.modelId} | ${o.wape?.toFixed(2)} | ${o.mape?.toFixed(2)} | ${o.mase?.toFixed(3)} | ${((row.intervals.coverage[0]?.observed ?? NaN) * 100).toFixed(1)}`);
  }
}

for (const key of (process.env.ACC_FILES ?? 'weekly,daily').split(',')) await check(key);
