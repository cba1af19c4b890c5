import { invalidOption, maybeFinite, maybeInteger, maybeNonNegative } from '../core/errors';

/**
 * Option normalizers shared by the policy formulas. Each returns the checked value or throws an AppError
 * (`invalid-option`) whose message names the option and its value, e.g. `invalid backorderCost: 0`.
 */

/** A cost rate that must be > 0 (holding, backorder, shortage costs in the formulas that divide by them). */
export function maybePositiveCost(name: string, value: unknown): number {
  return maybeNonNegative(name, value, true);
}

/** A cost that may be 0 (fixed order cost, purchase cost). */
export function maybeCost(name: string, value: unknown): number {
  return maybeNonNegative(name, value);
}

/** A probability strictly between 0 and 1 (service targets, quantile levels). */
export function maybeOpenProbability(name: string, value: unknown): number {
  const v = maybeFinite(name, value);
  if (!(v > 0 && v < 1)) invalidOption(name, value, 'a number in (0, 1)');
  return v;
}

/** A whole number of periods ≥ `min` (lead times, review periods). */
export function maybePeriods(name: string, value: unknown, min = 0): number {
  return maybeInteger(name, value, min);
}

/** A demand mean that must be > 0. */
export function maybeMean(name: string, value: unknown): number {
  return maybeNonNegative(name, value, true);
}

/** `value` when it is undefined (returns `fallback`) or passes `check`. */
export function maybeDefault<T>(value: T | undefined, fallback: T, check: (v: T) => T): T {
  return value === undefined ? fallback : check(value);
}

/** Throws `invalid <name>` when the array is empty or holds a non-finite number; returns it as a Float64Array. */
export function maybeFiniteArray(name: string, value: unknown, minLength = 1): Float64Array {
  const isArrayLike =
    Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  if (!isArrayLike) invalidOption(name, value, 'an array of numbers');
  const arr = value as ArrayLike<number>;
  if (arr.length < minLength) invalidOption(name, value, `at least ${minLength} number${minLength === 1 ? '' : 's'}`);
  const out = new Float64Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) invalidOption(`${name}[${i}]`, x, 'a finite number');
    out[i] = x;
  }
  return out;
}
