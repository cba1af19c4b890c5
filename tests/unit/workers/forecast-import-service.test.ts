import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addPeriods, isoFromDay } from '../../../src/lib/core/dates';
import type { Progress } from '../../../src/lib/core/progress';
import type { DatasetForecast } from '../../../src/lib/forecast/run/forecast-dataset';
import { FLAG, STATUS } from '../../../src/lib/reorder';
import { DEFAULT_PLANNER_OPTIONS, toReorderOptions } from '../../../src/lib/reorder-run';
import { openWorkspaceDb } from '../../../src/persistence/db';
import { saveDataset } from '../../../src/persistence/datasets';
import { readWorkspaceRecords } from '../../../src/persistence/backup';
import { checkMeaning } from '../../../src/lib/backup';
import { getRecord, listRecords, putRecord } from '../../../src/persistence/records';
import { backtestDataset } from '../../../src/lib/forecast/run/backtest-dataset';
import { createForecastImportHandlers } from '../../../src/workers/forecast-import-service';
import { createReorderHandlers } from '../../../src/workers/reorder-service';
import { demoWorkspace } from '../reorder-run/helpers';

// The handlers the forecast-import worker serves, on a fake IndexedDB holding the demo workspace, and the
// reorder worker's handlers planning from what they saved.
let n = 0;
async function demoDb() {
  const db = await openWorkspaceDb(`forecast-import-${++n}`);
  const demo = demoWorkspace();
  await saveDataset(db, demo.datasets[0]);
  await saveDataset(db, demo.datasets[1], { inventory: demo.inventory });
  return db;
}
const ctx = () => ({ signal: new AbortController().signal, onProgress: (_: Progress) => undefined });

/** A statsforecast-style file for the demo's daily items: each series' mean of its last 28 days, ±30 % as the 80 % interval. */
function statsforecastFile(extraIds: string[] = []): string {
  const daily = demoWorkspace().datasets[1];
  const last = daily.calendar.days.at(-1)!;
  const lines = ['unique_id,ds,AutoETS,AutoETS-lo-80,AutoETS-hi-80,AutoARIMA'];
  for (const s of daily.series) {
    const tail = Array.from(s.values.slice(-28)).filter(Number.isFinite);
    const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
    for (let h = 1; h <= 35; h++) lines.push(`${s.id},${isoFromDay(addPeriods(last, h, 'daily'))},${mean.toFixed(3)},${(mean * 0.7).toFixed(3)},${(mean * 1.3).toFixed(3)},${(mean * 1.1).toFixed(3)}`);
  }
  for (const id of extraIds) lines.push(`${id},${isoFromDay(last + 1)},1,0,2,1`);
  return lines.join('\n');
}

describe('forecast-import service', () => {
  it('inspects without saving, imports the chosen models, and the reorder engine plans from them', async () => {
    const db = await demoDb();
    const h = createForecastImportHandlers(async () => db);
    const file = new Blob([statsforecastFile(['NOT-AN-ITEM'])]);
    const preview = await h.inspect({ datasetId: 'demo-daily-items', file, fileName: 'sf.csv' }, ctx());
    expect(preview.report.fatal).toBe(false);
    expect(preview.models.map((m) => [m.model, m.series, m.horizon, m.quantileSource])).toEqual([
      ['AutoETS', 100, 35, 'intervals'],
      ['AutoARIMA', 100, 35, 'none'],
    ]);
    expect(preview).toMatchObject({ unmatchedIds: 1, unmatchedRows: 1, seriesWithout: 0, datasetSeries: 100 });
    expect(await listRecords(db, 'forecasts', 'demo-daily-items')).toEqual([]);

    const out = await h.import({ datasetId: 'demo-daily-items', file, fileName: 'sf.csv', models: ['AutoETS', 'AutoARIMA'] }, ctx());
    expect(out.saved.map((s) => s.name)).toEqual([
      'AutoETS, imported from sf.csv (quantiles 10%, 90% from its intervals)',
      'AutoARIMA, imported from sf.csv (no intervals in the file: Orders assumes a Poisson spread)',
    ]);
    // The first model chosen is the newest: lists and Orders take it first.
    const listed = await listRecords(db, 'forecasts', 'demo-daily-items');
    expect(listed.map((r) => [r.id, r.kind])).toEqual([[out.saved[0].id, 'forecast'], [out.saved[1].id, 'forecast']]);
    const stored = (await getRecord<DatasetForecast>(db, 'forecasts', out.saved[0].id))!.payload;
    expect(stored.external?.fileName).toBe('sf.csv');
    expect(stored.quantileLevels).toEqual([0.1, 0.9]);

    // A backtest of the app's own models is in the workspace: its errors must not size the imported model's stock.
    const daily = demoWorkspace().datasets[1];
    const T = daily.calendar.days.length;
    const report = await backtestDataset(daily, { modelIds: ['naive', 'snaive'], horizon: 14, firstOrigin: T - 84, lastOrigin: T - 14, step: 7, quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
    await putRecord(db, 'backtests', { id: 'b1', datasetId: daily.meta.id, name: 'app backtest', kind: 'backtest', createdAt: 1, updatedAt: 1, payload: report });
    const reorder = createReorderHandlers(async () => db);
    const options = toReorderOptions(DEFAULT_PLANNER_OPTIONS);
    const ets = await reorder.run({ inventoryId: 'demo-inventory', forecastId: out.saved[0].id, options }, ctx());
    const planned = Array.from(ets.result.status).filter((s) => s !== STATUS.NO_FORECAST && s !== STATUS.INVALID_INPUT).length;
    expect(planned).toBeGreaterThan(90);
    const flags = Array.from(ets.result.flags);
    // σ from the file's interval, never from the app's backtests nor a made-up spread.
    expect(flags.filter((f) => f & FLAG['sigma-from-quantiles']).length).toBe(planned);
    expect(flags.filter((f) => f & FLAG['cumulative-errors'])).toEqual([]);
    const arima = await reorder.run({ inventoryId: 'demo-inventory', forecastId: out.saved[1].id, options }, ctx());
    expect(Array.from(arima.result.flags).filter((f) => f & FLAG['sigma-poisson']).length).toBe(planned);
  });

  it('an imported forecast with a series cut short by a hole in the file passes the backup checks', async () => {
    const db = await demoDb();
    const h = createForecastImportHandlers(async () => db);
    const lines = statsforecastFile().split('\n');
    // Line 4 is the first item's third day: its AutoETS upper bound is emptied.
    lines[3] = lines[3].split(',').map((c, j) => (j === 4 ? '' : c)).join(',');
    const out = await h.import({ datasetId: 'demo-daily-items', file: new Blob([lines.join('\n')]), fileName: 'holes.csv', models: ['AutoETS'] }, ctx());
    expect(out.preview.report.issues.find((i) => i.code === 'short-series')).toMatchObject({ row: 4, column: 'AutoETS-hi-80' });
    const stored = (await getRecord<DatasetForecast>(db, 'forecasts', out.saved[0].id))!.payload;
    expect(stored.series[0].point.length).toBe(2);
    expect(stored.horizon).toBe(35);
    expect(checkMeaning(await readWorkspaceRecords(db))).toEqual([]);
  });

  it('saves nothing from a refused file, and names a model the file does not have', async () => {
    const db = await demoDb();
    const h = createForecastImportHandlers(async () => db);
    const bad = new Blob(['unique_id,ds,cutoff,y,AutoETS\nx,2024-01-01,2023-12-31,1,2']);
    const out = await h.import({ datasetId: 'demo-daily-items', file: bad, fileName: 'cv.csv', models: ['AutoETS'] }, ctx());
    expect(out.saved).toEqual([]);
    expect(out.preview.report.issues[0].code).toBe('cross-validation-file');
    const good = new Blob([statsforecastFile()]);
    await expect(h.import({ datasetId: 'demo-daily-items', file: good, fileName: 'sf.csv', models: ['NHITS'] }, ctx())).rejects.toThrow(/no usable model "NHITS" \(it has AutoETS, AutoARIMA\)/);
    await expect(h.inspect({ datasetId: 'gone', file: good, fileName: 'sf.csv' }, ctx())).rejects.toThrow(/no longer in the workspace/);
    expect(await listRecords(db, 'forecasts')).toEqual([]);
  });
});
