/**
 * The forecast-import worker's steps: load the dataset's calendar and series ids, read the file with
 * lib/forecast/external, save the chosen models as forecasts. Reading a file of 100,000 series stays off the
 * main thread; the file travels as a Blob (no copy of its bytes).
 */
import { AppError } from '../lib/core/errors';
import { randomId } from '../lib/core/id';
import { recordName } from '../lib/forecast/external/build';
import { previewOf } from '../lib/forecast/external/preview';
import { readForecastFile, type ForecastFileRead } from '../lib/forecast/external/read-file';
import { openWorkspaceDb, type ShelfcastDB } from '../persistence/db';
import { loadDataset } from '../persistence/datasets';
import { putRecord } from '../persistence/records';
import type { ForecastFileInput, ForecastImportApi, ForecastImportOutput } from './forecast-import-protocol';
import type { Progress } from '../lib/core/progress';
import type { HandlerContext, Handlers } from './rpc';


/** Creates the forecast-import handlers over a workspace database (opened lazily). */
export function createForecastImportHandlers(open: () => Promise<ShelfcastDB> = () => openWorkspaceDb()): Handlers<ForecastImportApi> {
  let dbPromise: Promise<ShelfcastDB> | null = null;
  const db = () => (dbPromise ??= open());

  const read = async ({ datasetId, file, fileName }: ForecastFileInput, { signal, onProgress }: HandlerContext<Progress>): Promise<{ read: ForecastFileRead; seriesCount: number }> => {
    if (!(file instanceof Blob)) throw new AppError('invalid-input', 'No file was given.');
    const dataset = await loadDataset(await db(), datasetId);
    if (!dataset) throw new AppError('not-found', `Dataset ${datasetId} is no longer in the workspace.`);
    onProgress({ phase: 'parsing', done: 0, total: 1, message: `reading ${fileName}` });
    const result = await readForecastFile(
      file,
      { datasetId, name: dataset.meta.name, calendar: dataset.calendar, seriesIds: dataset.series.map((s) => s.id) },
      { fileName, createdAt: Date.now(), signal },
    );
    onProgress({ phase: 'parsing', done: 1, total: 1 });
    return { read: result, seriesCount: dataset.series.length };
  };

  return {
    async inspect(input, context) {
      const { read: result, seriesCount } = await read(input, context);
      return previewOf(result, input.fileName, seriesCount);
    },

    async import(input, context) {
      const models = Array.isArray(input.models) ? input.models : [];
      if (models.length === 0) throw new AppError('invalid-option', 'Choose at least one model to import.');
      const { read: result, seriesCount } = await read(input, context);
      const preview = previewOf(result, input.fileName, seriesCount);
      if (result.report.fatal) return { preview, saved: [] };
      const chosen = models.map((name) => {
        const found = result.models.find((m) => m.model === name);
        if (!found) throw new AppError('invalid-option', `The file has no usable model ${JSON.stringify(name)} (it has ${result.models.map((m) => m.model).join(', ') || 'none'}).`);
        return found;
      });
      const d = await db();
      const now = Date.now();
      const saved: ForecastImportOutput['saved'] = [];
      // Lists and Orders take the newest forecast first: the first model chosen is saved last, 1 ms later.
      for (let i = chosen.length - 1; i >= 0; i--) {
        const { model, forecast } = chosen[i];
        const name = recordName(chosen[i]);
        const at = now + (chosen.length - 1 - i);
        const id = randomId();
        // Kind 'forecast' like the app's own: every reader (lists, Orders, backups) takes it as one; payload.external
        // says where it came from.
        await putRecord(d, 'forecasts', { id, datasetId: input.datasetId, name, kind: 'forecast', createdAt: at, updatedAt: at, payload: { ...forecast, createdAt: at } });
        saved.unshift({ id, name, model });
      }
      return { preview, saved };
    },
  };
}
