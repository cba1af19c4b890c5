import { isAbortError } from '../../lib/core/abort';
import type { Progress } from '../../lib/core/progress';
import type { ClosedLoopSettings, DatasetClosedLoop } from '../../lib/reorder-run';
import type { DatasetOverview, StoreSeries } from '../../workers/reorder-protocol';
import type { OrdersSession } from '../state/orders.svelte';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The Orders tab's dashboards and closed loop, on the session's worker: the executive overview of the snapshot's
 * dataset, one store's history and forecast (latest request wins as the planner flips stores), and the closed-loop
 * replay (cancellable, with progress).
 */
export class OrdersDashboards {
  /** Executive figures of the dataset. */
  overview = $state.raw<DatasetOverview | null>(null);
  /** Store shown. */
  store = $state<string | null>(null);
  /** Its series. */
  storeSeries = $state.raw<StoreSeries | null>(null);
  /** Closed-loop result. */
  closedLoop = $state.raw<DatasetClosedLoop | null>(null);
  /** Closed-loop progress while it runs. */
  loopProgress = $state.raw<Progress | null>(null);
  /** True while the closed loop runs. */
  loopRunning = $state(false);
  /** Why something failed. */
  error = $state<string | null>(null);

  private overviewKey = '';
  private storeGen = 0;
  private loopController: AbortController | null = null;

  constructor(private readonly session: OrdersSession) {}

  /**
   * Loads the overview of the snapshot's dataset, again when the dataset, the store column or the forecast changed
   * (a new forecast comes with a new backtest, whose leaderboard the overview shows).
   */
  async loadOverview(datasetId: string, storeColumn: string | null, forecastId: string | null): Promise<void> {
    const key = `${datasetId}|${storeColumn}|${forecastId}`;
    if (key === this.overviewKey) return;
    const sameDataset = this.overviewKey.startsWith(`${datasetId}|`);
    this.overviewKey = key;
    if (!sameDataset) {
      this.overview = null;
      this.closedLoop = null;
    }
    try {
      const overview = await this.session.call('overview', { datasetId, storeColumn });
      if (key === this.overviewKey) this.overview = overview;
    } catch (error) {
      if (key === this.overviewKey) this.error = message(error);
    }
  }

  /** Shows one store; an answer for a store no longer asked for is dropped. */
  async showStore(datasetId: string, forecastId: string | null, storeColumn: string, store: string): Promise<void> {
    const gen = ++this.storeGen;
    this.store = store;
    try {
      const series = await this.session.call('storeView', { datasetId, forecastId, storeColumn, store });
      if (gen === this.storeGen) this.storeSeries = series;
    } catch (error) {
      if (gen === this.storeGen) this.error = message(error);
    }
  }

  /** Runs the closed loop; a second click while it runs cancels it. */
  async runClosedLoop(datasetId: string, inventoryId: string | null, settings: ClosedLoopSettings, source: 'backtest' | 'seasonal-naive' = 'backtest'): Promise<void> {
    if (this.loopRunning) {
      this.loopController?.abort();
      return;
    }
    const controller = (this.loopController = new AbortController());
    this.loopRunning = true;
    this.loopProgress = null;
    this.error = null;
    try {
      this.closedLoop = await this.session.call('closedLoop', { datasetId, inventoryId, settings, source }, { signal: controller.signal, onProgress: (p) => (this.loopProgress = p) });
    } catch (error) {
      this.error = isAbortError(error) ? 'Closed loop cancelled.' : message(error);
    } finally {
      this.loopRunning = false;
    }
  }
}

const all = new WeakMap<OrdersSession, OrdersDashboards>();

/** The session's dashboards (kept across tab switches). */
export function dashboardsFor(session: OrdersSession): OrdersDashboards {
  let d = all.get(session);
  if (!d) all.set(session, (d = new OrdersDashboards(session)));
  return d;
}
