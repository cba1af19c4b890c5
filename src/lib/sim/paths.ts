import type { Rng } from '../core/rng';
import type { DemandModel, LeadTimeModel } from './types';

/**
 * Random paths shared by every policy in a replication (common random numbers): the demand of each period
 * and the lead time an order would get if placed in each period. Both are drawn up front from their own
 * RNG streams, so a policy that orders more often does not shift the demand another policy sees.
 * The models reaching here are already validated by options.ts.
 */

/** Per-period value of a number-or-array option. */
function at(v: number | ArrayLike<number>, t: number): number {
  return typeof v === 'number' ? v : v[t];
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), "A simple method for generating gamma variables". */
export function sampleGamma(rng: Rng, shape: number): number {
  if (shape < 1) {
    // Boost: Gamma(a) = Gamma(a + 1) · U^{1/a}.
    const u = rng.next();
    return sampleGamma(rng, shape + 1) * Math.pow(u > 0 ? u : Number.MIN_VALUE, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Fills `out` (one entry per period) with demand drawn from `model`. */
export function fillDemand(model: DemandModel, rng: Rng, out: Float64Array): void {
  const n = out.length;
  switch (model.kind) {
    case 'poisson':
      for (let t = 0; t < n; t++) out[t] = rng.poisson(at(model.mean, t));
      return;
    case 'normal': {
      const round = model.round ?? false;
      for (let t = 0; t < n; t++) {
        const x = Math.max(0, at(model.mean, t) + at(model.sd, t) * rng.normal());
        out[t] = round ? Math.round(x) : x;
      }
      return;
    }
    case 'negative-binomial': {
      // Gamma-Poisson mixture: λ ~ Gamma(r, mean / r), D | λ ~ Poisson(λ), r = mean² / (variance − mean).
      const r = (model.mean * model.mean) / (model.variance - model.mean);
      const scale = model.mean / r;
      for (let t = 0; t < n; t++) out[t] = rng.poisson(sampleGamma(rng, r) * scale);
      return;
    }
    case 'empirical': {
      const v = model.values;
      for (let t = 0; t < n; t++) out[t] = v[rng.int(v.length)];
      return;
    }
    case 'replay':
      for (let t = 0; t < n; t++) out[t] = model.series[t];
      return;
    case 'forecast-residuals': {
      const round = model.round ?? true;
      const e = model.residuals;
      for (let t = 0; t < n; t++) {
        const x = Math.max(0, model.forecast[t] + e[rng.int(e.length)]);
        out[t] = round ? Math.round(x) : x;
      }
      return;
    }
  }
}

/** Largest lead time the model can produce, periods. */
export function maxLeadTime(model: LeadTimeModel): number {
  if (model.kind === 'fixed') return model.periods;
  if (model.kind === 'uniform') return model.max;
  let m = 0;
  for (let i = 0; i < model.values.length; i++) m = Math.max(m, model.values[i]);
  return m;
}

/** Fills `out` (Int32Array, one per period) with the lead time of an order placed in that period. */
export function fillLeadTimes(model: LeadTimeModel, rng: Rng, out: Int32Array): void {
  const n = out.length;
  if (model.kind === 'fixed') {
    out.fill(model.periods);
    return;
  }
  if (model.kind === 'uniform') {
    const span = model.max - model.min + 1;
    for (let t = 0; t < n; t++) out[t] = model.min + rng.int(span);
    return;
  }
  const { values, probabilities } = model;
  for (let t = 0; t < n; t++) {
    const u = rng.next();
    let acc = 0;
    let k = 0;
    while (k < values.length - 1) {
      acc += probabilities[k];
      if (u < acc) break;
      k++;
    }
    out[t] = values[k];
  }
}
