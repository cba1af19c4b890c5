import { checkpoint, throwIfAborted } from '../core/abort';
import { invalidOption, maybeInteger, maybeNonNegative } from '../core/errors';
import { createProgressThrottle, type ProgressCallback } from '../core/progress';
import { createRng } from '../core/rng';
import { poissonDistribution } from '../policy/discrete';
import { maybeFiniteArray } from '../policy/options';
import { type AliasTable, createAliasTable } from './alias';

/**
 * Throughput path: (s,S) policies with Poisson demand and backorders for many items at once, e.g. 10 000
 * items × 365 days. Same sequence of events as engine.ts and ss-exact.ts (arrive, review, demand, charge
 * end of period), fixed lead time, no trace. All buffers are allocated once per call; the period loop
 * allocates nothing. Poisson demand is drawn by the alias method from a table per distinct mean (one
 * uniform per draw; masses below 1e-15 in the tail are dropped and, with 32-bit uniforms, each mass is
 * resolved to about n·2⁻³² — far below what any simulated KPI can see).
 */
export interface ManyItemsInput {
  /** Poisson mean demand per period of each item (> 0). */
  means: ArrayLike<number>;
  /** Reorder point s of each item: order when inventory position ≤ s. Units. */
  s: ArrayLike<number>;
  /** Order-up-to level S of each item (> s). Units; also the starting on hand. */
  S: ArrayLike<number>;
  /** Lead time, whole periods ≥ 0, shared by all items. Default 0. */
  leadTimePeriods?: number;
  /** Measured periods (≥ 1). */
  periods: number;
  /** Periods simulated first and left out of the results. Default 0. */
  warmupPeriods?: number;
  /** RNG seed. Default 1. */
  seed?: number;
  /** Holding cost per unit on hand per period (≥ 0). */
  holdingCost: number;
  /** Backorder cost per unit backordered per period (≥ 0). */
  backorderCost: number;
  /** Fixed cost per order (≥ 0). Default 0. */
  orderCost?: number;
}

/** Per-item results over the measured periods (one entry per item). */
export interface ManyItemsResult {
  /** Total cost per period, money. */
  costPerPeriod: Float64Array;
  /** Holding cost per period. */
  holdingCostPerPeriod: Float64Array;
  /** Backorder cost per period. */
  backorderCostPerPeriod: Float64Array;
  /** Fixed order cost per period. */
  orderCostPerPeriod: Float64Array;
  /** Share of demand met from stock in its period (1 without demand). */
  fillRate: Float64Array;
  /** Mean end-of-period on hand, units. */
  averageOnHand: Float64Array;
  /** Mean end-of-period backorders, units. */
  averageBackorders: Float64Array;
  /** Orders per period. */
  ordersPerPeriod: Float64Array;
  /** items × (warm-up + periods): the work done. */
  itemPeriods: number;
}

interface Prepared {
  means: Float64Array;
  s: Float64Array;
  S: Float64Array;
  lead: number;
  periods: number;
  warmup: number;
  seed: number;
  h: number;
  p: number;
  k: number;
  tables: AliasTable[];
  result: ManyItemsResult;
  /** sfc32 state, carried from one chunk of items to the next. */
  state: Uint32Array;
  /** Pipeline ring: slot t % L holds what is due in period t. */
  ring: Float64Array;
}

function prepare(input: ManyItemsInput): Prepared {
  const means = maybeFiniteArray('means', input.means);
  const s = maybeFiniteArray('s', input.s);
  const S = maybeFiniteArray('S', input.S);
  const n = means.length;
  if (s.length !== n) invalidOption('s.length', s.length, `the number of items (${n})`);
  if (S.length !== n) invalidOption('S.length', S.length, `the number of items (${n})`);
  const cache = new Map<number, AliasTable>();
  const tables: AliasTable[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (!(means[i] > 0)) invalidOption(`means[${i}]`, means[i], 'a mean > 0');
    if (!(S[i] > s[i])) invalidOption(`S[${i}]`, S[i], `a level > s (${s[i]})`);
    let t = cache.get(means[i]);
    if (!t) {
      t = createAliasTable(poissonDistribution(means[i]).pmf);
      cache.set(means[i], t);
    }
    tables[i] = t;
  }
  const periods = maybeInteger('periods', input.periods, 1);
  const warmup = maybeInteger('warmupPeriods', input.warmupPeriods ?? 0, 0);
  const lead = maybeInteger('leadTimePeriods', input.leadTimePeriods ?? 0, 0, 10_000);
  const seed = maybeInteger('seed', input.seed ?? 1, 0, 2 ** 32 - 1);
  const f = () => new Float64Array(n);
  return {
    means,
    s,
    S,
    lead,
    periods,
    warmup,
    seed,
    h: maybeNonNegative('holdingCost', input.holdingCost),
    p: maybeNonNegative('backorderCost', input.backorderCost),
    k: maybeNonNegative('orderCost', input.orderCost ?? 0),
    tables,
    state: createStreamState(seed),
    ring: new Float64Array(Math.max(1, lead)),
    result: {
      costPerPeriod: f(), holdingCostPerPeriod: f(), backorderCostPerPeriod: f(), orderCostPerPeriod: f(),
      fillRate: f(), averageOnHand: f(), averageBackorders: f(), ordersPerPeriod: f(),
      itemPeriods: n * (periods + warmup),
    },
  };
}

/**
 * sfc32 state seeded from core/rng's createRng(seed). The generator is the same algorithm as core/rng.ts,
 * inlined into the period loop with its state in local variables: calling the closure's next() per draw
 * roughly halves the throughput (measured with scripts/bench-sim.ts).
 */
function createStreamState(seed: number): Uint32Array {
  const rng = createRng(seed);
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i++) state[i] = Math.floor(rng.next() * 4294967296);
  return state;
}

/** Simulates items [from, to) of a prepared run, drawing from its sfc32 state (updated in place). */
function runItems(x: Prepared, from: number, to: number): void {
  const { state, ring } = x;
  const horizon = x.periods + x.warmup;
  const lead = x.lead;
  const r = x.result;
  let ra = state[0];
  let rb = state[1];
  let rc = state[2];
  let rd = state[3];
  for (let i = from; i < to; i++) {
    const { keep, alias, n } = x.tables[i];
    const s = x.s[i];
    const bigS = x.S[i];
    // Net inventory (on hand − backorders) and units on order; ring[t % lead] holds what is due in t.
    let net = bigS;
    let onOrder = 0;
    ring.fill(0);
    let onHandSum = 0;
    let backSum = 0;
    let orders = 0;
    let demandSum = 0;
    let shortSum = 0;
    for (let t = 0; t < horizon; t++) {
      if (lead > 0) {
        const slot = t % lead;
        const due = ring[slot];
        if (due !== 0) {
          net += due;
          onOrder -= due;
          ring[slot] = 0;
        }
      }
      const position = net + onOrder;
      const measured = t >= x.warmup;
      if (position <= s) {
        const q = bigS - position;
        if (lead === 0) net += q;
        else {
          // Due in t + lead, whose slot is this period's (already emptied) slot.
          ring[t % lead] += q;
          onOrder += q;
        }
        if (measured) orders++;
      }
      // sfc32 step (see core/rng.ts), giving a uniform in [0, 1) scaled to the table width.
      const rt = (((ra + rb) >>> 0) + rd) >>> 0;
      rd = (rd + 1) >>> 0;
      ra = rb ^ (rb >>> 9);
      rb = (rc + (rc << 3)) >>> 0;
      rc = (rc << 21) | (rc >>> 11);
      rc = (rc + rt) >>> 0;
      const u = (rt / 4294967296) * n;
      const col = u | 0;
      const d = u - col < keep[col] ? col : alias[col];
      const before = net > 0 ? net : 0;
      net -= d;
      if (measured) {
        demandSum += d;
        if (d > before) shortSum += d - before;
        if (net > 0) onHandSum += net;
        else backSum -= net;
      }
    }
    const m = x.periods;
    r.averageOnHand[i] = onHandSum / m;
    r.averageBackorders[i] = backSum / m;
    r.holdingCostPerPeriod[i] = (x.h * onHandSum) / m;
    r.backorderCostPerPeriod[i] = (x.p * backSum) / m;
    r.orderCostPerPeriod[i] = (x.k * orders) / m;
    r.ordersPerPeriod[i] = orders / m;
    r.costPerPeriod[i] = r.holdingCostPerPeriod[i] + r.backorderCostPerPeriod[i] + r.orderCostPerPeriod[i];
    r.fillRate[i] = demandSum > 0 ? 1 - shortSum / demandSum : 1;
  }
  state[0] = ra;
  state[1] = rb;
  state[2] = rc;
  state[3] = rd;
}

/** Synchronous version of `simulateMany`, for tests and benchmarks. */
export function simulateManySync(input: ManyItemsInput): ManyItemsResult {
  const x = prepare(input);
  runItems(x, 0, x.means.length);
  return x.result;
}

/**
 * Simulates many items, yielding to the event loop (and honouring `signal`) every chunk of about one
 * million item-periods. Results equal `simulateManySync` exactly: items use one RNG stream in item order.
 */
export async function simulateMany(
  input: ManyItemsInput,
  signal: AbortSignal,
  onProgress?: ProgressCallback,
): Promise<ManyItemsResult> {
  throwIfAborted(signal);
  const x = prepare(input);
  const progress = createProgressThrottle(onProgress);
  const n = x.means.length;
  const chunk = Math.max(1, Math.floor(1_000_000 / (x.periods + x.warmup)));
  progress({ phase: 'simulating', done: 0, total: n });
  for (let from = 0; from < n; from += chunk) {
    const to = Math.min(n, from + chunk);
    runItems(x, from, to);
    progress({ phase: 'simulating', done: to, total: n });
    if (to < n) await checkpoint(signal);
  }
  return x.result;
}
