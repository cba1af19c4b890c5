import { createRng } from '../core/rng';
import type { InventoryItem } from '../dataset/types';
import { normalQuantile } from '../policy/normal';
import { runReorder } from './engine';
import { explainAll } from './explain';
import type { ItemForecast } from './forecast-input';
import { buildInsights } from './insights';
import type { OpenOrder, ReorderInput } from './types';

/** Options of the synthetic workload. */
export interface SyntheticReorderOptions {
  /** Items (integer ≥ 1). Default 30 000. */
  items?: number;
  /** Forecast horizon, days (daily forecasts). Default 90. */
  horizonDays?: number;
  /** Seed. Default 1. */
  seed?: number;
}

const LEVELS = [0.1, 0.5, 0.9, 0.95, 0.99];
const Z = LEVELS.map(normalQuantile);

/**
 * A seeded workload shaped like a retail snapshot: 100 stores × products, daily forecasts with five quantile
 * levels (one shared levels array, as the forecasting side produces), a third with backtest σ instead, weekly
 * seasonality, lead times 2-30 days, MOQ and packs, 10 % with an open order, and a few items with missing stock
 * or no forecast so every branch runs.
 */
export function createSyntheticReorderInput(options: SyntheticReorderOptions = {}): ReorderInput {
  const n = options.items ?? 30_000;
  const H = options.horizonDays ?? 90;
  const rng = createRng(options.seed ?? 1);
  const items: InventoryItem[] = [];
  const forecasts: ItemForecast[] = [];
  const openOrders: OpenOrder[] = [];
  const firstDay = 19_000;
  for (let i = 0; i < n; i++) {
    const store = String(1 + (i % 100));
    const product = `P${String(Math.floor(i / 100)).padStart(4, '0')}`;
    const seriesId = `${store} / ${product}`;
    const level = Math.exp(rng.normal() * 1.2 + 1.5);
    const cv = 0.2 + 0.8 * rng.next();
    const mean = new Float64Array(H);
    for (let h = 0; h < H; h++) mean[h] = level * (1 + 0.25 * Math.sin((2 * Math.PI * (h % 7)) / 7)) * (1 + 0.002 * h);
    const fc: ItemForecast = { seriesId, periodDays: 1, firstDay, mean, quantileLevels: LEVELS, quantiles: [], historyPeriods: 200 + rng.int(800), recentMean: level * (0.8 + 0.4 * rng.next()), model: 'synthetic' };
    if (i % 3 === 0) {
      fc.errorSigma = new Float64Array([cv * level, cv * level * 1.1, cv * level * 1.2]);
      fc.quantileLevels = [];
    } else {
      fc.quantiles = Z.map((z) => {
        const q = new Float64Array(H);
        for (let h = 0; h < H; h++) q[h] = Math.max(0, mean[h] + z * cv * Math.sqrt(mean[h]) * (1 + 0.02 * h));
        return q;
      });
    }
    if (i % 500 !== 7) forecasts.push(fc);
    const lead = 2 + rng.int(29);
    const pack = [1, 1, 6, 12, 24][rng.int(5)];
    const cover = rng.next() * 120;
    items.push({
      seriesId,
      key: { Store: store, Product: product },
      onHand: i % 997 === 3 ? NaN : Math.round(level * cover),
      onOrder: rng.next() < 0.3 ? pack * rng.int(10) : 0,
      backorders: rng.next() < 0.02 ? rng.int(5) : 0,
      leadTimeDays: lead,
      leadTimeStdDays: rng.next() < 0.5 ? lead * 0.2 : 0,
      unitCost: Math.round(100 * (1 + 50 * rng.next())) / 100,
      moq: pack * (1 + rng.int(3)),
      packSize: pack,
      serviceLevel: 0.95,
      defaulted: rng.next() < 0.5 ? ['serviceLevel'] : [],
    });
    if (rng.next() < 0.1) openOrders.push({ seriesId, quantity: pack * (1 + rng.int(5)), expectedArrivalDay: firstDay + rng.int(lead + 1) });
  }
  return { items, forecasts, openOrders, options: { overstockDays: 90 } };
}

/** One benchmark figure. */
export interface ReorderBenchRow {
  /** What was measured. */
  name: string;
  /** The figure. */
  value: number;
  /** Its unit. */
  unit: string;
}

/**
 * Times `runReorder` on the synthetic workload (best of `repeats` after two warm-up runs), then the
 * explanations of every row and the insights, in the calling thread (a worker in `npm run bench`).
 */
export function runReorderBench(options: SyntheticReorderOptions & { now?: () => number; repeats?: number } = {}): ReorderBenchRow[] {
  const now = options.now ?? Date.now;
  const input = createSyntheticReorderInput(options);
  const n = input.items.length;
  runReorder(input);
  runReorder(input);
  let best = Infinity;
  let result = runReorder(input);
  for (let k = 0; k < (options.repeats ?? 10); k++) {
    const t0 = now();
    result = runReorder(input);
    best = Math.min(best, now() - t0);
  }
  const t1 = now();
  explainAll(result);
  const t2 = now();
  buildInsights({ result, items: input.items, forecasts: input.forecasts });
  const t3 = now();
  return [
    { name: `runReorder, ${n} items × ${options.horizonDays ?? 90} daily periods`, value: best, unit: 'ms' },
    { name: `explanations (numbers + sentence) for all ${n} items`, value: t2 - t1, unit: 'ms' },
    { name: `insights over ${n} items`, value: t3 - t2, unit: 'ms' },
  ];
}
