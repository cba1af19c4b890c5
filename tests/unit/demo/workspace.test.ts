import { describe, expect, it } from 'vitest';
import { dayFromYmd, isoFromDay, weekdayFromDay, ymdFromDay } from '../../../src/lib/core/dates';
import type { Dataset } from '../../../src/lib/dataset/types';
import { demoItemKind, generateDemoWorkspace } from '../../../src/lib/demo/index';

const workspace = generateDemoWorkspace();
const [weekly, daily] = workspace.datasets;
const { inventory } = workspace;
const day = (iso: string) => dayFromYmd(...(iso.split('-').map(Number) as [number, number, number]));
const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;

/** Path of the first difference between two values (typed arrays compared byte for byte), or null. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const same = a.constructor === b.constructor && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    return same ? null : path;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b) ? null : path;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

function expectConsistent(ds: Dataset, step: number) {
  const { days, holidays } = ds.calendar;
  expect(days).toBeInstanceOf(Int32Array);
  expect(holidays).toBeInstanceOf(Uint8Array);
  expect(holidays).toHaveLength(days.length);
  for (let i = 1; i < days.length; i++) expect(days[i] - days[i - 1]).toBe(step);
  expect(ds.meta).toMatchObject({
    format: 'demo',
    sourceFiles: [],
    createdAt: 0,
    seriesCount: ds.series.length,
    rows: ds.series.length * days.length,
    firstDay: days[0],
    lastDay: days[days.length - 1],
    frequency: ds.calendar.frequency,
    choices: { missingPeriods: 'leave', negativeValues: 'keep' },
    report: { issues: [], counts: {}, severities: {}, fatal: false },
  });
  const ids = new Set<string>();
  for (const s of ds.series) {
    expect(s.id).toBe(ds.meta.keyColumns.map((k) => s.key[k]).join(' / '));
    ids.add(s.id);
    expect(s.start).toBe(0);
    expect(s.values).toBeInstanceOf(Float64Array);
    expect(s.values).toHaveLength(days.length);
    expect(Object.keys(s.covariates)).toEqual(ds.meta.covariateColumns);
    for (const c of Object.values(s.covariates)) {
      expect(c).toHaveLength(days.length);
      expect(c.every(Number.isFinite)).toBe(true);
    }
  }
  expect(ids.size).toBe(ds.series.length);
}

describe('generateDemoWorkspace: determinism', () => {
  it('the same seed gives identical arrays, calendars and inventory, byte for byte', () => {
    expect(firstDifference(generateDemoWorkspace({ seed: 1 }), workspace)).toBeNull();
    expect(firstDifference(generateDemoWorkspace({ seed: 2 }), workspace)).toMatch(/^\$\.datasets\.0\.series\.0\.values$/);
  });
  it('another seed gives other values on the same calendars', () => {
    const other = generateDemoWorkspace({ seed: 2 });
    expect(firstDifference(other.datasets[0].calendar, weekly.calendar)).toBeNull();
    expect(firstDifference(other.datasets[1].calendar, daily.calendar)).toBeNull();
    expect(firstDifference(other.datasets[1].series[0].values, daily.series[0].values)).not.toBeNull();
    expect(firstDifference(other.inventory.items, inventory.items)).not.toBeNull();
  });
});

describe('weekly store sales', () => {
  it('30 stores × 156 week-ending Fridays, 2022-01-07 … 2024-12-27, consistent record', () => {
    expectConsistent(weekly, 7);
    expect(weekly.series).toHaveLength(30);
    expect(weekly.calendar.days).toHaveLength(156);
    expect(weekly.calendar.days.every((d) => weekdayFromDay(d) === 4)).toBe(true);
    expect([isoFromDay(weekly.meta.firstDay), isoFromDay(weekly.meta.lastDay)]).toEqual(['2022-01-07', '2024-12-27']);
    expect(weekly.meta).toMatchObject({ id: 'demo-weekly-stores', keyColumns: ['Store'], valueColumn: 'Weekly_Sales', rows: 4680 });
    expect(weekly.meta.covariateColumns).toEqual(['Holiday_Flag', 'Temperature', 'Fuel_Price', 'CPI', 'Unemployment']);
    expect(weekly.series[0].key).toEqual({ Store: 'S01' });
  });
  it('flags the Super Bowl, Labor Day, Thanksgiving and Christmas weeks in the calendar and Holiday_Flag', () => {
    const flagged = Array.from(weekly.calendar.days).filter((_, i) => weekly.calendar.holidays[i]).map(isoFromDay);
    expect(flagged).toEqual([
      '2022-02-18', '2022-09-09', '2022-11-25', '2022-12-30', '2023-02-17', '2023-09-08', '2023-11-24', '2023-12-29',
      '2024-02-16', '2024-09-06', '2024-11-29', '2024-12-27',
    ]);
    for (const s of weekly.series) expect(Array.from(s.covariates.Holiday_Flag)).toEqual(Array.from(weekly.calendar.holidays));
  });
  it('Thanksgiving week (Black Friday) beats the weeks either side, by > 10% on average', () => {
    let wins = 0;
    let lift = 0;
    for (const iso of ['2022-11-25', '2023-11-24', '2024-11-29']) {
      const t = weekly.calendar.days.indexOf(day(iso));
      for (const s of weekly.series) {
        if (s.values[t] > Math.max(s.values[t - 1], s.values[t + 1])) wins++;
        lift += s.values[t] / ((s.values[t - 1] + s.values[t + 1]) / 2) / (3 * weekly.series.length);
      }
    }
    expect(wins).toBeGreaterThanOrEqual(0.95 * 3 * weekly.series.length);
    expect(lift).toBeGreaterThan(1.1);
  });
  it('each store peaks in December, and Q4 sells more than Q2-Q3 (by > 7% on average)', () => {
    const ratios = weekly.series.map((s) => {
      const top = s.values.indexOf(Math.max(...s.values));
      expect(ymdFromDay(weekly.calendar.days[top])[1]).toBe(12);
      const byQuarter = (qs: number[]) => mean(Array.from(s.values).filter((_, i) => qs.includes(Math.ceil(ymdFromDay(weekly.calendar.days[i])[1] / 3))));
      return byQuarter([4]) / byQuarter([2, 3]);
    });
    expect(Math.min(...ratios)).toBeGreaterThan(1.03);
    expect(mean(ratios)).toBeGreaterThan(1.07);
  });
  it('sales are positive dollars in the Walmart range; covariates are plausible', () => {
    for (const s of weekly.series) {
      expect(s.values.every((v) => v > 1e5 && v < 1e7)).toBe(true);
      expect(s.covariates.Fuel_Price.every((v) => v > 2 && v < 5.5)).toBe(true);
      expect(s.covariates.Temperature.every((v) => v > -30 && v < 115)).toBe(true);
      expect(s.covariates.Unemployment.every((v) => v >= 3 && v <= 14)).toBe(true);
      const cpi = s.covariates.CPI;
      expect(cpi[cpi.length - 1]).toBeGreaterThan(cpi[0]);
    }
  });
  it('Temperature is seasonal: July is warmer than January in every store', () => {
    const month = (m: number) => Array.from(weekly.calendar.days).map((d, i) => [ymdFromDay(d)[1], i]).filter(([mm]) => mm === m).map(([, i]) => i);
    for (const s of weekly.series) {
      const t = s.covariates.Temperature;
      expect(mean(month(7).map((i) => t[i]))).toBeGreaterThan(mean(month(1).map((i) => t[i])) + 10);
    }
  });
});

describe('daily item demand', () => {
  it('5 stores × 20 items = 100 series over 731 days 2023-01-01 … 2024-12-31', () => {
    expectConsistent(daily, 1);
    expect(daily.series).toHaveLength(100);
    expect(daily.meta).toMatchObject({ id: 'demo-daily-items', keyColumns: ['Store', 'Item'], valueColumn: 'Units_Sold', rows: 73_100 });
    expect(daily.meta.covariateColumns).toEqual(['Promotion', 'Price']);
    expect([isoFromDay(daily.meta.firstDay), isoFromDay(daily.meta.lastDay)]).toEqual(['2023-01-01', '2024-12-31']);
    expect(daily.series[0].id).toBe('S01 / I001');
    expect(daily.series[99].id).toBe('S05 / I020');
  });
  it('values are whole units ≥ 0, never NaN; Promotion is 0/1 and Price positive', () => {
    for (const s of daily.series) {
      expect(s.values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
      expect(s.covariates.Promotion.every((v) => v === 0 || v === 1)).toBe(true);
      expect(s.covariates.Price.every((v) => v > 0)).toBe(true);
    }
  });
  it('flags holidays on their own days: Thanksgiving, Christmas, Super Bowl Sunday, Labor Day …', () => {
    const flagged = new Set(Array.from(daily.calendar.days).filter((_, i) => daily.calendar.holidays[i]).map(isoFromDay));
    for (const iso of ['2023-11-23', '2024-11-28', '2023-12-25', '2023-02-12', '2024-02-11', '2023-09-04', '2024-07-04', '2024-01-01']) {
      expect(flagged.has(iso), iso).toBe(true);
    }
    expect(flagged.size).toBe(14);
  });
  it('shows a weekday pattern: Saturdays sell > 20% more than Tuesdays overall', () => {
    const byWeekday = [0, 0, 0, 0, 0, 0, 0];
    for (const s of daily.series) s.values.forEach((v, i) => (byWeekday[weekdayFromDay(daily.calendar.days[i])] += v));
    expect(byWeekday[5]).toBeGreaterThan(1.2 * byWeekday[1]);
  });
  it('promotions cover ~10% of days, discount the price and lift demand', () => {
    let promoDays = 0;
    let promoUnits = 0;
    let otherUnits = 0;
    for (const s of daily.series) {
      const { Promotion: p, Price: price } = s.covariates;
      for (let i = 0; i < p.length; i++) {
        if (p[i]) {
          promoDays++;
          promoUnits += s.values[i];
          if (i > 0 && !p[i - 1]) expect(price[i]).toBeLessThanOrEqual(price[i - 1]);
        } else otherUnits += s.values[i];
      }
    }
    const total = daily.series.length * daily.calendar.days.length;
    expect(promoDays / total).toBeGreaterThan(0.05);
    expect(promoDays / total).toBeLessThan(0.2);
    expect(promoUnits / promoDays / (otherUnits / (total - promoDays))).toBeGreaterThan(1.3);
  });
  it('every fifth item is intermittent: > 50% zero days in every store; the others are not', () => {
    for (const [i, s] of daily.series.entries()) {
      const zeros = s.values.filter((v) => v === 0).length / s.values.length;
      if (demoItemKind(i % 20, 0.5) === 'intermittent') expect(zeros, s.id).toBeGreaterThan(0.5);
      else expect(zeros, s.id).toBeLessThan(0.5);
    }
  });
});

describe('demo inventory', () => {
  it('has one position per daily series, linked by seriesId and key', () => {
    expect(inventory.items.map((it) => it.seriesId)).toEqual(daily.series.map((s) => s.id));
    inventory.items.forEach((it, i) => expect(it.key).toEqual(daily.series[i].key));
    expect(inventory).toMatchObject({
      id: 'demo-inventory',
      datasetId: 'demo-daily-items',
      asOfDay: daily.meta.lastDay,
      keyColumns: ['Store', 'Item'],
      report: { issues: [], counts: {}, severities: {}, fatal: false },
    });
  });
  it('fields are in range: lead times 2-21 days, MOQ a multiple of the pack size, costs > 0, nothing defaulted', () => {
    for (const it of inventory.items) {
      expect(Number.isInteger(it.leadTimeDays) && it.leadTimeDays >= 2 && it.leadTimeDays <= 21).toBe(true);
      expect(it.leadTimeStdDays).toBeGreaterThanOrEqual(0);
      expect(it.moq % it.packSize).toBe(0);
      expect(it.unitCost).toBeGreaterThan(0);
      expect(it.serviceLevel > 0 && it.serviceLevel < 1).toBe(true);
      expect(it.onHand >= 0 && it.onOrder >= 0 && it.backorders >= 0).toBe(true);
      expect(Number.isInteger(it.onHand) && Number.isInteger(it.onOrder) && Number.isInteger(it.backorders)).toBe(true);
      expect(it.onOrder % it.packSize).toBe(0);
      expect(it.defaulted).toEqual([]);
    }
    expect(new Set(inventory.items.map((it) => it.leadTimeDays)).size).toBeGreaterThan(10);
  });
  it('mixes critical, reorder, healthy and overstock positions relative to recent demand', () => {
    const z: Record<number, number> = { 0.9: 1.2816, 0.95: 1.6449, 0.98: 2.0537, 0.99: 2.3263 };
    const counts = { critical: 0, reorder: 0, healthy: 0, overstock: 0 };
    inventory.items.forEach((it, i) => {
      const recent = Array.from(daily.series[i].values.slice(-91));
      const mu = Math.max(mean(recent), 0.05);
      const sd = Math.sqrt(recent.reduce((a, v) => a + (v - mu) ** 2, 0) / (recent.length - 1));
      const L = it.leadTimeDays;
      const rop = mu * L + z[it.serviceLevel] * Math.sqrt(L * sd ** 2 + (mu * it.leadTimeStdDays) ** 2);
      const position = it.onHand + it.onOrder - it.backorders;
      if (position < 0.5 * mu * L) counts.critical++;
      else if (position <= rop) counts.reorder++;
      else if (position < rop + 90 * mu) counts.healthy++;
      else counts.overstock++;
    });
    expect(counts.critical).toBeGreaterThanOrEqual(10);
    expect(counts.reorder).toBeGreaterThanOrEqual(10);
    expect(counts.healthy).toBeGreaterThanOrEqual(30);
    expect(counts.overstock).toBeGreaterThanOrEqual(10);
    expect(inventory.items.some((it) => it.backorders > 0 && it.onHand === 0)).toBe(true);
  });
});

describe('generateDemoWorkspace options', () => {
  it('sizes follow stores and items; the daily data uses at most 5 stores', () => {
    const small = generateDemoWorkspace({ stores: 2, items: 3, seed: 9 });
    expect(small.datasets[0].series.map((s) => s.id)).toEqual(['S01', 'S02']);
    expect(small.datasets[1].series.map((s) => s.id)).toEqual(['S01 / I001', 'S01 / I002', 'S01 / I003', 'S02 / I001', 'S02 / I002', 'S02 / I003']);
    expect(small.inventory.items).toHaveLength(6);
    expect(generateDemoWorkspace({ stores: 8, items: 1 }).datasets[1].series).toHaveLength(5);
  });
  it('endDay moves both calendars; the weekly one ends on the Friday on or before it; createdAt is copied', () => {
    const ws = generateDemoWorkspace({ endDay: day('2025-06-10'), createdAt: 1234 });
    expect(isoFromDay(ws.datasets[1].meta.lastDay)).toBe('2025-06-10');
    expect(isoFromDay(ws.datasets[0].meta.lastDay)).toBe('2025-06-06');
    expect(ws.datasets.map((d) => d.meta.createdAt)).toEqual([1234, 1234]);
    expect(ws.inventory.createdAt).toBe(1234);
  });
  it.each([
    [{ stores: 0 }, /invalid stores: 0/],
    [{ items: 1.5 }, /invalid items: 1.5/],
    [{ seed: -1 }, /invalid seed: -1/],
    [{ endDay: Number.NaN }, /invalid endDay: NaN/],
  ])('%j throws', (options, message) => {
    expect(() => generateDemoWorkspace(options)).toThrow(message);
  });
  it('generates the default workspace in well under 200 ms (best of 3 warm runs)', () => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      generateDemoWorkspace({ seed: 100 + i });
      best = Math.min(best, performance.now() - t0);
    }
    expect(best).toBeLessThan(200);
  });
});
