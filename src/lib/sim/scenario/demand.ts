import { AppError } from '../../core/errors';
import {
  createLotDistributions,
  empiricalDistribution,
  momentFamily,
  negativeBinomialDistribution,
  poissonDistribution,
  roundedNormalDistribution,
} from '../../policy';
import type { DemandSource, LoadedSeries, ResolvedDemand, SeriesSource } from './types';

/** A number for labels: whole numbers as they are, others to 4 significant digits (never in e-notation). */
export const formatLabelNumber = (x: number): string =>
  Number.isInteger(x) ? String(x) : Math.abs(x) >= 1000 ? String(Math.round(x)) : x.toPrecision(4).replace(/\.?0+$/, '');
const fmt = formatLabelNumber;

/** A synthetic demand source (validated) made ready: the simulator's model and the exact model's pmf. */
export function syntheticDemand(d: Exclude<DemandSource, { kind: 'series' }>): ResolvedDemand {
  const base = { frequency: 'daily' as const, history: null, maxPeriods: null, warnings: [] };
  if (d.kind === 'poisson') {
    return {
      model: { kind: 'poisson', mean: d.mean },
      info: { ...base, label: `Poisson(${fmt(d.mean)})`, mean: d.mean, sd: Math.sqrt(d.mean), family: 'poisson' },
      distribution: createLotDistributions(() => poissonDistribution(d.mean), { mean: d.mean, sd: Math.sqrt(d.mean) }),
      exactNote: null,
    };
  }
  if (d.kind === 'normal') {
    return {
      model: { kind: 'normal', mean: d.mean, sd: d.sd, round: true },
      info: { ...base, label: d.sd === 0 ? `constant ${fmt(d.mean)}` : `Normal(${fmt(d.mean)}, ${fmt(d.sd)}²)`, mean: d.mean, sd: d.sd, family: 'normal' },
      distribution: createLotDistributions(() => roundedNormalDistribution(d.mean, d.sd), d),
      exactNote: null,
    };
  }
  return {
    model: { kind: 'negative-binomial', mean: d.mean, variance: d.variance },
    info: { ...base, label: `negative binomial (mean ${fmt(d.mean)}, variance ${fmt(d.variance)})`, mean: d.mean, sd: Math.sqrt(d.variance), family: 'negative-binomial' },
    distribution: createLotDistributions(() => negativeBinomialDistribution(d.mean, d.variance), { mean: d.mean, sd: Math.sqrt(d.variance) }),
    exactNote: null,
  };
}

/**
 * A stored series cleaned for simulation: observed values ≥ 0, the replay path (missing → 0), and per `use`
 * a replay, a bootstrap or a moment fit (`momentFamily`, the rule of `fitDistribution('auto')`). User data,
 * so problems are warnings, and a series that cannot be used is an AppError('invalid-input') for people.
 */
export function seriesDemand(source: SeriesSource, loaded: LoadedSeries): ResolvedDemand {
  const { values } = loaded;
  const observed: number[] = [];
  const replay = new Float64Array(values.length);
  let missing = 0;
  let negative = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      missing++;
      continue;
    }
    if (v < 0) negative++;
    replay[i] = Math.max(0, v);
    observed.push(replay[i]);
  }
  if (observed.length < 2) throw new AppError('invalid-input', `Series ${loaded.id} has fewer than two observed periods: pick another series.`);
  const n = observed.length;
  const mean = observed.reduce((a, b) => a + b, 0) / n;
  const variance = observed.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  if (!(mean > 0)) throw new AppError('invalid-input', `Series ${loaded.id} has no demand (all observed values are 0).`);
  const warnings: string[] = [];
  if (missing) warnings.push(`${missing} missing period${missing === 1 ? '' : 's'}: ${source.use === 'replay' ? 'replayed as 0' : 'left out of the fit'}.`);
  if (negative) warnings.push(`${negative} negative value${negative === 1 ? '' : 's'} (returns) counted as 0.`);
  const name = `${loaded.datasetName} · ${loaded.id}`;
  const common = { frequency: loaded.frequency, history: values, maxPeriods: null as number | null, warnings };
  const sd = Math.sqrt(variance);
  if (source.use === 'replay') {
    return {
      model: { kind: 'replay', series: replay },
      info: { ...common, label: `${name}, replayed`, mean, sd, family: 'replay', maxPeriods: values.length },
      distribution: createLotDistributions(() => empiricalDistribution(observed), { mean, sd }, observed),
      exactNote: 'The exact cost treats demand as independent draws from the history; the replay is one path, in order.',
    };
  }
  if (source.use === 'bootstrap') {
    return {
      model: { kind: 'empirical', values: Float64Array.from(observed) },
      info: { ...common, label: `${name}, bootstrap`, mean, sd, family: 'empirical' },
      distribution: createLotDistributions(() => empiricalDistribution(observed), { mean, sd }, observed),
      exactNote: null,
    };
  }
  if (momentFamily(mean, variance) === 'negative-binomial') {
    return {
      model: { kind: 'negative-binomial', mean, variance },
      info: { ...common, label: `${name}, negative binomial fit (mean ${fmt(mean)}, variance ${fmt(variance)})`, mean, sd, family: 'negative-binomial' },
      distribution: createLotDistributions(() => negativeBinomialDistribution(mean, variance), { mean, sd }),
      exactNote: null,
    };
  }
  return {
    model: { kind: 'poisson', mean },
    info: { ...common, label: `${name}, Poisson fit (mean ${fmt(mean)})`, mean, sd: Math.sqrt(mean), family: 'poisson' },
    distribution: createLotDistributions(() => poissonDistribution(mean), { mean, sd: Math.sqrt(mean) }),
    exactNote: null,
  };
}

/**
 * A demand resolver: synthetic sources at once, workspace series through `loadSeries` (the simulate worker
 * reads IndexedDB), with the last few series kept so that dragging a slider does not reload them.
 */
export function createDemandResolver(loadSeries: (source: SeriesSource) => Promise<LoadedSeries>, cacheSize = 6): (source: DemandSource) => Promise<ResolvedDemand> {
  const cache = new Map<string, ResolvedDemand>();
  return async (source) => {
    if (source.kind !== 'series') return syntheticDemand(source);
    const key = JSON.stringify(source);
    const hit = cache.get(key);
    if (hit) return hit;
    const resolved = seriesDemand(source, await loadSeries(source));
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(key, resolved);
    return resolved;
  };
}
