/** The validation report of a trained network, in series units (kept in its metadata). */
import { medianIndex, outputCount } from './quantiles';
import { naiveForecasts } from './samples';
import type { LstmNetwork } from './network';
import { allocBatch, EVAL_BATCH, fillBatch, type TrainData } from './train';

/** Validation accuracy in series units: the network's MAE next to the naive and seasonal-naive MAE. */
export interface ValidationScores {
  /** Validation (series, origin) samples. */
  samples: number;
  /** Observed target values compared. */
  points: number;
  /** Mean absolute error of the network, series units. */
  mae: number;
  /** MAE of the last-value forecast. */
  naiveMae: number;
  /** MAE of the seasonal naive forecast (value one season earlier). */
  seasonalNaiveMae: number;
  /** MAE of the skip baseline (seasonal naive plus the seasonal drift; equals `seasonalNaiveMae` without a drift
   * window). Absent in models saved before the drift existed. */
  baselineMae?: number;
  /** Share of observed values inside the network's outermost quantile interval (10-90 % by default): its coverage
   * on the validation windows, which chose the epoch. Absent without quantiles. */
  intervalCoverage?: number;
}

/** Scores the network on its validation samples (forecasts clipped at 0, as `predict` does). */
export async function validationScores(net: LstmNetwork, data: TrainData): Promise<ValidationScores> {
  const pairs = data.samples.val;
  const count = pairs.length / 2;
  const H = data.layout.horizon;
  const quantiles = data.layout.quantiles ?? [];
  const O = outputCount(H, quantiles);
  const mid = medianIndex(quantiles) * H;
  const top = Math.max(0, quantiles.length - 1) * H;
  let inside = 0;
  let points = 0;
  let err = 0;
  let naiveErr = 0;
  let seasonalErr = 0;
  let baselineErr = 0;
  for (let from = 0; from < count; from += EVAL_BATCH) {
    const batch = allocBatch(data.layout, Math.min(EVAL_BATCH, count - from));
    fillBatch(data, pairs, null, from, batch);
    const pred = await net.predict(batch.x, batch.known, batch.size);
    for (let b = 0; b < batch.size; b++) {
      const sf = data.features[pairs[2 * (from + b)]]!;
      const level = sf.scale.level;
      const { naive, seasonal, baseline } = naiveForecasts(sf, pairs[2 * (from + b) + 1], data.layout);
      for (let h = 0; h < H; h++) {
        if (batch.weight[b * H + h] === 0) continue;
        const actual = batch.y[b * H + h] * level;
        points++;
        err += Math.abs(actual - Math.max(0, pred[b * O + mid + h] * level));
        const lo = Math.max(0, pred[b * O + h] * level);
        if (actual >= lo && actual <= Math.max(lo, pred[b * O + top + h] * level)) inside++;
        naiveErr += Math.abs(actual - naive[h]);
        seasonalErr += Math.abs(actual - seasonal[h]);
        baselineErr += Math.abs(actual - Math.max(0, baseline[h]));
      }
    }
  }
  const mean = (x: number) => (points > 0 ? x / points : NaN);
  const scores: ValidationScores = { samples: count, points, mae: mean(err), naiveMae: mean(naiveErr), seasonalNaiveMae: mean(seasonalErr), baselineMae: mean(baselineErr) };
  return quantiles.length > 1 ? { ...scores, intervalCoverage: mean(inside) } : scores;
}
