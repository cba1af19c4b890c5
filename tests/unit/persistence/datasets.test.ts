import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, openWorkspaceDb, SERIES_CHUNK } from '../../../src/persistence/db';
import { summarizeDataset } from '../../../src/lib/dataset/summary';
import {
  deleteDataset, listDatasets, listJobs, loadDataset, loadSeriesAt, loadSummary, markInterruptedJobs, putJob, renameDataset, saveDataset,
} from '../../../src/persistence/datasets';
import { generateDemoWorkspace } from '../../../src/lib/demo';
import type { Dataset } from '../../../src/lib/dataset/types';

let n = 0;
const freshDb = () => openWorkspaceDb(`test-${++n}`);

function bigDataset(series: number): Dataset {
  const days = Int32Array.from({ length: 10 }, (_, i) => 14000 + 7 * i);
  return {
    meta: {
      id: 'big', name: 'big', sourceFiles: ['big.csv'], format: 'mapped', createdAt: 1, keyColumns: ['k'], valueColumn: 'v', covariateColumns: [],
      rows: series * 10, seriesCount: series, firstDay: days[0], lastDay: days[9], frequency: 'weekly',
      choices: { missingPeriods: 'leave', negativeValues: 'keep' }, report: { issues: [], counts: {}, severities: {}, fatal: false },
    },
    calendar: { frequency: 'weekly', days, holidays: new Uint8Array(10) },
    series: Array.from({ length: series }, (_, i) => ({ id: String(i), key: { k: String(i) }, start: 0, values: Float64Array.from({ length: 10 }, (_, t) => i + t), covariates: {} })),
  };
}

describe('workspace persistence', () => {
  it('saveDataset then loadDataset round-trips typed arrays exactly, in chunks of SERIES_CHUNK series', async () => {
    const db = await freshDb();
    const d = bigDataset(SERIES_CHUNK * 2 + 5);
    await saveDataset(db, d);
    expect(await db.count('seriesChunks')).toBe(3);
    const back = await loadDataset(db, 'big');
    expect(back!.series.length).toBe(d.series.length);
    expect(back!.series[SERIES_CHUNK + 3].values).toEqual(d.series[SERIES_CHUNK + 3].values);
    expect(back!.series[0].values).toBeInstanceOf(Float64Array);
    expect(back!.calendar.days).toEqual(d.calendar.days);
    expect((await loadSeriesAt(db, 'big', SERIES_CHUNK * 2 + 4))!.id).toBe(String(SERIES_CHUNK * 2 + 4));
    expect((await loadSummary(db, 'big'))!.stats.length).toBe(d.series.length);
  });

  it('saving a dataset again with fewer series leaves no stale chunk behind', async () => {
    const db = await freshDb();
    await saveDataset(db, bigDataset(SERIES_CHUNK * 2));
    await saveDataset(db, bigDataset(3));
    expect(await db.count('seriesChunks')).toBe(1);
    expect((await loadDataset(db, 'big'))!.series.length).toBe(3);
  });

  it('rename and delete touch only their dataset; delete removes chunks, calendar, summary and linked inventory', async () => {
    const db = await freshDb();
    const demo = generateDemoWorkspace({ seed: 3, stores: 4, items: 3 });
    for (const d of demo.datasets) await saveDataset(db, d, { inventory: demo.inventory.datasetId === d.meta.id ? demo.inventory : null });
    const [a, b] = demo.datasets;
    await renameDataset(db, a.meta.id, 'Renamed');
    expect((await listDatasets(db)).find((x) => x.id === a.meta.id)!.name).toBe('Renamed');
    await deleteDataset(db, demo.inventory.datasetId!);
    expect((await listDatasets(db)).map((x) => x.id)).toEqual([a.meta.id === demo.inventory.datasetId ? b.meta.id : a.meta.id]);
    expect(await db.count('inventories')).toBe(0);
    expect(await db.countFromIndex('seriesChunks', 'byDataset', demo.inventory.datasetId!)).toBe(0);
  });

  it('a failed write stores nothing: the transaction aborts as a whole', async () => {
    const db = await freshDb();
    const d = bigDataset(10);
    // A function cannot be cloned, so the put of the dataset record fails after the chunks were queued.
    (d.meta as unknown as { bad: unknown }).bad = () => 1;
    await expect(saveDataset(db, d)).rejects.toThrow();
    expect(await db.count('seriesChunks')).toBe(0);
    expect(await db.count('datasets')).toBe(0);
  });

  it('jobs still running from an earlier page are marked interrupted', async () => {
    const db = await freshDb();
    await putJob(db, { id: 'j1', kind: 'import', status: 'running', label: 'big.csv', startedAt: 1, endedAt: null });
    await putJob(db, { id: 'j2', kind: 'import', status: 'done', label: 'ok.csv', startedAt: 2, endedAt: 3 });
    const interrupted = await markInterruptedJobs(db);
    expect(interrupted.map((j) => j.id)).toEqual(['j1']);
    expect((await listJobs(db)).find((j) => j.id === 'j1')!.status).toBe('interrupted');
  });

  it('a workspace saved by schema version 1 opens in the current version with its data and the new stores', async () => {
    const name = `migrate-${++n}`;
    const v1 = await openWorkspaceDb(name, 1);
    expect(v1.objectStoreNames.contains('models')).toBe(false);
    // Written as version 1 wrote it (today's saveDataset also clears stores that version 1 did not have).
    const dataset = bigDataset(3);
    const tx = v1.transaction(['datasets', 'calendars', 'seriesChunks', 'summaries'], 'readwrite');
    await Promise.all([
      tx.objectStore('datasets').put({ ...dataset.meta, sourceSignature: null }),
      tx.objectStore('calendars').put({ ...dataset.calendar, datasetId: dataset.meta.id }),
      tx.objectStore('seriesChunks').put({ datasetId: dataset.meta.id, chunk: 0, series: dataset.series }),
      tx.objectStore('summaries').put(summarizeDataset(dataset)),
      tx.done,
    ]);
    v1.close();
    const v2 = await openWorkspaceDb(name);
    expect(v2.version).toBe(DB_VERSION);
    for (const store of ['models', 'forecasts', 'backtests', 'simRuns', 'orders', 'recordMeta', 'planInputs'] as const) expect(v2.objectStoreNames.contains(store)).toBe(true);
    expect((await loadDataset(v2, 'big'))!.series.length).toBe(3);
  });
});
