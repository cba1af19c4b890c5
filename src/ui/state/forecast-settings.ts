/**
 * The Forecast tab's settings (issue #14, point 2): they belong to the workspace, not to the view, so they survive
 * switching tabs while a run goes on, and a reload (stored per dataset in the `settings` store). Pure helpers; the
 * ForecastSession owns the live object.
 */
import { seasonLength as seasonLengthOf, type Frequency } from '../../lib/core/dates';
import { DEFAULT_MODELS, type BacktestSettings } from '../../lib/forecast/run/backtest-dataset';
import { STAT_MODEL_IDS, type StatModelId } from '../../lib/forecast/models/registry';
import type { LstmSettings } from '../../lib/lstm/options';

/** What the planner set in the Forecast tab. */
export interface ForecastSettings {
  /** Statistical models compared. */
  modelIds: StatModelId[];
  /** Backtest horizon, periods. */
  horizon: number;
  /** First backtest origin, periods of training. */
  firstOrigin: number;
  /** Periods between origins. */
  step: number;
  /** Models combined per series in the ensemble. */
  ensembleK: number;
  /** Periods of the future forecast. */
  futureHorizon: number;
  /** Workers for the statistical fits, [1, 16]; default one per logical core (results do not depend on it). */
  workers: number;
  /** The LSTM's settings (trained only when enabled). */
  lstm: LstmSettings;
}

/** Settings-store key of a dataset's forecast settings. */
export const forecastSettingsKey = (datasetId: string) => `forecastSettings:${datasetId}`;

/** Defaults for a dataset: a horizon by frequency, origins over the last 45% of history, coarser steps for many series. */
export function defaultForecastSettings(meta: { frequency: Frequency; seriesCount: number }, periods: number): ForecastSettings {
  const horizon = meta.frequency === 'daily' ? 14 : meta.frequency === 'weekly' ? 8 : 6;
  const firstOrigin = Math.max(1, Math.min(periods - horizon, Math.max(2 * seasonLengthOf(meta.frequency) + 1, Math.floor(periods * 0.55))));
  return {
    modelIds: [...DEFAULT_MODELS],
    horizon,
    firstOrigin,
    step: meta.seriesCount > 500 ? horizon : 1,
    ensembleK: 2,
    futureHorizon: horizon,
    workers: defaultWorkers(),
    // A small global network: quick on two cores, and the refits keep every origin honest.
    lstm: { enabled: false, mode: 'global', units: 32, epochs: 60, seed: 1 },
  };
}

/** One worker per logical core, at most 16 (the forecast worker's pool, workers/pool.ts). */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(16, globalThis.navigator?.hardwareConcurrency || 2));
}

const int = (x: unknown, lo: number, hi: number, fallback: number) =>
  typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi ? x : fallback;

/** Reads stored settings over `defaults`, keeping only well-formed values (a stored record is untrusted). */
export function maybeForecastSettings(stored: unknown, defaults: ForecastSettings, periods: number): ForecastSettings {
  if (!stored || typeof stored !== 'object') return defaults;
  const s = stored as Partial<ForecastSettings>;
  const modelIds = Array.isArray(s.modelIds) ? s.modelIds.filter((id): id is StatModelId => (STAT_MODEL_IDS as readonly string[]).includes(id)) : [];
  const horizon = int(s.horizon, 1, Math.max(1, periods - 2), defaults.horizon);
  const l = (s.lstm ?? {}) as Partial<LstmSettings>;
  return {
    modelIds: modelIds.length ? modelIds : defaults.modelIds,
    horizon,
    firstOrigin: int(s.firstOrigin, 1, Math.max(1, periods - horizon), defaults.firstOrigin),
    step: int(s.step, 1, Math.max(1, periods), defaults.step),
    ensembleK: int(s.ensembleK, 1, 5, defaults.ensembleK),
    futureHorizon: int(s.futureHorizon, 1, 366, defaults.futureHorizon),
    workers: int(s.workers, 1, 16, defaults.workers),
    lstm: {
      enabled: typeof l.enabled === 'boolean' ? l.enabled : defaults.lstm.enabled,
      mode: l.mode === 'per-series' || l.mode === 'global' ? l.mode : defaults.lstm.mode,
      units: int(l.units, 1, 1024, defaults.lstm.units),
      epochs: int(l.epochs, 1, 10_000, defaults.lstm.epochs),
      seed: int(l.seed, 0, 2 ** 31, defaults.lstm.seed),
      ...(typeof l.covariates === 'boolean' ? { covariates: l.covariates } : {}),
    },
  };
}

/** The backtest the settings ask for. */
export function toBacktestSettings(s: ForecastSettings): BacktestSettings {
  return { modelIds: [...s.modelIds], horizon: s.horizon, firstOrigin: s.firstOrigin, step: s.step, quantiles: [0.1, 0.5, 0.9], ensembleK: s.ensembleK, workers: s.workers };
}

/**
 * The short backtest behind a future forecast asked for directly (no backtest shown): the chosen models on the
 * last three windows of the future horizon, enough to pick each series' models and size its intervals.
 */
export function quickBacktestSettings(s: ForecastSettings, periods: number): BacktestSettings {
  const horizon = Math.max(1, Math.min(s.futureHorizon, Math.floor(periods / 4)));
  const lastOrigin = periods - horizon;
  return { ...toBacktestSettings(s), horizon, step: horizon, lastOrigin, firstOrigin: Math.max(1, lastOrigin - 2 * horizon) };
}
