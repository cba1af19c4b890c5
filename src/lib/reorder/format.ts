import { isoFromDay } from '../core/dates';

/**
 * Locale-free number formatting for explanations and insights, so that the same figures give the same
 * sentence in every browser, in Node and in tests (toLocaleString depends on the ICU data at hand).
 */

/** `x` with at most `decimals` decimals (trailing zeros dropped) and ',' between thousands; '∞' for Infinity, '–' for NaN. */
export function formatNumber(x: number, decimals = 0): string {
  if (Number.isNaN(x)) return '–';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '-∞';
  let s = x.toFixed(decimals);
  if (decimals > 0) {
    // Drop trailing zeros, then a bare point.
    let end = s.length;
    while (s.charCodeAt(end - 1) === 48) end--;
    if (s.charCodeAt(end - 1) === 46) end--;
    s = s.slice(0, end);
  }
  if (s === '-0') return '0';
  const neg = s.charCodeAt(0) === 45;
  const dot = s.indexOf('.');
  const intEnd = dot < 0 ? s.length : dot;
  const intStart = neg ? 1 : 0;
  if (intEnd - intStart <= 3) return s;
  let out = neg ? '-' : '';
  const first = (intEnd - intStart) % 3 || 3;
  out += s.slice(intStart, intStart + first);
  for (let k = intStart + first; k < intEnd; k += 3) out += `,${s.slice(k, k + 3)}`;
  return out + s.slice(intEnd);
}

/** Units: whole numbers from 100 up, one decimal below. */
export function formatUnits(x: number): string {
  return formatNumber(x, Math.abs(x) >= 100 ? 0 : 1);
}

/** Money: whole amounts from 1 000 up, two decimals below. No currency symbol: the data does not say which. */
export function formatMoney(x: number): string {
  return formatNumber(x, Math.abs(x) >= 1000 ? 0 : 2);
}

/** A share in [0, 1] as a percentage with up to one decimal: 0.975 → '97.5%'. */
export function formatPercent(p: number): string {
  return `${formatNumber(100 * p, 1)}%`;
}

/** Days with one decimal below 10 and whole days above. */
export function formatDays(d: number): string {
  return formatNumber(d, Math.abs(d) >= 10 ? 0 : 1);
}

/** ISO date of a day number. */
export function formatDay(day: number): string {
  return Number.isFinite(day) ? isoFromDay(day) : '–';
}
