import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/lib/core/dates';
import type { Calendar, SeriesRecord } from '../../../src/lib/dataset/types';
import {
  baselineAt,
  buildSeriesFeatures,
  calendarTable,
  createLstmInput,
  fillKnown,
  fillWindow,
  fitSeriesScale,
  holidayAt,
  knownFeatureNames,
  knownWidth,
  periodDay,
  seasonalDrift,
  stepWidth,
  type FeatureLayout,
  type SeriesFeatures,
} from '../../../src/lib/lstm/features';
import { covariatesByDefault, maybeLstmOptions, settingsOptions } from '../../../src/lib/lstm/options';
import { listSamples } from '../../../src/lib/lstm/samples';

function weeklyCalendar(n: number, holidays: number[] = [], futureHolidays?: number[]): Calendar {
  const first = dayFromYmd(2021, 1, 8);
  const flags = new Uint8Array(n);
  for (const p of holidays) flags[p] = 1;
  return {
    frequency: 'weekly',
    days: Int32Array.from({ length: n }, (_, p) => first + 7 * p),
    holidays: flags,
    futureHolidays: futureHolidays ? Int32Array.from(futureHolidays) : undefined,
  };
}

const layout = (over: Partial<FeatureLayout> = {}): FeatureLayout => ({
  frequency: 'weekly',
  seasonLength: 52,
  lookback: 4,
  horizon: 2,
  rollingWindows: [2],
  covariates: [],
  seriesFeatures: false,
  dayOfWeek: false,
  yearHarmonics: 1,
  driftWindow: 0,
  ...over,
});

function series(values: number[], covariates: Record<string, number[]> = {}, start = 0): SeriesRecord {
  return {
    id: 'a',
    key: {},
    start,
    values: Float64Array.from(values),
    covariates: Object.fromEntries(Object.entries(covariates).map(([k, v]) => [k, Float64Array.from(v)])),
  };
}

describe('holidayAt', () => {
  it('reads calendar.holidays inside the calendar', () => {
    const cal = weeklyCalendar(60, [3, 55]);
    expect([2, 3, 55].map((p) => holidayAt(cal, p))).toEqual([0, 1, 1]);
  });

  it('after the calendar, flags a period holding a futureHolidays day', () => {
    const cal = weeklyCalendar(60, [], []);
    const inWeek61 = periodDay(cal, 61) + 3;
    const withFuture = { ...cal, futureHolidays: Int32Array.from([inWeek61]) };
    expect([60, 61].map((p) => holidayAt(withFuture, p))).toEqual([0, 1]);
  });

  it('past the known future holidays (or without them), repeats the flag of 52 weeks earlier', () => {
    const cal = weeklyCalendar(60, [10, 59]);
    expect(holidayAt(cal, 62)).toBe(1); // 62 − 52 = 10
    expect(holidayAt(cal, 111)).toBe(1); // 111 − 52 = 59
    expect(holidayAt(cal, 63)).toBe(0);
  });
});

describe('calendarTable', () => {
  it('holds holiday, week-of-year sin/cos for weekly data', () => {
    const cal = weeklyCalendar(3, [1]);
    const t = calendarTable(cal, layout(), 3);
    expect(t.length).toBe(9);
    expect(Array.from(t.subarray(0, 3)).map((v) => +v.toFixed(4))).toEqual([0, +Math.sin(0).toFixed(4), 1]); // 2021-01-08 is in ISO week 1
    expect(t[3]).toBe(1);
  });

  it('adds weekday sin/cos for daily data', () => {
    const cal = createLstmInput(new Float64Array(8), { frequency: 'daily', firstDay: dayFromYmd(2024, 1, 1) }).calendar; // a Monday
    const l = layout({ frequency: 'daily', seasonLength: 7, dayOfWeek: true });
    const t = calendarTable(cal, l, 8);
    expect(t.length).toBe(40);
    expect(t[3]).toBeCloseTo(0, 6); // Monday: sin 0
    expect(t[4]).toBeCloseTo(1, 6);
    expect(t[5 * 7 + 3]).toBeCloseTo(0, 6); // next Monday again
  });
});

describe('fitSeriesScale', () => {
  it('uses the values before `end` only: level = mean |value|, covariates mean and sample std', () => {
    const s = series([2, -4, NaN, 6, 1000], { price: [1, 2, 3, 4, 99] });
    const scale = fitSeriesScale(s, 4, ['price'])!;
    expect(scale.level).toBeCloseTo(4, 12);
    expect(scale.covMean[0]).toBeCloseTo(2.5, 12);
    expect(scale.covStd[0]).toBeCloseTo(Math.sqrt(5 / 3), 12);
    const changed = series([2, -4, NaN, 6, -5], { price: [1, 2, 3, 4, -1] });
    expect(fitSeriesScale(changed, 4, ['price'])).toEqual(scale);
  });

  it('falls back to level 1, std 1 and mean 0 when there is nothing to scale by', () => {
    expect(fitSeriesScale(series([0, 0]), 2, ['x'])).toEqual({ level: 1, covMean: [0], covStd: [1] });
    expect(fitSeriesScale(series([NaN, NaN]), 2, [])).toBeNull();
    expect(fitSeriesScale(series([1, 2], {}, 5), 4, [])).toBeNull();
  });
});

describe('buildSeriesFeatures', () => {
  const cal = weeklyCalendar(10);
  it('starts at the first observation, fills gaps in inputs, keeps NaN targets, rolling means of the scaled value', () => {
    const s = series([NaN, 2, NaN, 6, 8, 4]);
    const l = layout({ rollingWindows: [2] });
    const sf = buildSeriesFeatures(s, 6, l, { level: 2, covMean: [], covStd: [] }, 0, calendarTable(cal, l, 10))!;
    expect(sf.first).toBe(1);
    expect(sf.rows).toBe(5);
    const w = stepWidth(l);
    expect(Array.from({ length: 5 }, (_, r) => sf.steps[r * w])).toEqual([1, 2, 3, 4, 2]); // 2, (4), 6, 8, 4 over level 2
    expect(Array.from({ length: 5 }, (_, r) => sf.steps[r * w + 1])).toEqual([1, 1.5, 2.5, 3.5, 3]);
    expect(Array.from(sf.target)).toEqual([1, NaN, 3, 4, 2]);
  });

  it('standardizes covariates with the given scaler, missing → 0', () => {
    const s = series([1, 2, 3], { temp: [10, NaN, 30] });
    const l = layout({ covariates: ['temp'] });
    const sf = buildSeriesFeatures(s, 3, l, { level: 1, covMean: [20], covStd: [10] }, 0, calendarTable(cal, l, 10))!;
    const w = stepWidth(l);
    expect([0, 1, 2].map((r) => sf.steps[r * w + w - 1])).toEqual([-1, 0, 1]);
  });
});

describe('listSamples', () => {
  it('holds out the latest origins for validation, with no training target inside a validation window', () => {
    const cal = weeklyCalendar(40);
    const l = layout({ lookback: 4, horizon: 3 });
    const table = calendarTable(cal, l, 43);
    const sf = buildSeriesFeatures(series(Array.from({ length: 40 }, (_, t) => t + 1)), 40, l, { level: 1, covMean: [], covStd: [] }, 0, table);
    const { train, val } = listSamples([sf], [0], 40, l, 0.25);
    const trainOrigins = Array.from(train.filter((_, i) => i % 2 === 1));
    const valOrigins = Array.from(val.filter((_, i) => i % 2 === 1));
    // origins 4 … 37 (34 of them): the last round(0.25 · 34) = 9 validate.
    expect(valOrigins).toEqual([29, 30, 31, 32, 33, 34, 35, 36, 37]);
    expect(Math.min(...trainOrigins)).toBe(4);
    expect(Math.max(...trainOrigins) + 3).toBeLessThanOrEqual(29);
  });

  it('needs a full history window and an observed target', () => {
    const cal = weeklyCalendar(12);
    const l = layout({ lookback: 4, horizon: 2 });
    const values = [1, 2, 3, 4, 5, 6, 7, 8, NaN, NaN, 11, 12];
    const sf = buildSeriesFeatures(series(values), 12, l, { level: 1, covMean: [], covStd: [] }, 0, calendarTable(cal, l, 14));
    const { train } = listSamples([sf], [0], 12, l, 0);
    expect(Array.from(train.filter((_, i) => i % 2 === 1))).toEqual([4, 5, 6, 7, 9, 10]); // origin 8: targets 8, 9 both missing
  });
});

describe('fillWindow and fillKnown', () => {
  const cal = weeklyCalendar(120, [59]);
  const l = layout({ lookback: 4, horizon: 2, rollingWindows: [], seriesFeatures: true });
  const table = calendarTable(cal, l, 122);
  const values = Array.from({ length: 120 }, (_, t) => t);

  it('left-pads a window that starts before the first observation with the first row', () => {
    const s = series(values.slice(0, 3), {}, 10);
    const sf = buildSeriesFeatures(s, 13, l, { level: 1, covMean: [], covStd: [] }, 0, table)!;
    const x = new Float32Array(4 * stepWidth(l));
    fillWindow(x, 0, 1, sf, 13, l);
    expect(Array.from({ length: 4 }, (_, t) => x[t * stepWidth(l)])).toEqual([0, 0, 1, 2]);
  });

  it('writes per forecast period the calendar inputs and the value one season earlier, then the log level', () => {
    const sf = buildSeriesFeatures(series(values), 110, l, { level: 1, covMean: [], covStd: [] }, 0.5, table)!;
    const known = new Float32Array(knownWidth(l));
    fillKnown(known, 0, 110, sf, l, table);
    expect(known.length).toBe(2 * 5 + 1);
    expect(Array.from(known.subarray(0, 3))).toEqual(Array.from(table.subarray(110 * 3, 111 * 3)));
    expect([known[3], known[4]]).toEqual([110 - 52, 0]);
    expect([known[8], known[9]]).toEqual([111 - 52, 1]); // period 59 is a holiday
    expect(known[10]).toBe(0.5);
  });
});

describe('seasonal drift and the skip baseline', () => {
  // Season 4, level 1: the skip baseline is last season's value plus the mean year-over-year change over the last
  // driftWindow periods, every figure below worked out by hand.
  const values = [10, 20, 30, 40, 12, 23, 33, 45, 1000, 2000];
  const l = layout({ seasonLength: 4, lookback: 4, horizon: 2, rollingWindows: [], driftWindow: 3 });
  const cal = weeklyCalendar(20);
  const table = calendarTable(cal, l, 20);
  const features = (v: number[], start = 0, end = v.length + start): SeriesFeatures =>
    buildSeriesFeatures(series(v, {}, start), end, l, { level: 1, covMean: [], covStd: [] }, 0, table)!;

  it('averages v[t] − v[t − season] over the driftWindow periods before the origin', () => {
    // origin 8: t = 5, 6, 7 → (23 − 20) + (33 − 30) + (45 − 40) = 11
    expect(seasonalDrift(features(values), 8, l)).toBeCloseTo(11 / 3, 6);
    // origin 7: t = 4, 5, 6 → 2 + 3 + 3
    expect(seasonalDrift(features(values), 7, l)).toBeCloseTo(8 / 3, 6);
  });

  it('skips periods whose season-earlier value precedes the first observation, and is 0 with none or a window of 0', () => {
    // origin 6, window 5: t = 1 … 5, but only t = 4, 5 have t − 4 ≥ 0 → (2 + 3) / 2
    expect(seasonalDrift(features(values), 6, { ...l, driftWindow: 5 })).toBeCloseTo(2.5, 6);
    expect(seasonalDrift(features(values), 4, l)).toBe(0);
    expect(seasonalDrift(features(values), 8, { ...l, driftWindow: 0 })).toBe(0);
    // A series starting at period 2, origin 8, window 5: t = 3 … 7 but t − 4 ≥ 2 leaves t = 6, 7 (values 12, 23
    // against 10, 20)
    expect(seasonalDrift(features(values.slice(0, 8), 2), 8, { ...l, driftWindow: 5 })).toBeCloseTo(2.5, 6);
  });

  it('reads nothing at or after the origin', () => {
    const changed = [...values.slice(0, 8), -7, NaN];
    const a = new Float32Array(knownWidth(l));
    const b = new Float32Array(knownWidth(l));
    fillKnown(a, 0, 8, features(values), l, table);
    fillKnown(b, 0, 8, features(changed), l, table);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(seasonalDrift(features(values, 0, 8), 8, l)).toBe(seasonalDrift(features(values), 8, l));
  });

  it('adds the drift once per season the seasonal-naive value reaches back; the last value stands in without drift', () => {
    const sf = features(values);
    const drift = seasonalDrift(sf, 8, l);
    expect(baselineAt(sf, 8, 0, l, drift)).toEqual({ source: 4, value: expect.closeTo(12 + 11 / 3, 5), drift: expect.closeTo(11 / 3, 5) });
    expect(baselineAt(sf, 8, 3, l, drift).source).toBe(7);
    expect(baselineAt(sf, 8, 3, l, drift).value).toBeCloseTo(45 + 11 / 3, 5);
    // h = 4 … 7 reach two seasons back (period 8 + 5 − 8 = 5)
    expect(baselineAt(sf, 8, 5, l, drift).source).toBe(5);
    expect(baselineAt(sf, 8, 5, l, drift).value).toBeCloseTo(23 + 2 * (11 / 3), 5);
    // origin 2: period 2 + 0 − 4 precedes the series → the last value (20), no drift
    expect(baselineAt(sf, 2, 0, l, 5)).toEqual({ source: 1, value: 20, drift: 0 });
  });

  it('with seasonalAverage k averages the values 1 … k seasons back that exist, the drift times their mean distance', () => {
    const sf = features(values);
    const k2 = { ...l, seasonalAverage: 2 };
    // origin 9, h = 0: periods 5 and 1 (23, 20), 1.5 seasons back on average
    expect(baselineAt(sf, 9, 0, k2, 0.5)).toEqual({ source: 5, value: expect.closeTo(21.5 + 0.75, 5), drift: expect.closeTo(0.75, 5) });
    // origin 6, h = 0: period 2 (30) only; period −2 precedes the series
    expect(baselineAt(sf, 6, 0, { ...l, seasonalAverage: 3 }, 0)).toEqual({ source: 2, value: 30, drift: 0 });
    // k = 1 is seasonal naive
    expect(baselineAt(sf, 9, 0, { ...l, seasonalAverage: 1 }, 0).value).toBe(23);
  });

  it('fills per forecast period: calendar, baseline, the seasonal-naive period holiday, drift', () => {
    const sf = features(values);
    const known = new Float32Array(knownWidth(l));
    fillKnown(known, 0, 8, sf, l, table);
    const cw = 3;
    expect(knownFeatureNames(l)).toEqual(['holiday', 'yearSin1', 'yearCos1', 'baseline', 'seasonalNaiveHoliday', 'seasonalDrift']);
    expect(known.length).toBe(2 * (cw + 3));
    expect(known[cw]).toBeCloseTo(12 + 11 / 3, 5);
    expect(known[cw + 2]).toBeCloseTo(11 / 3, 5);
    expect(known[cw + 3 + cw]).toBeCloseTo(23 + 11 / 3, 5);
    expect(knownFeatureNames({ ...l, driftWindow: 0 })).toEqual(['holiday', 'yearSin1', 'yearCos1', 'seasonalNaive', 'seasonalNaiveHoliday']);
  });
});

describe('maybeLstmOptions', () => {
  it('fills defaults by frequency', () => {
    const groups = [{ column: 'Store', values: ['1', '2'] }];
    const weekly = maybeLstmOptions({ horizon: 8 }, weeklyCalendar(10), ['CPI'], groups, ['Store']);
    // The season is the year: no yearly harmonics, covariates or group one-hots, but the peers (YEAR_IS_SEASON).
    expect(weekly).toMatchObject({ lookback: 52, rollingWindows: [4, 13], seasonLength: 52, covariates: [], yearHarmonics: 0, groups: [], peers: ['Store'] });
    expect(weekly).toMatchObject({ dayOfWeek: false, origin: 10, mode: 'global', driftWindow: 13 });
    const chosen = maybeLstmOptions({ horizon: 8, covariates: 'all', yearHarmonics: 2, groupInputs: true, peerInputs: false }, weeklyCalendar(10), ['CPI'], groups, ['Store']);
    expect(chosen).toMatchObject({ covariates: ['CPI'], yearHarmonics: 2, groups, peers: [] });
    const daily = maybeLstmOptions({ horizon: 7 }, createLstmInput(new Float64Array(30), { frequency: 'daily' }).calendar, ['Price'], groups, ['Store']);
    expect(daily).toMatchObject({ lookback: 56, rollingWindows: [7, 28], seasonLength: 7, covariates: ['Price'], yearHarmonics: 1, groups, peers: ['Store'] });
    expect(daily).toMatchObject({ dayOfWeek: true, driftWindow: 0, seasonalAverage: 3 });
    // Peers only with a seasonal skip in global mode.
    expect(maybeLstmOptions({ horizon: 8, seasonalSkip: false }, weeklyCalendar(10), [], [], ['Store']).peers).toEqual([]);
    expect(maybeLstmOptions({ horizon: 8, mode: 'per-series' }, weeklyCalendar(10), [], [], ['Store']).peers).toEqual([]);
  });

  it("maps a user's covariate choice onto fitLstm's options, leaving the data's default when none was made", () => {
    const base = { enabled: true, mode: 'global' as const, units: 16, epochs: 5, seed: 3 };
    expect(settingsOptions(base)).toEqual({ mode: 'global', units: 16, epochs: 5, seed: 3 });
    expect(settingsOptions({ ...base, covariates: true }).covariates).toBe('all');
    expect(settingsOptions({ ...base, covariates: false }).covariates).toBe('none');
    expect(covariatesByDefault('daily')).toBe(true);
    expect(covariatesByDefault('weekly')).toBe(false);
    const cal = weeklyCalendar(10);
    expect(maybeLstmOptions({ horizon: 8, ...settingsOptions({ ...base, covariates: true }) }, cal, ['CPI']).covariates).toEqual(['CPI']);
    expect(maybeLstmOptions({ horizon: 8, ...settingsOptions(base) }, cal, ['CPI']).covariates).toEqual([]);
  });

  it('throws naming the bad option', () => {
    const cal = weeklyCalendar(10);
    expect(() => maybeLstmOptions({ horizon: 8, origin: 11 }, cal, [])).toThrow(/invalid origin: 11/);
    expect(() => maybeLstmOptions({ horizon: 8, mode: 'local' }, cal, [])).toThrow(/invalid mode: "local"/);
    expect(() => maybeLstmOptions({ horizon: 8, units: 0 }, cal, [])).toThrow(/invalid units: 0/);
    expect(() => maybeLstmOptions({ horizon: 8, driftWindow: -1 }, cal, [])).toThrow(/invalid driftWindow: -1/);
    expect(() => maybeLstmOptions(null, cal, [])).toThrow(/invalid options/);
  });

  it("turns series features off per series: a series' own level is constant", () => {
    expect(maybeLstmOptions({ horizon: 2, mode: 'per-series' }, weeklyCalendar(10), []).seriesFeatures).toBe(false);
  });
});
