/**
 * The per-series model choice alone (issue #18): selectModels on synthetic backtests of 1k, 10k and 30k series
 * (3 origins, H = 8, 6 models, values from the app's seeded RNG), CPU time of one call, this checkout and, with
 * SELECTION_BEFORE=<folder of an older checkout>, that one's:
 *   SELECTION_BEFORE=../eval-before node -e "import('vite').then(v => v.runnerImport('./scripts/bench-selection.ts'))"
 */
import { selectModels } from '../src/lib/forecast/evaluate/ensemble';
import type { BacktestResult } from '../src/lib/forecast/evaluate/types';
import { createRng } from '../src/lib/core/rng';

function synthetic(series: number): BacktestResult {
  const H = 8;
  const M = 6;
  const origins = [132, 140, 148];
  const rows = series * origins.length;
  const rng = createRng(7);
  const rand = () => rng.next();
  const actual = Float64Array.from({ length: rows * H }, () => 100 * rand());
  return {
    horizon: H,
    seasonLength: 52,
    modelIds: Array.from({ length: M }, (_, i) => `m${i}`),
    modelLabels: Array.from({ length: M }, (_, i) => `M${i}`),
    seriesIds: Array.from({ length: series }, (_, s) => `s${s}`),
    rows,
    rowSeries: Int32Array.from({ length: rows }, (_, r) => Math.floor(r / origins.length)),
    rowOrigin: Int32Array.from({ length: rows }, (_, r) => origins[r % origins.length]),
    actual,
    forecast: Float64Array.from({ length: M * rows * H }, (_, t) => actual[t % (rows * H)] + 30 * (rand() - 0.5)),
    scale: new Float64Array(rows).fill(10),
    lastValue: new Float64Array(rows).fill(50),
    level: new Float64Array(rows).fill(50),
  };
}

const cpuMs = (fn: () => unknown) => {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const sizes = (process.env.SELECTION_SIZES ?? '1000,10000,30000').split(',').map(Number);
const old = process.env.SELECTION_BEFORE ? await import(/* @vite-ignore */ `${process.env.SELECTION_BEFORE}/src/lib/forecast/evaluate/ensemble.ts`) : null;
for (const n of sizes) {
  const r = synthetic(n);
  selectModels(synthetic(100), { k: 2, metric: 'rmse' });
  const now = cpuMs(() => selectModels(r, { k: 2, metric: 'rmse' }));
  const before = old ? cpuMs(() => old.selectModels(r, { k: 2, metric: 'rmse' })) : NaN;
  console.log(`${n} series: selectModels ${(now / 1000).toFixed(3)} s CPU${old ? `, before ${(before / 1000).toFixed(2)} s CPU` : ''}`);
}
