/**
 * Where "Forecast the future" spends its time at scale (issue #18), in Node on one thread: a synthetic weekly
 * dataset (generateWeeklyStores, PROFILE_SERIES series × 156 weeks), a 3-origin backtest with the models in
 * PROFILE_MODELS (default snaive, sdiff-ses, stl-ets), then forecastDataset timed whole and in its parts: the
 * per-series model choice (selectModels), the interval fit, and the rest (the chosen models' fits on every
 * series, the weights, the quantiles). PROFILE_BEFORE=<folder of an older checkout> times that checkout's
 * selectModels and forecastDataset on the same backtest.
 *   PROFILE_SERIES=30000 node -e "import('vite').then(v => v.runnerImport('./scripts/profile-forecast.ts'))"
 */
import { dayFromYmd } from '../src/lib/core/dates';
import { createRng } from '../src/lib/core/rng';
import { generateWeeklyStores } from '../src/lib/demo/weekly-stores';
import { runBacktest } from '../src/lib/forecast/evaluate/backtest';
import { selectModels } from '../src/lib/forecast/evaluate/ensemble';
import { fitIntervalModel } from '../src/lib/forecast/evaluate/calibration';
import { createStatModel, type StatModelId } from '../src/lib/forecast/models/registry';
import { ENSEMBLE_ID, summarizeBacktest, type BacktestReport } from '../src/lib/forecast/run/backtest-dataset';
import { forecastDataset } from '../src/lib/forecast/run/forecast-dataset';

const N = Number(process.env.PROFILE_SERIES ?? 10_000);
const modelIds = (process.env.PROFILE_MODELS ?? 'snaive,sdiff-ses,stl-ets').split(',') as StatModelId[];
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const timeIt = async <T>(label: string, fn: () => T | Promise<T>): Promise<T> => {
  const c0 = cpu();
  const t0 = performance.now();
  const out = await fn();
  console.log(`  ${label.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(2).padStart(7)} s wall ${((cpu() - c0) / 1000).toFixed(2).padStart(7)} s CPU`);
  return out;
};

const dataset = generateWeeklyStores(createRng(18), { stores: N, weeks: 156, lastFriday: dayFromYmd(2024, 12, 27), createdAt: 0 });
console.log(`${N} weekly series × 156, models ${modelIds.join(', ')}, 3 origins (132, 140, 148), H = 8`);
const raw = await timeIt('backtest (runBacktest)', () =>
  runBacktest(dataset.series.map((s) => ({ id: s.id, values: s.values, start: s.start })), { models: modelIds.map(createStatModel), horizon: 8, seasonLength: 52, firstOrigin: 132, step: 8 }),
);
const settings = { modelIds, horizon: 8, firstOrigin: 132, step: 8, quantiles: [0.1, 0.5, 0.9], ensembleK: 2 };
const summary = await timeIt('scores, ensemble, intervals (summarizeBacktest)', () => summarizeBacktest(raw, settings));
const report: BacktestReport = { datasetId: 'profile', settings, seasonLength: 52, ...summary, elapsedMs: 0 };
const { result } = report;
const candidates = result.modelIds.filter((id) => id !== ENSEMBLE_ID);
const bare = { ...result, modelIds: candidates, forecast: result.forecast.subarray(0, candidates.length * result.rows * 8) };

console.log('this checkout:');
await timeIt('selectModels (k = 2, RMSE)', () => selectModels(bare, { k: 2, metric: 'rmse' }));
await timeIt('fitIntervalModel (ensemble, all origins)', () => fitIntervalModel(result, result.modelIds.indexOf(ENSEMBLE_ID)));
const fc = await timeIt('forecastDataset, whole', () => forecastDataset(dataset, report, { horizon: 8 }));
console.log(`  (${fc.series.length} series forecast)`);

if (process.env.PROFILE_BEFORE) {
  const root = process.env.PROFILE_BEFORE;
  const old = await import(/* @vite-ignore */ `${root}/src/lib/forecast/evaluate/ensemble.ts`);
  const oldRun = await import(/* @vite-ignore */ `${root}/src/lib/forecast/run/forecast-dataset.ts`);
  const oldIntervals = await import(/* @vite-ignore */ `${root}/src/lib/forecast/evaluate/intervals.ts`);
  console.log(`${root}:`);
  await timeIt('selectModels (k = 2, RMSE)', () => old.selectModels(bare, { k: 2, metric: 'rmse' }));
  await timeIt('fitErrorQuantiles (ensemble, all origins)', () => oldIntervals.fitErrorQuantiles(result, result.modelIds.indexOf(ENSEMBLE_ID), { quantiles: [0.1, 0.5, 0.9] }));
  await timeIt('forecastDataset, whole', () => oldRun.forecastDataset(dataset, report, { horizon: 8 }));
}
