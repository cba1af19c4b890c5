import { throwIfAborted } from '../core/abort';
import { invalidOption } from '../core/errors';
import { createProgressThrottle, type ProgressCallback } from '../core/progress';
import { partitionSeries } from '../forecast/run/partition';
import { COLUMN_NAMES, finish, planRange, prepare, valueRange, type RunState } from './engine';
import { abcClasses } from './classify';
import type { ItemForecast } from './forecast-input';
import { createPlanContext } from './item-plan';
import { maybeReorderOptions } from './options';
import type { OpenOrderIndex } from './open-orders';
import { packForecasts, unpackForecasts, type PackedForecasts } from './packed-forecasts';
import type { NormalizedReorderOptions, ReorderColumns, ReorderInput, ReorderResult } from './types';

/**
 * The reorder engine in parts. Once the ABC classes are known (from every row's annual value, a light pass over the
 * forecast means), each row's plan depends only on that row: so the coordinator screens the rows and classifies
 * them, and the per-item plans (pass 1 and 2 of item-plan.ts, the bulk of the work) run in parts anywhere, on a pool
 * of workers, each part's data packed into a few typed arrays that are transferred. Merged, the parts give exactly
 * the result of `runReorder`, whatever their number (tests/unit/reorder/parts.test.ts).
 */

/** One part as it crosses to a worker: typed arrays and the normalized options. */
export interface ReorderPartInput {
  /** Options as the coordinator normalized them. */
  options: NormalizedReorderOptions;
  /** Rows in the part. */
  rows: number;
  /** The screened columns, `COLUMN_NAMES` order, column-major: column k of row i at k·rows + i. */
  columns: Float64Array;
  /** Status code per row as screened. */
  status: Uint8Array;
  /** Flags per row as screened. */
  flags: Uint32Array;
  /** ABC code per row, from all rows. */
  abc: Uint8Array;
  /** Each row's own service level (NaN: its class's). */
  ownLevel: Float64Array;
  /** Open orders of the part's rows (compressed rows, see open-orders.ts). */
  orderStart: Int32Array;
  /** Their units. */
  orderQuantity: Float64Array;
  /** Their expected arrival days (NaN: not given). */
  orderArrivalDay: Float64Array;
  /** Their order days (NaN: not given). */
  orderDay: Float64Array;
  /** The rows' forecasts. */
  forecasts: PackedForecasts;
}

/** What a part gives back: the figures the plans set. */
export interface ReorderPartOutput {
  /** The columns, as in the input. */
  columns: Float64Array;
  /** Status code per row. */
  status: Uint8Array;
  /** Flags per row. */
  flags: Uint32Array;
  /** XYZ code per row. */
  xyz: Uint8Array;
  /** Day the row's figures start from. */
  asOfDay: Int32Array;
  /** Days per forecast period. */
  periodDays: Int32Array;
  /** Rows (of the part) whose plan found a data problem, and why. */
  reasonRows: Int32Array;
  /** The reasons, same order. */
  reasonTexts: string[];
}

/** Runs one part somewhere (this thread, a worker); `part` is its index among the parts of one run. */
export type ReorderPartRunner = (input: ReorderPartInput, options: { signal?: AbortSignal }, part: number) => Promise<ReorderPartOutput>;

/** Plans one part (the worker's side). Throws `invalid …` for a malformed part. */
export function runReorderPart(input: ReorderPartInput): ReorderPartOutput {
  const m = maybePart(input);
  // The options crossed a worker boundary: checked again (NaN as-of day is the normalized "each forecast's first day").
  const given = input.options ?? ({} as NormalizedReorderOptions);
  const options = maybeReorderOptions({ ...given, asOfDay: Number.isNaN(given.asOfDay) ? undefined : given.asOfDay });
  const columns = {} as Record<keyof ReorderColumns, Float64Array>;
  COLUMN_NAMES.forEach((name, k) => (columns[name] = input.columns.subarray(k * m, (k + 1) * m)));
  const fcOfRow: (ItemForecast | undefined)[] = unpackForecasts(input.forecasts, m);
  let maxHorizon = 1;
  for (const fc of fcOfRow) if (fc && fc.mean.length > maxHorizon) maxHorizon = fc.mean.length;
  const orders: OpenOrderIndex = { start: input.orderStart, quantity: input.orderQuantity, arrivalDay: input.orderArrivalDay, orderDay: input.orderDay, ignored: 0 };
  const result: ReorderResult = {
    count: m,
    seriesIds: [],
    status: input.status,
    flags: input.flags,
    reasons: new Array<string>(m).fill(''),
    abc: input.abc,
    xyz: new Uint8Array(m).fill(3),
    asOfDay: new Int32Array(m),
    periodDays: new Int32Array(m),
    columns,
    summary: { statusCounts: new Int32Array(0), totalOrderValue: 0, totalOrderUnits: 0, totalExcessValue: 0 },
    ignoredOpenOrders: 0,
    options,
  };
  const run: RunState = { n: m, fcOfRow, ownLevel: input.ownLevel, ctx: createPlanContext(options, orders, m, maxHorizon), result };
  planRange(run, 0, m);
  const reasonRows: number[] = [];
  for (let i = 0; i < m; i++) if (result.reasons[i] !== '') reasonRows.push(i);
  return {
    columns: input.columns,
    status: result.status,
    flags: result.flags,
    xyz: result.xyz,
    asOfDay: result.asOfDay,
    periodDays: result.periodDays,
    reasonRows: Int32Array.from(reasonRows),
    reasonTexts: reasonRows.map((i) => result.reasons[i]),
  };
}

function maybePart(p: ReorderPartInput): number {
  if (p == null || typeof p !== 'object' || !Number.isInteger(p.rows) || p.rows < 0) invalidOption('reorder part', p?.rows, 'a part with an integer row count');
  const m = p.rows;
  const ok =
    p.columns instanceof Float64Array && p.columns.length === COLUMN_NAMES.length * m &&
    p.status instanceof Uint8Array && p.status.length === m &&
    p.flags instanceof Uint32Array && p.flags.length === m &&
    p.abc instanceof Uint8Array && p.abc.length === m &&
    p.ownLevel instanceof Float64Array && p.ownLevel.length === m &&
    p.orderStart instanceof Int32Array && p.orderStart.length === m + 1 &&
    p.orderQuantity instanceof Float64Array && p.orderArrivalDay instanceof Float64Array && p.orderDay instanceof Float64Array &&
    p.orderQuantity.length === p.orderStart[m] && p.orderArrivalDay.length === p.orderStart[m] && p.orderDay.length === p.orderStart[m];
  if (!ok) invalidOption('reorder part arrays', m, `typed arrays of ${m} rows`);
  return m;
}

/** Options of `reorderInParts`. */
export interface ReorderPartsOptions {
  /** Cancels the run (rejects with an AbortError). */
  signal?: AbortSignal;
  /** Progress in phase 'reordering', in item passes (two per item), as `reorder` reports it. */
  onProgress?: ProgressCallback;
}

/**
 * Runs the engine with the per-item plans split into up to `parts` parts through `runPart`, and merges them into
 * the result `runReorder` gives. The first part to fail (or a cancel) rejects the whole run.
 */
export async function reorderInParts(input: ReorderInput, parts: number, runPart: ReorderPartRunner, options: ReorderPartsOptions = {}): Promise<ReorderResult> {
  throwIfAborted(options.signal);
  const progress = createProgressThrottle(options.onProgress);
  const state = prepare(input);
  const n = state.n;
  valueRange(state, 0, n);
  state.result.abc = abcClasses(state.result.columns.annualValue, state.ctx.opts.abcThresholds);
  progress({ phase: 'reordering', done: n, total: 2 * n });
  if (n === 0) return finish(state);
  // Work per row ∝ its forecast's length (no forecast: nearly none).
  const groups = partitionSeries(state.fcOfRow.map((fc) => (fc ? fc.mean.length : 0)), parts);
  let planned = 0;
  const outputs = await Promise.all(
    groups.map(async (rows, p) => {
      const out = await runPart(packPart(state, rows), { signal: options.signal }, p);
      planned += rows.length;
      progress({ phase: 'reordering', done: n + planned, total: 2 * n });
      return out;
    }),
  );
  groups.forEach((rows, p) => mergePart(state.result, rows, outputs[p]));
  return finish(state);
}

/** The part of rows `rows` (ascending) of a prepared, classified run. */
export function packPart(state: RunState, rows: readonly number[]): ReorderPartInput {
  const r = state.result;
  const m = rows.length;
  const columns = new Float64Array(COLUMN_NAMES.length * m);
  COLUMN_NAMES.forEach((name, k) => {
    const src = r.columns[name];
    for (let j = 0; j < m; j++) columns[k * m + j] = src[rows[j]];
  });
  const o = state.ctx.orders;
  const orderStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) orderStart[j + 1] = orderStart[j] + o.start[rows[j] + 1] - o.start[rows[j]];
  const count = orderStart[m];
  const orderQuantity = new Float64Array(count);
  const orderArrivalDay = new Float64Array(count);
  const orderDay = new Float64Array(count);
  for (let j = 0; j < m; j++) {
    for (let k = o.start[rows[j]], at = orderStart[j]; k < o.start[rows[j] + 1]; k++, at++) {
      orderQuantity[at] = o.quantity[k];
      orderArrivalDay[at] = o.arrivalDay[k];
      orderDay[at] = o.orderDay[k];
    }
  }
  const status = new Uint8Array(m);
  const flags = new Uint32Array(m);
  const abc = new Uint8Array(m);
  const ownLevel = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const i = rows[j];
    status[j] = r.status[i];
    flags[j] = r.flags[i];
    abc[j] = r.abc[i];
    ownLevel[j] = state.ownLevel[i];
  }
  return {
    options: r.options,
    rows: m,
    columns,
    status,
    flags,
    abc,
    ownLevel,
    orderStart,
    orderQuantity,
    orderArrivalDay,
    orderDay,
    forecasts: packForecasts(rows.map((i) => state.fcOfRow[i])),
  };
}

/** Writes a part's figures back into the whole result. */
function mergePart(r: ReorderResult, rows: readonly number[], out: ReorderPartOutput): void {
  const m = rows.length;
  if (!(out.columns instanceof Float64Array) || out.columns.length !== COLUMN_NAMES.length * m || out.status?.length !== m) {
    invalidOption('reorder part result', out?.columns?.length, `${COLUMN_NAMES.length * m} values`);
  }
  COLUMN_NAMES.forEach((name, k) => {
    const dst = r.columns[name];
    for (let j = 0; j < m; j++) dst[rows[j]] = out.columns[k * m + j];
  });
  for (let j = 0; j < m; j++) {
    const i = rows[j];
    r.status[i] = out.status[j];
    r.flags[i] = out.flags[j];
    r.xyz[i] = out.xyz[j];
    r.asOfDay[i] = out.asOfDay[j];
    r.periodDays[i] = out.periodDays[j];
  }
  out.reasonRows.forEach((j, k) => (r.reasons[rows[j]] = out.reasonTexts[k]));
}
