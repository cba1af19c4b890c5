import { invalidOption, maybeFinite, maybeOneOf } from '../../core/errors';
import { defineModel, type StatModel } from '../types';

/**
 * Models for intermittent demand (many periods with no sale). Values ≤ 0 count as "no demand".
 */

/**
 * Croston's method (Croston 1972) as R's forecast::croston computes it: simple exponential smoothing with
 * smoothing `alpha`, started at the first value ("simple" initialisation), of the non-zero demand sizes z and
 * of the intervals between them q (the first interval counts from the start of the series); the forecast is
 * ẑ / q̂ for every horizon. The SBA variant (Syntetos & Boylan 2005) multiplies it by 1 − α/2 to remove the
 * method's upward bias. No demand at all forecasts 0; a single demand z at period i (1-based) forecasts z / i.
 */
export function crostonForecast(
  y: Float64Array,
  horizon: number,
  alpha: number,
  variant: 'croston' | 'sba' = 'croston',
): Float64Array {
  let z = NaN;
  let q = NaN;
  let last = 0; // 1-based index of the previous demand
  for (let t = 0; t < y.length; t++) {
    if (!(y[t] > 0)) continue;
    const interval = t + 1 - last;
    last = t + 1;
    if (Number.isNaN(z)) {
      z = y[t];
      q = interval;
    } else {
      z += alpha * (y[t] - z);
      q += alpha * (interval - q);
    }
  }
  const value = Number.isNaN(z) ? 0 : (z / q) * (variant === 'sba' ? 1 - alpha / 2 : 1);
  return new Float64Array(horizon).fill(value);
}

/**
 * TSB (Teunter, Syntetos & Babai 2011): the demand probability p is smoothed every period with `beta`
 * (towards 1 after a demand, towards 0 after none), the demand size z only in periods with demand, with
 * `alpha`; the forecast is p·z. Starting values: p₀ = the share of periods with demand, z₀ = the mean non-zero
 * demand (the "mean" initialisation of R's tsintermittent::tsb). Unlike Croston's, the forecast decays
 * towards 0 while no demand comes, which suits items that become obsolete.
 */
export function tsbForecast(y: Float64Array, horizon: number, alpha: number, beta: number): Float64Array {
  let count = 0;
  let sum = 0;
  for (let t = 0; t < y.length; t++) {
    if (y[t] > 0) {
      count++;
      sum += y[t];
    }
  }
  if (count === 0) return new Float64Array(horizon);
  let p = count / y.length;
  let z = sum / count;
  for (let t = 0; t < y.length; t++) {
    if (y[t] > 0) {
      p += beta * (1 - p);
      z += alpha * (y[t] - z);
    } else {
      p -= beta * p;
    }
  }
  return new Float64Array(horizon).fill(p * z);
}

function maybeSmoothing(name: string, value: unknown): number {
  const v = maybeFinite(name, value);
  if (!(v > 0 && v <= 1)) invalidOption(name, value, 'a number in (0, 1]');
  return v;
}

/** Options of the Croston model. */
export interface CrostonOptions {
  /** Smoothing of sizes and intervals, in (0, 1]. Default 0.1 (forecast::croston). */
  alpha?: number;
  /** 'croston' (classic) or 'sba' (Syntetos-Boylan bias-corrected). Default 'croston'. */
  variant?: 'croston' | 'sba';
}

/** Croston's method, id 'croston' or 'croston-sba'. Throws `invalid alpha: …` for α outside (0, 1]. */
export function createCrostonModel(options: CrostonOptions = {}): StatModel {
  const alpha = maybeSmoothing('alpha', options.alpha ?? 0.1);
  const variant = maybeOneOf('variant', options.variant ?? 'croston', ['croston', 'sba'] as const);
  return defineModel(variant === 'sba' ? 'croston-sba' : 'croston', variant === 'sba' ? 'Croston (SBA)' : 'Croston', (y, h) =>
    crostonForecast(y, h, alpha, variant),
  );
}

/** Options of the TSB model. */
export interface TsbOptions {
  /** Smoothing of the demand size, in (0, 1]. Default 0.1. */
  alpha?: number;
  /** Smoothing of the demand probability, in (0, 1]. Default 0.1. */
  beta?: number;
}

/** The TSB model, id 'tsb'. Throws `invalid beta: …` for β outside (0, 1]. */
export function createTsbModel(options: TsbOptions = {}): StatModel {
  const alpha = maybeSmoothing('alpha', options.alpha ?? 0.1);
  const beta = maybeSmoothing('beta', options.beta ?? 0.1);
  return defineModel('tsb', 'TSB', (y, h) => tsbForecast(y, h, alpha, beta));
}
