import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_STORES, encodeBackup, toHex, type BackupRecords } from '../../../src/lib/backup';
import { DB_VERSION, type ShelfcastDB } from '../../../src/persistence/db';
import { clearWorkspace, countWorkspace, exportWorkspace, readBackup, readWorkspaceRecords, restoreWorkspace, sha256 } from '../../../src/persistence/backup';
import { loadDataset, loadSummary, saveDataset } from '../../../src/persistence/datasets';
import { hasSharedData, importText, sharedBlob, importBlob, SKIP_MESSAGE } from '../csv/helpers';
import { expectSameBits, fillWorkspace, freshDb, snapshot } from './helpers';

/** What the Restore button does: validate, then replace. */
async function restoreFromFile(db: ShelfcastDB, file: Blob) {
  return restoreWorkspace(db, await readBackup(file));
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** A backup with its manifest edited (payload unchanged). */
async function withManifest(blob: Blob, edit: (m: Record<string, unknown>) => void): Promise<Blob> {
  const bytes = await bytesOf(blob);
  const end = bytes.indexOf(0x0a);
  const manifest = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end))) as Record<string, unknown>;
  edit(manifest);
  return new Blob([`${JSON.stringify(manifest)}`, bytes.subarray(end) as Uint8Array<ArrayBuffer>]);
}

/** A validly framed and checksummed backup of hand-made records (to reach the record checks). */
async function craft(edit: (r: BackupRecords) => void, source?: ShelfcastDB): Promise<Blob> {
  const db = source ?? (await freshDb());
  if (!source) await fillWorkspace(db);
  const records = await readWorkspaceRecords(db);
  edit(records);
  const { parts } = await encodeBackup(records, { schemaVersion: DB_VERSION, createdAt: 0, sha256 });
  return new Blob(parts as BlobPart[]);
}

/** A workspace with content, a backup of a different workspace, and the state to compare after a refusal. */
async function setup() {
  const current = await freshDb();
  await fillWorkspace(current, 1);
  const other = await freshDb();
  await fillWorkspace(other, 2);
  const { blob } = await exportWorkspace(other, { now: Date.UTC(2024, 4, 1, 17, 30) });
  return { current, blob, before: await snapshot(current) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('workspace backup', () => {
  it('export then restore into an empty workspace gives back every store exactly, typed arrays bit for bit', async () => {
    const source = await freshDb();
    await fillWorkspace(source);
    const { blob, manifest, fileName } = await exportWorkspace(source, { now: Date.UTC(2024, 4, 1, 17, 30) });
    expect(fileName).toBe('shelfcast-backup-2024-05-01-1730.shelfcast');
    expect(manifest.schemaVersion).toBe(DB_VERSION);
    expect(manifest.stores.datasets!.count).toBe(2);
    expect(Object.keys(manifest.stores)).toEqual([...BACKUP_STORES]);
    const target = await freshDb();
    await restoreFromFile(target, blob);
    const [a, b] = [await readWorkspaceRecords(source), await readWorkspaceRecords(target)];
    for (const store of BACKUP_STORES) {
      expect(b[store].length, store).toBe(a[store].length);
      expectSameBits(b[store], a[store], store);
    }
    const payload = (b.settings.find((s) => (s as { key: string }).key === 'awkward-3') as { value: { floats: Float64Array; ints: Int32Array } }).value;
    expect(payload.floats).toBeInstanceOf(Float64Array);
    expect(Number.isNaN(payload.floats[1])).toBe(true);
    expect(payload.ints).toBeInstanceOf(Int32Array);
    expect([...payload.ints]).toEqual([-(2 ** 31), -1, 0, 2 ** 31 - 1, 3]);
    const id = (a.datasets[0] as { id: string }).id;
    expectSameBits(await loadDataset(target, id), await loadDataset(source, id), 'dataset');
  });

  it('restore replaces the workspace: records absent from the backup are gone, the jobs log is emptied', async () => {
    const { current, blob } = await setup();
    await restoreFromFile(current, blob);
    const ids = (await current.getAllKeys('models')).map(String);
    expect(ids).toEqual(['models-2']);
    expect(await current.get('settings', 'prefs-1')).toBeUndefined();
    expect(await current.get('settings', 'prefs-2')).toEqual({ theme: 'dark', nested: [1, NaN] });
    expect(await current.count('jobs')).toBe(0);
  });

  it('the same records always give the same bytes (the checksum covers a deterministic payload)', async () => {
    const db = await freshDb();
    await fillWorkspace(db);
    const one = await exportWorkspace(db, { now: 5 });
    const two = await exportWorkspace(db, { now: 5 });
    expect(toHex(await bytesOf(one.blob))).toBe(toHex(await bytesOf(two.blob)));
  });

  it('an empty workspace makes a backup that restores to an empty workspace', async () => {
    const empty = await freshDb();
    const { blob, manifest } = await exportWorkspace(empty);
    expect(manifest.payloadBytes).toBe(0);
    const { current } = await setup();
    await restoreFromFile(current, blob);
    expect(Object.values(await countWorkspace(current)).every((c) => c === 0)).toBe(true);
  });

  it('a backup of schema 1 (before the result stores) restores with those stores empty', async () => {
    const db = await freshDb();
    await fillWorkspace(db);
    const { parts, manifest } = await encodeBackup(await readWorkspaceRecords(db), { schemaVersion: 1, createdAt: 0, sha256 });
    expect(Object.keys(manifest.stores)).not.toContain('models');
    const target = await freshDb();
    await restoreFromFile(target, new Blob(parts as BlobPart[]));
    expect(await target.count('datasets')).toBe(2);
    expect(await target.count('models')).toBe(0);
  });

  it('export reports progress ending with done === total and honours an aborted signal', async () => {
    const db = await freshDb();
    await fillWorkspace(db);
    const events: Array<{ done: number; total: number }> = [];
    await exportWorkspace(db, { onProgress: (p) => events.push(p) });
    expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
    const controller = new AbortController();
    controller.abort();
    await expect(exportWorkspace(db, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('datasets and snapshots made by the CSV import (covariates, holidays, missing periods, defaults) pass validation and round-trip', async () => {
    const db = await freshDb();
    const sales = await importText(
      'Store,Date,Weekly_Sales,Holiday_Flag,Temperature\n1,05-02-2010,100,0,42.3\n1,12-02-2010,110,1,NA\n1,26-02-2010,-5,0,40\n2,05-02-2010,7,0,41\n2,12-02-2010,8,1,39\n2,19-02-2010,9,0,38\n',
      'sales',
      (m) => ({ ...m, dateOrder: 'dmy' }),
    );
    expect(sales.kind).toBe('ok');
    const stock = await importText('sku,on_hand,lead_time_days\nA,10,3\nB,-2,\n', 'inventory');
    expect(stock.kind).toBe('ok');
    if (sales.kind !== 'ok' || stock.kind !== 'ok') return;
    await saveDataset(db, sales.dataset!, { inventory: { ...stock.inventory!, id: 'inv', datasetId: sales.dataset!.meta.id } });
    const target = await freshDb();
    await restoreFromFile(target, (await exportWorkspace(db)).blob);
    expectSameBits(await readWorkspaceRecords(target), await readWorkspaceRecords(db), 'workspace');
    expectSameBits(await loadSummary(target, 'test'), await loadSummary(db, 'test'), 'summary');
  });

  it.skipIf(!hasSharedData)('the real Walmart_Store_sales.csv (45 stores, covariates) round-trips through a backup', async () => {
    const outcome = await importBlob(sharedBlob('walmart-store-sales/Walmart_Store_sales.csv'), 'sales', (m) => ({ ...m, dateOrder: 'dmy' }));
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    const db = await freshDb();
    await saveDataset(db, outcome.dataset!);
    const target = await freshDb();
    await restoreFromFile(target, (await exportWorkspace(db)).blob);
    expectSameBits(await loadDataset(target, 'test'), await loadDataset(db, 'test'), 'dataset');
  });
  it.skipIf(hasSharedData)(`the real Walmart file round-trips: ${SKIP_MESSAGE}`, () => {});

  it('every store of the schema is backed up except the jobs log and the derived record metadata and plan inputs', async () => {
    const db = await freshDb();
    expect([...db.objectStoreNames].filter((s) => s !== 'jobs' && s !== 'recordMeta' && s !== 'planInputs').sort()).toEqual([...BACKUP_STORES].sort());
  });
});

describe('restore refuses a bad file and leaves the workspace unchanged', () => {
  const cases: Array<[string, (blob: Blob) => Promise<Blob> | Blob, RegExp, string]> = [
    ['an empty file', () => new Blob([]), /file is empty/, 'not-a-backup'],
    ['a CSV file', () => new Blob(['Store,Date,Weekly_Sales\n1,2010-02-05,100\n']), /not a Shelfcast backup \(it is a text file, perhaps a CSV/, 'not-a-backup'],
    ['a JSON file of another kind', () => new Blob([JSON.stringify({ name: 'package', version: '1.0.0' }), '\n']), /not a Shelfcast backup \(it is a JSON file of another kind\)/, 'not-a-backup'],
    ['a JSON array', () => new Blob(['[1,2,3]']), /not a Shelfcast backup \(it is a JSON file of another kind\)/, 'not-a-backup'],
    ['random bytes', () => new Blob([Uint8Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 256)]), /not a Shelfcast backup \(it is a binary file\)/, 'not-a-backup'],
    ['a PNG image', () => new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]), /not a Shelfcast backup/, 'not-a-backup'],
    ['a backup cut inside its header', async (b) => b.slice(0, 60), /incomplete: it ends inside its header/, 'truncated'],
    ['a backup cut right after its header', async (b) => b.slice(0, (await bytesOf(b)).indexOf(0x0a) + 1), /incomplete: it should hold/, 'truncated'],
    ['a backup cut in the middle', (b) => b.slice(0, Math.floor(b.size / 2)), /incomplete: it should hold [\d,]+ bytes of data but holds/, 'truncated'],
    ['a backup missing its last byte', (b) => b.slice(0, b.size - 1), /incomplete/, 'truncated'],
    ['a backup with bytes appended', (b) => new Blob([b, 'x']), /unexpected bytes follow its end/, 'damaged'],
    ['a backup from a newer data schema', (b) => withManifest(b, (m) => (m.schemaVersion = DB_VERSION + 1)), new RegExp(`made by a newer version of Shelfcast \\(backup format 1, data schema ${DB_VERSION + 1}\\)`), 'newer-version'],
    ['a backup in a newer container format', (b) => withManifest(b, (m) => (m.formatVersion = 2)), /newer version of Shelfcast \(backup format 2/, 'newer-version'],
    ['a manifest naming an unknown store', (b) => withManifest(b, (m) => ((m.stores as Record<string, unknown>).secrets = { count: 0, bytes: 0 })), /unknown store "secrets"/, 'damaged'],
    ['a manifest whose lengths do not add up', (b) => withManifest(b, (m) => ((m.stores as Record<string, { bytes: number }>).datasets.bytes += 1)), /do not add up/, 'damaged'],
    ['a manifest with a bad checksum field', (b) => withManifest(b, (m) => (m.payloadSha256 = 'abc')), /no valid checksum/, 'damaged'],
    [
      'a backup with one payload byte changed (checksum mismatch)',
      async (b) => {
        const bytes = await bytesOf(b);
        const i = bytes.indexOf(0x0a) + 200;
        bytes[i] = bytes[i] === 0x31 ? 0x32 : 0x31;
        return new Blob([bytes as Uint8Array<ArrayBuffer>]);
      },
      /checksum does not match/,
      'checksum',
    ],
    [
      'a correctly checksummed backup whose dataset lacks its name',
      () => craft((r) => delete (r.datasets[0] as Record<string, unknown>).name),
      /datasets #1: name should be text, not nothing/,
      'bad-record',
    ],
    [
      'a correctly checksummed backup whose series values are a plain list',
      () => craft((r) => ((r.seriesChunks[0] as { series: Array<{ values: unknown }> }).series[0].values = [1, 2, 3])),
      /seriesChunks #1: series\[0\]\.values should be a Float64Array, not a list/,
      'bad-record',
    ],
    [
      'a correctly checksummed backup with a dataset but no calendar',
      () => craft((r) => r.calendars.shift()),
      /has no calendar/,
      'bad-record',
    ],
    [
      'a correctly checksummed backup missing a chunk of series',
      () => craft((r) => r.seriesChunks.pop()),
      /should have \d+ series but the backup holds \d+/,
      'bad-record',
    ],
    [
      'a correctly checksummed backup with a record twice',
      () => craft((r) => r.models.push(r.models[0])),
      /models #2: the key "models-3" appears twice/,
      'bad-record',
    ],
    [
      'a correctly checksummed backup with a record that is not an object',
      () => craft((r) => (r.orders[0] = 42)),
      /orders #1: the record should be an object, not the number 42/,
      'bad-record',
    ],
  ];

  for (const [what, make, message, problem] of cases) {
    it(`${what}: refused (${problem})`, async () => {
      const { current, blob, before } = await setup();
      const bad = await make(blob);
      const error = await restoreFromFile(current, bad).then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ name: 'AppError', code: 'invalid-input', details: expect.objectContaining({ problem }) });
      expect((error as Error).message).toMatch(message);
      expectSameBits(await snapshot(current), before, 'workspace');
    });
  }

  it('a damaged record line (not JSON) with a matching checksum is refused naming the store and record', async () => {
    const { current, blob, before } = await setup();
    const bytes = await bytesOf(blob);
    const end = bytes.indexOf(0x0a);
    const manifest = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end))) as { payloadSha256: string; stores: Record<string, { bytes: number }>; payloadBytes: number };
    const payload = new TextDecoder().decode(bytes.subarray(end + 1)).replace(/^\{/, '{{');
    const payloadBytes = new TextEncoder().encode(payload);
    manifest.payloadSha256 = toHex(await sha256(payloadBytes));
    manifest.stores.datasets.bytes += 1;
    manifest.payloadBytes += 1;
    const bad = new Blob([JSON.stringify(manifest), '\n', payloadBytes as Uint8Array<ArrayBuffer>]);
    await expect(restoreFromFile(current, bad)).rejects.toThrow(/datasets #1: not valid JSON/);
    expectSameBits(await snapshot(current), before, 'workspace');
  });

  it('a storage failure in the middle of a restore (quota) aborts it whole: the old workspace stays', async () => {
    const { current, blob, before } = await setup();
    const backup = await readBackup(blob);
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++calls === 10) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(restoreWorkspace(current, backup)).rejects.toMatchObject({ code: 'quota-exceeded', message: expect.stringMatching(/^Not enough storage: [\d.,]+ MB needed/) });
    vi.restoreAllMocks();
    expect(calls).toBe(10);
    expectSameBits(await snapshot(current), before, 'workspace');
  });
});

describe('clear all data', () => {
  it('empties every store, settings and jobs included, in one transaction', async () => {
    const db = await freshDb();
    await fillWorkspace(db);
    // Derived reorder inputs (not in backups, see plan-inputs.ts) are emptied too.
    await db.put('planInputs', { id: 'f|b|d', datasetId: null, name: '', kind: 'plan-inputs', createdAt: 0, updatedAt: 0, payload: { forecastId: 'f', backtestId: 'b', inputs: null } });
    expect(Object.values(await countWorkspace(db)).every((c) => c > 0)).toBe(true);
    await clearWorkspace(db);
    const counts = await countWorkspace(db);
    expect(Object.keys(counts).length).toBe(15);
    expect(Object.values(counts).every((c) => c === 0)).toBe(true);
  });

  it('a failure while clearing leaves everything in place', async () => {
    const db = await freshDb();
    await fillWorkspace(db);
    const before = await snapshot(db);
    const clear = IDBObjectStore.prototype.clear;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'clear').mockImplementation(function (this: IDBObjectStore) {
      if (++calls === 5) throw new DOMException('The transaction was aborted.', 'AbortError');
      return clear.apply(this);
    });
    await expect(clearWorkspace(db)).rejects.toThrow();
    vi.restoreAllMocks();
    expectSameBits(await snapshot(db), before, 'workspace');
  });
});
