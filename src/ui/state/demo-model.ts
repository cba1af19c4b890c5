import { DEMO_WEEKLY_ID } from '../../lib/demo';
import type { ShelfcastDB } from '../../persistence/db';
import type { LstmMeta, TestSpanCheck } from '../../lib/lstm/types';
import { getRecord, putRecord } from '../../persistence/records';

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
  networks?: Array<{ training?: { bestEpoch?: number; shrinkage?: { lambda: number } } }>;
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
  const lambda = meta.networks?.[0]?.training?.shrinkage?.lambda;
  const shrunk = lambda !== undefined && lambda > 0 && lambda < 1 ? `, correction × ${lambda}` : '';
  const trained = epoch === undefined ? '' : epoch > 0 ? `; trained, epoch ${epoch} chosen${shrunk}` : '; untrained: its baseline, seasonal naive + drift';
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

/** What the app says about a saved LSTM, read from its meta.json (the demo model's and a user's alike). */
export interface ModelFacts {
  /** Hidden units, horizon and lookback, periods. */
  units: number;
  /** Dropout rate in training. */
  dropout: number;
  horizon: number;
  lookback: number;
  /** Periods per season (52 weekly). */
  seasonLength: number;
  /** Epoch whose weights forecast; 0 = the untrained network, i.e. its baseline. */
  chosenEpoch: number;
  /** Epochs run, and why training stopped. */
  epochs: number;
  stopReason: string;
  /** Validation loss of epoch 0 and of the chosen epoch (NaN without validation). */
  initialValLoss: number;
  chosenValLoss: number;
  /** The shrinkage of the trained correction towards the baseline (forecast = baseline + λ · correction), when a λ
   * below 1 was chosen on validation; `valLoss` is the blend's validation loss. Null when λ = 1 or it did not run. */
  shrinkage: { lambda: number; valLoss: number } | null;
  /** How the loss weighs the series: 'level' (by each series' level, so the loss is in units over the catalogue's
   * volume), 'equal', or null for models saved before the choice existed (every series alike). */
  lossWeights: 'level' | 'equal' | null;
  /** The one-standard-error check of the best epoch against epoch 0, when it ran. */
  baselineCheck: { epoch: number; improvement: number; standardError: number; origins: number; keptBaseline: boolean } | null;
  /** Training and validation loss per epoch from epoch 0 (the untrained network); NaN where not recorded. */
  losses: Array<{ epoch: number; train: number; val: number }>;
  /** Quantile levels of its outputs; [] for a point network (saved before issue #12's quantile head). */
  quantiles: number[];
  /** Whether its forecast adds the seasonal-naive-plus-drift baseline (the seasonal skip), and its drift window. */
  seasonalSkip: boolean;
  driftWindow: number;
  /** Seasons its baseline averages (1 = seasonal naive; models saved before it existed: 1). */
  seasonalAverage: number;
  /** Day number of the first validation origin (absent without validation) and of the first period after its
   * training window. */
  validationFromDay: number | null;
  originDay: number;
  /** The test-span check its training script stored (the demo model), else null. */
  testCheck: TestSpanCheck | null;
  /** What it reads, in words (`describeInputs`). */
  inputs: ModelInputs;
}

/** A model's inputs in words: per history period, per period ahead, and once per series. */
export interface ModelInputs {
  history: string[];
  ahead: string[];
  fixed: string[];
}

/**
 * Names a model's inputs (meta.json's `stepFeatures`, `knownFeatures`, `staticFeatures`) in words, each once: a
 * harmonic pair or a block of one-hot values becomes one item; `period` names the data's period ('week'). Unknown
 * names are kept as they are.
 */
export function describeInputs(meta: Pick<LstmMeta, 'stepFeatures' | 'knownFeatures' | 'staticFeatures'>, period = 'period'): ModelInputs {
  const word = (name: string): string => {
    const [kind, rest] = name.includes(':') ? [name.slice(0, name.indexOf(':')), name.slice(name.indexOf(':') + 1)] : [name, ''];
    if (kind === 'cov') return rest;
    if (kind === 'future') return `${rest} (known ahead)`;
    if (kind === 'peers') return `its peers' seasonal value against its own (the series that differ from it only in ${rest})`;
    if (/^mean\d+$/.test(name)) return `${name.slice(4)}-${period} mean`;
    if (/^year(Sin|Cos)\d+$/.test(name)) return 'time of year';
    if (/^weekday(Sin|Cos)$/.test(name)) return 'day of the week';
    if (/=/.test(name)) return `a learned correction per ${name.slice(0, name.indexOf('='))}`;
    const words: Record<string, string> = {
      value: 'sales over the series\' level',
      holiday: 'holiday flag',
      baseline: 'the baseline',
      seasonalNaive: 'the baseline (seasonal naive)',
      seasonalNaiveHoliday: `the holiday flag of the ${period} the baseline copies`,
      seasonalDrift: 'the year-over-year change in the baseline',
      logLevel: 'its size (log of its level)',
      spread: 'its recent spread (for the intervals)',
    };
    return words[name] ?? name;
  };
  const unique = (names: readonly string[] | undefined) => [...new Set((names ?? []).map(word))];
  return { history: unique(meta.stepFeatures), ahead: unique(meta.knownFeatures), fixed: unique(meta.staticFeatures) };
}

/**
 * Reads the facts out of a model's meta. Null when the meta is not readable, and for a model of several networks (per
 * series), whose epochs and losses differ from network to network: one network's would misdescribe the rest.
 */
export function modelFacts(meta: LstmMeta | null | undefined): ModelFacts | null {
  const net = meta?.networks?.length === 1 ? meta.networks[0] : undefined;
  if (!meta?.config || !net?.training) return null;
  const t = net.training;
  const c = meta.config;
  return {
    units: c.units,
    dropout: c.dropout,
    horizon: c.horizon,
    lookback: c.lookback,
    seasonLength: c.seasonLength,
    chosenEpoch: t.bestEpoch,
    epochs: t.epochs,
    stopReason: t.stopReason,
    initialValLoss: t.initialValLoss ?? NaN,
    chosenValLoss: t.bestLoss,
    shrinkage: t.shrinkage ?? null,
    lossWeights: c.lossWeights ?? null,
    baselineCheck: t.baselineCheck ?? null,
    losses: [
      { epoch: 0, train: t.initialTrainLoss ?? NaN, val: t.initialValLoss ?? NaN },
      ...t.history.map((h) => ({ epoch: h.epoch, train: h.trainLoss, val: h.valLoss })),
    ],
    quantiles: c.quantiles ?? [],
    seasonalSkip: c.seasonalSkip,
    driftWindow: c.driftWindow ?? 0,
    seasonalAverage: c.seasonalAverage ?? 1,
    validationFromDay: net.heldOutFromDay ?? null,
    originDay: meta.originDay,
    testCheck: meta.testCheck ?? null,
    inputs: describeInputs(meta, { daily: 'day', weekly: 'week', monthly: 'month' }[c.frequency] ?? 'period'),
  };
}

/** The facts of a saved model record (reads its meta from IndexedDB); null when it is gone or not an LSTM. */
export async function loadModelFacts(db: ShelfcastDB, modelId: string): Promise<ModelFacts | null> {
  const record = await getRecord<{ meta?: LstmMeta }>(db, 'models', modelId).catch(() => undefined);
  return modelFacts(record?.payload?.meta);
}
