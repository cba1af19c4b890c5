/**
 * The LSTM over a rolling-origin backtest: the network is trained on the periods before an origin and refit
 * every `refitPeriods`; each origin's forecast reads history before that origin only. An origin block whose
 * history is too short to train on keeps seasonal naive, and the result says so block by block, so the
 * leaderboard can label the row for what made its forecasts.
 */
import { isAbortError } from '../core/abort';
import type { Frequency } from '../core/dates';
import type { BacktestResult } from '../forecast/evaluate/types';
import { fillOriginRows, rowsByOrigin } from '../forecast/run/model-forecast';
import type { LstmInput } from './features';
import { fitLstm, isNotEnoughHistory, type LstmModel } from './lstm';
import type { LstmProgress, LstmSettings } from './options';

/** Periods between LSTM refits in a backtest: 13 weeks, 90 days or 3 months. */
export function refitPeriods(frequency: Frequency): number {
  return frequency === 'weekly' ? 13 : frequency === 'daily' ? 90 : 3;
}

/** What made the forecasts of one block of origins. */
export interface RefitReport {
  /** The block's first origin (the network trained on the periods before it). */
  origin: number;
  /** Origins forecast by this block's network. */
  origins: number[];
  /** 'trained': a network made these forecasts; 'seasonal-naive': nothing to train on, seasonal naive stands in. */
  source: 'trained' | 'seasonal-naive';
  /** Why seasonal naive stands in, when it does. */
  reason?: string;
}

/** The LSTM's backtest forecasts (rows × H, the result's row order) and what made each block of them. */
export interface LstmBacktest {
  forecast: Float64Array;
  refits: RefitReport[];
}

/** Groups ascending origins into refit blocks: a new block starts `every` periods after the last block's first. */
export function refitBlocks(origins: readonly number[], every: number): number[][] {
  const blocks: number[][] = [];
  for (const o of origins) {
    const block = blocks[blocks.length - 1];
    if (block && o - block[0] < every) block.push(o);
    else blocks.push([o]);
  }
  return blocks;
}

/**
 * LSTM forecasts for every row of a statistical backtest. Rows of a block without enough history take the
 * backtest's seasonal naive forecasts (reported as such in `refits`); any other error propagates.
 */
export async function lstmBacktestForecasts(
  dataset: LstmInput,
  result: BacktestResult,
  settings: LstmSettings,
  run: { signal: AbortSignal; onTraining?: (p: LstmProgress, refit: number, refits: number) => void },
): Promise<LstmBacktest> {
  const H = result.horizon;
  const out = new Float64Array(result.rows * H);
  const fallback = result.modelIds.indexOf('snaive');
  if (fallback >= 0) out.set(result.forecast.subarray(fallback * result.rows * H, (fallback + 1) * result.rows * H));
  else out.fill(NaN);
  const byOrigin = rowsByOrigin(result);
  const blocks = refitBlocks([...byOrigin.keys()], refitPeriods(dataset.calendar.frequency));
  const refits: RefitReport[] = [];
  for (let b = 0; b < blocks.length; b++) {
    let model: LstmModel | null = null;
    try {
      model = await fitLstm(dataset, { horizon: H, origin: blocks[b][0], mode: settings.mode, units: settings.units, epochs: settings.epochs, seed: settings.seed }, run.signal, (p) => run.onTraining?.(p, b, blocks.length));
      for (const origin of blocks[b]) fillOriginRows(result, byOrigin.get(origin)!, await model.predict(dataset, { origin }), out);
      refits.push({ origin: blocks[b][0], origins: blocks[b], source: 'trained' });
    } catch (error) {
      if (isAbortError(error) || !isNotEnoughHistory(error)) throw error;
      refits.push({ origin: blocks[b][0], origins: blocks[b], source: 'seasonal-naive', reason: (error as Error).message });
    } finally {
      model?.dispose();
    }
  }
  return { forecast: out, refits };
}

/**
 * The leaderboard label of the LSTM row: it names the network, and says at how many refits seasonal naive stood
 * in for it (too little history to train on).
 */
export function lstmLabel(settings: Pick<LstmSettings, 'mode' | 'units'>, refits: readonly RefitReport[]): string {
  const base = `LSTM (${settings.mode}, ${settings.units} units`;
  const standIns = refits.filter((r) => r.source !== 'trained').length;
  if (standIns === 0) return `${base})`;
  if (standIns === refits.length) return `${base}: never trained, too little history; seasonal naive at all ${refits.length} refits)`;
  return `${base}; seasonal naive at ${standIns} of ${refits.length} refits, too little history)`;
}

/**
 * Trains the final model on the whole history, for the future forecast. The caller disposes it. With
 * `onAbort: 'keep'`, an abort after the first epoch resolves with the best weights so far.
 */
export function fitFinalLstm(
  dataset: LstmInput,
  horizon: number,
  settings: LstmSettings,
  run: { signal: AbortSignal; onTraining?: (p: LstmProgress) => void; onAbort?: 'discard' | 'keep' },
): Promise<LstmModel> {
  return fitLstm(
    dataset,
    { horizon, mode: settings.mode, units: settings.units, epochs: settings.epochs, seed: settings.seed, onAbort: run.onAbort ?? 'discard' },
    run.signal,
    run.onTraining,
  );
}
