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
import { settingsOptions, type LstmOptions, type LstmProgress, type LstmSettings } from './options';
import type { StopReason } from './train';
import type { LstmMeta } from './types';

/** Periods between LSTM refits in a backtest: 13 weeks, 90 days or 3 months. */
export function refitPeriods(frequency: Frequency): number {
  return frequency === 'weekly' ? 13 : frequency === 'daily' ? 90 : 3;
}

/** The training record of one network of a refit, for the panel and the leaderboard's label. */
export interface RefitNetwork {
  /** Epoch whose weights made the forecasts; 0 = the untrained network, i.e. the baseline. */
  chosenEpoch: number;
  /** Epochs run. */
  epochs: number;
  /** Validation loss (the training loss: pinball with quantiles, else squared error, of level-scaled values) of
   * epoch 0, the baseline; NaN without validation. */
  baselineValLoss: number;
  /** Validation loss of the chosen epoch (of its blend with epoch 0 when the correction was shrunk). */
  chosenValLoss: number;
  /** λ of forecast = baseline + λ · correction, chosen on validation (1 = the trained network as it is,
   * 0 = the baseline). Absent in records saved before it existed. */
  shrinkage?: number;
  /** The factor every quantile's distance from the median was multiplied by, chosen so that the outermost
   * quantiles cover their nominal share of the validation actuals, and that coverage before and after
   * (intervals.ts). Absent when it did not run. */
  intervals?: { scale: number; coverageBefore: number; coverageAfter: number };
  /** Why training ended. */
  stopReason: StopReason;
  /** Training and validation windows. */
  trainSamples: number;
  valSamples: number;
  /** Training and validation loss per epoch from epoch 0 (the untrained network, no dropout) on. */
  losses: Array<{ epoch: number; train: number; val: number }>;
}

/** What made the forecasts of one block of origins. */
export interface RefitReport {
  /** The block's first origin (the network trained on the periods before it). */
  origin: number;
  /** Origins forecast by this block's network. */
  origins: number[];
  /**
   * 'trained': a network trained past epoch 0 made these forecasts (per series: at least one did);
   * 'baseline': training never beat the untrained network (epoch 0), so the network's baseline made them;
   * 'seasonal-naive': nothing to train on, the backtest's seasonal naive stands in;
   * 'cancelled': the run was stopped before this block was done (not scored).
   */
  source: 'trained' | 'baseline' | 'seasonal-naive' | 'cancelled';
  /** Why seasonal naive stands in, when it does. */
  reason?: string;
  /** The networks trained (one in global mode), when a network was fitted. */
  networks?: RefitNetwork[];
  /** What the untrained network forecasts, in words (e.g. 'seasonal naive + drift'). */
  baseline?: string;
  /** Training wall time, ms. */
  trainMs?: number;
}

/** The LSTM's backtest forecasts (rows × H, the result's row order) and what made each block of them. */
export interface LstmBacktest {
  /** Forecasts, or null when the run was stopped before every block was done. */
  forecast: Float64Array | null;
  refits: RefitReport[];
  /** The network's own quantile forecasts, when it has quantile outputs: `levels` and, per level, rows × H values
   * (the result's row order). Rows the network did not forecast (seasonal naive stood in, or a fallback series)
   * hold NaN: the network gave them no interval. Null when the run was stopped. */
  quantiles?: { levels: number[]; values: Float64Array[] } | null;
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

/** The baseline of a fitted model, in words: what its untrained network forecasts. */
export function baselineName(meta: LstmMeta): string {
  if (!meta.config.seasonalSkip) return 'the mean of its training targets';
  const k = meta.config.seasonalAverage ?? 1;
  const seasonal = k > 1 ? `the mean of the last ${k} seasons` : 'seasonal naive';
  return meta.config.driftWindow > 0 ? `${seasonal} + drift` : seasonal;
}

/** The refit record of a fitted model. */
export function refitRecord(meta: LstmMeta, origins: number[]): RefitReport {
  const networks: RefitNetwork[] = meta.networks.map(({ training: t }) => ({
    chosenEpoch: t.bestEpoch,
    epochs: t.epochs,
    baselineValLoss: t.initialValLoss,
    chosenValLoss: t.bestEpoch === 0 ? t.initialValLoss : (t.shrinkage?.valLoss ?? t.history[t.bestEpoch - 1]?.valLoss ?? NaN),
    shrinkage: t.bestEpoch === 0 ? 0 : (t.shrinkage?.lambda ?? 1),
    ...(t.intervals ? { intervals: { scale: t.intervals.scale, coverageBefore: t.intervals.coverageBefore, coverageAfter: t.intervals.coverageAfter } } : {}),
    stopReason: t.stopReason,
    trainSamples: t.trainSamples,
    valSamples: t.valSamples,
    losses: [{ epoch: 0, train: t.initialTrainLoss ?? NaN, val: t.initialValLoss }, ...t.history.map((h) => ({ epoch: h.epoch, train: h.trainLoss, val: h.valLoss }))],
  }));
  const trained = networks.some((n) => n.chosenEpoch > 0);
  return { origin: origins[0], origins, source: trained ? 'trained' : 'baseline', networks, baseline: baselineName(meta), trainMs: meta.elapsedMs };
}

/**
 * LSTM forecasts for every row of a statistical backtest. Rows of a block without enough history take the
 * backtest's seasonal naive forecasts (reported as such in `refits`). When `run.stop` aborts (and `run.signal` did
 * not), resolves with `forecast: null` and the blocks done so far, the rest marked 'cancelled'; any other error
 * propagates.
 */
export async function lstmBacktestForecasts(
  dataset: LstmInput,
  result: BacktestResult,
  settings: LstmSettings,
  run: {
    signal: AbortSignal;
    stop?: AbortSignal;
    onTraining?: (p: LstmProgress, refit: number, refits: number) => void;
    /** Training time of all refits together, ms: each refit gets the time left over the refits left. 0 = none. */
    budgetMs?: number;
    /** Passed to every refit's `fitLstm` (e.g. `samplesPerEpoch`). */
    options?: Partial<LstmOptions>;
  },
): Promise<LstmBacktest> {
  const H = result.horizon;
  const out = new Float64Array(result.rows * H);
  const fallback = result.modelIds.indexOf('snaive');
  if (fallback >= 0) out.set(result.forecast.subarray(fallback * result.rows * H, (fallback + 1) * result.rows * H));
  else out.fill(NaN);
  const byOrigin = rowsByOrigin(result);
  const blocks = refitBlocks([...byOrigin.keys()], refitPeriods(dataset.calendar.frequency));
  const refits: RefitReport[] = [];
  let quantiles: { levels: number[]; values: Float64Array[] } | null = null;
  const signal = run.stop ? AbortSignal.any([run.signal, run.stop]) : run.signal;
  const started = Date.now();
  for (let b = 0; b < blocks.length; b++) {
    let model: LstmModel | null = null;
    try {
      const budget = run.budgetMs ? { timeBudgetMs: Math.max(1, (run.budgetMs - (Date.now() - started)) / (blocks.length - b)) } : {};
      const options: LstmOptions = { ...run.options, ...budget, horizon: H, origin: blocks[b][0], ...settingsOptions(settings) };
      model = await fitLstm(dataset, options, signal, (p) => run.onTraining?.(p, b, blocks.length));
      for (const origin of blocks[b]) {
        const fc = await model.predict(dataset, { origin });
        fillOriginRows(result, byOrigin.get(origin)!, fc, out);
        if (!fc.quantiles || !fc.quantileLevels) continue;
        const levels = fc.quantileLevels;
        quantiles ??= { levels, values: levels.map(() => new Float64Array(result.rows * H).fill(NaN)) };
        quantiles.values.forEach((v, j) => {
          const rows = { ...fc, forecasts: fc.quantiles!.map((q) => q.subarray(j * H, (j + 1) * H)) };
          fillOriginRows(result, byOrigin.get(origin)!, rows, v);
        });
      }
      refits.push(refitRecord(model.meta, blocks[b]));
    } catch (error) {
      if (isAbortError(error) && run.stop?.aborted && !run.signal.aborted) {
        for (const origins of blocks.slice(b)) refits.push({ origin: origins[0], origins, source: 'cancelled' });
        return { forecast: null, refits, quantiles: null };
      }
      if (isAbortError(error) || !isNotEnoughHistory(error)) throw error;
      refits.push({ origin: blocks[b][0], origins: blocks[b], source: 'seasonal-naive', reason: (error as Error).message });
    } finally {
      model?.dispose();
    }
  }
  return { forecast: out, refits, quantiles };
}

/**
 * The leaderboard label of the LSTM row. It is called an LSTM only where a trained network (chosen epoch > 0) made
 * forecasts, and says at how many refits the network kept its baseline (training did not beat it on validation)
 * and at how many seasonal naive stood in (too little history). Where no refit trained, the row is named after
 * what made its forecasts.
 */
export function lstmLabel(settings: Pick<LstmSettings, 'mode' | 'units'>, refits: readonly RefitReport[]): string {
  const n = refits.length;
  const count = (source: RefitReport['source']) => refits.filter((r) => r.source === source).length;
  const [trained, kept, standIns] = [count('trained'), count('baseline'), count('seasonal-naive')];
  const baseline = refits.find((r) => r.baseline)?.baseline ?? 'its baseline';
  const notes = [
    ...(kept > 0 ? [`kept its baseline at ${kept} of ${n} refits`] : []),
    ...(standIns > 0 ? [`seasonal naive at ${standIns} of ${n} refits, too little history`] : []),
  ];
  const net = `${settings.mode}, ${settings.units} units`;
  if (trained > 0) return notes.length ? `LSTM (${net}): ${notes.join('; ')}` : `LSTM (${net})`;
  if (kept > 0) return `${baseline[0].toUpperCase()}${baseline.slice(1)}: the LSTM's untrained baseline (${net}; training never beat it: ${notes.join('; ')})`;
  return `Seasonal naive: the LSTM never trained, too little history (seasonal naive at all ${n} refits)`;
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
    { horizon, ...settingsOptions(settings), onAbort: run.onAbort ?? 'discard' },
    run.signal,
    run.onTraining,
  );
}
