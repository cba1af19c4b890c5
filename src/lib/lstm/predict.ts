import { invalidOption, maybeInteger } from '../core/errors';
import { buildSeriesFeatures, calendarTable, fillKnown, fillWindow, fitSeriesScale, knownWidth, periodDay, stepWidth, type LstmInput, type SeriesFeatures } from './features';
import type { LstmNetwork } from './network';
import { attachPeers } from './peers';
import { medianIndex, outputCount } from './quantiles';
import { allocBatch, EVAL_BATCH } from './train';
import type { LstmForecast, LstmMeta, LstmPredictOptions } from './types';

/**
 * Forecasting with fitted networks. Only periods before the origin are read. A series seen in training keeps its
 * training-window scaler; an unseen one (global mode) is scaled by its own history before the origin.
 */
export async function predictNetworks(meta: LstmMeta, networks: readonly LstmNetwork[], input: LstmInput, options: LstmPredictOptions): Promise<LstmForecast> {
  const cfg = meta.config;
  if (!input || !input.calendar || !Array.isArray(input.series)) invalidOption('input', input, 'a dataset ({calendar, series})');
  if (input.calendar.frequency !== cfg.frequency) invalidOption('input frequency', input.calendar.frequency, cfg.frequency);
  const n = input.calendar.days.length;
  const origin = maybeInteger('origin', options.origin ?? n, 1, n);
  const H = cfg.horizon;
  const byId = new Map(input.series.map((s) => [s.id, s]));
  const ids = options.seriesIds ?? input.series.map((s) => s.id);
  for (const id of ids) if (!byId.has(id)) invalidOption('seriesIds', id, 'ids of series in the input');
  const table = calendarTable(input.calendar, cfg, origin + H);
  const scalerOf = new Map(meta.scalers.seriesIds.map((id, i) => [id, i]));
  const networkOf = new Map<string, number>();
  meta.networks.forEach((net, k) => net.seriesIds.forEach((id) => networkOf.set(id, k)));
  const levels = cfg.quantiles ?? [];
  const Q = levels.length;
  const O = outputCount(H, levels);
  const mid = medianIndex(levels) * H;
  const forecasts = ids.map(() => new Float64Array(H));
  const quantiles = Q > 0 ? ids.map(() => new Float64Array(Q * H)) : null;
  const fallbackIds: string[] = [];
  const queues: Array<Array<{ row: number; sf: SeriesFeatures }>> = networks.map(() => []);
  const featuresOf = (series: LstmInput['series'][number]): SeriesFeatures | null => {
    const j = scalerOf.get(series.id);
    const scale = j !== undefined ? { level: meta.scalers.levels[j], covMean: meta.scalers.covMean[j], covStd: meta.scalers.covStd[j] } : fitSeriesScale(series, origin, cfg.covariates);
    const staticZ = scale && cfg.seriesFeatures ? (Math.log(scale.level) - meta.scalers.logLevelMean) / meta.scalers.logLevelStd : 0;
    return scale ? buildSeriesFeatures(series, origin, cfg, scale, staticZ, table) : null;
  };
  // Peer inputs average every series of the input (not only those forecast), as in training.
  const peers = cfg.peers ?? [];
  let built: Map<string, SeriesFeatures | null> | null = null;
  if (peers.length > 0) {
    const all = input.series.map(featuresOf);
    attachPeers(all, input.series, peers, origin, stepWidth(cfg));
    built = new Map(input.series.map((s, i) => [s.id, all[i]]));
  }
  ids.forEach((id, row) => {
    const series = byId.get(id)!;
    const k = cfg.mode === 'global' ? 0 : networkOf.get(id);
    const sf = built ? built.get(id)! : featuresOf(series);
    if (!sf || k === undefined || k >= networks.length) {
      // Nothing observed before the origin → 0, as every model of types.ts; no network → the last value.
      if (sf) forecasts[row].fill(Math.max(0, sf.steps[(sf.rows - 1) * stepWidth(cfg)] * sf.scale.level));
      fallbackIds.push(id);
      return;
    }
    queues[k].push({ row, sf });
  });
  const K = knownWidth(cfg);
  for (let k = 0; k < networks.length; k++) {
    const queue = queues[k];
    for (let from = 0; from < queue.length; from += EVAL_BATCH) {
      const part = queue.slice(from, from + EVAL_BATCH);
      const batch = allocBatch(cfg, part.length);
      part.forEach(({ sf }, b) => {
        fillWindow(batch.x, b, part.length, sf, origin, cfg);
        fillKnown(batch.known, b * K, origin, sf, cfg, table);
      });
      const pred = await networks[k].predict(batch.x, batch.known, part.length);
      part.forEach(({ row, sf }, b) => {
        for (let h = 0; h < H; h++) forecasts[row][h] = Math.max(0, pred[b * O + mid + h] * sf.scale.level);
        if (!quantiles) return;
        const column = new Float64Array(Q);
        for (let h = 0; h < H; h++) {
          for (let j = 0; j < Q; j++) column[j] = Math.max(0, pred[b * O + j * H + h] * sf.scale.level);
          column.sort();
          for (let j = 0; j < Q; j++) quantiles[row][j * H + h] = column[j];
        }
      });
    }
  }
  const days = Int32Array.from({ length: H }, (_, h) => periodDay(input.calendar, origin + h));
  if (quantiles) {
    // A fallback series has no network quantiles: every level repeats its forecast (an interval of width 0, flagged
    // by `fallbackIds`).
    const fallback = new Set(fallbackIds);
    ids.forEach((id, row) => {
      if (fallback.has(id)) for (let j = 0; j < Q; j++) quantiles[row].set(forecasts[row], j * H);
    });
  }
  return { origin, days, seriesIds: [...ids], forecasts, fallbackIds, ...(quantiles ? { quantileLevels: [...levels], quantiles } : {}) };
}
