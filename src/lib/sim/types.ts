/**
 * Types of the inventory simulator's input and output. Everything here is structured-cloneable (plain
 * objects, numbers, strings, typed arrays) so it can cross a worker boundary as is.
 */

/** Per-period values: one number for every period, or one per period (length ≥ warm-up + periods). */
export type PerPeriod = number | ArrayLike<number>;

/** Where demand comes from. Every random model draws from a seeded RNG, so runs repeat exactly. */
export type DemandModel =
  /** Poisson with the given mean per period. */
  | { kind: 'poisson'; mean: PerPeriod }
  /** Normal N(mean, sd²) per period, truncated at 0; rounded to whole units when `round` (default false). */
  | { kind: 'normal'; mean: PerPeriod; sd: PerPeriod; round?: boolean }
  /** Negative binomial (Gamma-Poisson mixture) with mean and variance > mean per period. */
  | { kind: 'negative-binomial'; mean: number; variance: number }
  /** I.i.d. draws (with replacement) from observed per-period demands: the bootstrap. */
  | { kind: 'empirical'; values: ArrayLike<number> }
  /** Exactly this series, period by period (length ≥ warm-up + periods). Every replication is the same. */
  | { kind: 'replay'; series: ArrayLike<number> }
  /**
   * A point forecast per period plus a forecast error drawn with replacement from past errors
   * (actual − forecast); demand = max(0, forecast + error), rounded to whole units when `round` (default true).
   */
  | { kind: 'forecast-residuals'; forecast: ArrayLike<number>; residuals: ArrayLike<number>; round?: boolean };

/** Lead time in whole periods: an order placed in period t arrives at the start of period t + L. */
export type LeadTimeModel =
  /** Always L periods (≥ 0). */
  | { kind: 'fixed'; periods: number }
  /** Uniform on the integers min..max. */
  | { kind: 'uniform'; min: number; max: number }
  /** One of `values` with the given probabilities (summing to 1). */
  | { kind: 'discrete'; values: ArrayLike<number>; probabilities: ArrayLike<number> };

/**
 * Forecast of demand over the protection interval that an order placed in period t must cover, one entry
 * per period, supplied by the forecasting side. Either moments (the policy sets S_t = μ_t + z·σ_t) or the
 * level itself (e.g. a quantile of protection-interval demand).
 */
export type ProtectionForecast =
  | {
      kind: 'moments';
      /** Mean demand over the protection interval starting at each period, units. */
      mean: ArrayLike<number>;
      /** Standard deviation of that demand, units. */
      sd: ArrayLike<number>;
    }
  | {
      kind: 'level';
      /** The order-up-to level to use in each period, units (e.g. the 95 % quantile). */
      level: ArrayLike<number>;
    };

/** An ordering rule. Inventory position x = on hand + on order − backorders, seen after arrivals. */
export type PolicySpec =
  /** Every period: if x ≤ s order S − x. */
  | { kind: 'sS'; s: number; S: number }
  /** Every `reviewPeriods` periods (at t ≡ offset mod R, offset default 0): order S − x if positive. */
  | { kind: 'RS'; reviewPeriods: number; S: number; offset?: number }
  /** Every period: if x ≤ s order the smallest multiple of Q that lifts x above s. */
  | { kind: 'sQ'; s: number; Q: number }
  /** Every period: order S − x if positive (the (S − 1, S) policy). */
  | { kind: 'base-stock'; S: number }
  /**
   * Forecast-driven order-up-to: every `reviewPeriods` periods (default 1), S_t = μ_t + z·σ_t (or the given
   * level), order S_t − x if positive. `z` is the safety factor (default 1.6449, a 95 % cycle service level).
   */
  | { kind: 'forecast-order-up-to'; forecast: ProtectionForecast; z?: number; reviewPeriods?: number };

/** A policy with a display name. */
export interface NamedPolicy {
  /** Shown in results, e.g. "(6, 40)". */
  name: string;
  /** The rule. */
  policy: PolicySpec;
}

/** Costs, in money; "period" is the simulation step (a day or a week). */
export interface SimCosts {
  /** Per unit on hand at the end of a period. */
  holdingCost: number;
  /** Backorders: per unit backordered at the end of a period. Lost sales: per unit lost. */
  shortageCost: number;
  /** Fixed cost per order placed. Default 0. */
  orderCost?: number;
  /** Per unit ordered. Default 0. */
  purchaseCost?: number;
}

/** Everything `simulate` needs. */
export interface SimulateInput {
  /** Measured periods per replication (≥ 1). */
  periods: number;
  /** Periods simulated first and left out of every KPI (≥ 0). Default 0. */
  warmupPeriods?: number;
  /** Independent replications (≥ 1) for confidence intervals. Default 1. */
  replications?: number;
  /** RNG seed; the same seed repeats the run exactly. Default 1. */
  seed?: number;
  /** What a period is. Only a label for the UI. Default 'daily'. */
  frequency?: 'daily' | 'weekly';
  /** Demand model, shared by all policies (common random numbers). */
  demand: DemandModel;
  /** Lead time. Default fixed 0. */
  leadTime?: LeadTimeModel;
  /** Unmet demand waits (backorder, default) or is lost. */
  unmet?: 'backorder' | 'lost';
  /** Costs. */
  costs: SimCosts;
  /** Policies to compare on the same demand paths (1..20). */
  policies: NamedPolicy[];
  /** Starting on hand, units. Default: S for sS/RS/base-stock, s + Q for sQ, the first level for forecasts. */
  initialOnHand?: number;
  /** Round order quantities up to whole units. Default true. */
  integerOrders?: boolean;
  /**
   * Keep the per-period trace and the event log of the first replication. Default true up to 1 000 000
   * periods (warm-up included), false beyond; true beyond that limit is an error.
   */
  trace?: boolean;
  /** Most events kept in the log per policy. Default 10 000. */
  maxEvents?: number;
  /** Confidence level of the intervals, in (0, 1). Default 0.95. */
  confidence?: number;
}

/** Per-period trace of one replication (warm-up included; index = period). Levels are end of period. */
export interface SimTrace {
  /** Demand in the period, units. */
  demand: Float64Array;
  /** On hand at the end of the period, units. */
  onHand: Float64Array;
  /** Backorders at the end of the period, units. */
  backorders: Float64Array;
  /** Ordered but not yet arrived at the end of the period, units. */
  onOrder: Float64Array;
  /** On hand + on order − backorders at the end of the period, units. */
  inventoryPosition: Float64Array;
  /** Quantity ordered in the period, units. */
  orderPlaced: Float64Array;
  /** Quantity that arrived in the period, units. */
  arrivals: Float64Array;
  /** Demand lost in the period (lost-sales mode), units. */
  lostSales: Float64Array;
  /** Holding cost of the period, money. */
  holdingCost: Float64Array;
  /** Shortage cost of the period, money. */
  shortageCost: Float64Array;
  /** Fixed order cost of the period, money. */
  orderCost: Float64Array;
  /** Purchase cost of the period, money. */
  purchaseCost: Float64Array;
}

/** Something that happened, for the event log. */
export interface SimEvent {
  /** Period index (warm-up included). */
  period: number;
  /** What happened. */
  kind: 'order-placed' | 'order-arrived' | 'stockout';
  /** Units ordered, arrived, or short. */
  quantity: number;
  /** For 'order-placed': the period it is due. */
  duePeriod?: number;
}

/** Key performance indicators over the measured periods (warm-up excluded). */
export interface SimKpis {
  /** Total cost per period (holding + shortage + order + purchase), money. */
  totalCostPerPeriod: number;
  /** Holding cost per period. */
  holdingCostPerPeriod: number;
  /** Shortage cost per period. */
  shortageCostPerPeriod: number;
  /** Fixed order cost per period. */
  orderCostPerPeriod: number;
  /** Purchase cost per period. */
  purchaseCostPerPeriod: number;
  /** Total cost over the measured periods. */
  totalCost: number;
  /** Holding cost over the measured periods. */
  totalHoldingCost: number;
  /** Shortage cost over the measured periods. */
  totalShortageCost: number;
  /** Fixed order cost over the measured periods. */
  totalOrderCost: number;
  /** Purchase cost over the measured periods. */
  totalPurchaseCost: number;
  /** Share of demand met from stock in the period it occurred (1 when there was no demand). */
  fillRate: number;
  /** Share of replenishment cycles (arrival to next arrival) without a stockout. */
  cycleServiceLevel: number;
  /** Share of periods in which all demand was met from stock. */
  periodServiceLevel: number;
  /** Mean end-of-period on hand, units. */
  averageOnHand: number;
  /** Mean end-of-period backorders, units. */
  averageBackorders: number;
  /** Orders placed. */
  ordersPlaced: number;
  /** Units demanded. */
  unitsDemanded: number;
  /** Units not met from stock when demanded (backordered or lost). */
  unitsShort: number;
}

/** mean ± t·s/√n over replications. */
export interface ConfidenceInterval {
  /** Sample mean. */
  mean: number;
  /** t_{n−1} quantile × s / √n (0 when n = 1). */
  halfWidth: number;
  /** mean − halfWidth. */
  low: number;
  /** mean + halfWidth. */
  high: number;
  /** Number of replications. */
  n: number;
}

/** The KPIs that get confidence intervals. */
export type IntervalKpi = 'totalCostPerPeriod' | 'fillRate' | 'cycleServiceLevel' | 'periodServiceLevel' | 'averageOnHand';

/** One policy's results. */
export interface PolicyResult {
  /** As given. */
  name: string;
  /** As given. */
  policy: PolicySpec;
  /** KPIs averaged over replications. */
  kpis: SimKpis;
  /** Confidence intervals over replications. */
  intervals: Record<IntervalKpi, ConfidenceInterval>;
  /** Each replication's total cost per period. */
  costPerReplication: Float64Array;
  /** Trace of the first replication (when `trace`). */
  trace?: SimTrace;
  /** Event log of the first replication (when `trace`), in time order. */
  events?: SimEvent[];
  /** True when the log hit `maxEvents`. */
  eventsTruncated?: boolean;
}

/** What `simulate` returns. */
export interface SimulateResult {
  /** Label, as given. */
  frequency: 'daily' | 'weekly';
  /** Measured periods per replication. */
  periods: number;
  /** Warm-up periods per replication. */
  warmupPeriods: number;
  /** Replications run. */
  replications: number;
  /** Confidence level of `intervals`. */
  confidence: number;
  /** One entry per policy, in input order. */
  policies: PolicyResult[];
}
