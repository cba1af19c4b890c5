import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEMO_WEEKLY_ID, generateDemoWorkspace } from '../../../src/lib/demo';
import { summarizeDataset } from '../../../src/lib/dataset/summary';
import { matchSeries, mostVolatile, sortOrder, summaryHead } from '../../../src/lib/dataset/summary-view';
import type { SeriesStats } from '../../../src/lib/dataset/types';
import { openWorkspaceDb } from '../../../src/persistence/db';
import { saveDataset } from '../../../src/persistence/datasets';
import { collectTransferables } from '../../../src/workers/rpc';
import { createSummaryHandlers } from '../../../src/workers/summary-service';

/** The summary worker answers with what Explore shows (issue #13): a page of rows in order, matches, one row. */

const stat = (id: string, v: number, observed = 10): SeriesStats => ({ id, length: observed, observed, missing: 0, mean: v, std: 1, cv: v, min: 0, max: v, total: v, zeros: 0, negatives: 0, firstDay: 0, lastDay: 0, holidayUplift: NaN });
const live = { signal: new AbortController().signal, onProgress: () => {} };

describe('summary views (lib/dataset/summary-view)', () => {
  const stats = [stat('a10', 3), stat('a2', NaN), stat('a1', 5), stat('b', 3, 4)];
  it('sorts by a column either way with NaN last and ties in dataset order, ids in natural order', () => {
    expect(Array.from(sortOrder(stats, 'mean', true))).toEqual([2, 0, 3, 1]);
    expect(Array.from(sortOrder(stats, 'mean', false))).toEqual([0, 3, 2, 1]);
    expect(Array.from(sortOrder(stats, 'id', false))).toEqual([2, 1, 0, 3]);
  });
  it('finds ids by a part of them, case-insensitive, up to a limit', () => {
    expect(matchSeries(stats, ' A1', 10)).toEqual([0, 2]);
    expect(matchSeries(stats, '', 2)).toEqual([0, 1]);
  });
  it('lists the most volatile series of those with 8 observations or more', () => {
    expect(mostVolatile(stats, 2)).toEqual([2, 0]);
  });
});

describe('summary worker handlers', () => {
  it('serves the head, pages of the sorted table, matches and one row, as reading the whole summary would', async () => {
    const weekly = generateDemoWorkspace({ seed: 3 }).datasets.find((d) => d.meta.id === DEMO_WEEKLY_ID)!;
    const db = await openWorkspaceDb('summary-service-1');
    await saveDataset(db, weekly);
    const whole = summarizeDataset(weekly);
    const h = createSummaryHandlers(() => openWorkspaceDb('summary-service-1'));
    const id = weekly.meta.id;

    const head = (await h.head({ datasetId: id }, live))!;
    expect(head.series).toBe(whole.stats.length);
    expect(Array.from(head.total)).toEqual(Array.from(whole.total));
    expect(head.volatile.map((r) => r.index)).toEqual(mostVolatile(whole.stats, 10));
    // What the page receives is transferred: the worker's own summary must not be the buffer that goes.
    for (const buffer of collectTransferables(head)) structuredClone(buffer, { transfer: [buffer] });
    expect((await h.head({ datasetId: id }, live))!.total.length).toBe(whole.total.length);

    const order = Array.from(sortOrder(whole.stats, 'total', true));
    const page2 = await h.rows({ datasetId: id, sortKey: 'total', desc: true, offset: 5, limit: 5 }, live);
    expect(page2.total).toBe(whole.stats.length);
    expect(page2.rows.map((r) => r.index)).toEqual(order.slice(5, 10));
    expect(page2.rows[0].stats).toEqual(whole.stats[order[5]]);

    const found = await h.find({ datasetId: id, query: whole.stats[3].id, limit: 50 }, live);
    expect(found[0]).toEqual({ index: 3, id: whole.stats[3].id });
    expect((await h.row({ datasetId: id, index: 2 }, live))?.stats).toEqual(whole.stats[2]);
    expect(await h.row({ datasetId: id, index: whole.stats.length }, live)).toBeNull();
  });
  it('answers null or nothing for a dataset that is not there, and refuses a bad sort key or page size', async () => {
    const h = createSummaryHandlers(() => openWorkspaceDb('summary-service-2'));
    expect(await h.head({ datasetId: 'nope' }, live)).toBeNull();
    expect(await h.rows({ datasetId: 'nope', sortKey: 'mean', desc: true, offset: 0, limit: 25 }, live)).toEqual({ rows: [], total: 0 });
    expect(await h.find({ datasetId: 'nope', query: '', limit: 5 }, live)).toEqual([]);
    await expect(h.rows({ datasetId: 'nope', sortKey: 'bogus' as never, desc: true, offset: 0, limit: 25 }, live)).rejects.toThrow(/invalid sortKey: bogus/);
    await expect(h.rows({ datasetId: 'nope', sortKey: 'mean', desc: true, offset: 0, limit: 1e6 }, live)).rejects.toThrow(/limit/);
  });
});
