/** Types only: the summary worker's API (see rpc.ts for the envelope). */
import type { Progress } from '../lib/core/progress';
import type { SummaryHead, SummaryRow, SummarySortKey } from '../lib/dataset/summary-view';

/**
 * The summary worker: holds a dataset's summary (per-series statistics, keys and attributes) and answers with
 * what a view shows of it, so the page's main thread never reads 100,000 per-series records (issue #13).
 */
export type SummaryApi = {
  /** The summary without its per-series arrays, with the most volatile series; null when the dataset is gone. */
  head: { input: { datasetId: string }; result: SummaryHead | null; progress: Progress };
  /** Rows `offset` to `offset + limit` of the series table sorted by `sortKey`; `total` counts every series. */
  rows: {
    input: { datasetId: string; sortKey: SummarySortKey; desc: boolean; offset: number; limit: number };
    result: { rows: SummaryRow[]; total: number };
    progress: Progress;
  };
  /** The first `limit` series (dataset order) whose id contains `query` (case-insensitive; every series when empty). */
  find: { input: { datasetId: string; query: string; limit: number }; result: Array<{ index: number; id: string }>; progress: Progress };
  /** Series `index` as a row; null when out of range or the dataset is gone. */
  row: { input: { datasetId: string; index: number }; result: SummaryRow | null; progress: Progress };
};
