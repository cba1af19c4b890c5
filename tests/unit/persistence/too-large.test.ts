import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { generateDemoWorkspace, DEMO_WEEKLY_ID } from '../../../src/lib/demo';
import type { Dataset } from '../../../src/lib/dataset/types';
import { AppError } from '../../../src/lib/core/errors';
import { openWorkspaceDb } from '../../../src/persistence/db';
import { listJobs, saveDataset } from '../../../src/persistence/datasets';
import { browserTooLarge, deleteRecord, getRecord, isTooLargeError, listRecords, putRecord } from '../../../src/persistence/records';
import { exportWorkspace, readBackup, restoreWorkspace } from '../../../src/persistence/backup';
import { approximateBytes } from '../../../src/persistence/quota';
import { createForecastHandlers } from '../../../src/workers/forecast-service';

/**
 * Issue #13: a weekly backtest of 100,000 series with the default models is about 180 MB, more than Chromium takes
 * in one IndexedDB value (133,169,152 bytes). The refusal is reported with the size and what to do, never
 * swallowed, and the backtest's finished scores still reach the page.
 */

let n = 0;
const weekly = () => generateDemoWorkspace({ seed: 3 }).datasets.find((d) => d.meta.id === DEMO_WEEKLY_ID)!;

async function workspace() {
  const name = `too-large-${++n}`;
  const full = weekly();
  const small: Dataset = { ...full, meta: { ...full.meta, id: 'small', name: 'small', seriesCount: 3 }, series: full.series.slice(0, 3) };
  const db = await openWorkspaceDb(name);
  await saveDataset(db, small);
  return { name, db };
}

const record = (id: string, values: number) => ({ id, datasetId: 'small', name: id, kind: 'backtest', createdAt: 1, updatedAt: 1, payload: { values: new Float64Array(values) } });

describe('a result too large to store is reported, not swallowed (#13)', () => {
  it('putRecord refuses a record over the bound even without its typed arrays, naming its size and the bound; nothing is saved', async () => {
    const { db } = await workspace();
    const big = { ...record('big', 10), payload: { scores: Array.from({ length: 1_000_000 }, (_, i) => i) } };
    const error = await putRecord(db, 'backtests', big, 5_000_000).catch((e: unknown) => e);
    expect(isTooLargeError(error)).toBe(true);
    expect((error as AppError).message).toMatch(/^This result is too large to save in the browser: about 8 MB, and the browser stores at most 5 MB in one piece\. It was not saved\. Use fewer models/);
    expect((error as AppError).details).toMatchObject({ neededBytes: expect.any(Number), maxBytes: 5_000_000 });
    expect(await getRecord(db, 'backtests', 'big')).toBeUndefined();
    expect(await listRecords(db, 'backtests')).toEqual([]);
  });

  it('a record over the bound is saved with its large typed arrays in parts, read back whole, listed once and deleted whole', async () => {
    const { db } = await workspace();
    const values = Float64Array.from({ length: 1_000_003 }, (_, i) => i * 0.5 - 7);
    const rows = Int32Array.from({ length: 10 }, (_, i) => i);
    const rec = { ...record('split', 0), payload: { result: { values, rows, label: 'x' }, perSeries: [{ mase: [1, null] }] } };
    // 8 MB over a 5 MB bound, in parts of 3 MB: 3 parts for `values`; the small `rows` stays in the record.
    await putRecord(db, 'backtests', rec, 5_000_000, 3_000_000);
    expect(rec.payload.result.values).toBe(values);
    expect(await db.count('backtests')).toBe(4);
    expect((await listRecords(db, 'backtests')).map((r) => r.id)).toEqual(['split']);
    const back = (await getRecord<typeof rec.payload>(db, 'backtests', 'split'))!;
    expect(back.payload.result.values).toBeInstanceOf(Float64Array);
    expect(back.payload.result.values).toEqual(values);
    expect(back.payload.result.rows).toEqual(rows);
    expect(back.payload.perSeries).toEqual([{ mase: [1, null] }]);
    expect(back).not.toHaveProperty('parts');
    // Replaced by a small version: the old parts go.
    await putRecord(db, 'backtests', { ...rec, payload: { result: { values: new Float64Array(4), rows, label: 'y' }, perSeries: [] } }, 5_000_000, 3_000_000);
    expect(await db.count('backtests')).toBe(1);
    await putRecord(db, 'backtests', rec, 5_000_000, 3_000_000);
    await deleteRecord(db, 'backtests', 'split');
    expect(await db.count('backtests')).toBe(0);
    expect(await listRecords(db, 'backtests')).toEqual([]);
  });

  it('a backtest saved in parts survives a backup and restore: listed once, read back whole', async () => {
    const { name, db } = await workspace();
    const settings = { modelIds: ['naive' as const, 'snaive' as const], horizon: 4, firstOrigin: 140, step: 4, quantiles: [0.1, 0.5, 0.9], ensembleK: 1 };
    const { id } = await createForecastHandlers(() => openWorkspaceDb(name), null).backtest({ datasetId: 'small', settings }, { signal: new AbortController().signal, onProgress: () => {} });
    const whole = (await getRecord(db, 'backtests', id!))!;
    // Saved again with bounds that split its forecasts, actuals and row arrays into parts of 100 bytes.
    await putRecord(db, 'backtests', whole, approximateBytes(whole) - 1, 100);
    expect(await db.count('backtests')).toBeGreaterThan(5);
    expect(await getRecord(db, 'backtests', id!)).toEqual(whole);
    const { blob } = await exportWorkspace(db, { now: 5 });
    const { db: other } = await workspace();
    await restoreWorkspace(other, await readBackup(blob));
    expect((await listRecords(other, 'backtests')).map((r) => r.id)).toEqual([id]);
    expect(await getRecord(other, 'backtests', id!)).toEqual(whole);
  });

  it("Chromium's own refusal (an UnknownError with the sizes) becomes the same error with the browser's figures", () => {
    const chromium = new DOMException('The serialized keys and/or value are too large (size=180123456 bytes, max=133169152 bytes).', 'UnknownError');
    const error = browserTooLarge(chromium, {})!;
    expect(isTooLargeError(error)).toBe(true);
    expect(error.message).toMatch(/about 180 MB, and the browser stores at most 133 MB in one piece/);
    expect(browserTooLarge(new DOMException('', 'QuotaExceededError'), {})).toBeNull();
    expect(browserTooLarge(new Error('disk error'), {})).toBeNull();
  });

  it('a backtest too large to save returns its leaderboard with the reason, stores nothing, and its job is done', async () => {
    const { name, db } = await workspace();
    const settings = { modelIds: ['naive' as const, 'snaive' as const], horizon: 4, firstOrigin: 140, step: 4, quantiles: [0.1, 0.5, 0.9], ensembleK: 1 };
    const live = { signal: new AbortController().signal, onProgress: () => {} };
    const saved = await createForecastHandlers(() => openWorkspaceDb(name), null).backtest({ datasetId: 'small', settings }, live);
    expect(saved.id).toEqual(expect.any(String));
    expect(saved.notSaved).toBeNull();

    const tooLarge = await createForecastHandlers(() => openWorkspaceDb(name), null, 1_000).backtest({ datasetId: 'small', settings }, live);
    expect(tooLarge.id).toBeNull();
    expect(tooLarge.notSaved).toMatch(/^This result is too large to save in the browser: about 0 MB.*It was not saved\./);
    // The same scores as the saved run: the report is whole, only not stored.
    expect(tooLarge.report.leaderboard.map((r) => [r.modelId, r.overall.wape])).toEqual(saved.report.leaderboard.map((r) => [r.modelId, r.overall.wape]));
    expect(Array.from(tooLarge.report.result.forecast)).toEqual(Array.from(saved.report.result.forecast));
    expect((await listRecords(db, 'backtests')).map((r) => r.id)).toEqual([saved.id]);
    expect((await listJobs(db)).map((j) => j.status)).toEqual(['done', 'done']);
  });
});
