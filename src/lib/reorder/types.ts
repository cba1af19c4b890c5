import type { InventoryItem } from '../dataset/types';
import type { ItemForecast } from './forecast-input';

/**
 * Types of the reorder engine's input and output. The result is columnar (one typed array per figure, one
 * entry per inventory item, in input order) so 30 000 items cross a worker boundary as a few transfers.
 */

/**
 * What the engine concludes for an item, in order of precedence:
 * - STOCK_UNKNOWN: on hand is missing (NaN), nothing can be computed;
 * - INVALID_INPUT: a field needed for the plan is unusable (negative lead time, NaN in the forecast...), see `reasons`;
 * - NO_FORECAST: no forecast for the series;
 * - NO_HISTORY: a forecast exists but was made from no history (`historyPeriods === 0`);
 * - CRITICAL: projected stockout before an order placed today could arrive (days to stockout < lead time);
 * - REORDER: inventory position ≤ reorder point;
 * - OVERSTOCK: the position covers more days than the overstock limit;
 * - HEALTHY: none of the above.
 */
export const REORDER_STATUSES = [
  'CRITICAL',
  'REORDER',
  'HEALTHY',
  'OVERSTOCK',
  'NO_FORECAST',
  'NO_HISTORY',
  'STOCK_UNKNOWN',
  'INVALID_INPUT',
] as const;

/** One of `REORDER_STATUSES`. */
export type ReorderStatus = (typeof REORDER_STATUSES)[number];

/** Status codes as stored in `ReorderResult.status` (index into `REORDER_STATUSES`). */
export const STATUS = {
  CRITICAL: 0,
  REORDER: 1,
  HEALTHY: 2,
  OVERSTOCK: 3,
  NO_FORECAST: 4,
  NO_HISTORY: 5,
  STOCK_UNKNOWN: 6,
  INVALID_INPUT: 7,
} as const satisfies Record<ReorderStatus, number>;

/** Facts about an item's plan worth showing, as bits of `ReorderResult.flags`. */
export const REORDER_FLAGS = [
  'negative-on-hand',
  'on-order-missing',
  'backorders-missing',
  'unit-cost-missing',
  'moq-defaulted',
  'pack-size-defaulted',
  'service-level-from-class',
  'sigma-from-backtest',
  'sigma-from-quantiles',
  'sigma-poisson',
  'cumulative-errors',
  'fill-rate-target',
  'lead-time-variability',
  'horizon-extended',
  'short-history',
  'negative-forecast-clipped',
  'zero-forecast',
  'open-orders',
  'moq-applied',
  'pack-rounded',
  'eoq-applied',
  'expedite',
  'cover-beyond-horizon',
  'forecast-starts-later',
] as const;

/** One of `REORDER_FLAGS`. */
export type ReorderFlag = (typeof REORDER_FLAGS)[number];

/** Bit of each flag in `ReorderResult.flags`. */
export const FLAG = Object.fromEntries(REORDER_FLAGS.map((f, i) => [f, 1 << i])) as Record<ReorderFlag, number>;

/** ABC class labels by `ReorderResult.abc` code. */
export const ABC_CLASSES = ['A', 'B', 'C'] as const;
/** XYZ class labels by `ReorderResult.xyz` code (3 = unknown: no usable forecast). */
export const XYZ_CLASSES = ['X', 'Y', 'Z', '-'] as const;

/** An order placed earlier (e.g. approved in a previous run) and not yet in the snapshot's `onOrder`. */
export interface OpenOrder {
  /** Series the order replenishes. */
  seriesId: string;
  /** Units ordered (> 0; others are ignored and counted in `ReorderResult.ignoredOpenOrders`). */
  quantity: number;
  /** Day number the goods are expected. Default: `orderDay` + the item's lead time, else as for snapshot on-order. */
  expectedArrivalDay?: number;
  /** Day number the order was placed. */
  orderDay?: number;
}

/** How order quantities are sized once an item is at or below its reorder point. */
export type LotSizing =
  /** Periodic-review (R, S): order up to S = reorder point (the default). */
  | { kind: 'order-up-to' }
  /**
   * (R, s, S) with S = s + EOQ (Silver, Pyke & Thomas 2017, §7.5): EOQ = √(2·K·D / (i·c)) with D the annual
   * forecast demand, K `orderCost` per order, i `holdingRatePerYear` and c the unit cost.
   */
  | { kind: 'eoq'; orderCost: number; holdingRatePerYear: number };

/** Options of the reorder engine; every field has a documented default. */
export interface ReorderOptions {
  /** Day number the stock positions refer to. Default: each forecast's `firstDay`. */
  asOfDay?: number;
  /** Days between reviews R (integer ≥ 0; 0 = continuous review). Default 7. */
  reviewDays?: number;
  /** Cycle service level per ABC class, each in (0, 1). Default A 0.98, B 0.95, C 0.90. */
  serviceLevelByClass?: { A: number; B: number; C: number };
  /**
   * 'item': use `InventoryItem.serviceLevel` unless it was defaulted (then the class level); 'class': always the
   * class level. Default 'item'.
   */
  serviceLevelSource?: 'item' | 'class';
  /** Cumulative shares of annual value closing classes A and B. Default [0.8, 0.95]. */
  abcThresholds?: [number, number];
  /** Upper bounds of the forecast-error CV for classes X and Y (above: Z). Default [0.5, 1.0]. */
  xyzThresholds?: [number, number];
  /** Cover beyond this many days is OVERSTOCK (> 0). Default 120. */
  overstockDays?: number;
  /**
   * Correlation ρ in [0, 1] assumed between forecast errors of different periods of one protection interval:
   * Var = (1 − ρ)·Σ w_h·σ_h² + ρ·(Σ w_h·σ_h)². Default 0 (independent errors, σ√P).
   */
  errorCorrelation?: number;
  /** Lot sizing. Default order-up-to. */
  lotSizing?: LotSizing;
  /**
   * What the service levels mean: 'cycle' (default), the probability of no stockout in a replenishment cycle,
   * z = Φ⁻¹(α); or 'fill-rate', the share of demand met from stock β, with the loss-function condition
   * σ_P·G(k) = (1 − β)·Q (Q: the demand of one review period, or the EOQ under EOQ lot sizing).
   */
  serviceMeasure?: 'cycle' | 'fill-rate';
  /**
   * How a forecast's `cumulativeErrors` set safety stock: 'rms' (default), a normal distribution with σ = their root
   * mean square; 'empirical', their quantile (cycle) or their mean shortfall (fill rate) directly. A backtest has
   * tens of origins, and the empirical 99.5% quantile of 20 errors is their maximum, biased low: in the closed loop
   * (docs/closed-loop.md) 'rms' cost 46% less than the best rule on the demo where 'empirical' cost 17% less.
   */
  cumulativeRule?: 'empirical' | 'rms';
  /**
   * When the snapshot's `onOrder` arrives, for the stockout projection: 'now', 'half-lead-time' (an order
   * outstanding at a random moment has half its lead time left on average) or 'lead-time'. Default 'half-lead-time'.
   */
  onOrderArrival?: 'now' | 'half-lead-time' | 'lead-time';
  /** Flag items whose forecast was fitted on fewer periods than this as 'short-history' (integer ≥ 0). Default 52. */
  shortHistoryPeriods?: number;
}

/** Everything the engine reads. */
export interface ReorderInput {
  /** Inventory positions, one row of the result each, in order. */
  items: readonly InventoryItem[];
  /**
   * Forecasts matched to items by `seriesId`; each forecast serves one item (snapshot keys are unique, so a
   * repeated item id finds no second forecast and is NO_FORECAST). Fastest in item order.
   */
  forecasts: readonly ItemForecast[];
  /** Orders placed earlier, counted as on order. */
  openOrders?: readonly OpenOrder[];
  /** Options. */
  options?: ReorderOptions;
}

/**
 * Per-item figures, one entry per item. Units are units unless named; days are calendar days. NaN where a
 * figure could not be computed (see the row's status). All columns are views of one ArrayBuffer
 * (`columns.onHand.buffer`), so a worker transfers it once.
 */
export interface ReorderColumns {
  /** Units on hand as given (NaN when missing). */
  onHand: Float64Array;
  /** Snapshot on order (0 when missing). */
  onOrder: Float64Array;
  /** Units of open orders counted. */
  openOrderUnits: Float64Array;
  /** Backorders (0 when missing). */
  backorders: Float64Array;
  /** Inventory position = on hand + on order + open orders − backorders. */
  position: Float64Array;
  /** Lead time L, days. */
  leadTimeDays: Float64Array;
  /** σ of the lead time, days. */
  leadTimeStdDays: Float64Array;
  /** Protection interval L + R, days. */
  protectionDays: Float64Array;
  /** Service level used: cycle service α, or fill rate β (see `options.serviceMeasure`). */
  serviceLevel: Float64Array;
  /** Safety factor: z = Φ⁻¹(α) for cycle service, k with σ_P·G(k) = (1 − β)·Q for fill rate; SS ÷ σ_P when the
   * safety stock came from the empirical cumulative errors. */
  z: Float64Array;
  /** Forecast mean demand over the lead time. */
  demandLead: Float64Array;
  /** Forecast mean demand over the protection interval μ_P. */
  demandProtection: Float64Array;
  /** σ of demand over the protection interval, lead-time variability included. */
  sigmaProtection: Float64Array;
  /** Safety stock: z·σ_P, or read off the backtest's cumulative errors (flag 'cumulative-errors'). */
  safetyStock: Float64Array;
  /** Reorder point s = μ_P + safety stock. */
  reorderPoint: Float64Array;
  /** Order-up-to level S (= s, or s + EOQ). */
  orderUpTo: Float64Array;
  /** EOQ, units (NaN unless EOQ lot sizing applied). */
  eoq: Float64Array;
  /** S − position before rounding (NaN when no order is due). */
  rawQuantity: Float64Array;
  /** Recommended order, units: rounded up to the MOQ and to whole packs; 0 when none. */
  orderQuantity: Float64Array;
  /** Order quantity × unit cost, money. */
  orderValue: Float64Array;
  /** Days the position lasts under the forecast mean (Infinity when demand is 0). */
  coverDays: Float64Array;
  /** Days the on-hand stock alone lasts. */
  onHandCoverDays: Float64Array;
  /** Days until projected stockout from on hand plus timed arrivals (Infinity when none in sight). */
  daysToStockout: Float64Array;
  /** Position − demand over the overstock limit, when OVERSTOCK; else 0. */
  excessUnits: Float64Array;
  /** Excess units × unit cost, money. */
  excessValue: Float64Array;
  /** Annual forecast demand × unit cost, money (ABC basis). */
  annualValue: Float64Array;
  /** CV of forecast errors: Σ σ_h ÷ Σ forecast over the protection interval (at least one period); XYZ basis. */
  errorCv: Float64Array;
  /** Unit cost used (NaN when missing). */
  unitCost: Float64Array;
  /** MOQ used. */
  moq: Float64Array;
  /** Pack size used. */
  packSize: Float64Array;
}

/** Options after defaults, as the engine used them. */
export interface NormalizedReorderOptions {
  /** See `ReorderOptions.asOfDay`; NaN = per-forecast firstDay. */
  asOfDay: number;
  /** R, days. */
  reviewDays: number;
  /** α per class. */
  serviceLevelByClass: { A: number; B: number; C: number };
  /** Service-level source. */
  serviceLevelSource: 'item' | 'class';
  /** ABC cumulative shares. */
  abcThresholds: [number, number];
  /** XYZ CV bounds. */
  xyzThresholds: [number, number];
  /** Overstock limit, days. */
  overstockDays: number;
  /** ρ. */
  errorCorrelation: number;
  /** Lot sizing. */
  lotSizing: LotSizing;
  /** Service measure. */
  serviceMeasure: 'cycle' | 'fill-rate';
  /** Rule for cumulative errors. */
  cumulativeRule: 'empirical' | 'rms';
  /** Snapshot on-order arrival assumption. */
  onOrderArrival: 'now' | 'half-lead-time' | 'lead-time';
  /** Short-history threshold, periods. */
  shortHistoryPeriods: number;
}

/** Counts and totals over all items. */
export interface ReorderSummary {
  /** Items per status, by status code. */
  statusCounts: Int32Array;
  /** Σ order value, money. */
  totalOrderValue: number;
  /** Σ order quantity, units. */
  totalOrderUnits: number;
  /** Σ excess value of OVERSTOCK items, money. */
  totalExcessValue: number;
}

/** The engine's output. Row i describes `input.items[i]`. */
export interface ReorderResult {
  /** Number of rows. */
  count: number;
  /** Series id per row. */
  seriesIds: string[];
  /** Status code per row (index into `REORDER_STATUSES`). */
  status: Uint8Array;
  /** Bit set of `FLAG` per row. */
  flags: Uint32Array;
  /** Why the status is NO_FORECAST / NO_HISTORY / STOCK_UNKNOWN / INVALID_INPUT, or '' otherwise. */
  reasons: string[];
  /** ABC code per row (index into `ABC_CLASSES`). */
  abc: Uint8Array;
  /** XYZ code per row (index into `XYZ_CLASSES`). */
  xyz: Uint8Array;
  /** Day number each row's figures start from. */
  asOfDay: Int32Array;
  /** Days per forecast period per row (0 without a forecast). */
  periodDays: Int32Array;
  /** The figures. */
  columns: ReorderColumns;
  /** Totals. */
  summary: ReorderSummary;
  /** Open orders that matched no item or had a quantity ≤ 0. */
  ignoredOpenOrders: number;
  /** Options as used. */
  options: NormalizedReorderOptions;
}
