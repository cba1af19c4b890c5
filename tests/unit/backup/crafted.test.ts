import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BACKUP_MAGIC, BACKUP_STORES, encodeBackup, toBackupValue, toHex, type BackupRecords } from '../../../src/lib/backup';
import { createRng } from '../../../src/lib/core/rng';
import { DB_VERSION } from '../../../src/persistence/db';
import { readBackup, readWorkspaceRecords, restoreWorkspace, sha256 } from '../../../src/persistence/backup';
import { fillWorkspace, freshDb, snapshot, expectSameBits } from './helpers';
import { openEveryView } from './views';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The records of a filled workspace (demo datasets, a snapshot, one real record per result store). */
async function sample(): Promise<BackupRecords> {
  const db = await freshDb();
  await fillWorkspace(db, 5);
  return readWorkspaceRecords(db);
}

/** Frames record lines (JSON text per record, as an attacker would write them) as a correctly checksummed backup. */
async function frame(lines: Partial<Record<string, string[]>>): Promise<Blob> {
  const enc = new TextEncoder();
  const stores: Record<string, { count: number; bytes: number }> = {};
  const parts: Uint8Array[] = [];
  for (const s of BACKUP_STORES) {
    const text = (lines[s] ?? []).map((l) => `${l}\n`).join('');
    const bytes = enc.encode(text);
    stores[s] = { count: (lines[s] ?? []).length, bytes: bytes.length };
    parts.push(bytes);
  }
  const payload = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) (payload.set(p, o), (o += p.length));
  const manifest = { magic: BACKUP_MAGIC, formatVersion: 1, schemaVersion: DB_VERSION, createdAt: 0, payloadBytes: payload.length, payloadSha256: toHex(await sha256(payload)), stores };
  return new Blob([`${JSON.stringify(manifest)}\n`, payload as Uint8Array<ArrayBuffer>]);
}

const linesOf = (records: BackupRecords) => Object.fromEntries(BACKUP_STORES.map((s) => [s, records[s].map((r, i) => JSON.stringify(toBackupValue(r, `${s}[${i}]`)))]));

async function craft(edit: (r: Record<string, Rec[]>) => void): Promise<Blob> {
  const records = await sample();
  edit(records as unknown as Record<string, Rec[]>);
  const { parts } = await encodeBackup(records, { schemaVersion: DB_VERSION, createdAt: 0, sha256 });
  return new Blob(parts as BlobPart[]);
}

/** Restores `file` into a filled workspace; returns the refusal (or null) and asserts a refusal changed nothing. */
async function attempt(file: Blob): Promise<Error | null> {
  const db = await freshDb();
  await fillWorkspace(db, 1);
  const before = await snapshot(db);
  try {
    await restoreWorkspace(db, await readBackup(file));
  } catch (error) {
    expectSameBits(await snapshot(db), before, 'workspace after a refusal');
    return error as Error;
  }
  await openEveryView(db);
  return null;
}

const ordersOf = (r: Record<string, Rec[]>) => r.orders[0].payload;

describe('a crafted backup (checksum recomputed) is refused, naming what is wrong, and changes nothing', () => {
  it('"__proto__" as a field: the record cannot borrow checked fields from a prototype', async () => {
    const records = await sample();
    const lines = linesOf(records);
    // The attack: every dataset field moved under "__proto__"; only id and seriesCount stay own fields.
    lines.datasets = lines.datasets.map((line) => {
      const d = JSON.parse(line) as Rec;
      return `{"__proto__":${line},"id":${JSON.stringify(d.id)},"seriesCount":${JSON.stringify(d.seriesCount)}}`;
    });
    expect(lines.datasets[0]).toMatch(/^\{"__proto__":\{/);
    const error = await attempt(await frame(lines));
    expect(error?.message).toMatch(/"__proto__" is not allowed/);
  });

  const cases: Array<[string, (r: Record<string, Rec[]>) => void, RegExp]> = [
    ['a negative row count', (r) => (r.datasets[0].rows = -5), /rows should be a whole number from 0/],
    ['reversed first and last dates', (r) => ([r.datasets[0].firstDay, r.datasets[0].lastDay] = [r.datasets[0].lastDay, r.datasets[0].firstDay]), /ends \(\d{4}-\d\d-\d\d\) before it starts/],
    ['a date in year 9999', (r) => (r.datasets[0].lastDay = 2_932_896), /lastDay should be a date between 1800-01-01 and 2200-12-31/],
    ['a calendar whose dates go backwards', (r) => (r.calendars[0].days = r.calendars[0].days.slice().reverse()), /dates must rise/],
    ['an order of 1e308 units', (r) => (ordersOf(r).order.quantity = 1e308), /not a valid order .*quantity from 1 to 1e\+12/],
    ['an order of NaN units', (r) => (ordersOf(r).order.quantity = NaN), /not a valid order/],
    ['an order line hidden under another dataset', (r) => (r.orders[0].datasetId = r.datasets[0].id === r.orders[0].datasetId ? r.datasets[1].id : r.datasets[0].id), /would be hidden from the snapshot/],
    ['the same item approved twice', (r) => r.orders.push({ ...r.orders[0], id: 'dup', payload: { ...ordersOf(r), order: { ...ordersOf(r).order, id: 'dup' } } }), /already has an open order/],
    ['an order line of a snapshot that is not there', (r) => (ordersOf(r).inventoryId = 'nowhere'), /not an order line of a snapshot in the backup/],
    ['an infinite sales value', (r) => (r.seriesChunks[0].series[0].values[3] = Infinity), /infinite or beyond/],
    ['a forecast of a dataset the backup does not hold', (r) => (r.forecasts[0].datasetId = 'gone'), /forecasts: "forecasts" belongs to dataset "gone"/],
    ['a forecast whose payload names another dataset', (r) => (r.forecasts[0].payload.datasetId = r.datasets.find((d) => d.id !== r.forecasts[0].datasetId)!.id), /not a forecast of its dataset/],
    ['a forecast whose values and dates differ in length', (r) => (r.forecasts[0].payload.series[0].point = new Float64Array(1)), /with 4 dates \(fewer only if imported\) and as many values per interval/],
    ['a backtest whose rows point past its series', (r) => (r.backtests[0].payload.result.rowSeries[0] = 9999), /do not fit its/],
    ['a record of an unknown kind', (r) => (r.forecasts[0].kind = 'script'), /not a forecast of its dataset/],
    ['a result record whose payload is not an object', (r) => (r.models[0].payload = 'x'), /payload should be an object/],
    ['a snapshot with a service level of 7', (r) => (r.inventories[0].items[0].serviceLevel = 7), /serviceLevel should be a number from 0 to 1/],
    ['a summary without one entry per series', (r) => r.summaries[0].stats.pop(), /not have one entry per series/],
  ];
  for (const [what, edit, message] of cases) {
    it(`${what}: refused`, async () => {
      const error = await attempt(await craft(edit));
      expect(error?.message).toMatch(message);
    });
  }

  it('an imported forecast (kind "external") that stops short of its horizon for a series restores', async () => {
    const cut = (a: Float64Array | Int32Array) => a.slice(0, 2);
    const file = await craft((r) => {
      const f = r.forecasts[0];
      f.kind = 'external';
      const s = f.payload.series[0];
      Object.assign(s, { days: cut(s.days), point: cut(s.point), quantiles: s.quantiles.map(cut) });
    });
    expect(await attempt(file)).toBeNull();
  });

  it('the untouched sample restores and every view opens it (the cases above differ from it by one edit)', async () => {
    expect(await attempt(await craft(() => undefined))).toBeNull();
  });
});

describe('property: any restore that succeeds yields a workspace every view opens', () => {
  const hostile: unknown[] = [-1, 0, 0.5, 1e308, -1e308, NaN, Infinity, 2 ** 31, -(2 ** 31), '', 'x', null, true, [], {}];

  /** Every path to a replaceable value (object fields, list items, typed-array elements by index). */
  function paths(v: unknown, prefix: Array<string | number>, out: Array<Array<string | number>>, depth: number): void {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      const n = (v as Float64Array).length;
      if (n) out.push([...prefix, 0], [...prefix, n - 1]);
      return;
    }
    const entries = Array.isArray(v) ? v.slice(0, 3).map((x, i) => [i, x] as const) : Object.entries(v);
    for (const [k, x] of entries) {
      out.push([...prefix, k]);
      paths(x, [...prefix, k], out, depth + 1);
    }
  }

  it('200 random one-field corruptions of a real workspace: each is refused or opens in every view', async () => {
    const rng = createRng(20261207);
    const base = await sample();
    let refused = 0;
    let restored = 0;
    for (let trial = 0; trial < 200; trial++) {
      const records = structuredClone(base) as unknown as Record<string, Rec[]>;
      const stores = BACKUP_STORES.filter((s) => records[s].length && s !== 'settings' && s !== 'mappings');
      const store = stores[rng.int(stores.length)];
      const rec = records[store][rng.int(records[store].length)];
      const all: Array<Array<string | number>> = [];
      paths(rec, [], all, 0);
      const path = all[rng.int(all.length)];
      const parent = path.slice(0, -1).reduce<Rec>((o, k) => (o as Rec)[k as string], rec);
      const last = path.at(-1)!;
      const value = hostile[rng.int(hostile.length)];
      if (ArrayBuffer.isView(parent)) (parent as unknown as number[])[last as number] = typeof value === 'number' ? value : NaN;
      else if (rng.int(5) === 0 && !Array.isArray(parent)) delete parent[last as string];
      else (parent as Rec)[last as string] = value;
      const { parts } = await encodeBackup(records as unknown as BackupRecords, { schemaVersion: DB_VERSION, createdAt: 0, sha256 });
      const db = await freshDb();
      let backup;
      try {
        backup = await readBackup(new Blob(parts as BlobPart[]));
      } catch {
        refused++;
        continue;
      }
      await restoreWorkspace(db, backup);
      // A corruption the validator let through must be harmless: every view opens the workspace.
      await openEveryView(db).catch((error: Error) => {
        throw new Error(`trial ${trial}: ${store}.${path.join('.')} = ${String(value)} restored but a view fails: ${error.message}`);
      });
      restored++;
    }
    expect(refused + restored).toBe(200);
    expect(refused).toBeGreaterThan(100);
  }, 120_000);
});
