import { DEMO_WEEKLY_ID } from '../../lib/demo';
import type { ShelfcastDB } from '../../persistence/db';
import { putRecord } from '../../persistence/records';

/**
 * The LSTM shipped for the demo's weekly store sales (public/models/demo-weekly, built by `npm run train:demo`),
 * saved into the workspace next to the demo data so that the demo forecasts with it at once, offline (the
 * service worker precaches the files). Plain fetch + IndexedDB: no TF.js on the main thread; the forecast
 * worker checks the files when it loads them.
 */

/** Record id of the demo model (a reloaded demo replaces it). */
export const DEMO_MODEL_ID = 'demo-weekly-pretrained';
/** Folder of the shipped model, relative to the app's base URL. */
export const DEMO_MODEL_PATH = 'models/demo-weekly/';
/** Its files: a global model has one network, so one model.json and one weights.bin (see lib/lstm/io.ts). */
const FILES = ['meta.json', 'model.json', 'weights.bin'] as const;

/** What the record needs from meta.json. */
interface DemoMeta {
  format: string;
  backend?: string;
  config: { frequency: string; mode: string; units: number; horizon: number; lookback: number };
  networks?: Array<{ training?: { bestEpoch?: number } }>;
}

/**
 * Fetches the demo model from `base` (the app's base URL) and saves it for the demo weekly dataset. Resolves
 * false, leaving the workspace as it was, when the files cannot be fetched or are not the expected model.
 */
export async function installDemoModel(db: ShelfcastDB, base: string, fetchFn: typeof fetch = fetch): Promise<boolean> {
  let files: Array<{ name: string; data: string | Uint8Array }>;
  let meta: DemoMeta;
  try {
    files = await Promise.all(
      FILES.map(async (name) => {
        const response = await fetchFn(new URL(DEMO_MODEL_PATH + name, base).href);
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        return { name, data: name.endsWith('.json') ? await response.text() : new Uint8Array(await response.arrayBuffer()) };
      }),
    );
    meta = JSON.parse(files[0].data as string) as DemoMeta;
    if (meta?.format !== 'shelfcast-lstm' || meta.config?.frequency !== 'weekly' || meta.config.mode !== 'global') return false;
  } catch {
    return false;
  }
  const now = Date.now();
  const { units, horizon, lookback } = meta.config;
  // Its chosen epoch, so that the name says whether a trained network or its untrained baseline forecasts.
  const epoch = meta.networks?.[0]?.training?.bestEpoch;
  const trained = epoch === undefined ? '' : epoch > 0 ? `; trained, epoch ${epoch} chosen` : '; untrained: its baseline, seasonal naive + drift';
  await putRecord(db, 'models', {
    id: DEMO_MODEL_ID,
    datasetId: DEMO_WEEKLY_ID,
    name: `Pretrained demo LSTM (global, ${units} units, ${horizon} weeks ahead from ${lookback} weeks${trained})`,
    kind: 'lstm-global',
    createdAt: now,
    updatedAt: now,
    payload: { files, meta, backend: meta.backend ?? null, backtestId: null },
  });
  return true;
}
