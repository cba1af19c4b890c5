/**
 * Demo weekly store sales in the shape of the Walmart data: one series per store, week-ending Fridays,
 * `Weekly_Sales` in dollars with yearly seasonality, holiday weeks, store size and trend, and the covariates
 * `Holiday_Flag`, `Temperature` (°F), `Fuel_Price` ($/gallon), `CPI` and `Unemployment` (%).
 */
import type { Rng } from '../core/rng';
import type { Dataset, SeriesRecord } from '../dataset/types';
import { WALMART_HOLIDAYS, holidaysBetween, weekEndingFriday } from './holidays';
import { buildDemoDataset, label, round } from './meta';
import { daysOfYear, holidayEffects, yearlySeason } from './retail-shape';

/** Options of `generateWeeklyStores`; the caller has validated them. */
export interface WeeklyStoresOptions {
  /** Number of stores (series). */
  stores: number;
  /** Number of weeks. */
  weeks: number;
  /** Day number of the last week's Friday. */
  lastFriday: number;
  /** `meta.createdAt` (ms since epoch). */
  createdAt: number;
}

/** Fixed id of the weekly demo dataset. */
export const DEMO_WEEKLY_ID = 'demo-weekly-stores';

/**
 * Generates the weekly store-sales dataset from `rng`. Each week's sales are the store's base size × its trend ×
 * the week's average day (yearly season × holiday effects, scaled by the store's holiday sensitivity) × AR(1) noise.
 */
export function generateWeeklyStores(rng: Rng, o: WeeklyStoresOptions): Dataset {
  const firstFriday = o.lastFriday - 7 * (o.weeks - 1);
  const firstDay = firstFriday - 6;
  const days = new Int32Array(o.weeks);
  const holidays = new Uint8Array(o.weeks);
  const flagged = new Set(holidaysBetween(firstDay, o.lastFriday, WALMART_HOLIDAYS).map((h) => weekEndingFriday(h.day)));
  const effects = holidayEffects(firstDay, o.lastFriday);
  const doys = daysOfYear(firstDay, o.lastFriday);
  // The average day of each Saturday-to-Friday week, shared by every store.
  const weekShape = new Float64Array(o.weeks);
  const weekDoy = new Float64Array(o.weeks);
  for (let t = 0; t < o.weeks; t++) {
    days[t] = firstFriday + 7 * t;
    holidays[t] = flagged.has(days[t]) ? 1 : 0;
    let sum = 0;
    for (let k = 0; k < 7; k++) sum += yearlySeason(doys[7 * t + k]) * effects[7 * t + k];
    weekShape[t] = sum / 7;
    weekDoy[t] = doys[7 * t + 3];
  }
  const fuel = nationalFuelPrice(rng, o.weeks);
  const series: SeriesRecord[] = [];
  for (let s = 0; s < o.stores; s++) series.push(storeSeries(rng, s, o.weeks, weekShape, weekDoy, holidays, fuel));
  return buildDemoDataset(
    {
      id: DEMO_WEEKLY_ID,
      name: 'Demo: weekly store sales',
      keyColumns: ['Store'],
      valueColumn: 'Weekly_Sales',
      covariateColumns: ['Holiday_Flag', 'Temperature', 'Fuel_Price', 'CPI', 'Unemployment'],
      createdAt: o.createdAt,
    },
    { frequency: 'weekly', days, holidays },
    series,
  );
}

/** A mean-reverting random walk around $3.40/gallon, moved by ±3.5 cents a week. */
function nationalFuelPrice(rng: Rng, weeks: number): Float64Array {
  const out = new Float64Array(weeks);
  let p = 3.1 + 0.4 * rng.next();
  for (let t = 0; t < weeks; t++) {
    p += 0.02 * (3.4 - p) + 0.035 * rng.normal();
    p = Math.min(5.2, Math.max(2.4, p));
    out[t] = p;
  }
  return out;
}

function storeSeries(
  rng: Rng,
  s: number,
  weeks: number,
  weekShape: Float64Array,
  weekDoy: Float64Array,
  holidays: Uint8Array,
  fuel: Float64Array,
): SeriesRecord {
  const id = label('S', s + 1, 2);
  // Store size: log-normal around $1.1M a week, within the Walmart range ($0.25M-$3.5M).
  const base = Math.min(3.2e6, Math.max(2.6e5, 1.1e6 * Math.exp(0.5 * rng.normal())));
  const growthPerWeek = Math.log1p(0.01 + 0.03 * rng.normal()) / 52;
  const sensitivity = 0.7 + 0.6 * rng.next(); // how strongly the store follows the seasons and holidays
  const noiseSd = 0.025 + 0.02 * rng.next();
  // Climate: a mean temperature and a yearly swing (colder stores swing more); coldest around 20 January.
  const meanTemp = 45 + 30 * rng.next();
  const swing = 12 + (75 - meanTemp) * 0.5 + 4 * rng.next();
  const fuelOffset = 0.08 * rng.normal();
  // CPI: Walmart's stores sit in two clusters (~130 and ~210); inflation 1.5-4 %/year.
  let cpi = rng.next() < 0.3 ? 126 + 10 * rng.next() : 205 + 20 * rng.next();
  const cpiPerWeek = (0.015 + 0.025 * rng.next()) / 52;
  let unemployment = 4 + 6 * rng.next();
  const values = new Float64Array(weeks);
  const temperature = new Float64Array(weeks);
  const fuelPrice = new Float64Array(weeks);
  const cpiValues = new Float64Array(weeks);
  const unemploymentValues = new Float64Array(weeks);
  let ar = 0;
  for (let t = 0; t < weeks; t++) {
    ar = 0.5 * ar + noiseSd * rng.normal();
    const level = base * Math.exp(growthPerWeek * t);
    values[t] = round(level * (1 + sensitivity * (weekShape[t] - 1)) * Math.exp(ar), 2);
    temperature[t] = round(meanTemp - swing * Math.cos((2 * Math.PI * (weekDoy[t] - 20)) / 365.25) + 4 * rng.normal(), 2);
    fuelPrice[t] = round(fuel[t] + fuelOffset, 3);
    cpi *= 1 + cpiPerWeek + 0.0005 * rng.normal();
    cpiValues[t] = round(cpi, 4);
    // Unemployment is published quarterly: it moves every 13 weeks.
    if (t > 0 && t % 13 === 0) unemployment = Math.min(14, Math.max(3, unemployment - 0.05 + 0.25 * rng.normal()));
    unemploymentValues[t] = round(unemployment, 3);
  }
  return {
    id,
    key: { Store: id },
    start: 0,
    values,
    covariates: {
      Holiday_Flag: Float64Array.from(holidays),
      Temperature: temperature,
      Fuel_Price: fuelPrice,
      CPI: cpiValues,
      Unemployment: unemploymentValues,
    },
  };
}
