/**
 * The shape of a year of US retail sales, as multipliers of an ordinary day (1 = ordinary): a smooth yearly cycle
 * with a Q4 peak, and day-level holiday effects (Black Friday, the run-up to Christmas, the closed Christmas Day).
 * Weekly demo data averages these over each Saturday-to-Friday week, so holiday weeks peak where real ones do.
 */
import { dayFromYmd, ymdFromDay } from '../core/dates';
import { holidaysBetween } from './holidays';

/** Gaussian bump of width `w` days centred on day-of-year `c`, wrapping around the year end. */
function bump(doy: number, c: number, w: number): number {
  let d = Math.abs(doy - c);
  if (d > 182.6) d = 365.25 - d;
  return Math.exp(-0.5 * (d / w) ** 2);
}

/**
 * Smooth yearly seasonality of general-merchandise sales on day-of-year `doy` (1-366): a January lull, a mild
 * spring-summer swell, back-to-school in August and a broad November-December peak. Mean ≈ 1.
 */
export function yearlySeason(doy: number): number {
  return (
    1 +
    0.035 * Math.sin((2 * Math.PI * (doy - 105)) / 365.25) -
    0.07 * bump(doy, 12, 18) +
    0.05 * bump(doy, 228, 14) +
    0.12 * bump(doy, 335, 25)
  );
}

/**
 * Holiday multiplier per day for days `firstDay` … `lastDay` (index = day - firstDay). The Tuesday and Wednesday
 * before Thanksgiving 1.1 / 1.2, Thanksgiving Day 0.9, Black Friday 2.6, its weekend 1.5 / 1.15; 1-24 December ramps up to 1.9, Christmas Day 0.3, 26-31 December 1.05;
 * Super Bowl Saturday / Sunday 1.12 / 1.08; Labor Day and Memorial Day weekends 1.1; Independence Day 1.15;
 * New Year's Day 0.6.
 */
export function holidayEffects(firstDay: number, lastDay: number): Float64Array {
  const n = lastDay - firstDay + 1;
  const f = new Float64Array(n).fill(1);
  const set = (day: number, factor: number) => {
    if (day >= firstDay && day <= lastDay) f[day - firstDay] = factor;
  };
  for (const { day, name } of holidaysBetween(firstDay - 40, lastDay + 40)) {
    switch (name) {
      case 'thanksgiving':
        [1.1, 1.2, 0.9, 2.6, 1.5, 1.15].forEach((x, k) => set(day - 2 + k, x));
        break;
      case 'christmas':
        for (let k = 1; k <= 24; k++) set(day - 25 + k, 1 + 0.9 * (k / 24) ** 2);
        set(day, 0.3);
        for (let k = 1; k <= 6; k++) set(day + k, 1.05);
        break;
      case 'super-bowl':
        set(day - 1, 1.12);
        set(day, 1.08);
        break;
      case 'labor-day':
      case 'memorial-day':
        [1.1, 1.1, 1.1].forEach((x, k) => set(day - 2 + k, x));
        break;
      case 'independence-day':
        set(day, 1.15);
        break;
      case 'new-year':
        set(day, 0.6);
        break;
    }
  }
  return f;
}

/** Day-of-year (1-366) of each day `firstDay` … `lastDay`, without a Date per day. */
export function daysOfYear(firstDay: number, lastDay: number): Int16Array {
  const out = new Int16Array(lastDay - firstDay + 1);
  let [year] = ymdFromDay(firstDay);
  let jan1 = dayFromYmd(year, 1, 1);
  let nextJan1 = dayFromYmd(year + 1, 1, 1);
  for (let i = 0; i < out.length; i++) {
    const day = firstDay + i;
    if (day >= nextJan1) {
      year++;
      jan1 = nextJan1;
      nextJan1 = dayFromYmd(year + 1, 1, 1);
    }
    out[i] = day - jan1 + 1;
  }
  return out;
}
