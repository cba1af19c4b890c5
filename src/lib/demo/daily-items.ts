/**
 * Demo daily item demand: items × stores, whole units per day with weekday patterns, yearly seasonality, holidays,
 * promotions (`Promotion` 0/1, with uplift and a discounted `Price`) and intermittent items (mostly zeros).
 */
import { weekdayFromDay } from '../core/dates';
import type { Rng } from '../core/rng';
import type { Dataset, SeriesRecord } from '../dataset/types';
import { holidaysBetween } from './holidays';
import { buildDemoDataset, label, round } from './meta';
import { daysOfYear, holidayEffects } from './retail-shape';

/** How an item sells: fast movers (tens a day), regular, or intermittent (a few units on a few days). */
export type DemoItemKind = 'fast' | 'regular' | 'intermittent';

/**
 * Kind of the `index`-th item (0-based): every fifth item (I005, I010, …) is intermittent whatever the seed; the
 * others are fast movers when `draw` (uniform in [0, 1), from the generator's RNG) is below 0.35, else regular.
 */
export function demoItemKind(index: number, draw: number): DemoItemKind {
  if (index % 5 === 4) return 'intermittent';
  return draw < 0.35 ? 'fast' : 'regular';
}

/** Options of `generateDailyItems`; the caller has validated them. */
export interface DailyItemsOptions {
  /** Number of stores. */
  stores: number;
  /** Number of items sold in every store. */
  items: number;
  /** Number of days. */
  days: number;
  /** Day number of the last day. */
  lastDay: number;
  /** `meta.createdAt` (ms since epoch). */
  createdAt: number;
}

/** What the inventory generator needs to know about a series beyond its values. */
export interface DemoItemProfile {
  /** The item's kind. */
  kind: DemoItemKind;
  /** Regular (non-promotion) shelf price on the last day, in dollars. */
  shelfPrice: number;
}

/** Fixed id of the daily demo dataset. */
export const DEMO_DAILY_ID = 'demo-daily-items';

// Monday ... Sunday: quiet early week, busy Friday and Saturday.
const WEEKDAY = [0.88, 0.86, 0.9, 0.96, 1.12, 1.25, 1.03];

interface Item {
  kind: DemoItemKind;
  rate: number; // mean units per day in an average store (fast/regular) or mean order size (intermittent)
  chance: number; // intermittent: probability of a demand on a day
  dayFactor: Float64Array; // weekday × yearly season × holiday effect of each day, shared by the item's stores
  price: Float64Array; // regular shelf price per day (steps a few times)
  promoUplift: number;
}

/** Calendar inputs shared by every item. */
interface DayContext {
  effects: Float64Array;
  doys: Int16Array;
  weekdays: Uint8Array;
}

/** Generates the daily item dataset and one profile per series (same order as `dataset.series`). */
export function generateDailyItems(rng: Rng, o: DailyItemsOptions): { dataset: Dataset; profiles: DemoItemProfile[] } {
  const firstDay = o.lastDay - o.days + 1;
  const days = new Int32Array(o.days);
  for (let i = 0; i < o.days; i++) days[i] = firstDay + i;
  const holidays = new Uint8Array(o.days);
  for (const h of holidaysBetween(firstDay, o.lastDay)) holidays[h.day - firstDay] = 1;
  const effects = holidayEffects(firstDay, o.lastDay);
  const doys = daysOfYear(firstDay, o.lastDay);
  const weekdays = Uint8Array.from(days, (d) => weekdayFromDay(d));
  const calendar: DayContext = { effects, doys, weekdays };
  const items = Array.from({ length: o.items }, (_, i) => createItem(rng, i, calendar));
  const storeSize = Array.from({ length: o.stores }, () => 0.6 + 0.9 * rng.next());
  const series: SeriesRecord[] = [];
  const profiles: DemoItemProfile[] = [];
  for (let s = 0; s < o.stores; s++) {
    for (let i = 0; i < o.items; i++) {
      const store = label('S', s + 1, 2);
      const item = label('I', i + 1, 3);
      const { values, covariates } = itemStoreSeries(rng, items[i], storeSize[s]);
      series.push({ id: `${store} / ${item}`, key: { Store: store, Item: item }, start: 0, values, covariates });
      profiles.push({ kind: items[i].kind, shelfPrice: items[i].price[o.days - 1] });
    }
  }
  const dataset = buildDemoDataset(
    {
      id: DEMO_DAILY_ID,
      name: 'Demo: daily item demand',
      keyColumns: ['Store', 'Item'],
      valueColumn: 'Units_Sold',
      covariateColumns: ['Promotion', 'Price'],
      createdAt: o.createdAt,
    },
    { frequency: 'daily', days, holidays },
    series,
  );
  return { dataset, profiles };
}

function createItem(rng: Rng, index: number, c: DayContext): Item {
  const n = c.doys.length;
  const kind = demoItemKind(index, rng.next());
  const rate = kind === 'fast' ? 25 * Math.exp(0.5 * rng.normal()) : kind === 'regular' ? 3 + 9 * rng.next() : 2 + 4 * rng.next();
  const basePrice = kind === 'fast' ? 1.5 + 6 * rng.next() : kind === 'regular' ? 5 + 35 * rng.next() : 20 + 130 * rng.next();
  // The shelf price steps up or down 2-4 times over the period.
  const price = new Float64Array(n);
  let p = basePrice;
  let next = Math.floor(n * rng.next() * 0.4);
  for (let d = 0; d < n; d++) {
    if (d === next) {
      p *= 1 + (rng.next() < 0.7 ? 1 : -1) * (0.03 + 0.07 * rng.next());
      next = d + Math.floor(n * (0.2 + 0.3 * rng.next()));
    }
    price[d] = Math.max(0.49, round(Math.round(p * 2) / 2 - 0.01, 2));
  }
  const weekdayAmp = 0.5 + rng.next();
  const season = rng.next();
  const seasonAmp = season < 0.3 ? 0 : 0.1 + 0.25 * rng.next();
  const seasonPeak = season < 0.65 ? 196 : 350; // summer items, or winter/holiday items
  const holidaySens = 0.5 + rng.next();
  const dayFactor = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    dayFactor[d] =
      (1 + weekdayAmp * (WEEKDAY[c.weekdays[d]] - 1)) *
      (1 + seasonAmp * Math.cos((2 * Math.PI * (c.doys[d] - seasonPeak)) / 365.25)) *
      c.effects[d] ** holidaySens;
  }
  return { kind, rate, chance: 0.05 + 0.12 * rng.next(), dayFactor, price, promoUplift: 1.3 + 1.2 * rng.next() };
}

function itemStoreSeries(rng: Rng, item: Item, size: number): Pick<SeriesRecord, 'values' | 'covariates'> {
  const n = item.dayFactor.length;
  const values = new Float64Array(n);
  const promotion = new Float64Array(n);
  const price = new Float64Array(n);
  const trendPerDay = Math.log1p(0.03 + 0.08 * rng.normal()) / 365;
  const discount = 0.1 + 0.2 * rng.next();
  const intermittent = item.kind === 'intermittent';
  // Promotions: runs of 3-10 days with geometric gaps (mean 60 days), so ~10% of days are on promotion.
  let promoStart = nextGap(rng);
  let promoLeft = 0;
  // A slow drift in log demand: AR(1) stepped weekly (0.81 = 0.97^7 per week) to save draws.
  let level = 0;
  for (let d = 0; d < n; d++) {
    if (d === promoStart) promoLeft = 3 + rng.int(8);
    const onPromo = promoLeft > 0;
    if (onPromo && --promoLeft === 0) promoStart = d + 1 + nextGap(rng);
    promotion[d] = onPromo ? 1 : 0;
    price[d] = onPromo ? round(item.price[d] * (1 - discount), 2) : item.price[d];
    if (d % 7 === 0) level = 0.81 * level + 0.075 * rng.normal();
    const factor = size * item.dayFactor[d] * (onPromo ? item.promoUplift : 1);
    if (intermittent) {
      // Croston-like: a demand occurs with a small probability, then its size is 1 + Poisson.
      values[d] = rng.next() < Math.min(0.9, item.chance * factor) ? 1 + poisson(rng.next(), item.rate - 1) : 0;
    } else {
      values[d] = units(rng, item.rate * factor * Math.exp(trendPerDay * d + level));
    }
  }
  return { values, covariates: { Promotion: promotion, Price: price } };
}

/** Days until the next promotion starts: geometric with mean 60. */
function nextGap(rng: Rng): number {
  return Math.floor(-60 * Math.log(1 - rng.next()));
}

// Day-to-day noise: sales are over-dispersed, so counts are negative binomial (a Poisson whose mean varies by a
// gamma factor with a 15% coefficient of variation), size r = 1 / 0.15^2.
const NB_SIZE = 1 / 0.15 ** 2;

/**
 * Whole units sold on a day with mean `mean`: negative binomial by inverting its CDF below a mean of 15 (one uniform
 * draw), its normal approximation above (one normal draw). The demo runs on first visit, so draws are counted.
 */
function units(rng: Rng, mean: number): number {
  if (mean >= 15) return Math.max(0, Math.round(mean + Math.sqrt(mean + mean * mean / NB_SIZE) * rng.normal()));
  const u = rng.next();
  const q = mean / (NB_SIZE + mean);
  let p = (1 - q) ** NB_SIZE;
  let cdf = p;
  let k = 0;
  while (u > cdf && k < 1000) {
    p *= ((k + NB_SIZE) / (k + 1)) * q;
    cdf += p;
    k++;
  }
  return k;
}

/** Poisson(mean) by inverting its CDF at the uniform `u`; fine for the small means used here. */
function poisson(u: number, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}
