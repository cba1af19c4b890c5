import { addPeriods } from '../core/dates';
import type { Dataset } from '../dataset/types';
import { selectModels } from '../forecast/ensemble';
import { errorScale, fitErrorQuantiles, forecastQuantiles } from '../forecast/intervals';
import { createStatModel, STAT_MODEL_IDS, type StatModelId } from '../forecast/models';
import type { BacktestReport } from './backtest-dataset';
import { ENSEMBLE_ID } from './backtest-dataset';

/** The future forecast of one series. */
export interface SeriesForecast {
  /** Series id. */
  seriesId: string;
  /** Day number of each forecast period. */
  days: Int32Array;
  /** Point forecast per period (≥ 0). */
  point: Float64Array;
  /** One array per quantile level, per period (≥ 0, non-decreasing across levels). */
  quantiles: Float64Array[];
  /** Models averaged for this series, best first. */
  modelIds: string[];
}

/** Forecasts of a whole dataset, as stored and as consumed by the inventory and reorder engines. */
export interface DatasetForecast {
  /** Dataset forecast. */
  datasetId: string;
  /** When made, ms since epoch. */
  createdAt: number;
  /** Periods ahead. */
  horizon: number;
  /** Quantile levels, ascending. */
  quantileLevels: number[];
  /** Days per period: 1 daily, 7 weekly, 30 monthly (approximate, for lead-time conversion). */
  periodDays: number;
  /** Per series. */
  series: SeriesForecast[];
  /** Per horizon (1…H): the pooled scaled-error quantiles used, for the record. */
  method: string;
}

/** Extra (non-statistical) model forecasts of the future, per series index, for models such as the LSTM. */
export type ExtraFutureForecasts = Record<string, (seriesIndex: number, horizon: number) => Float64Array | null>;

/**
 * Forecasts every series from its whole history with the models its backtest chose (the k best per series by
 * MASE, averaged), and turns the point forecast into quantiles with the ensemble's own backtest errors per
 * horizon (scaled by the series level, pooled over series), so the intervals carry the coverage the
 * leaderboard measured.
 */
export function forecastDataset(
  dataset: Dataset,
  report: BacktestReport,
  options: { horizon?: number; createdAt?: number; extra?: ExtraFutureForecasts } = {},
): DatasetForecast {
  const { result, settings, seasonLength: m } = report;
  const H = options.horizon ?? settings.horizon;
  const ensembleIndex = result.modelIds.indexOf(ENSEMBLE_ID);
  const eq = fitErrorQuantiles(result, ensembleIndex >= 0 ? ensembleIndex : 0, { quantiles: settings.quantiles });
  // Rank candidates without the ensemble itself.
  const candidates = result.modelIds.filter((id) => id !== ENSEMBLE_ID);
  const selections = selectModels(
    { ...result, modelIds: candidates, modelLabels: result.modelLabels.slice(0, candidates.length), forecast: result.forecast.subarray(0, candidates.length * result.rows * result.horizon) },
    { k: Math.min(settings.ensembleK, candidates.length) },
  );
  const { calendar } = dataset;
  const lastDay = calendar.days[calendar.days.length - 1];
  const days = Int32Array.from({ length: H }, (_, h) => addPeriods(lastDay, h + 1, calendar.frequency));
  const ctx = { seasonLength: m, nonNegative: true };
  const series = dataset.series.map((s, index): SeriesForecast => {
    const ids = selections[index]?.modelIds ?? ['snaive'];
    // History up to the calendar's end: a series that stopped early is padded with missing periods.
    const padded = new Float64Array(calendar.days.length - s.start).fill(NaN);
    padded.set(s.values);
    const point = new Float64Array(H);
    let used = 0;
    for (const id of ids) {
      const f = (STAT_MODEL_IDS as readonly string[]).includes(id)
        ? createStatModel(id as StatModelId).forecast(padded, H, ctx)
        : (options.extra?.[id]?.(index, H) ?? null);
      if (!f) continue;
      for (let h = 0; h < H; h++) point[h] += f[h];
      used++;
    }
    for (let h = 0; h < H; h++) point[h] = used ? Math.max(0, point[h] / used) : 0;
    const quantiles = forecastQuantiles(point, errorScale(padded, m), eq, true);
    for (let h = 0; h < H; h++) for (let j = 1; j < quantiles.length; j++) if (quantiles[j][h] < quantiles[j - 1][h]) quantiles[j][h] = quantiles[j - 1][h];
    return { seriesId: s.id, days, point, quantiles, modelIds: ids };
  });
  return {
    datasetId: dataset.meta.id,
    createdAt: options.createdAt ?? 0,
    horizon: H,
    quantileLevels: settings.quantiles,
    periodDays: calendar.frequency === 'daily' ? 1 : calendar.frequency === 'weekly' ? 7 : 30,
    series,
    method: `best ${settings.ensembleK} of ${candidates.join(', ')} per series by backtest MASE; quantiles from the ensemble's backtest errors per horizon, scaled by each series' level`,
  };
}
