import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WEEKLY_ID, generateDemoWorkspace } from '../../../src/lib/demo';
import type { Dataset } from '../../../src/lib/dataset/types';
import { useBackend } from '../../../src/lib/lstm/backend';
import { openWorkspaceDb } from '../../../src/persistence/db';
import { listJobs, saveDataset } from '../../../src/persistence/datasets';
import { getRecord, listRecords, putRecord } from '../../../src/persistence/records';
import type { BacktestReport } from '../../../src/lib/forecast/run/backtest-dataset';
import { createForecastHandlers } from '../../../src/workers/forecast-service';
import type { Progress } from '../../../src/lib/core/progress';

/**
 * The forecast worker's handlers in Node (fake IndexedDB, TF.js cpu): the final LSTM's training can be stopped
 * early and kept, or cancelled and discarded.
 */

beforeAll(async () => {
  await useBackend('cpu');
});

let n = 0;

/** Three demo stores, a backtest with a 1-epoch LSTM, then the stored settings raised to 500 epochs. */
async function setup() {
  const name = `forecast-service-${++n}`;
  const weekly = generateDemoWorkspace({ seed: 3 }).datasets.find((d) => d.meta.id === DEMO_WEEKLY_ID)!;
  const small: Dataset = { ...weekly, meta: { ...weekly.meta, id: 'small', name: 'small', seriesCount: 3 }, series: weekly.series.slice(0, 3) };
  const db = await openWorkspaceDb(name);
  await saveDataset(db, small);
  const handlers = createForecastHandlers(() => openWorkspaceDb(name), null);
  const live = { signal: new AbortController().signal, onProgress: () => {} };
  const lstm = { enabled: true, mode: 'global' as const, units: 4, epochs: 1, seed: 1 };
  const settings = { modelIds: ['snaive' as const], horizon: 4, firstOrigin: 140, step: 13, quantiles: [0.1, 0.5, 0.9], ensembleK: 1 };
  const { id } = await handlers.backtest({ datasetId: 'small', settings, lstm, backend: 'cpu' }, live);
  const record = (await getRecord<BacktestReport>(db, 'backtests', id!))!;
  record.payload.extraSettings = { ...record.payload.extraSettings, lstm: { ...lstm, epochs: 500 } };
  await putRecord(db, 'backtests', record);
  return { db, handlers, backtestId: id! };
}

const epochOf = (p: Progress) => (p as Progress & { epoch?: number }).epoch ?? 0;

describe('forecast worker: the final model can be stopped and kept, or cancelled and discarded', () => {
  it('stopTraining ends the training early; the forecast goes on with the best weights and saves the model', async () => {
    const { db, handlers, backtestId } = await setup();
    expect(await handlers.stopTraining(null, { signal: new AbortController().signal, onProgress: () => {} })).toEqual({ stopping: false });
    let asked = false;
    const result = await handlers.forecast(
      { backtestId, horizon: 4, backend: 'cpu' },
      {
        signal: new AbortController().signal,
        onProgress: (p) => {
          if (!asked && p.phase === 'training' && epochOf(p) >= 2) {
            asked = true;
            void handlers.stopTraining(null, { signal: new AbortController().signal, onProgress: () => {} }).then((r) => expect(r.stopping).toBe(true));
          }
        },
      },
    );
    expect(asked).toBe(true);
    expect(result.modelId).not.toBeNull();
    const model = await getRecord<{ meta: { networks: Array<{ training: { stopReason: string; epochs: number } }> } }>(db, 'models', result.modelId!);
    const training = model!.payload.meta.networks[0].training;
    expect(training.stopReason).toBe('aborted');
    expect(training.epochs).toBeLessThan(500);
    expect(model!.name).toMatch(new RegExp(`stopped by you after epoch ${training.epochs}$`));
    expect(result.forecast.seriesIds).toHaveLength(3);
    expect((await listRecords(db, 'forecasts', 'small')).length).toBe(1);
    expect((await listJobs(db)).find((j) => j.kind === 'forecast')?.status).toBe('done');
  }, 120_000);

  it('a cancel during that training discards everything and records the job as cancelled', async () => {
    const { db, handlers, backtestId } = await setup();
    const controller = new AbortController();
    await expect(
      handlers.forecast({ backtestId, horizon: 4, backend: 'cpu' }, { signal: controller.signal, onProgress: (p) => p.phase === 'training' && epochOf(p) >= 2 && controller.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(await listRecords(db, 'models')).toEqual([]);
    expect(await listRecords(db, 'forecasts')).toEqual([]);
    expect((await listJobs(db)).find((j) => j.kind === 'forecast')?.status).toBe('cancelled');
  }, 120_000);
});

describe('forecast worker: a stop during a backtest’s LSTM keeps the statistical results (#14 point 3)', () => {
  it('saves the leaderboard without the LSTM and records the LSTM as cancelled', async () => {
    const { db, handlers } = await setup();
    const lstm = { enabled: true, mode: 'global' as const, units: 4, epochs: 500, seed: 1 };
    const settings = { modelIds: ['snaive' as const], horizon: 4, firstOrigin: 120, step: 13, quantiles: [0.1, 0.5, 0.9], ensembleK: 1 };
    let asked = false;
    const { id, report } = await handlers.backtest(
      { datasetId: 'small', settings, lstm, backend: 'cpu' },
      {
        signal: new AbortController().signal,
        onProgress: (p) => {
          if (!asked && p.phase === 'training' && epochOf(p) >= 1) {
            asked = true;
            void handlers.stopTraining(null, { signal: new AbortController().signal, onProgress: () => {} });
          }
        },
      },
    );
    expect(asked).toBe(true);
    expect(report.leaderboard.map((r) => r.modelId)).toContain('snaive');
    expect(report.leaderboard.map((r) => r.modelId)).not.toContain('lstm');
    const extra = report.extraSettings as { lstmCancelled?: { refitsDone: number; refits: number }; lstmRefits: Array<{ source: string }> };
    expect(extra.lstmCancelled!.refits).toBe(extra.lstmRefits.length);
    expect(extra.lstmRefits.at(-1)!.source).toBe('cancelled');
    expect((await getRecord<BacktestReport>(db, 'backtests', id!))?.payload.leaderboard.length).toBe(report.leaderboard.length);
  }, 120_000);
});
