/**
 * Types of the inventory view's scenario: one (s,S) policy on one demand source, what `simulate`, `compare`,
 * `optimize` and `costSurface` return for it, and a demand source made ready. Domain types: the simulate
 * worker's protocol, the view's state and saved runs all take them from here.
 */
import type { Frequency } from '../../core/dates';
import type { DiscreteDistribution, SsEvaluation, SsOptimum } from '../../policy';
import type { DemandModel, NamedPolicy, SimulateResult } from '../types';

/** Where the demand of a scenario comes from. Units per period. */
export type DemandSource =
  /** Poisson with this mean per period (> 0). */
  | { kind: 'poisson'; mean: number }
  /** Normal N(mean, sd²) per period, truncated at 0 and rounded to whole units; sd 0 is constant demand. */
  | { kind: 'normal'; mean: number; sd: number }
  /** Negative binomial (over-dispersed) with mean and variance > mean. */
  | { kind: 'negative-binomial'; mean: number; variance: number }
  /**
   * A series of the workspace. 'replay' plays its history period by period (every replication the same);
   * 'fit' fits Poisson or negative binomial by moments (negative binomial when variance > 1.1 × mean);
   * 'bootstrap' draws its observed values with replacement. Missing periods count as 0 in 'replay' and are
   * skipped otherwise; negative values (returns) count as 0.
   */
  | { kind: 'series'; datasetId: string; seriesIndex: number; use: 'replay' | 'fit' | 'bootstrap' };

/** Lead time in whole periods. */
export type LeadTimeSpec =
  /** Always `periods` (0..365). */
  | { kind: 'fixed'; periods: number }
  /** Uniform on the integers min..max; orders may cross. */
  | { kind: 'uniform'; min: number; max: number };

/** Everything the inventory view's sliders describe: one (s,S) policy on one demand source. */
export interface Scenario {
  /** Demand. */
  demand: DemandSource;
  /** Lead time. */
  leadTime: LeadTimeSpec;
  /** Unmet demand waits (backorders) or is lost. */
  unmet: 'backorder' | 'lost';
  /** Holding cost h, money per unit on hand per period (> 0). */
  holdingCost: number;
  /** Shortage cost p: per unit backordered per period, or per unit lost (> 0). */
  shortageCost: number;
  /** Fixed cost K per order, money (≥ 0). */
  orderCost: number;
  /** Purchase cost c per unit ordered, money (≥ 0). */
  purchaseCost: number;
  /** Reorder point s: order when the inventory position is ≤ s. Units. */
  s: number;
  /** Order-up-to level S (> s). Units. */
  S: number;
  /** Review period R used by the (R,S) comparison policy and the safety-stock formula, periods ≥ 1. */
  reviewPeriods: number;
  /** Measured periods per replication (≥ 1; a replayed series caps it at its length minus the warm-up). */
  periods: number;
  /** Periods simulated first and left out of the KPIs (≥ 0). */
  warmupPeriods: number;
  /** Independent replications for confidence intervals (1..1000). */
  replications: number;
  /** RNG seed: the same seed repeats the run. */
  seed: number;
}

/** What is known about a scenario's demand (for the formulas and the charts). */
export interface DemandInfo {
  /** Words for people, e.g. "Poisson(10)" or "Store 1 / Dept 3, negative binomial fit". */
  label: string;
  /** Mean demand per period, units. */
  mean: number;
  /** Standard deviation per period, units. */
  sd: number;
  /** What the simulator draws from. */
  family: 'poisson' | 'normal' | 'negative-binomial' | 'empirical' | 'replay';
  /** Period of the source (a weekly dataset gives 'weekly'; synthetic demand is 'daily'). */
  frequency: Frequency;
  /** The series' observed history (a copy; NaN = missing), for series sources only. */
  history: Float64Array | null;
  /** Periods a replay can cover (the history's length), or null when demand is drawn. */
  maxPeriods: number | null;
  /** Suspicious-but-usable facts about the source (missing periods, negative values), for people. */
  warnings: string[];
}

/** Result of `simulate`. */
export interface SimulateResponse {
  /** The scenario as run (periods possibly capped by a replay), for saving. */
  scenario: Scenario;
  /** The simulation: one policy, "(s, S)", with trace and event log of replication 1. */
  result: SimulateResult;
  /** Demand facts. */
  demand: DemandInfo;
  /** Exact long-run cost of the (s,S) by renewal reward, when the model fits (backorders, drawn demand). */
  exact: SsEvaluation | null;
  /** Why `exact` is null or approximate, for people (empty when exact applies as is). */
  exactNotes: string[];
  /** Time taken, ms (worker time when run in the simulate worker). */
  elapsedMs: number;
}

/** Input of `compare`. */
export interface CompareRequest {
  /** The scenario whose demand, lead time and costs every policy shares. */
  scenario: Scenario;
  /** Policies to compare (1..12), e.g. from `comparisonPolicies` in ui/inventory/formulas.ts. */
  policies: NamedPolicy[];
  /** Add the exact optimal (s,S) (Zheng-Federgruen) as one more policy. Default true. */
  includeOptimal?: boolean;
}

/** Result of `compare`. */
export interface CompareResponse {
  /** One entry per policy, same demand and lead-time paths (common random numbers); no trace. */
  result: SimulateResult;
  /** The optimum added, when `includeOptimal` and the model allows it. */
  optimal: SsOptimum | null;
  /** Time taken, ms (worker time when run in the simulate worker). */
  elapsedMs: number;
}

/** Result of `optimize`. */
export interface OptimizeResponse {
  /** The exact optimal (s,S) and its long-run cost, by Zheng-Federgruen. */
  optimum: SsOptimum;
  /** Exact cost of the scenario's own (s,S), for comparison. */
  current: SsEvaluation;
  /** Approximations made to fit the exact model (lost sales, random lead time, continuous demand). */
  notes: string[];
  /** Time taken, ms (worker time when run in the simulate worker). */
  elapsedMs: number;
}

/** Input of `costSurface`. */
export interface CostSurfaceRequest {
  /** The scenario (demand, lead time and costs). */
  scenario: Scenario;
  /** Reorder points, inclusive range [from, to], whole units. Default: around the optimum. */
  sRange?: [number, number];
  /** Order-up-to levels, inclusive range [from, to], whole units. Default: around the optimum. */
  SRange?: [number, number];
  /** Most cells per axis (2..121); a wider range is sampled with a step > 1. Default 41. */
  maxCells?: number;
}

/** Exact cost c(s,S) over a grid. Cells with S ≤ s are NaN. */
export interface CostSurface {
  /** Reorder points of the columns, increasing. */
  s: Int32Array;
  /** Order-up-to levels of the rows, increasing. */
  S: Int32Array;
  /** Cost per period, row-major: cost[row * s.length + col] is c(s[col], S[row]). */
  cost: Float64Array;
  /** The optimum (also when it lies outside the grid). */
  optimum: SsOptimum;
  /** Smallest and largest finite cost in the grid. */
  range: [number, number];
  /** Time taken, ms (worker time when run in the simulate worker). */
  elapsedMs: number;
}

/** A demand source that is a workspace series. */
export type SeriesSource = Extract<DemandSource, { kind: 'series' }>;

/** A workspace series as loaded for a scenario (by the simulate worker, from IndexedDB). */
export interface LoadedSeries {
  /** Series id, for labels and messages. */
  id: string;
  /** Its dataset's name, for labels. */
  datasetName: string;
  /** Its dataset's frequency. */
  frequency: Frequency;
  /** Observed values per period; NaN = missing. */
  values: Float64Array;
}

/** A demand source made ready: what the simulator draws from and, lazily, its discrete distribution. */
export interface ResolvedDemand {
  /** What the simulator draws from. */
  model: DemandModel;
  /** Facts for people and charts (the history is the cached one: copy it before it leaves). */
  info: DemandInfo;
  /** Per-period demand in lots of `lot` units (1: whole units), for the exact (s,S) formulas. */
  distribution: (lot: number) => DiscreteDistribution;
  /** Why the exact model only approximates this source, or null. */
  exactNote: string | null;
}
