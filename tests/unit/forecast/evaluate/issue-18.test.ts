import { describe, expect, it } from 'vitest';
import { selectModels } from '../../../../src/lib/forecast/evaluate/ensemble';
import { measureIntervals } from '../../../../src/lib/forecast/evaluate/calibration';
import type { BacktestResult } from '../../../../src/lib/forecast/evaluate/types';
import { createRng } from '../../../../src/lib/core/rng';

/** A synthetic backtest: `series` series × 3 origins, H = 8, 5 models, values from the app's seeded RNG. */
function syntheticResult(series: number): BacktestResult {
  const H = 8;
  const M = 5;
  const origins = [100, 108, 116];
  const rows = series * origins.length;
  const rng = createRng(12345);
  const rand = () => rng.next();
  const actual = Float64Array.from({ length: rows * H }, () => 50 + 100 * rand());
  const forecast = Float64Array.from({ length: M * rows * H }, (_, t) => actual[t % (rows * H)] + 20 * (rand() - 0.5) * (1 + Math.floor(t / (rows * H))));
  return {
    horizon: H,
    seasonLength: 52,
    modelIds: ['a', 'b', 'c', 'd', 'e'],
    modelLabels: ['A', 'B', 'C', 'D', 'E'],
    seriesIds: Array.from({ length: series }, (_, s) => `s${s}`),
    rows,
    rowSeries: Int32Array.from({ length: rows }, (_, r) => Math.floor(r / origins.length)),
    rowOrigin: Int32Array.from({ length: rows }, (_, r) => origins[r % origins.length]),
    actual,
    forecast,
    scale: new Float64Array(rows).fill(10),
    lastValue: new Float64Array(rows).fill(100),
    level: new Float64Array(rows).fill(100),
  };
}

/** Least CPU time (user + system, µs) of five runs of `fn`. CPU time, not wall time: on a shared machine the
 * wall time counts the other processes' turns too. */
function cpuTime(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    best = Math.min(best, c.user + c.system);
  }
  return best;
}

describe('issue #18: per-series work over a backtest is linear in the series', () => {
  const small = syntheticResult(1_000);
  const large = syntheticResult(10_000);

  it('selectModels: 10× the series takes under 15× the time', () => {
    selectModels(small, { k: 2, metric: 'rmse' }); // warm the JIT and the row index
    const t1 = cpuTime(() => selectModels(small, { k: 2, metric: 'rmse' }));
    const t10 = cpuTime(() => selectModels(large, { k: 2, metric: 'rmse' }));
    expect(t10 / t1).toBeLessThan(15);
  });

  it('selectModels picks, per series, the model with the smallest error on its own rows', () => {
    const r = syntheticResult(50);
    // Model 'e' is exact on series 7 only.
    for (const row of [21, 22, 23]) for (let h = 0; h < 8; h++) r.forecast[(4 * r.rows + row) * 8 + h] = r.actual[row * 8 + h];
    const sel = selectModels(r, { k: 1, metric: 'rmse' });
    expect(sel[7].modelIds).toEqual(['e']);
    expect(sel[7].scores[4]).toBe(0);
    expect(sel[8].modelIds).toEqual(['a']);
  });

  it('measureIntervals: 10× the series takes under 15× the time', () => {
    measureIntervals(small, 0, { splitOrigin: 104 });
    const t1 = cpuTime(() => measureIntervals(small, 0, { splitOrigin: 104 }));
    const t10 = cpuTime(() => measureIntervals(large, 0, { splitOrigin: 104 }));
    expect(t10 / t1).toBeLessThan(15);
  });
});
