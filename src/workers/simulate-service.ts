/**
 * The simulate worker's handlers: turn a `Scenario` (what the inventory view's sliders describe) into the
 * inputs of lib/sim and lib/policy, and load workspace series from IndexedDB. The inventory math is in lib;
 * this module only adapts, caches series, and builds the exact-cost grid from lib's one-period cost.
 *
 * Every typed array in a result is transferred (rpc.ts), so results never share a buffer with a cache here:
 * series histories go out as copies.
 */
import { checkpoint, throwIfAborted } from '../lib/core/abort';
import { AppError, invalidOption, maybeFinite, maybeInteger, maybeNonNegative, maybeOneOf } from '../lib/core/errors';
import type { ProgressCallback } from '../lib/core/progress';
import {
  convolvePower,
  type DiscreteDistribution,
  empiricalDistribution,
  evaluateSs,
  fromMasses,
  negativeBinomialDistribution,
  normalCdf,
  optimizeSs,
  pointMass,
  poissonDistribution,
  type SsEvaluation,
  type SsModelOptions,
  type SsOptimum,
} from '../lib/policy';
import { createOnePeriodCost } from '../lib/policy/one-period';
import { type DemandModel, type NamedPolicy, type SimulateInput, simulate } from '../lib/sim';
import { loadSeriesAt } from '../persistence/datasets';
import { openWorkspaceDb, type ShelfcastDB } from '../persistence/db';
import type { Handlers } from './rpc';
import type { CostSurface, DemandInfo, DemandSource, LeadTimeSpec, Scenario, SimulateApi } from './simulate-protocol';

/** Longest run the view simulates with a trace, periods (warm-up included): 96 bytes per period. */
export const MAX_SCENARIO_PERIODS = 100_000;

/** A demand source made ready: what the simulator draws from and, lazily, its discrete distribution. */
interface ResolvedDemand {
  model: DemandModel;
  info: DemandInfo;
  /** Per-period demand in lots of `lot` units (1: whole units), for the exact (s,S) formulas. */
  distribution: (lot: number) => DiscreteDistribution;
  /** Why the exact model only approximates this source. */
  exactNote: string | null;
}

/** A number for labels: whole numbers as they are, others to 4 significant digits (never in e-notation). */
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : Math.abs(x) >= 1000 ? String(Math.round(x)) : x.toPrecision(4).replace(/\.?0+$/, ''));

/** Validates a scenario from the page (P5): throws `invalid <field>: <value>`. */
export function maybeScenario(x: Scenario): Scenario {
  if (x === null || typeof x !== 'object') invalidOption('scenario', x, 'an object');
  const s = maybeInteger('s', x.s, -1e6, 1e6);
  const bigS = maybeInteger('S', x.S, -1e6, 1e6);
  if (!(bigS > s)) invalidOption('S', x.S, `an integer > s (${s})`);
  const warmupPeriods = maybeInteger('warmupPeriods', x.warmupPeriods, 0, MAX_SCENARIO_PERIODS);
  return {
    demand: maybeDemand(x.demand),
    leadTime: maybeLeadTime(x.leadTime),
    unmet: maybeOneOf('unmet', x.unmet, ['backorder', 'lost'] as const),
    holdingCost: maybeNonNegative('holdingCost', x.holdingCost, true),
    shortageCost: maybeNonNegative('shortageCost', x.shortageCost, true),
    orderCost: maybeNonNegative('orderCost', x.orderCost),
    purchaseCost: maybeNonNegative('purchaseCost', x.purchaseCost),
    s,
    S: bigS,
    reviewPeriods: maybeInteger('reviewPeriods', x.reviewPeriods, 1, 365),
    periods: maybeInteger('periods', x.periods, 1, MAX_SCENARIO_PERIODS - warmupPeriods),
    warmupPeriods,
    replications: maybeInteger('replications', x.replications, 1, 1000),
    seed: maybeInteger('seed', x.seed, 0, 2 ** 32 - 1),
  };
}

function maybeDemand(d: DemandSource): DemandSource {
  const kind = maybeOneOf('demand.kind', d?.kind, ['poisson', 'normal', 'negative-binomial', 'series'] as const);
  if (kind === 'poisson') return { kind, mean: maybeNonNegative('demand.mean', (d as { mean: number }).mean, true) };
  if (kind === 'normal') {
    const n = d as Extract<DemandSource, { kind: 'normal' }>;
    return { kind, mean: maybeNonNegative('demand.mean', n.mean, true), sd: maybeNonNegative('demand.sd', n.sd) };
  }
  if (kind === 'negative-binomial') {
    const n = d as Extract<DemandSource, { kind: 'negative-binomial' }>;
    const mean = maybeNonNegative('demand.mean', n.mean, true);
    const variance = maybeFinite('demand.variance', n.variance);
    if (!(variance > mean)) invalidOption('demand.variance', n.variance, `a variance > mean (${mean})`);
    return { kind, mean, variance };
  }
  const s = d as Extract<DemandSource, { kind: 'series' }>;
  if (typeof s.datasetId !== 'string' || !s.datasetId) invalidOption('demand.datasetId', s.datasetId, 'a dataset id');
  return {
    kind,
    datasetId: s.datasetId,
    seriesIndex: maybeInteger('demand.seriesIndex', s.seriesIndex, 0),
    use: maybeOneOf('demand.use', s.use, ['replay', 'fit', 'bootstrap'] as const),
  };
}

function maybeLeadTime(l: LeadTimeSpec): LeadTimeSpec {
  const kind = maybeOneOf('leadTime.kind', l?.kind, ['fixed', 'uniform'] as const);
  if (kind === 'fixed') return { kind, periods: maybeInteger('leadTime.periods', (l as { periods: number }).periods, 0, 365) };
  const u = l as Extract<LeadTimeSpec, { kind: 'uniform' }>;
  const min = maybeInteger('leadTime.min', u.min, 0, 365);
  return { kind, min, max: maybeInteger('leadTime.max', u.max, min, 365) };
}

/** Normal demand rounded to whole units and truncated at 0, as the simulator draws it (round: true). */
function discretizedNormal(mean: number, sd: number): DiscreteDistribution {
  if (sd === 0) return pointMass(Math.max(0, Math.round(mean)));
  const top = Math.ceil(mean + 12 * sd) + 1;
  const masses = new Float64Array(top + 1);
  let prev = 0;
  for (let k = 0; k <= top; k++) {
    const c = normalCdf((k + 0.5 - mean) / sd);
    masses[k] = Math.max(0, c - prev);
    prev = c;
  }
  return fromMasses(masses);
}

/** Demand means up to this many units per period are modelled exactly in whole units. */
const MAX_UNIT_MEAN = 200;

/**
 * Lot size for the exact model: 1 up to a mean of MAX_UNIT_MEAN, else a 1-2-5 number that brings the mean to
 * 40..100 lots. Zheng-Federgruen works on whole units and costs O(S·pmf length) for the renewal function, so a
 * store's weekly sales (tens of thousands of units) are counted in lots of 500 or 1000.
 */
export function lotSize(mean: number): number {
  if (!(mean > MAX_UNIT_MEAN)) return 1;
  const x = mean / 100;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/**
 * One distribution per lot size, built on first use. Large means are counted in lots; the rounded normal
 * with the same mean and variance stands in for Poisson and negative binomial there (their shape is
 * close to normal at such means).
 */
function byLot(exact: () => DiscreteDistribution, moments: { mean: number; sd: number }, sample?: ArrayLike<number>): (lot: number) => DiscreteDistribution {
  const cache = new Map<number, DiscreteDistribution>();
  return (lot) => {
    let d = cache.get(lot);
    if (!d) {
      if (lot === 1) d = exact();
      else if (sample) d = empiricalDistribution(Array.from(sample, (v) => v / lot));
      else d = discretizedNormal(moments.mean / lot, moments.sd / lot);
      cache.set(lot, d);
    }
    return d;
  };
}

function synthetic(d: Exclude<DemandSource, { kind: 'series' }>): ResolvedDemand {
  const base = { frequency: 'daily' as const, history: null, maxPeriods: null, warnings: [] };
  if (d.kind === 'poisson') {
    return {
      model: { kind: 'poisson', mean: d.mean },
      info: { ...base, label: `Poisson(${fmt(d.mean)})`, mean: d.mean, sd: Math.sqrt(d.mean), family: 'poisson' },
      distribution: byLot(() => poissonDistribution(d.mean), { mean: d.mean, sd: Math.sqrt(d.mean) }),
      exactNote: null,
    };
  }
  if (d.kind === 'normal') {
    return {
      model: { kind: 'normal', mean: d.mean, sd: d.sd, round: true },
      info: { ...base, label: d.sd === 0 ? `constant ${fmt(d.mean)}` : `Normal(${fmt(d.mean)}, ${fmt(d.sd)}²)`, mean: d.mean, sd: d.sd, family: 'normal' },
      distribution: byLot(() => discretizedNormal(d.mean, d.sd), d),
      exactNote: null,
    };
  }
  return {
    model: { kind: 'negative-binomial', mean: d.mean, variance: d.variance },
    info: { ...base, label: `negative binomial (mean ${fmt(d.mean)}, variance ${fmt(d.variance)})`, mean: d.mean, sd: Math.sqrt(d.variance), family: 'negative-binomial' },
    distribution: byLot(() => negativeBinomialDistribution(d.mean, d.variance), { mean: d.mean, sd: Math.sqrt(d.variance) }),
    exactNote: null,
  };
}

/** A stored series cleaned for simulation: observed values ≥ 0, and the replay path (missing → 0). */
function fromSeries(
  source: Extract<DemandSource, { kind: 'series' }>,
  loaded: { id: string; datasetName: string; frequency: DemandInfo['frequency']; values: Float64Array },
): ResolvedDemand {
  const { values } = loaded;
  const observed: number[] = [];
  const replay = new Float64Array(values.length);
  let missing = 0;
  let negative = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      missing++;
      continue;
    }
    if (v < 0) negative++;
    replay[i] = Math.max(0, v);
    observed.push(replay[i]);
  }
  if (observed.length < 2) throw new AppError('invalid-input', `Series ${loaded.id} has fewer than two observed periods: pick another series.`);
  const n = observed.length;
  const mean = observed.reduce((a, b) => a + b, 0) / n;
  const variance = observed.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  if (!(mean > 0)) throw new AppError('invalid-input', `Series ${loaded.id} has no demand (all observed values are 0).`);
  const warnings: string[] = [];
  if (missing) warnings.push(`${missing} missing period${missing === 1 ? '' : 's'}: ${source.use === 'replay' ? 'replayed as 0' : 'left out of the fit'}.`);
  if (negative) warnings.push(`${negative} negative value${negative === 1 ? '' : 's'} (returns) counted as 0.`);
  const name = `${loaded.datasetName} · ${loaded.id}`;
  const common = { frequency: loaded.frequency, history: values, maxPeriods: null as number | null, warnings };
  if (source.use === 'replay') {
    return {
      model: { kind: 'replay', series: replay },
      info: { ...common, label: `${name}, replayed`, mean, sd: Math.sqrt(variance), family: 'replay', maxPeriods: values.length },
      distribution: byLot(() => empiricalDistribution(observed), { mean, sd: Math.sqrt(variance) }, observed),
      exactNote: 'The exact cost treats demand as independent draws from the history; the replay is one path, in order.',
    };
  }
  if (source.use === 'bootstrap') {
    return {
      model: { kind: 'empirical', values: Float64Array.from(observed) },
      info: { ...common, label: `${name}, bootstrap`, mean, sd: Math.sqrt(variance), family: 'empirical' },
      distribution: byLot(() => empiricalDistribution(observed), { mean, sd: Math.sqrt(variance) }, observed),
      exactNote: null,
    };
  }
  // Same rule as lib/policy fitDistribution('auto'): over-dispersed by more than 10 % → negative binomial.
  if (variance > 1.1 * mean) {
    return {
      model: { kind: 'negative-binomial', mean, variance },
      info: { ...common, label: `${name}, negative binomial fit (mean ${fmt(mean)}, variance ${fmt(variance)})`, mean, sd: Math.sqrt(variance), family: 'negative-binomial' },
      distribution: byLot(() => negativeBinomialDistribution(mean, variance), { mean, sd: Math.sqrt(variance) }),
      exactNote: null,
    };
  }
  return {
    model: { kind: 'poisson', mean },
    info: { ...common, label: `${name}, Poisson fit (mean ${fmt(mean)})`, mean, sd: Math.sqrt(mean), family: 'poisson' },
    distribution: byLot(() => poissonDistribution(mean), { mean, sd: Math.sqrt(mean) }),
    exactNote: null,
  };
}

/** The exact model of a scenario: options in lots of `lot` units, and the approximations it needed. */
interface ExactModel {
  /** Options for lib/policy, demand in lots and holding and backorder costs per lot. */
  options: SsModelOptions;
  /** Units per lot (1 unless demand is large). */
  lot: number;
  /** Approximations, for people. */
  notes: string[];
}

/** The exact (s,S) model of a scenario, with the approximations it needed. */
function exactModel(x: Scenario, d: ResolvedDemand): ExactModel {
  const notes: string[] = [];
  if (d.exactNote) notes.push(d.exactNote);
  const lot = lotSize(d.info.mean);
  if (lot > 1) notes.push(`Demand is large (mean ${fmt(d.info.mean)} a period), so the exact model counts in lots of ${lot} units: its s and S are multiples of ${lot}, and your (s,S) is rounded to lots.`);
  let lead: number;
  if (x.leadTime.kind === 'fixed') lead = x.leadTime.periods;
  else {
    lead = Math.round((x.leadTime.min + x.leadTime.max) / 2);
    if (x.leadTime.max > x.leadTime.min) notes.push(`The exact model uses the mean lead time, ${lead} periods: random lead times add variability it does not see.`);
  }
  if (x.unmet === 'lost') notes.push('The exact model is for backorders; with lost sales its cost is an approximation (the simulation is not).');
  return {
    options: { demand: d.distribution(lot), leadTimePeriods: lead, orderCost: x.orderCost, holdingCost: x.holdingCost * lot, backorderCost: x.shortageCost * lot },
    lot,
    notes,
  };
}

/** An evaluation in lots converted back to units (money figures and rates are unchanged). */
function toUnits<T extends SsEvaluation>(e: T, lot: number): T {
  if (lot === 1) return e;
  const out = { ...e, s: e.s * lot, S: e.S * lot, averageOnHand: e.averageOnHand * lot, averageBackorders: e.averageBackorders * lot };
  if ('myopicLevel' in out) (out as unknown as SsOptimum).myopicLevel *= lot;
  return out;
}

/** Exact cost of the scenario's own (s,S), rounded to lots. */
function evaluateCurrent(m: ExactModel, x: Scenario): SsEvaluation {
  const s = Math.round(x.s / m.lot);
  return toUnits(evaluateSs({ ...m.options, s, S: Math.max(s + 1, Math.round(x.S / m.lot)) }), m.lot);
}

function toSimulateInput(x: Scenario, d: ResolvedDemand, policies: NamedPolicy[], trace: boolean): SimulateInput {
  let periods = x.periods;
  if (d.info.maxPeriods !== null) {
    const room = d.info.maxPeriods - x.warmupPeriods;
    if (room < 1) throw new AppError('invalid-input', `The series has ${d.info.maxPeriods} periods, not more than the warm-up (${x.warmupPeriods}): lower the warm-up.`);
    periods = Math.min(periods, room);
  }
  return {
    periods,
    warmupPeriods: x.warmupPeriods,
    replications: x.replications,
    seed: x.seed,
    frequency: d.info.frequency === 'weekly' ? 'weekly' : 'daily',
    demand: d.model,
    leadTime: x.leadTime.kind === 'fixed' ? { kind: 'fixed', periods: x.leadTime.periods } : { kind: 'uniform', min: x.leadTime.min, max: x.leadTime.max },
    unmet: x.unmet,
    costs: { holdingCost: x.holdingCost, shortageCost: x.shortageCost, orderCost: x.orderCost, purchaseCost: x.purchaseCost },
    policies,
    trace,
  };
}

/** The numbers of `lo..hi` that are `anchor + k·step`, always including `anchor` when it lies in range. */
function aligned(anchor: number, lo: number, hi: number, step: number): Int32Array {
  const kMin = Math.floor((lo - anchor) / step);
  const kMax = Math.ceil((hi - anchor) / step);
  return Int32Array.from({ length: kMax - kMin + 1 }, (_, i) => anchor + (kMin + i) * step);
}

/**
 * Exact c(s,S) = [K + Σ_{j<S−s} m(j)·G(S − j)] / M(S − s) (ss-exact.ts) on a grid, one row per S: walking s
 * down from S − 1 adds one renewal term per step, so a row costs O(S − min s) instead of O((S − s)²).
 */
async function surfaceCosts(
  o: SsModelOptions,
  sValues: Int32Array,
  SValues: Int32Array,
  signal: AbortSignal,
  progress: ProgressCallback,
): Promise<Float64Array> {
  const pmf = o.demand.pmf;
  const lead = o.leadTimePeriods ?? 0;
  const g = createOnePeriodCost(lead === 0 ? o.demand : convolvePower(o.demand, lead + 1), o.holdingCost, o.backorderCost);
  const q = 1 - pmf[0];
  const sMin = sValues[0];
  const nMax = Math.max(1, SValues[SValues.length - 1] - sMin);
  // Renewal mass m(j) and its running sum M(n) = Σ_{j<n} m(j).
  const m = new Float64Array(nMax);
  const cum = new Float64Array(nMax + 1);
  for (let j = 0; j < nMax; j++) {
    let acc = j === 0 ? 1 : 0;
    for (let l = 1; l <= Math.min(j, pmf.length - 1); l++) acc += pmf[l] * m[j - l];
    m[j] = acc / q;
    cum[j + 1] = cum[j] + m[j];
  }
  const cols = sValues.length;
  const cost = new Float64Array(cols * SValues.length).fill(NaN);
  for (let row = 0; row < SValues.length; row++) {
    const bigS = SValues[row];
    let acc = o.orderCost;
    let col = cols - 1;
    while (col >= 0 && sValues[col] >= bigS) col--;
    for (let s = bigS - 1; s >= sMin && col >= 0; s--) {
      acc += m[bigS - 1 - s] * g.cost(s + 1);
      if (s === sValues[col]) cost[row * cols + col--] = acc / cum[bigS - s];
    }
    if (row % 8 === 7) {
      progress({ phase: 'optimizing', done: row + 1, total: SValues.length });
      await checkpoint(signal);
    }
  }
  progress({ phase: 'optimizing', done: SValues.length, total: SValues.length });
  return cost;
}

/** Creates the simulate handlers over a workspace database (opened lazily, only for series sources). */
export function createSimulateHandlers(open: () => Promise<ShelfcastDB> = () => openWorkspaceDb()): Handlers<SimulateApi> {
  let dbPromise: Promise<ShelfcastDB> | null = null;
  const db = () => (dbPromise ??= open());
  // A few recently used series, so that dragging a slider does not reread IndexedDB.
  const cache = new Map<string, ResolvedDemand>();

  async function resolve(source: DemandSource): Promise<ResolvedDemand> {
    if (source.kind !== 'series') return synthetic(source);
    const key = JSON.stringify(source);
    const hit = cache.get(key);
    if (hit) return hit;
    const d = await db();
    const [meta, record] = await Promise.all([d.get('datasets', source.datasetId), loadSeriesAt(d, source.datasetId, source.seriesIndex)]);
    if (!meta || !record) throw new AppError('not-found', `Series ${source.seriesIndex + 1} of dataset ${source.datasetId} is not in the workspace (deleted?).`);
    const resolved = fromSeries(source, { id: record.id, datasetName: meta.name, frequency: meta.frequency, values: record.values });
    if (cache.size >= 6) cache.delete(cache.keys().next().value as string);
    cache.set(key, resolved);
    return resolved;
  }

  /** Demand info for a response: the history only when asked for, and then as a copy (it is transferred). */
  const infoOf = (d: ResolvedDemand, withHistory: boolean): DemandInfo => ({
    ...d.info,
    warnings: [...d.info.warnings],
    history: withHistory && d.info.history ? d.info.history.slice() : null,
  });

  return {
    async describeDemand({ demand }) {
      return infoOf(await resolve(maybeDemand(demand)), true);
    },

    async simulate({ scenario }, { signal, onProgress }) {
      const t0 = performance.now();
      const x = maybeScenario(scenario);
      const d = await resolve(x.demand);
      throwIfAborted(signal);
      const input = toSimulateInput(x, d, [{ name: `(${x.s}, ${x.S})`, policy: { kind: 'sS', s: x.s, S: x.S } }], true);
      const result = await simulate(input, signal, onProgress);
      let exact = null;
      let exactNotes: string[];
      try {
        const model = exactModel(x, d);
        exactNotes = model.notes;
        exact = evaluateCurrent(model, x);
      } catch (error) {
        exactNotes = [`No exact cost: ${error instanceof Error ? error.message : String(error)}`];
      }
      return { scenario: { ...x, periods: input.periods }, result, demand: infoOf(d, false), exact, exactNotes, elapsedMs: performance.now() - t0 };
    },

    async compare({ scenario, policies, includeOptimal = true }, { signal, onProgress }) {
      const t0 = performance.now();
      const x = maybeScenario(scenario);
      if (!Array.isArray(policies) || policies.length < 1 || policies.length > 12) invalidOption('policies', policies, 'an array of 1 to 12 policies');
      const d = await resolve(x.demand);
      let optimal = null;
      const all = [...policies];
      if (includeOptimal) {
        const model = exactModel(x, d);
        optimal = toUnits(optimizeSs(model.options), model.lot);
        all.push({ name: `Optimal (s,S) = (${optimal.s}, ${optimal.S})`, policy: { kind: 'sS', s: optimal.s, S: optimal.S } });
      }
      const result = await simulate(toSimulateInput(x, d, all, false), signal, onProgress);
      return { result, optimal, elapsedMs: performance.now() - t0 };
    },

    async optimize({ scenario }, { signal, onProgress }) {
      const t0 = performance.now();
      const x = maybeScenario(scenario);
      const d = await resolve(x.demand);
      onProgress({ phase: 'optimizing', done: 0, total: 1 });
      throwIfAborted(signal);
      const model = exactModel(x, d);
      const optimum = toUnits(optimizeSs(model.options), model.lot);
      const current = evaluateCurrent(model, x);
      const notes = model.notes;
      onProgress({ phase: 'optimizing', done: 1, total: 1 });
      return { optimum, current, notes, elapsedMs: performance.now() - t0 };
    },

    async costSurface({ scenario, sRange, SRange, maxCells = 41 }, { signal, onProgress }): Promise<CostSurface> {
      const t0 = performance.now();
      const x = maybeScenario(scenario);
      const cells = maybeInteger('maxCells', maxCells, 2, 121);
      const d = await resolve(x.demand);
      // Everything below is in lots (1 unit unless demand is large); the axes go back to units at the end.
      const model = exactModel(x, d);
      const { options, lot } = model;
      const optimum = optimizeSs(options);
      const xs = Math.round(x.s / lot);
      const xS = Math.max(xs + 1, Math.round(x.S / lot));
      const lead = options.leadTimePeriods ?? 0;
      const sdLead = Math.sqrt(options.demand.variance * (lead + 1));
      const ws = Math.max(5, Math.ceil(2.5 * sdLead));
      const wS = Math.max(8, Math.ceil(0.6 * (optimum.S - optimum.s)));
      // Default window: around the optimum, stretched to show the scenario's own policy when it is near.
      const near = Math.abs(xs - optimum.s) <= 4 * ws && Math.abs(xS - optimum.S) <= 4 * wS;
      const inLots = (r: [number, number] | undefined, name: string): [number, number] | undefined => {
        if (!r) return undefined;
        const from = maybeInteger(`${name}[0]`, r[0], -1e6, 1e6);
        return [Math.floor(from / lot), Math.ceil(maybeInteger(`${name}[1]`, r[1], from, 1e6) / lot)];
      };
      const [lo, hi] = inLots(sRange, 'sRange') ?? [Math.min(optimum.s - ws, near ? xs : Infinity), Math.max(optimum.s + ws, near ? xs : -Infinity)];
      const [loS, hiS0] = inLots(SRange, 'SRange') ?? [Math.min(optimum.S - wS, near ? xS : Infinity), Math.max(optimum.S + wS, near ? xS : -Infinity)];
      const hiS = Math.max(hiS0, lo + 1);
      // Columns with s ≥ every S of the grid would be empty (S must exceed s).
      const hiCut = sRange ? hi : Math.max(optimum.s, Math.min(hi, hiS - 1));
      const sValues = aligned(optimum.s, lo, hiCut, Math.max(1, Math.ceil((hiCut - lo) / (cells - 1))));
      const SValues = aligned(optimum.S, Math.max(loS, sValues[0] + 1), hiS, Math.max(1, Math.ceil((hiS - loS) / (cells - 1))));
      const cost = await surfaceCosts(options, sValues, SValues, signal, onProgress);
      if (lot > 1) {
        sValues.forEach((v, i) => (sValues[i] = v * lot));
        SValues.forEach((v, i) => (SValues[i] = v * lot));
      }
      let min = Infinity;
      let max = -Infinity;
      for (const c of cost) {
        if (!Number.isFinite(c)) continue;
        if (c < min) min = c;
        if (c > max) max = c;
      }
      return { s: sValues, S: SValues, cost, optimum: toUnits(optimum, lot), range: [min, max], elapsedMs: performance.now() - t0 };
    },
  };
}
