import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openWorkspaceDb } from '../../../src/persistence/db';
import { listJobs } from '../../../src/persistence/datasets';
import { createIngestHandlers } from '../../../src/workers/ingest-service';
import type { Progress } from '../../../src/lib/core/progress';

const ctx = () => ({ signal: new AbortController().signal, onProgress: (_: Progress) => undefined });
const csv = ['date,item,sales', ...Array.from({ length: 30 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')},A,${5 + (i % 4)}`)].join('\n');

afterEach(() => vi.restoreAllMocks());

describe('import job records', () => {
  it('keep the startedAt of the import through staging and commit (regression: each update wrote a new one)', async () => {
    const db = await openWorkspaceDb('ingest-jobs-commit');
    let clock = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1000));
    const h = createIngestHandlers(() => Promise.resolve(db));
    const file = new Blob([csv]);
    const [inspected] = await h.inspect({ files: [{ file, name: 'shop.csv', signature: 'sig-1' }], role: 'sales' }, ctx());
    const staged = await h.import(
      { role: 'sales', files: [{ file, name: 'shop.csv', signature: 'sig-1', inspection: inspected.inspection, mapping: inspected.inspection.mapping! }], targetDatasetId: null, duplicates: 'sum' },
      ctx(),
    );
    expect(staged.kind).toBe('staged');
    const [running] = await listJobs(db);
    expect(running).toMatchObject({ kind: 'import', status: 'running', endedAt: null });
    if (staged.kind !== 'staged') return;
    await h.commit({ stagingId: staged.stagingId, name: 'Shop', choices: { missingPeriods: 'leave', negativeValues: 'keep' } }, ctx());
    const [done] = await listJobs(db);
    expect(done).toMatchObject({ id: running.id, status: 'done', label: 'Shop', startedAt: running.startedAt });
    expect(done.endedAt!).toBeGreaterThan(done.startedAt);
  });

  it('keep it when a staged import is discarded', async () => {
    const db = await openWorkspaceDb('ingest-jobs-discard');
    let clock = 2_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1000));
    const h = createIngestHandlers(() => Promise.resolve(db));
    const file = new Blob([csv]);
    const [inspected] = await h.inspect({ files: [{ file, name: 'shop.csv', signature: 'sig-2' }], role: 'sales' }, ctx());
    const staged = await h.import(
      { role: 'sales', files: [{ file, name: 'shop.csv', signature: 'sig-2', inspection: inspected.inspection, mapping: inspected.inspection.mapping! }], targetDatasetId: null, duplicates: 'sum' },
      ctx(),
    );
    if (staged.kind !== 'staged') throw new Error(`not staged: ${staged.kind}`);
    const [running] = await listJobs(db);
    await h.discard({ stagingId: staged.stagingId }, ctx());
    const [cancelled] = await listJobs(db);
    expect(cancelled).toMatchObject({ id: running.id, status: 'cancelled', startedAt: running.startedAt });
    expect(cancelled.endedAt!).toBeGreaterThan(cancelled.startedAt);
  });
});
