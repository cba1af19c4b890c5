import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateDemoWorkspace } from '../../../src/lib/demo';
import { createOrderLines, type OrderLine } from '../../../src/lib/reorder-run/order-lines';
import { onWorkspaceChange, type WorkspaceChange } from '../../../src/persistence/changes';
import { DB_VERSION, openWorkspaceDb, RECORD_STORES, type ShelfcastDB } from '../../../src/persistence/db';
import { deleteDataset, deleteInventory, listJobs, markInterruptedJobs, putJob, saveDataset, settleJobsOnOpen, watchRunningJobs } from '../../../src/persistence/datasets';
import { releaseJobLock } from '../../../src/persistence/job-locks';
import { decideOrderLines, listOrderLines } from '../../../src/persistence/orders';
import { listRecords, putRecord } from '../../../src/persistence/records';
import { resultRecords } from '../backup/helpers';

let n = 0;
const uniqueName = () => `integrity-${++n}`;

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** A workspace with the small demo (two datasets, a snapshot) and one record per result store on each dataset. */
async function filled(name = uniqueName()): Promise<{ db: ShelfcastDB; weekly: string; daily: string; inventoryId: string; line: OrderLine }> {
  const db = await openWorkspaceDb(name);
  const demo = generateDemoWorkspace({ seed: 9, stores: 4, items: 3 });
  const [weekly, daily] = demo.datasets;
  for (const d of demo.datasets) await saveDataset(db, d, { inventory: demo.inventory.datasetId === d.meta.id ? demo.inventory : null });
  for (const { store, record } of await resultRecords(weekly, daily, demo.inventory, 9)) {
    await putRecord<unknown>(db, store, { ...record, datasetId: store === 'simRuns' ? weekly.meta.id : record.datasetId });
  }
  const item = demo.inventory.items[1];
  const [line] = createOrderLines(
    [{ id: 'po-1', seriesId: item.seriesId, key: item.key, quantity: 5, unitCost: 1, value: 5, orderDay: demo.inventory.asOfDay ?? 0, expectedArrivalDay: (demo.inventory.asOfDay ?? 0) + 3, status: 'REORDER', recommendedQuantity: 5, explanation: '', approvedAt: 1 }],
    demo.inventory.id,
    'approved',
    1,
  );
  return { db, weekly: weekly.meta.id, daily: daily.meta.id, inventoryId: demo.inventory.id, line };
}

describe('one open order per item and snapshot (#14.1, #17.2)', () => {
  it('approving the same line twice (a double click) stores it once; the second is reported as skipped', async () => {
    const { db, daily, inventoryId, line } = await filled();
    const first = await decideOrderLines(db, daily, [line], 10);
    const second = await decideOrderLines(db, daily, [line], 11);
    expect(first.saved).toHaveLength(1);
    expect(second).toMatchObject({ saved: [], skipped: [line.order.seriesId] });
    const open = (await listOrderLines(db, inventoryId, daily)).filter((r) => r.payload.state === 'approved' && r.payload.order.seriesId === line.order.seriesId);
    expect(open).toHaveLength(1);
  });

  it('two tabs (two connections) approving the same item at the same moment store one approved line', async () => {
    const name = uniqueName();
    const { db: a, daily, inventoryId, line } = await filled(name);
    const b = await openWorkspaceDb(name);
    const results = await Promise.all([decideOrderLines(a, daily, [line], 10), decideOrderLines(b, daily, [line], 10)]);
    expect(results.map((r) => r.saved.length).sort()).toEqual([0, 1]);
    expect((await listOrderLines(b, inventoryId, daily)).filter((r) => r.payload.order.seriesId === line.order.seriesId && r.payload.state === 'approved')).toHaveLength(1);
  });

  it('the other tab hears of the approval on the workspace channel', async () => {
    const { db, daily, inventoryId, line } = await filled();
    const heard: WorkspaceChange[] = [];
    const stop = onWorkspaceChange((c) => heard.push(c));
    await decideOrderLines(db, daily, [line], 10);
    await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'orders', inventoryId }));
    stop();
  });

  it('a rejection can be followed by an approval, but not by a second rejection', async () => {
    const { db, daily, line } = await filled();
    const rejected = { ...line, state: 'rejected' as const };
    expect((await decideOrderLines(db, daily, [rejected], 10)).saved).toHaveLength(1);
    expect((await decideOrderLines(db, daily, [rejected], 11)).saved).toHaveLength(0);
    expect((await decideOrderLines(db, daily, [line], 12)).saved).toHaveLength(1);
  });
});

describe('deleting a dataset deletes what depends on it (#17.9)', () => {
  it('its models, forecasts, backtests, simulation runs, snapshot and order lines go with it; the other dataset keeps its own', async () => {
    const { db, weekly, daily, inventoryId, line } = await filled();
    await decideOrderLines(db, daily, [line], 10);
    const count = async (datasetId: string) => Promise.all(RECORD_STORES.map((s) => db.countFromIndex(s, 'byDataset', datasetId)));
    expect(await count(weekly)).toEqual([1, 1, 1, 1, 0]);
    await deleteDataset(db, weekly);
    expect(await count(weekly)).toEqual([0, 0, 0, 0, 0]);
    expect(await db.countFromIndex('recordMeta', 'byDataset', weekly)).toBe(0);
    expect((await count(daily)).reduce((a, b) => a + b)).toBeGreaterThan(0);
    await deleteDataset(db, daily);
    expect(await db.count('inventories')).toBe(0);
    expect(await db.count('orders')).toBe(0);
    expect(await listOrderLines(db, inventoryId, daily)).toEqual([]);
    for (const s of RECORD_STORES) expect(await db.count(s), s).toBe(0);
    expect(await db.count('recordMeta')).toBe(0);
  });

  it('deleting a snapshot deletes its order lines', async () => {
    const { db, daily, inventoryId, line } = await filled();
    await decideOrderLines(db, daily, [line], 10);
    await deleteInventory(db, inventoryId);
    expect(await listOrderLines(db, inventoryId, daily)).toEqual([]);
    expect((await listRecords(db, 'orders')).filter((r) => r.datasetId === daily && r.kind === 'order-line')).toHaveLength(0);
  });

  it('a job of another tab cannot save a result for a dataset deleted meanwhile (#17.8)', async () => {
    const { db, weekly } = await filled();
    await deleteDataset(db, weekly);
    const record = { id: 'late', datasetId: weekly, name: 'late backtest', kind: 'backtest', createdAt: 1, updatedAt: 1, payload: {} };
    await expect(putRecord(db, 'backtests', record)).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/deleted \(perhaps in another tab\)/) });
    expect(await db.count('backtests')).toBe(0);
  });
});

describe('record metadata in its own store (#16.3)', () => {
  it('listing records never reads a payload store', async () => {
    const { db, weekly } = await filled();
    const touched: string[] = [];
    for (const method of ['get', 'getAll', 'openCursor'] as const) {
      const original = IDBObjectStore.prototype[method] as (...a: unknown[]) => unknown;
      vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
        touched.push(this.name);
        return original.apply(this, args) as never;
      });
    }
    const lists = await Promise.all(RECORD_STORES.map((s) => listRecords(db, s, s === 'simRuns' ? undefined : weekly)));
    expect(lists.map((l) => l.length).every((c) => c >= 0)).toBe(true);
    expect(lists[2].map((r) => r.kind)).toEqual(['backtest']);
    expect(lists[2][0].payload).toBeNull();
    expect(touched.filter((s) => s !== 'recordMeta')).toEqual([]);
  });

  it('an upgrade from version 2 fills the metadata of the records already stored', async () => {
    const name = uniqueName();
    const v2 = await openWorkspaceDb(name, 2);
    await v2.put('backtests', { id: 'b1', datasetId: 'd', name: 'old', kind: 'backtest', createdAt: 5, updatedAt: 5, payload: { big: new Float64Array(10) } });
    v2.close();
    const v3 = await openWorkspaceDb(name);
    expect(await listRecords(v3, 'backtests', 'd')).toEqual([{ id: 'b1', datasetId: 'd', name: 'old', kind: 'backtest', createdAt: 5, updatedAt: 5, payload: null }]);
  });
});

describe('a newer version in another tab (#17.7)', () => {
  it('the old tab closes its connection when a newer version opens, and says so', async () => {
    const name = uniqueName();
    const onVersionChange = vi.fn();
    const old = await openWorkspaceDb(name, DB_VERSION, { onVersionChange });
    const newer = await Promise.race([openWorkspaceDb(name, DB_VERSION + 1), new Promise((_, reject) => setTimeout(() => reject(new Error('the upgrade waited on the old tab')), 3000))]);
    expect((newer as ShelfcastDB).version).toBe(DB_VERSION + 1);
    expect(onVersionChange).toHaveBeenCalledTimes(1);
  });

  it('a tab that must wait for an older one is told so (blocked), and opens once that one closes', async () => {
    const name = uniqueName();
    const stubborn = await openDB(name, DB_VERSION, { upgrade: () => undefined });
    const onBlocked = vi.fn();
    const opening = openWorkspaceDb(name, DB_VERSION + 1, { onBlocked });
    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalled());
    stubborn.close();
    expect((await opening).version).toBe(DB_VERSION + 1);
  });
});

describe('jobs belong to the tab that runs them (#17.8)', () => {
  /** A minimal Web Locks manager (Node has none): exclusive locks by name, released when the callback settles. */
  function fakeLocks() {
    const held = new Set<string>();
    const queues = new Map<string, Promise<void>>();
    return {
      request(name: string, callback: () => Promise<void>) {
        const run = (queues.get(name) ?? Promise.resolve()).then(async () => {
          held.add(name);
          try {
            await callback();
          } finally {
            held.delete(name);
          }
        });
        queues.set(name, run.catch(() => undefined));
        return run;
      },
      async query() {
        return { held: [...held].map((name) => ({ name })) };
      },
    };
  }

  it('a job running in another tab is not "interrupted"; once its tab is gone it is', async () => {
    const locks = fakeLocks();
    const locksHeld = async () => (await locks.query()).held;
    vi.stubGlobal('navigator', { locks });
    const db = await openWorkspaceDb(uniqueName());
    await putJob(db, { id: 'import-1', kind: 'import', status: 'running', label: 'big.csv', startedAt: 1, endedAt: null });
    expect(await markInterruptedJobs(db)).toEqual([]);
    expect((await listJobs(db))[0].status).toBe('running');
    releaseJobLock('import-1'); // what closing the tab does to its locks
    await vi.waitFor(async () => expect((await locksHeld()).length).toBe(0));
    expect((await markInterruptedJobs(db)).map((j) => j.id)).toEqual(['import-1']);
  });

  it('a tab that opened while another ran a job says "interrupted" when that tab closes mid-job, not when it finishes', async () => {
    const locks = fakeLocks();
    vi.stubGlobal('navigator', { locks });
    const db = await openWorkspaceDb(uniqueName());
    await putJob(db, { id: 'crash', kind: 'backtest', status: 'running', label: 'a', startedAt: 1, endedAt: null });
    await putJob(db, { id: 'ok', kind: 'import', status: 'running', label: 'b', startedAt: 1, endedAt: null });
    const told: string[] = [];
    await watchRunningJobs(db, (job) => told.push(`${job.id}:${job.status}`));
    await putJob(db, { id: 'ok', kind: 'import', status: 'done', label: 'b', startedAt: 1, endedAt: 2 });
    releaseJobLock('crash');
    await vi.waitFor(() => expect(told).toEqual(['crash:interrupted']));
    expect((await listJobs(db)).find((j) => j.id === 'ok')!.status).toBe('done');
  });

  it('a page opening while a reloaded page\'s owner lets go of its job reports the job "interrupted", once (a reload mid-job)', async () => {
    const locks = fakeLocks();
    // The old page's worker still holds the lock at the page's first look and is gone right after it.
    const query = locks.query;
    let looks = 0;
    locks.query = async () => {
      const held = await query();
      if (++looks === 1) releaseJobLock('bt');
      return held;
    };
    vi.stubGlobal('navigator', { locks });
    const db = await openWorkspaceDb(uniqueName());
    await putJob(db, { id: 'bt', kind: 'backtest', status: 'running', label: 'a', startedAt: 1, endedAt: null });
    const told: string[] = [];
    const marked = await settleJobsOnOpen(db, (job) => told.push(`${job.id}:${job.status}`));
    await vi.waitFor(async () => expect((await listJobs(db))[0].status).toBe('interrupted'));
    await vi.waitFor(() => expect([...told, ...marked.map((j) => `${j.id}:${j.status}`)]).toEqual(['bt:interrupted']));
  });

  it('finishing a job releases its lock', async () => {
    const locks = fakeLocks();
    vi.stubGlobal('navigator', { locks });
    const db = await openWorkspaceDb(uniqueName());
    await putJob(db, { id: 'j', kind: 'backtest', status: 'running', label: 'x', startedAt: 1, endedAt: null });
    expect((await locks.query()).held).toHaveLength(1);
    await putJob(db, { id: 'j', kind: 'backtest', status: 'done', label: 'x', startedAt: 1, endedAt: 2 });
    await vi.waitFor(async () => expect((await locks.query()).held).toHaveLength(0));
  });
});
