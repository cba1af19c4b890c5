import type { BacktestResult } from '../evaluate/types';
import { MAX_ETS_SEASON_LENGTH } from '../models/ets';
import type { StatModelId } from '../models/registry';

/**
 * Models that would only repeat another model's forecasts. Two identical models in one backtest give the online
 * ensemble the same forecast twice: with k = 2 it then puts all its weight on that one model (issue #19: 6,249 of
 * 39,900 windows on the store × department file, automatic ETS and its non-seasonal variant on weekly data).
 */

/** A model left out of a backtest because its forecasts are another model's. */
export interface SkippedModel {
  /** Id of the model left out. */
  modelId: string;
  /** Its label. */
  label: string;
  /** Id of the model it repeats, which stays in. */
  sameAs: string;
  /** Why, in words for the leaderboard. */
  reason: string;
}

const LABEL: Partial<Record<StatModelId, string>> = { ets: 'ETS (auto)', 'ets-nonseasonal': 'ETS (auto, no season)' };

/**
 * Models known before any fit to repeat another one: automatic ETS considers seasonal forms only up to a season of
 * MAX_ETS_SEASON_LENGTH periods (as forecast::ets), so beyond it it compares the very forms of its non-seasonal
 * variant and picks the same one. Skipping it before the run saves its fits (about a third of a weekly backtest).
 */
export function knownDuplicates(modelIds: readonly StatModelId[], seasonLength: number): SkippedModel[] {
  if (seasonLength <= MAX_ETS_SEASON_LENGTH || !modelIds.includes('ets') || !modelIds.includes('ets-nonseasonal')) return [];
  return [
    {
      modelId: 'ets',
      label: LABEL.ets!,
      sameAs: 'ets-nonseasonal',
      reason: `not run: with a season of ${seasonLength} periods (more than ${MAX_ETS_SEASON_LENGTH}) automatic ETS fits only non-seasonal forms, the same as ${LABEL['ets-nonseasonal']}`,
    },
  ];
}

/**
 * Removes every model whose forecasts equal, value for value on every window, those of an earlier model in
 * `result` (which stays). Returns the result without them and what was removed; `result` itself is untouched.
 * O(models² × rows × H) at worst, but a comparison stops at the first differing value, which for distinct models
 * comes within the first window.
 */
export function mergeIdenticalModels(result: BacktestResult): { result: BacktestResult; skipped: SkippedModel[] } {
  const size = result.rows * result.horizon;
  const M = result.modelIds.length;
  const keep: number[] = [];
  const skipped: SkippedModel[] = [];
  for (let i = 0; i < M; i++) {
    const same = keep.find((j) => sameBlock(result.forecast, i * size, j * size, size));
    if (same === undefined) keep.push(i);
    else {
      skipped.push({
        modelId: result.modelIds[i],
        label: result.modelLabels[i],
        sameAs: result.modelIds[same],
        reason: `merged: its forecasts equal those of ${result.modelLabels[same]} on all ${result.rows} windows`,
      });
    }
  }
  if (keep.length === M) return { result, skipped };
  const forecast = new Float64Array(keep.length * size);
  keep.forEach((i, n) => forecast.set(result.forecast.subarray(i * size, (i + 1) * size), n * size));
  return {
    result: { ...result, modelIds: keep.map((i) => result.modelIds[i]), modelLabels: keep.map((i) => result.modelLabels[i]), forecast },
    skipped,
  };
}

function sameBlock(values: Float64Array, a: number, b: number, size: number): boolean {
  for (let t = 0; t < size; t++) if (values[a + t] !== values[b + t]) return false;
  // An empty backtest (no rows) proves nothing.
  return size > 0;
}
