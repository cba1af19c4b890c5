/**
 * The summary worker's steps: read a dataset's summary once, keep it (and the table's sort orders) while the page
 * looks at that dataset, and answer each view's question from it (lib/dataset/summary-view). A change to the
 * datasets announced by any tab or worker drops what is kept.
 */
import { maybeInteger } from '../lib/core/errors';
import type { DatasetSummary } from '../lib/dataset/summary';
import { matchSeries, sortOrder, summaryHead, summaryRow, SUMMARY_SORT_KEYS, type SummarySortKey } from '../lib/dataset/summary-view';
import { onWorkspaceChange } from '../persistence/changes';
import { openWorkspaceDb, type ShelfcastDB } from '../persistence/db';
import { loadSummary } from '../persistence/datasets';
import type { Handlers } from './rpc';
import type { DatasetSummaryApi } from './summary-protocol';

/** Largest page of rows one call returns. */
const MAX_ROWS = 1000;

/** Creates the summary handlers over a workspace database (opened lazily). */
export function createSummaryHandlers(open: () => Promise<ShelfcastDB> = () => openWorkspaceDb()): Handlers<DatasetSummaryApi> {
  let dbPromise: Promise<ShelfcastDB> | null = null;
  const db = () => (dbPromise ??= open());
  // One dataset at a time: the one the page shows.
  let held: { datasetId: string; summary: Promise<DatasetSummary | undefined>; orders: Map<string, Int32Array> } | null = null;
  onWorkspaceChange((change) => {
    if (change.kind === 'datasets' || change.kind === 'workspace') held = null;
  });
  const hold = (datasetId: string) => {
    if (typeof datasetId !== 'string') throw new TypeError(`invalid datasetId: ${String(datasetId)}`);
    if (held?.datasetId !== datasetId) held = { datasetId, summary: db().then((d) => loadSummary(d, datasetId)), orders: new Map() };
    return held;
  };
  const orderOf = (h: NonNullable<typeof held>, summary: DatasetSummary, key: SummarySortKey, desc: boolean) => {
    const name = `${key}:${desc}`;
    let order = h.orders.get(name);
    if (!order) h.orders.set(name, (order = sortOrder(summary.stats, key, desc)));
    return order;
  };

  return {
    async head({ datasetId }) {
      const summary = await hold(datasetId).summary;
      return summary ? summaryHead(summary) : null;
    },

    async rows({ datasetId, sortKey, desc, offset, limit }) {
      if (!SUMMARY_SORT_KEYS.includes(sortKey)) throw new TypeError(`invalid sortKey: ${String(sortKey)}`);
      const from = maybeInteger('offset', offset, 0);
      const n = maybeInteger('limit', limit, 0, MAX_ROWS);
      const h = hold(datasetId);
      const summary = await h.summary;
      if (!summary) return { rows: [], total: 0 };
      const order = orderOf(h, summary, sortKey, desc === true);
      return { rows: Array.from(order.subarray(from, from + n), (i) => summaryRow(summary, i)), total: order.length };
    },

    async find({ datasetId, query, limit }) {
      const summary = await hold(datasetId).summary;
      if (!summary) return [];
      return matchSeries(summary.stats, String(query ?? ''), maybeInteger('limit', limit, 0, MAX_ROWS)).map((index) => ({ index, id: summary.stats[index].id }));
    },

    async row({ datasetId, index }) {
      const summary = await hold(datasetId).summary;
      return summary && Number.isInteger(index) && index >= 0 && index < summary.stats.length ? summaryRow(summary, index) : null;
    },
  };
}
