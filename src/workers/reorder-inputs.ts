/**
 * The reorder worker's item forecasts of a (forecast, latest backtest, dataset), from the fastest place that has
 * them: this worker's memory, the stored plan inputs (persistence/plan-inputs.ts: a few large typed arrays, read in
 * milliseconds), or else made from the three records (read whole: seconds at 30,000 series) and then stored, so a
 * workspace saved before the store existed gets them on its first run and keeps them. One build at a time: a run
 * asking while `prepare` reads or makes them waits for that one. Also the snapshot reader runs keep
 * (`createSnapshotReader`).
 */
import { AppError } from '../lib/core/errors';
import type { Dataset, InventoryItem, InventorySnapshot } from '../lib/dataset/types';
import type { BacktestReport } from '../lib/forecast/run/backtest-dataset';
import type { DatasetForecast } from '../lib/forecast/run/forecast-dataset';
import { reorder, type ItemForecast, type OpenOrder, type ReorderOptions, type ReorderResult } from '../lib/reorder';
import { buildPlanInputs, fromPlanInputs, openOrdersOf, urgencyOrder, usesBacktest, type ItemForecasts, type PlanInputs } from '../lib/reorder-run';
import { announceChange, onWorkspaceChange } from '../persistence/changes';
import { loadDataset } from '../persistence/datasets';
import type { ShelfcastDB, StoredRecord } from '../persistence/db';
import { listOrderLines } from '../persistence/orders';
import { getPlanInputs, planInputsId, putPlanInputs } from '../persistence/plan-inputs';
import { getRecord, listRecords, putRecord } from '../persistence/records';

/** Item forecasts ready for the engine, and where they came from. */
export interface PreparedInputs {
  /** `planInputsId` of the forecast, the dataset's latest backtest and the dataset. */
  key: string;
  /** The engine's item forecasts (views into `inputs`' arrays: read-only). */
  items: ItemForecasts;
  /** 'memory': already in this worker; 'stored': read from the workspace; 'made': made from the records (and stored). */
  source: 'memory' | 'stored' | 'made';
  /** Time spent reading records (ms, 0 from memory). */
  readMs: number;
  /** Time spent making and unpacking the inputs (ms). */
  prepareMs: number;
}

/** A source of prepared inputs, keeping the latest one in memory. */
export interface PlanInputsCache {
  /** The inputs of a forecast of `datasetId` (null: a snapshot with no dataset) with the dataset's latest backtest. */
  get(forecastId: string, datasetId: string | null): Promise<PreparedInputs>;
  /** The same when in memory or stored; null (nothing read but the store) when they would have to be made. */
  peek(forecastId: string, datasetId: string | null): Promise<PreparedInputs | null>;
}

/**
 * Creates the cache over a workspace database. `save` false keeps made inputs in memory only (tests of the old path).
 * `watch`: forget the kept inputs when datasets change or the workspace is restored or cleared (a dataset's series
 * replaced under its id change its history facts; the stored ones are deleted then, datasets.ts).
 */
export function createPlanInputsCache(db: () => Promise<ShelfcastDB>, save = true, watch = false): PlanInputsCache {
  let latest: { key: string; ready: Promise<PreparedInputs | null> } | null = null;
  if (watch) onWorkspaceChange((change) => (change.kind === 'datasets' || change.kind === 'workspace') && (latest = null));

  const load = async (key: string, forecastId: string, backtestId: string, datasetId: string | null, make: boolean): Promise<PreparedInputs | null> => {
    const d = await db();
    const t0 = performance.now();
    const stored = await getPlanInputs(d, key);
    const t1 = performance.now();
    if (stored) {
      try {
        return { key, items: fromPlanInputs(stored), source: 'stored', readMs: t1 - t0, prepareMs: performance.now() - t1 };
      } catch {
        // Another format, or damaged: made again below.
      }
    }
    if (!make) return null;
    const record = await getRecord<DatasetForecast>(d, 'forecasts', forecastId);
    if (!record) throw new AppError('not-found', 'That forecast is no longer in the workspace: make a new one.');
    const fc = record.payload;
    const [data, bt] = await Promise.all([
      datasetId ? loadDataset(d, datasetId).catch(() => null) : null,
      usesBacktest(fc) && backtestId !== '' ? getRecord<BacktestReport>(d, 'backtests', backtestId) : undefined,
    ]);
    const t2 = performance.now();
    // Without the dataset no errors either, as before the plan inputs (their rows are matched by its series).
    const inputs: PlanInputs = buildPlanInputs({ forecast: fc, series: data?.series ?? [], backtest: data ? (bt?.payload.result ?? null) : null });
    // The same unpacking as from the store, so a first run gives what every later one does.
    const items = fromPlanInputs(inputs);
    const t3 = performance.now();
    // Kept for the next first open; a failure (a full disk) only means making them again then.
    if (save) await putPlanInputs(d, key, { datasetId, forecastId, backtestId }, inputs).catch(() => false);
    return { key, items, source: 'made', readMs: t2 - t0, prepareMs: t3 - t2 };
  };

  const find = async (forecastId: string, datasetId: string | null, make: boolean): Promise<PreparedInputs | null> => {
    const d = await db();
    // The backtest that would be used is the dataset's latest: a newer one makes another key.
    const backtestId = datasetId ? ((await listRecords(d, 'backtests', datasetId))[0]?.id ?? '') : '';
    const key = planInputsId(forecastId, backtestId, datasetId ?? '');
    if (latest?.key === key) {
      // Being read or made already (a failure or a peek that found none: looked for again below).
      const prepared = await latest.ready.catch(() => null);
      if (prepared) return { ...prepared, source: 'memory', readMs: 0, prepareMs: 0 };
    }
    const entry = { key, ready: load(key, forecastId, backtestId, datasetId, make) };
    latest = entry;
    // Only inputs are kept: after a failure or a peek that found none, the next call looks again.
    entry.ready.then((p) => p === null && latest === entry && (latest = null), () => latest === entry && (latest = null));
    return entry.ready;
  };

  return {
    get: async (forecastId, datasetId) => (await find(forecastId, datasetId, true))!,
    peek: (forecastId, datasetId) => find(forecastId, datasetId, false),
  };
}

/**
 * Saves a forecast the forecast worker just made with the plan inputs made from it and the records that worker
 * holds (so nothing is read back: at 30,000 series reading them is most of a second; making them here costs about
 * 1 s at that size on 2 cores). Made before the forecast is saved and stored right after it (the store keeps none
 * without its forecast), then announced (results of store 'planInputs'), so the page prepares the run at once and
 * an Orders tab opened as soon as the forecast shows finds them. None when the backtest is not the dataset's latest,
 * the one a run would use (the reorder worker then makes them on the first run). A failure to store them only costs
 * that first run its time.
 */
export async function putForecastWithPlanInputs(d: ShelfcastDB, record: StoredRecord<DatasetForecast>, from: { dataset: Dataset; backtest: { id: string; report: BacktestReport } }): Promise<void> {
  const datasetId = from.dataset.meta.id;
  const latest = (await listRecords(d, 'backtests', datasetId))[0]?.id ?? '';
  const inputs = latest === from.backtest.id ? buildPlanInputs({ forecast: record.payload, series: from.dataset.series, backtest: from.backtest.report.result }) : null;
  await putRecord(d, 'forecasts', record);
  if (inputs && (await putPlanInputs(d, planInputsId(record.id, latest, datasetId), { datasetId, forecastId: record.id, backtestId: latest }, inputs).catch(() => false))) {
    announceChange({ kind: 'results', store: 'planInputs', datasetId });
  }
}

/**
 * Reads snapshots for runs, keeping the latest one when `keep` is set. At 30,000 items reading a snapshot (as many
 * objects) is the largest part of a run once the item forecasts are in memory. Snapshots are rewritten in place only
 * when their defaults change (Data tab) or by another tab, and deleted with their dataset; each announces itself
 * (persistence/changes.ts), so the kept one is dropped before anyone plans it again. Rejects 'not-found' for a
 * snapshot that is gone.
 */
export function createSnapshotReader(db: () => Promise<ShelfcastDB>, keep: boolean): (id: string) => Promise<InventorySnapshot> {
  let kept: Promise<InventorySnapshot | undefined> | null = null;
  let keptId = '';
  if (keep) {
    onWorkspaceChange((change) => {
      if (change.kind === 'inventories' || change.kind === 'datasets' || change.kind === 'workspace') kept = null;
    });
  }
  return async (id) => {
    const read = keep && kept && keptId === id ? kept : db().then((d) => d.get('inventories', id));
    if (keep) {
      kept = read;
      keptId = id;
    }
    const s = await read.catch(() => undefined);
    if (!s) {
      if (kept === read) kept = null;
      throw new AppError('not-found', 'That inventory snapshot is no longer in the workspace.');
    }
    return s;
  };
}

/** A plan made ahead of a run, of these inputs: the snapshot's items and item forecasts (the same objects) and `sig`. */
export interface PlannedAhead {
  /** The snapshot's items planned. */
  items: readonly InventoryItem[];
  /** The item forecasts planned. */
  forecasts: readonly ItemForecast[];
  /** `signature` of its open orders and options. */
  sig: string;
  /** The result and its urgency order (rejects as the run would, e.g. on a bad option). */
  result: Promise<{ result: ReorderResult; urgency: Int32Array }>;
}

/** What a plan depends on besides the snapshot's items and the item forecasts (those are compared as objects). */
export const signature = (openOrders: readonly OpenOrder[], options: ReorderOptions): string => JSON.stringify([openOrders, options]);

/** Plans a snapshot ahead of its run, with its approved order lines as they are now. */
export async function planAhead(d: ShelfcastDB, snap: InventorySnapshot, forecasts: ItemForecast[], options: ReorderOptions): Promise<PlannedAhead> {
  const lines = await listOrderLines(d, snap.id, snap.datasetId);
  const openOrders = openOrdersOf(lines.map((l) => l.payload), snap.asOfDay ?? forecasts[0]?.firstDay ?? 0);
  const result = reorder({ items: snap.items, forecasts, openOrders, options }, { signal: new AbortController().signal }).then((r) => ({ result: r, urgency: urgencyOrder(r) }));
  result.catch(() => undefined); // a bad option is the run's to report
  return { items: snap.items, forecasts, sig: signature(openOrders, options), result };
}
