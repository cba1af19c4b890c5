import { isAbortError } from '../../lib/core/abort';
import type { Progress } from '../../lib/core/progress';
import { ordersToCsv, ordersToJson } from '../../lib/export';
import { approveOrders } from '../../lib/reorder';
import {
  createOrderLines,
  DEFAULT_PLANNER_OPTIONS,
  fromResultWire,
  indexItems,
  type ItemIndex,
  planForecast,
  toReorderOptions,
  type ForecastPreset,
  type OrderLineState,
  type PlannerOptions,
  type SortKey,
  type StatusFilter,
  type TableQuery,
} from '../../lib/reorder-run';
import type { InventoryItem } from '../../lib/dataset/types';
import type { InventorySummary } from '../../lib/dataset/inventory-summary';
import type { InsightSentence, ReorderResult } from '../../lib/reorder';
import type { StoredRecord } from '../../persistence/db';
import { decideOrderLines, listOrderLines, setOrderLineState, type OrderLineRecord } from '../../persistence/orders';
import { onWorkspaceChange } from '../../persistence/changes';
import { loadCalendar } from '../../persistence/datasets';
import { listRecords } from '../../persistence/records';
import type { ReorderApi, ReorderRunOutput } from '../../workers/reorder-protocol';
import { createWorkerClient, type CallOptions, type WorkerClient } from '../../workers/rpc';
import { forecastClient } from './forecast.svelte';
import type { Workspace } from './workspace.svelte';

/** Starts the reorder worker; stateless between calls, so it is simply torn down after 10 idle minutes. */
export function createReorderClient(): WorkerClient<ReorderApi> {
  return createWorkerClient<ReorderApi>(
    () => new Worker(new URL('../../workers/reorder.worker.ts', import.meta.url), { type: 'module', name: 'reorder' }),
    { idleTimeoutMs: 10 * 60_000 },
  );
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A run as the Orders tab shows it: the worker's output with the result's series ids and the snapshot's items,
 * which the page reads through the workspace (they do not cross back from the worker). */
export interface PlannedRun extends Omit<ReorderRunOutput, 'result'> {
  /** The engine's result: row i is `items[i]`. */
  result: ReorderResult;
  /** The snapshot's items as planned. */
  items: readonly InventoryItem[];
}

/** What the proposed-orders table shows and what the planner picked in it (kept across tab switches). */
export class OrdersTableState {
  /** Status filter. */
  status = $state<StatusFilter>(null);
  /** Store filter. */
  store = $state<string | null>(null);
  /** ABC filter (0 A, 1 B, 2 C). */
  abc = $state<number | null>(null);
  /** Text search. */
  text = $state('');
  /** Rows behind an insight's figure, when the planner followed one. */
  focus = $state.raw<{ label: string; rows: ReadonlySet<number> } | null>(null);
  /** Sort column. */
  sort = $state<SortKey>('status');
  /** Largest first. */
  descending = $state(false);
  /** Selected rows. */
  selected = $state.raw<ReadonlySet<number>>(new Set());
  /** Order quantities the planner typed, by row. */
  edits = $state.raw<ReadonlyMap<number, number>>(new Map());
  /** Row whose explanation is open (−1: none). */
  expanded = $state(-1);

  /** The query for `queryRows`. */
  get query(): TableQuery {
    return { status: this.status, store: this.store, abc: this.abc, text: this.text, rows: this.focus?.rows ?? null, sort: this.sort, descending: this.descending };
  }

  /** Sorts by `key`, flipping the direction when it already sorts by it. */
  sortBy(key: SortKey): void {
    if (this.sort === key) this.descending = !this.descending;
    else {
      this.sort = key;
      this.descending = key === 'order' || key === 'value';
    }
  }

  /** Selects or unselects a row. */
  toggle(row: number, on = !this.selected.has(row)): void {
    const next = new Set(this.selected);
    if (on) next.add(row);
    else next.delete(row);
    this.selected = next;
  }

  /** Replaces the selection. */
  select(rows: Iterable<number>): void {
    this.selected = new Set(rows);
  }

  /** Sets a typed quantity; `recommended` or a value that is not > 0 clears it. */
  setEdit(row: number, value: number, recommended: number): void {
    const next = new Map(this.edits);
    if (Number.isFinite(value) && value > 0 && value !== recommended) next.set(row, value);
    else next.delete(row);
    this.edits = next;
  }

  /** Forgets filters, selection and edits (a new snapshot). */
  reset(): void {
    this.status = null;
    this.store = null;
    this.abc = null;
    this.text = '';
    this.focus = null;
    this.selected = new Set();
    this.edits = new Map();
    this.expanded = -1;
  }
}

/**
 * The Orders tab's planning session: one snapshot, its dataset's latest forecast, the engine's result (latest
 * request wins: a new run aborts the one in flight and stale answers are dropped), and the order lines decided
 * on it, kept in IndexedDB. Components read the `$state` fields and call the methods; none posts to a worker.
 */
export class OrdersSession {
  /** Snapshot planned. */
  inventoryId = $state<string | null>(null);
  /** Latest saved forecast of the snapshot's dataset, or null (then every item is NO_FORECAST). */
  forecast = $state.raw<StoredRecord<null> | null>(null);
  /** Set once the snapshot's forecast list has been read. */
  forecastChecked = $state(false);
  /** Step of the in-place forecast while it runs. */
  making = $state<'backtest' | 'forecast' | null>(null);
  /** Its progress. */
  makeProgress = $state.raw<Progress | null>(null);
  /** Why it failed. */
  makeError = $state<string | null>(null);
  /** The planner's settings (the form binds to it). */
  options = $state<PlannerOptions>({ ...DEFAULT_PLANNER_OPTIONS });
  /** Engine run state. */
  status = $state<'idle' | 'running' | 'failed'>('idle');
  /** Engine progress. */
  progress = $state.raw<Progress | null>(null);
  /** Why the run failed (a bad option names itself). */
  error = $state<string | null>(null);
  /** The latest run. */
  output = $state.raw<PlannedRun | null>(null);
  /** Its plain-language summary, which arrives after its table (null until then). */
  insights = $state.raw<InsightSentence[] | null>(null);
  /** Per-item text of the latest run for the table's filters and sorts (built once per run, shared by the views). */
  readonly index: ItemIndex | null = $derived(this.output ? indexItems(this.output.items, this.output.storeColumn) : null);
  /** Order lines of the snapshot, newest first. */
  lines = $state.raw<OrderLineRecord[]>([]);
  /** Approvals since the shown run: the next run counts them as on order. */
  approvedSinceRun = $state(0);
  /** A sentence about the last decision. */
  notice = $state<string | null>(null);
  /** The proposed-orders table's filters, selection and edits. */
  readonly table = new OrdersTableState();

  private generation = 0;
  private controller: AbortController | null = null;
  private makeController: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private prepareTimer: ReturnType<typeof setTimeout> | undefined;
  /** Called after each prepared run (App.svelte loads the tab's code then). */
  onPrepared: (() => void) | null = null;

  constructor(
    private readonly client: WorkerClient<ReorderApi>,
    private readonly workspace: Workspace,
  ) {
    // Another tab (or this tab's forecast worker) changed what this session shows: re-read it.
    onWorkspaceChange((change) => {
      // A new forecast, or its reorder inputs stored (by the Forecast tab's worker, right after the forecast, or another
      // tab's): the reorder worker reads them and plans the run now rather than on the Orders tab's first click.
      // Only stored ones: making them means reading three whole records, which the first run does if ever asked.
      if (change.kind === 'results' && (change.store === 'forecasts' || change.store === 'planInputs')) this.prepareSoon();
      const snap = this.snapshot;
      if (!snap) return;
      if (change.kind === 'orders' && change.inventoryId === snap.id) void this.reloadLines();
      else if (change.kind === 'results' && change.store === 'forecasts' && change.datasetId === snap.datasetId) void this.refreshForecast();
      else if (change.kind === 'workspace') {
        this.forecastChecked = false;
        void this.select(snap.id);
      }
    });
  }

  /** Re-reads the snapshot's order lines (changed in another tab) and runs the engine again to count them. */
  private async reloadLines(): Promise<void> {
    const snap = this.snapshot;
    if (!snap) return;
    const lines = await listOrderLines(await this.workspace.db(), snap.id, snap.datasetId);
    if (this.inventoryId !== snap.id) return;
    this.lines = lines;
    this.scheduleRun(0);
  }

  /**
   * Has the reorder worker make ready what the first run of the snapshot the Orders tab opens (the one picked, else
   * the newest) reads with its dataset's latest forecast: the item forecasts, from the stored plan inputs or made
   * from the records and stored (reorder-inputs.ts), the snapshot, and the plan itself with the current settings,
   * which that run then takes if nothing changed meanwhile. `onlyStored`: only when the inputs are stored (the app's
   * opening must not read three whole records for a tab the planner may not open). Nothing to do without a
   * forecast; a failure is left for the run to report. True when the run was prepared.
   */
  async prepareAhead(onlyStored = false): Promise<boolean> {
    const snap = this.snapshot ?? this.workspace.inventories[0] ?? null;
    if (!snap?.datasetId) return false;
    const latest = (await listRecords(await this.workspace.db(), 'forecasts', snap.datasetId))[0];
    if (!latest) return false;
    const options = toReorderOptions($state.snapshot(this.options));
    const prepared = await this.client.call('prepare', { datasetId: snap.datasetId, forecastId: latest.id, inventoryId: snap.id, options, onlyStored }).catch(() => null);
    // The page's copy of the items too (read in slices, no long task), which the table needs with the result.
    if (!prepared?.source) return false;
    this.workspace.inventoryItems(snap.id).catch(() => undefined);
    this.onPrepared?.();
    return true;
  }

  /** `prepareAhead` of stored inputs once the announcements of one save (forecast, plan inputs) have all come. */
  private prepareSoon(): void {
    clearTimeout(this.prepareTimer);
    this.prepareTimer = setTimeout(() => void this.prepareAhead(true), 30);
  }

  /** Calls the reorder worker: the dashboards share this session's worker. */
  call<M extends keyof ReorderApi & string>(method: M, input: ReorderApi[M]['input'], options?: CallOptions<ReorderApi[M]['progress']>): Promise<ReorderApi[M]['result']> {
    return this.client.call(method, input, options);
  }

  /** The snapshot planned (its summary: the items come from `workspace.inventoryItems`). */
  get snapshot(): InventorySummary | null {
    return this.workspace.inventories.find((s) => s.id === this.inventoryId) ?? null;
  }

  /** Opens a snapshot: reads its order lines and its dataset's latest forecast, then runs the engine. */
  async select(inventoryId: string | null): Promise<void> {
    if (inventoryId === this.inventoryId && this.forecastChecked) return;
    const gen = ++this.generation;
    this.controller?.abort();
    this.inventoryId = inventoryId;
    this.output = null;
    this.insights = null;
    this.forecast = null;
    this.forecastChecked = false;
    this.lines = [];
    this.notice = null;
    this.error = null;
    this.table.reset();
    const snap = this.snapshot;
    if (!snap) return;
    // Asking for no run's insights starts the worker, which loads its code while the page reads the lines below.
    void this.client.call('insights', { runId: 0 }).catch(() => undefined);
    const db = await this.workspace.db();
    const [lines, forecasts] = await Promise.all([listOrderLines(db, snap.id, snap.datasetId), snap.datasetId ? listRecords(db, 'forecasts', snap.datasetId) : Promise.resolve([])]);
    if (gen !== this.generation) return;
    this.lines = lines;
    this.forecast = forecasts[0] ?? null;
    this.forecastChecked = true;
    await this.run();
  }

  /** Adopts a newer forecast of the snapshot's dataset (e.g. made in the Forecast tab meanwhile) and runs again. */
  async refreshForecast(): Promise<void> {
    const snap = this.snapshot;
    if (!snap?.datasetId || !this.forecastChecked || this.making) return;
    const latest = (await listRecords(await this.workspace.db(), 'forecasts', snap.datasetId))[0] ?? null;
    if (this.inventoryId !== snap.id || (latest?.id ?? null) === (this.forecast?.id ?? null)) return;
    this.forecast = latest;
    await this.run();
  }

  /** Runs the engine now; a run in flight is cancelled and its answer dropped. */
  async run(): Promise<void> {
    clearTimeout(this.timer);
    const snap = this.snapshot;
    if (!snap) return;
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    const gen = ++this.generation;
    this.status = 'running';
    this.progress = null;
    this.error = null;
    // The items are read (by the summary worker, in slices) while the engine runs; kept for the next runs.
    const snapshotItems = this.workspace.inventoryItems(snap.id);
    snapshotItems.catch(() => undefined);
    try {
      const output = await this.client.call(
        'run',
        { inventoryId: snap.id, forecastId: this.forecast?.id ?? null, options: toReorderOptions($state.snapshot(this.options)) },
        { signal: controller.signal, onProgress: (p) => gen === this.generation && (this.progress = p) },
      );
      if (gen !== this.generation) return;
      // The worker planned the snapshot it read; the page's copy is the same record unless it changed meanwhile.
      const items = this.snapshot?.id === output.inventoryId ? await snapshotItems : null;
      if (gen !== this.generation) return;
      if (!items || items.length !== output.result.count) {
        this.status = 'failed';
        this.error = 'The snapshot changed while it was being planned: run again.';
        return;
      }
      this.output = { ...output, result: fromResultWire(output.result, items.map((it) => it.seriesId)), items };
      this.approvedSinceRun = 0;
      this.status = 'idle';
      // The summary in a second piece, once the table has its rows (the previous run's stays until it comes).
      void this.client.call('insights', { runId: output.runId }).then(
        (insights) => gen === this.generation && insights && (this.insights = insights),
        (error: unknown) => gen === this.generation && (this.notice = `The summary could not be made: ${message(error)}`),
      );
    } catch (error) {
      if (gen !== this.generation || isAbortError(error)) return;
      this.status = 'failed';
      this.error = message(error);
    }
  }

  /** Runs the engine after the settings have been still for a moment (typing a number fires many changes). */
  scheduleRun(delayMs = 300): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delayMs);
  }

  /** Makes a forecast of the snapshot's dataset in place (backtest, then forecast, saved like the Forecast tab's), then runs. */
  async makeForecast(preset: ForecastPreset): Promise<void> {
    const snap = this.snapshot;
    const meta = this.workspace.datasets.find((d) => d.id === snap?.datasetId);
    if (!snap || !meta || this.making) return;
    this.makeError = null;
    this.makeController = new AbortController();
    const signal = this.makeController.signal;
    const client = forecastClient();
    const onProgress = (p: Progress) => (this.makeProgress = p);
    try {
      const maxLead = snap.maxLeadTimeDays;
      const plan = planForecast({
        frequency: meta.frequency,
        periods: (await loadCalendar(await this.workspace.db(), meta.id))?.days.length ?? 0,
        maxLeadTimeDays: maxLead,
        reviewDays: this.options.reviewDays,
        preset,
        intermittent: meta.frequency === 'daily',
      });
      this.making = 'backtest';
      const { id: backtestId, notSaved } = await client.call('backtest', { datasetId: meta.id, settings: plan.settings }, { signal, onProgress });
      // A forecast is made from the saved backtest: one too large to save stops here, saying why.
      if (backtestId === null) throw new Error(notSaved ?? 'The backtest could not be saved.');
      this.making = 'forecast';
      this.makeProgress = null;
      await client.call('forecast', { backtestId, horizon: plan.horizon }, { signal, onProgress });
      const forecasts = await listRecords(await this.workspace.db(), 'forecasts', meta.id);
      if (this.inventoryId !== snap.id) return;
      this.forecast = forecasts[0] ?? null;
      this.making = null;
      await this.run();
    } catch (error) {
      this.makeError = isAbortError(error) ? 'Cancelled; nothing was saved.' : message(error);
    } finally {
      this.making = null;
      this.makeProgress = null;
    }
  }

  /** Cancels the in-place forecast. */
  cancelForecast(): void {
    this.makeController?.abort();
  }

  /**
   * Records a decision on rows of the shown run, in one transaction: approved lines count as on order in the next
   * run; rejected ones are kept for the record. Rows with nothing to order are skipped (and counted in the notice).
   */
  async decide(rows: readonly number[], quantities: ReadonlyMap<number, number>, state: 'approved' | 'rejected'): Promise<void> {
    const out = this.output;
    const snap = this.snapshot;
    if (!out || !snap) return;
    const q = out.result.columns.orderQuantity;
    const usable = rows.filter((i) => (quantities.get(i) ?? q[i]) > 0);
    const skipped = rows.length - usable.length;
    if (usable.length === 0) {
      this.notice = 'Nothing to decide: the chosen rows have no order quantity.';
      return;
    }
    const now = Date.now();
    try {
      const edits = new Map([...quantities].filter(([i, v]) => usable.includes(i) && v > 0));
      const orders = approveOrders(out.result, out.items, { rows: usable, quantities: edits, approvedAt: now });
      // One transaction checks for an open line of each item and writes the new ones, so a double click or a
      // second tab approving the same item stores it once (persistence/orders.ts).
      const { saved, skipped: already } = await decideOrderLines(await this.workspace.db(), snap.datasetId, createOrderLines(orders, snap.id, state, now), now);
      const db = await this.workspace.db();
      this.lines = await listOrderLines(db, snap.id, snap.datasetId);
      if (state === 'approved') this.approvedSinceRun += saved.length;
      const done = new Set(usable);
      this.table.select([...this.table.selected].filter((i) => !done.has(i)));
      const units = saved.reduce((s, r) => s + r.payload.order.quantity, 0);
      const parts = [
        `${state === 'approved' ? 'Approved' : 'Rejected'} ${saved.length} order line${saved.length === 1 ? '' : 's'} (${units.toLocaleString('en')} units)`,
        already.length ? `${already.length} item${already.length === 1 ? ' was' : 's were'} already ${state === 'approved' ? 'on an open order' : 'decided'} and left as ${already.length === 1 ? 'it was' : 'they were'}` : '',
        skipped ? `${skipped} row${skipped === 1 ? '' : 's'} had nothing to order` : '',
      ];
      this.notice = `${parts.filter(Boolean).join('; ')}.`;
    } catch (error) {
      this.notice = `Could not save the decision: ${message(error)}`;
    }
  }

  /** Moves stored lines to a new state (e.g. received). */
  async setState(ids: readonly string[], state: OrderLineState): Promise<void> {
    const updated = await setOrderLineState(await this.workspace.db(), ids, state, Date.now());
    const byId = new Map(updated.map((r) => [r.id, r]));
    this.lines = this.lines.map((r) => byId.get(r.id) ?? r);
    this.notice = `${updated.length} line${updated.length === 1 ? '' : 's'} marked ${state}; run again to update the positions.`;
  }

  /** Approved and received lines (the purchase orders) as CSV or JSON text, with a file name. */
  exportOrders(format: 'csv' | 'json'): { fileName: string; text: string; type: string } {
    const orders = this.lines.filter((r) => r.payload.state !== 'rejected').map((r) => r.payload.order);
    const base = `purchase-orders-${(this.snapshot?.name ?? 'snapshot').replace(/[^\w.-]+/g, '-')}`;
    return format === 'csv'
      ? { fileName: `${base}.csv`, text: ordersToCsv(orders), type: 'text/csv;charset=utf-8' }
      : { fileName: `${base}.json`, text: ordersToJson(orders, Date.now()), type: 'application/json' };
  }
}

const sessions = new WeakMap<Workspace, OrdersSession>();

/**
 * Makes the Orders tab's first run ready in the background once the app has its workspace (App.svelte loads this
 * module after its first screen): the session starts listening for new forecasts, and the reorder worker prepares
 * the run of the current one if its inputs are stored. `onPrepared` follows each prepared run.
 */
export function prepareOrdersAhead(workspace: Workspace, onPrepared: () => void): Promise<boolean> {
  const session = ordersSessionFor(workspace);
  session.onPrepared = onPrepared;
  return session.prepareAhead(true);
}

/** The workspace's one planning session (kept across tab switches). */
export function ordersSessionFor(workspace: Workspace): OrdersSession {
  let session = sessions.get(workspace);
  if (!session) sessions.set(workspace, (session = new OrdersSession(createReorderClient(), workspace)));
  return session;
}
