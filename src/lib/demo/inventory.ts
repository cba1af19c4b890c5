/**
 * The demo inventory snapshot: one position per daily demo series, drawn relative to that series' recent demand
 * so that the reorder view shows every status. With μ and σ the mean and standard deviation of daily demand over
 * the last 91 days, L the lead time and ROP = μL + z·√(Lσ² + μ²σ_L²) the reorder point, positions
 * (on hand + on order − backorders) are drawn as:
 * - critical (15%): below half the lead-time demand μL; a third of them out of stock with backorders;
 * - reorder (20%): between 0.7·ROP and ROP;
 * - healthy (45%): ROP plus 20-100% of an order cycle (7-28 days of demand, at least the MOQ);
 * - overstock (20%): ROP plus a cycle plus 90-180 days of demand.
 */
import type { Rng } from '../core/rng';
import type { Dataset, InventoryItem, InventorySnapshot } from '../dataset/types';
import { DEFAULT_INVENTORY_DEFAULTS } from '../dataset/types';
import { IssueCollector } from '../dataset/issues';
import type { DemoItemKind, DemoItemProfile } from './daily-items';
import { round } from './meta';

/** The stock situation a demo position is drawn to show. */
export type DemoStockTarget = 'critical' | 'reorder' | 'healthy' | 'overstock';

/** Fixed id of the demo inventory snapshot. */
export const DEMO_INVENTORY_ID = 'demo-inventory';

// 3 critical, 4 reorder, 9 healthy, 4 overstock in every 20 positions (after a seeded shuffle).
const PATTERN: DemoStockTarget[] = [
  ...Array<DemoStockTarget>(3).fill('critical'),
  ...Array<DemoStockTarget>(4).fill('reorder'),
  ...Array<DemoStockTarget>(9).fill('healthy'),
  ...Array<DemoStockTarget>(4).fill('overstock'),
];

// Standard normal quantiles of the service levels used.
const Z: Record<number, number> = { 0.9: 1.2816, 0.95: 1.6449, 0.98: 2.0537, 0.99: 2.3263 };
const SERVICE: Record<DemoItemKind, number[]> = { fast: [0.98, 0.99], regular: [0.95, 0.98], intermittent: [0.9, 0.95] };
const PACKS: Record<DemoItemKind, number[]> = { fast: [6, 12, 24], regular: [1, 6, 12], intermittent: [1] };

/** Generates the snapshot for `dataset` (the daily demo data) as of its last day. */
export function generateDemoInventory(rng: Rng, dataset: Dataset, profiles: DemoItemProfile[], createdAt: number): InventorySnapshot {
  const n = dataset.series.length;
  const targets = Array.from({ length: n }, (_, i) => PATTERN[i % PATTERN.length]);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [targets[i], targets[j]] = [targets[j], targets[i]];
  }
  const items = dataset.series.map((s, i): InventoryItem => {
    const { kind, shelfPrice } = profiles[i];
    const { mean, std } = recentDemand(s.values, 91);
    const leadTimeDays = 2 + rng.int(20);
    const leadTimeStdDays = round(leadTimeDays * (0.1 + 0.2 * rng.next()), 1);
    const serviceLevel = pick(rng, SERVICE[kind]);
    const packSize = pick(rng, PACKS[kind]);
    const moq = packSize * (1 + rng.int(kind === 'fast' ? 4 : 2));
    const rop = mean * leadTimeDays + Z[serviceLevel] * Math.sqrt(leadTimeDays * std ** 2 + (mean * leadTimeStdDays) ** 2);
    const cycle = Math.max(mean * (7 + rng.int(22)), moq);
    const position = drawPosition(rng, targets[i], { mean, leadTimeDays, rop, cycle });
    let onHand = position;
    let onOrder = 0;
    let backorders = 0;
    if (position < 0) [onHand, backorders] = [0, -position];
    else if (targets[i] !== 'critical' && targets[i] !== 'overstock' && rng.next() < 0.3) {
      onOrder = packSize * Math.floor((0.4 * position) / packSize);
      onHand = position - onOrder;
    }
    return {
      seriesId: s.id,
      key: { ...s.key },
      onHand,
      onOrder,
      backorders,
      leadTimeDays,
      leadTimeStdDays,
      unitCost: round(shelfPrice * (0.45 + 0.25 * rng.next()), 2),
      moq,
      packSize,
      serviceLevel,
      defaulted: [],
    };
  });
  return {
    id: DEMO_INVENTORY_ID,
    name: 'Demo inventory',
    sourceFile: '',
    createdAt,
    asOfDay: dataset.meta.lastDay,
    datasetId: dataset.meta.id,
    keyColumns: dataset.meta.keyColumns.slice(),
    items,
    defaults: { ...DEFAULT_INVENTORY_DEFAULTS },
    report: new IssueCollector().report(),
  };
}

/** Whole-unit inventory position for a target; negative = out of stock with backorders. */
function drawPosition(
  rng: Rng,
  target: DemoStockTarget,
  { mean, leadTimeDays, rop, cycle }: { mean: number; leadTimeDays: number; rop: number; cycle: number },
): number {
  const u = rng.next();
  switch (target) {
    case 'critical':
      return u < 1 / 3 ? -1 - Math.floor(mean * 2 * rng.next()) : Math.floor(0.5 * mean * leadTimeDays * u);
    case 'reorder':
      return Math.max(Math.ceil(0.7 * rop), Math.min(Math.floor(rop), Math.floor(rop * (0.7 + 0.3 * u))));
    case 'healthy':
      return Math.max(Math.floor(rop) + 1, Math.ceil(rop + cycle * (0.2 + 0.8 * u)));
    case 'overstock':
      return Math.ceil(rop + cycle + mean * (90 + 90 * u));
  }
}

/** Mean and sample standard deviation of the last `window` values (NaN skipped); a floor keeps μ > 0. */
function recentDemand(values: Float64Array, window: number): { mean: number; std: number } {
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  for (let i = Math.max(0, values.length - window); i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    n++;
    sum += v;
    sum2 += v * v;
  }
  const mean = n > 0 ? sum / n : 0;
  const std = n > 1 ? Math.sqrt(Math.max(0, (sum2 - n * mean * mean) / (n - 1))) : 0;
  return { mean: Math.max(mean, 0.05), std };
}

function pick<T>(rng: Rng, options: readonly T[]): T {
  return options[rng.int(options.length)];
}
