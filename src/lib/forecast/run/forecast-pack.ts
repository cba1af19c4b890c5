import type { DatasetForecast, SeriesForecast } from './forecast-dataset';

/**
 * A dataset's forecast in a few flat typed arrays, for the trip from the worker to the page (issue #18). As a
 * `DatasetForecast`, 30,000 series are some 300,000 objects and typed arrays, and structured cloning them back to
 * life took the page's main thread hundreds of milliseconds in one task; packed, they are a dozen arrays whose buffers
 * are transferred, and the page unpacks only the series it shows (`unpackSeries`).
 */

/** `DatasetForecast` with the series packed: series s, period h is at index s·H + h of each array. */
export interface PackedForecast extends Omit<DatasetForecast, 'series'> {
  /** Series ids, in dataset order. */
  seriesIds: string[];
  /** Day number of each forecast period, N × H. */
  days: Int32Array;
  /** Point forecasts, N × H. */
  point: Float64Array;
  /** Quantile j of series s at period h: quantiles[(j·N + s)·H + h]; one block per `quantileLevels` entry. */
  quantiles: Float64Array;
  /** The same per `serviceLevels` entry, when the forecast has them. */
  serviceQuantiles?: Float64Array;
  /** The distinct lists of models combined. */
  modelSets: string[][];
  /** Per series, its index into `modelSets`. */
  modelSet: Int32Array;
  /** Per series, the weights of its models (same order), padded with NaN to `maxModels` entries. */
  weights: Float64Array;
  /** Longest list of models. */
  maxModels: number;
}

/** Packs a forecast (the typed arrays are new: the input stays usable). */
export function packForecast(forecast: DatasetForecast): PackedForecast {
  const { series, ...rest } = forecast;
  const N = series.length;
  const H = forecast.horizon;
  const Q = forecast.quantileLevels.length;
  const S = forecast.serviceLevels?.length ?? 0;
  let maxModels = 1;
  for (const s of series) maxModels = Math.max(maxModels, s.modelIds.length);
  const days = new Int32Array(N * H);
  const point = new Float64Array(N * H);
  const quantiles = new Float64Array(Q * N * H);
  const serviceQuantiles = S > 0 ? new Float64Array(S * N * H) : undefined;
  const weights = new Float64Array(N * maxModels).fill(NaN);
  const modelSet = new Int32Array(N);
  const sets = new Map<string, number>();
  const modelSets: string[][] = [];
  series.forEach((s, i) => {
    days.set(s.days.subarray(0, H), i * H);
    point.set(s.point.subarray(0, H), i * H);
    for (let j = 0; j < Q; j++) quantiles.set(s.quantiles[j].subarray(0, H), (j * N + i) * H);
    if (serviceQuantiles) for (let j = 0; j < S; j++) serviceQuantiles.set(s.serviceQuantiles![j].subarray(0, H), (j * N + i) * H);
    const key = s.modelIds.join('\u0000');
    let set = sets.get(key);
    if (set === undefined) {
      sets.set(key, (set = modelSets.length));
      modelSets.push([...s.modelIds]);
    }
    modelSet[i] = set;
    s.weights?.forEach((w, k) => (weights[i * maxModels + k] = w));
  });
  return { ...rest, seriesIds: series.map((s) => s.seriesId), days, point, quantiles, serviceQuantiles, modelSets, modelSet, weights, maxModels };
}

/** Series `index` of a packed forecast as a `SeriesForecast` (views into the packed arrays, not copies). */
export function unpackSeries(packed: PackedForecast, index: number): SeriesForecast {
  const N = packed.seriesIds.length;
  const H = packed.horizon;
  const at = index * H;
  const modelIds = packed.modelSets[packed.modelSet[index]];
  const out: SeriesForecast = {
    seriesId: packed.seriesIds[index],
    days: packed.days.subarray(at, at + H),
    point: packed.point.subarray(at, at + H),
    quantiles: packed.quantileLevels.map((_, j) => packed.quantiles.subarray((j * N + index) * H, (j * N + index + 1) * H)),
    modelIds,
  };
  const weights = Array.from(packed.weights.subarray(index * packed.maxModels, index * packed.maxModels + modelIds.length));
  if (weights.every(Number.isFinite)) out.weights = weights;
  if (packed.serviceQuantiles && packed.serviceLevels) {
    out.serviceQuantiles = packed.serviceLevels.map((_, j) => packed.serviceQuantiles!.subarray((j * N + index) * H, (j * N + index + 1) * H));
  }
  return out;
}

/** The whole forecast again (for code that wants every series, e.g. a test comparing both forms). */
export function unpackForecast(packed: PackedForecast): DatasetForecast {
  const { seriesIds, days, point, quantiles, serviceQuantiles, modelSets, modelSet, weights, maxModels, ...rest } = packed;
  return { ...rest, series: seriesIds.map((_, i) => unpackSeries(packed, i)) };
}
