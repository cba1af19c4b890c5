import { addPeriods, dayFromYmd, firstDayAtOrAfter, isoWeekFromDay, weekdayFromDay, ymdFromDay, type Frequency } from '../core/dates';
import { invalidOption } from '../core/errors';
import type { Calendar, SeriesRecord } from '../dataset/types';
import { prepareHistory } from '../forecast/history';
import { groupPositions, groupWidth } from './groups';
import { peerSeasonalGap, type PeerSums } from './peers';
import type { LstmConfig } from './options';
import { spreadAt } from './quantiles';

/**
 * Feature engineering of the LSTM forecaster: pure TS, no TF.js, so it runs and is tested anywhere.
 *
 * A forecast at origin o (the first forecast period, in calendar periods) reads:
 * - the history window: one row per period o − L … o − 1 with the scaled value y/level, rolling means of it,
 *   week-of-year (month for monthly data) sin/cos, day-of-week sin/cos (daily data), the holiday flag and the
 *   standardized covariates;
 * - the known vector: for each forecast period o … o + H − 1 its holiday flag, calendar sin/cos, the scaled
 *   baseline (the seasonal-naive value, i.e. the same period one season earlier, plus the seasonal drift: see
 *   `seasonalDrift`), the holiday flag of the period the seasonal-naive value comes from, with a drift window the
 *   drift itself, with peer inputs the peers' seasonal value minus the series' own (peers.ts), and the future-known
 *   covariates; then the series' standardized log level (global mode with series features). The baseline
 *   input lets the network learn a correction to a strong forecast rather than recall a value from 52 steps back,
 *   which LSTMs do poorly.
 * It predicts y/level for the H periods at once. Every scaler is fitted on periods before the training
 * window's end only, and a window never reads a value at or after its origin.
 */

/** The data a model is fitted on or forecasts from. A `Dataset` fits this shape. */
export interface LstmInput {
  /** Shared period grid with holiday flags (and future holidays, when known). */
  calendar: Calendar;
  /** The series on that grid. */
  series: SeriesRecord[];
}

/** The settings that fix the feature layout. */
export type FeatureLayout = Pick<
  LstmConfig,
  'frequency' | 'seasonLength' | 'lookback' | 'horizon' | 'rollingWindows' | 'covariates' | 'seriesFeatures' | 'dayOfWeek' | 'yearHarmonics' | 'driftWindow'
> &
  // Absent in models saved before issue #12's quantile head: then no spread input, no groups, no future covariates.
  Partial<Pick<LstmConfig, 'quantiles' | 'groups' | 'futureCovariates' | 'seasonalAverage' | 'peers'>>;

/** Per-series scaler facts, fitted on the training window. */
export interface SeriesScale {
  /** Mean |value| of the observed training values, series units (1 when that is 0). */
  level: number;
  /** Mean of each used covariate over the training window (0 when unobserved). */
  covMean: number[];
  /** Standard deviation of each used covariate (1 when 0 or unobserved). */
  covStd: number[];
}

/** One series turned into feature rows, one per calendar period from its first observation to the window end. */
export interface SeriesFeatures {
  /** Calendar period of row 0 (the series' first observation). */
  first: number;
  /** Number of rows: calendar periods first … end − 1. */
  rows: number;
  /** Row-major, `stepWidth(layout)` values per row. */
  steps: Float32Array;
  /** Observed value / level per row, NaN where the period is missing: the training targets. */
  target: Float32Array;
  /** The scaler used. */
  scale: SeriesScale;
  /** Standardized log level, the static series feature (0 when unused). */
  staticZ: number;
  /** Positions of the series' key values in the one-hot group blocks (see groups.ts), −1 where unknown. */
  groups: Int32Array;
  /** Standardized values of `layout.futureCovariates` per period from `first` to the end of the series' data (past
   * the window end too: they are known ahead), row-major; 0 where missing. */
  future: Float32Array;
  /** Rows of `future`. */
  futureRows: number;
  /** With peer inputs (`layout.peers`): the series' peer sums per peer column (see peers.ts, `attachPeers`), null
   * where its key lacks the column. */
  peers?: Array<PeerSums | null>;
}

/** Calendar inputs per period: holiday, sin and cos of k × the year's angle for each harmonic k, and day-of-week
 * sin/cos for daily data. */
export function calendarWidth(layout: FeatureLayout): number {
  return 1 + 2 * layout.yearHarmonics + (layout.dayOfWeek ? 2 : 0);
}

/** Values per history row: value, rolling means, calendar, covariates. */
export function stepWidth(layout: FeatureLayout): number {
  return 1 + layout.rollingWindows.length + calendarWidth(layout) + layout.covariates.length;
}

/** Known inputs per forecast period: calendar inputs, the baseline, the holiday flag of its seasonal-naive period,
 * with a drift window the drift, the peer inputs (one per peer column, see peers.ts), then the future-known
 * covariates' values in that period. */
export function knownPerPeriod(layout: FeatureLayout): number {
  return calendarWidth(layout) + (layout.driftWindow > 0 ? 3 : 2) + (layout.peers?.length ?? 0) + (layout.futureCovariates?.length ?? 0);
}

/** Whether the known vector holds the spread input (models with quantile outputs). */
export function hasSpreadInput(layout: FeatureLayout): boolean {
  return (layout.quantiles?.length ?? 0) > 0;
}

/** Index in the known vector of the spread input (see `spreadAt`), or −1 without one. */
export function spreadIndex(layout: FeatureLayout): number {
  return hasSpreadInput(layout) ? layout.horizon * knownPerPeriod(layout) + (layout.seriesFeatures ? 1 : 0) : -1;
}

/** Index in the known vector of each forecast period's baseline input (the seasonal skip's sources). */
export function seasonalSkipIndices(layout: FeatureLayout): number[] {
  const kw = knownPerPeriod(layout);
  return Array.from({ length: layout.horizon }, (_, h) => h * kw + calendarWidth(layout));
}

/** Length of the known vector: H × inputs per forecast period, then the static block: the log level (with series
 * features), the spread (with quantiles) and the one-hot group blocks. */
export function knownWidth(layout: FeatureLayout): number {
  return layout.horizon * knownPerPeriod(layout) + (layout.seriesFeatures ? 1 : 0) + (hasSpreadInput(layout) ? 1 : 0) + groupWidth(layout.groups);
}

const calendarNames = (layout: FeatureLayout) => [
  'holiday',
  ...Array.from({ length: layout.yearHarmonics }, (_, k) => [`yearSin${k + 1}`, `yearCos${k + 1}`]).flat(),
  ...(layout.dayOfWeek ? ['weekdaySin', 'weekdayCos'] : []),
];

/** Names of the history-row inputs, in order (for the model's metadata). */
export function stepFeatureNames(layout: FeatureLayout): string[] {
  return ['value', ...layout.rollingWindows.map((w) => `mean${w}`), ...calendarNames(layout), ...layout.covariates.map((c) => `cov:${c}`)];
}

/** Names of the known inputs of one forecast period, in order (the vector repeats them H times, then 'logLevel'). */
export function knownFeatureNames(layout: FeatureLayout): string[] {
  // Without a drift window the baseline is the seasonal-naive value itself (and keeps its name, as in models saved
  // before the drift existed).
  const future = (layout.futureCovariates ?? []).map((c) => `future:${c}`);
  const peers = (layout.peers ?? []).map((c) => `peers:${c}`);
  if (layout.driftWindow === 0) return [...calendarNames(layout), 'seasonalNaive', 'seasonalNaiveHoliday', ...peers, ...future];
  return [...calendarNames(layout), 'baseline', 'seasonalNaiveHoliday', 'seasonalDrift', ...peers, ...future];
}

/** Names of the static block after the H periods of the known vector, in order. */
export function staticFeatureNames(layout: FeatureLayout): string[] {
  return [
    ...(layout.seriesFeatures ? ['logLevel'] : []),
    ...(hasSpreadInput(layout) ? ['spread'] : []),
    ...(layout.groups ?? []).flatMap((g) => g.values.map((v) => `${g.column}=${v}`)),
  ];
}

const YEAR_PERIODS: Record<Frequency, number> = { daily: 364, weekly: 52, monthly: 12 };

/** Day number of calendar period `p`; periods past the end continue the grid. */
export function periodDay(calendar: Calendar, p: number): number {
  const n = calendar.days.length;
  if (p < n) return calendar.days[Math.max(0, p)];
  return addPeriods(calendar.days[n - 1], p - (n - 1), calendar.frequency);
}

/**
 * Holiday flag (0/1) of calendar period `p`. Inside the calendar: `calendar.holidays`. After it: 1 when a
 * `futureHolidays` day falls in the period [day(p), day(p + 1)); past the last future holiday given (or when
 * none are), the flag of the same period one year earlier (52 weeks, 12 months or 364 days).
 */
export function holidayAt(calendar: Calendar, p: number): number {
  const n = calendar.days.length;
  if (p < n) return p >= 0 ? calendar.holidays[p] : 0;
  const future = calendar.futureHolidays;
  const day = periodDay(calendar, p);
  if (future && future.length > 0 && day <= future[future.length - 1]) {
    const next = periodDay(calendar, p + 1);
    const i = firstDayAtOrAfter(future, day);
    return i < future.length && future[i] < next ? 1 : 0;
  }
  const year = YEAR_PERIODS[calendar.frequency];
  let q = p - year;
  while (q >= n) q -= year;
  return q >= 0 ? calendar.holidays[q] : 0;
}

/**
 * Calendar inputs of periods 0 … count − 1, `calendarWidth` per period: holiday, sin and cos of k × the angle of the
 * week of year (of the month for monthly data) for k = 1 … yearHarmonics (a Fourier series of the yearly season, as
 * in Prophet: Taylor & Letham 2018), then sin and cos of the weekday for daily data.
 */
export function calendarTable(calendar: Calendar, layout: FeatureLayout, count: number): Float32Array {
  const w = calendarWidth(layout);
  const out = new Float32Array(count * w);
  for (let p = 0; p < count; p++) {
    const day = periodDay(calendar, p);
    const angle =
      layout.frequency === 'monthly' ? (2 * Math.PI * (ymdFromDay(day)[1] - 1)) / 12 : (2 * Math.PI * (isoWeekFromDay(day) - 1)) / 52.1775;
    out[p * w] = holidayAt(calendar, p);
    for (let k = 1; k <= layout.yearHarmonics; k++) {
      out[p * w + 2 * k - 1] = Math.sin(k * angle);
      out[p * w + 2 * k] = Math.cos(k * angle);
    }
    if (layout.dayOfWeek) {
      const a = (2 * Math.PI * weekdayFromDay(day)) / 7;
      out[p * w + w - 2] = Math.sin(a);
      out[p * w + w - 1] = Math.cos(a);
    }
  }
  return out;
}

/** Fits the scaler of one series on its values before calendar period `end`; null when none is observed. */
export function fitSeriesScale(series: SeriesRecord, end: number, covariates: string[]): SeriesScale | null {
  const cut = Math.min(end - series.start, series.values.length);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < cut; i++) {
    const v = series.values[i];
    if (Number.isFinite(v)) {
      sum += Math.abs(v);
      count++;
    }
  }
  if (count === 0) return null;
  const level = sum / count > 0 ? sum / count : 1;
  const covMean: number[] = [];
  const covStd: number[] = [];
  for (const name of covariates) {
    const x = series.covariates[name];
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (let i = 0; x && i < Math.min(cut, x.length); i++) {
      if (!Number.isFinite(x[i])) continue;
      // Welford's update: https://en.wikipedia.org/wiki/Algorithms_for_calculating_variance#Welford's_online_algorithm
      n++;
      const d = x[i] - mean;
      mean += d / n;
      m2 += d * (x[i] - mean);
    }
    const std = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
    covMean.push(n > 0 ? mean : 0);
    covStd.push(std > 1e-12 ? std : 1);
  }
  return { level, covMean, covStd };
}

/** Mean and standard deviation of log levels across series, for the static series feature. */
export function logLevelStats(scales: Array<SeriesScale | null>): { mean: number; std: number } {
  const logs = scales.filter((s): s is SeriesScale => s != null).map((s) => Math.log(s.level));
  if (logs.length === 0) return { mean: 0, std: 1 };
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const variance = logs.reduce((a, b) => a + (b - mean) ** 2, 0) / logs.length;
  return { mean, std: variance > 1e-12 ? Math.sqrt(variance) : 1 };
}

/**
 * Builds the feature rows of one series over calendar periods [first observation, end). Values are gap-filled by
 * `prepareHistory` first; the targets keep NaN where the data has none. Null when nothing is observed before end.
 * @param table calendar inputs from `calendarTable`, covering at least `end` periods.
 */
export function buildSeriesFeatures(
  series: SeriesRecord,
  end: number,
  layout: FeatureLayout,
  scale: SeriesScale,
  staticZ: number,
  table: Float32Array,
): SeriesFeatures | null {
  const cut = Math.min(end - series.start, series.values.length);
  if (cut <= 0) return null;
  const raw = series.values.subarray(0, cut);
  let firstObs = 0;
  while (firstObs < cut && !Number.isFinite(raw[firstObs])) firstObs++;
  if (firstObs === cut) return null;
  const y = prepareHistory(raw, layout.seasonLength);
  const rows = y.length;
  const first = series.start + firstObs;
  const width = stepWidth(layout);
  const cw = calendarWidth(layout);
  const steps = new Float32Array(rows * width);
  const target = new Float32Array(rows);
  const windows = layout.rollingWindows;
  const sums = new Float64Array(windows.length);
  const inv = 1 / scale.level;
  const covs = layout.covariates.map((name) => series.covariates[name]);
  for (let r = 0; r < rows; r++) {
    const v = y[r] * inv;
    const o = r * width;
    steps[o] = v;
    for (let k = 0; k < windows.length; k++) {
      sums[k] += v;
      if (r >= windows[k]) sums[k] -= y[r - windows[k]] * inv;
      steps[o + 1 + k] = sums[k] / Math.min(r + 1, windows[k]);
    }
    const p = first + r;
    const c = o + 1 + windows.length;
    for (let k = 0; k < cw; k++) steps[c + k] = table[p * cw + k];
    for (let k = 0; k < covs.length; k++) {
      const x = covs[k]?.[firstObs + r];
      const z = x === undefined ? NaN : (x - scale.covMean[k]) / scale.covStd[k];
      steps[c + cw + k] = Number.isFinite(z) ? z : 0;
    }
    const observed = raw[firstObs + r];
    target[r] = Number.isFinite(observed) ? observed * inv : NaN;
  }
  const names = layout.futureCovariates ?? [];
  const futureRows = names.length > 0 ? Math.max(0, series.values.length - firstObs) : 0;
  const future = new Float32Array(futureRows * names.length);
  names.forEach((name, k) => {
    const c = layout.covariates.indexOf(name);
    const x = series.covariates[name];
    for (let r = 0; x && c >= 0 && r < futureRows; r++) {
      const z = (x[firstObs + r] - scale.covMean[c]) / scale.covStd[c];
      future[r * names.length + k] = Number.isFinite(z) ? z : 0;
    }
  });
  return { first, rows, steps, target, scale, staticZ, groups: groupPositions(series.key, layout.groups), future, futureRows };
}

/**
 * Copies the history window of origin `origin` into row `b` of a time-major batch `x` ([L, B, width]): periods
 * origin − L … origin − 1. Periods before the series' first observation repeat its first row (left padding).
 */
export function fillWindow(x: Float32Array, b: number, batch: number, sf: SeriesFeatures, origin: number, layout: FeatureLayout): void {
  const width = stepWidth(layout);
  const L = layout.lookback;
  for (let t = 0; t < L; t++) {
    const r = Math.min(sf.rows - 1, Math.max(0, origin - L + t - sf.first));
    x.set(sf.steps.subarray(r * width, (r + 1) * width), (t * batch + b) * width);
  }
}

/**
 * Writes the known vector of origin `origin` at `out[offset …]`: per forecast period its calendar inputs, its scaled
 * baseline (`baselineAt`), the holiday flag of the period the seasonal-naive value comes from (so a holiday that
 * moved to another week can be corrected) and, with a drift window, the drift part of the baseline; then the static
 * series feature when used. `sf` must end at the origin or later; `table` must cover origin + H periods. Reads no
 * value at or after the origin.
 */
export function fillKnown(out: Float32Array, offset: number, origin: number, sf: SeriesFeatures, layout: FeatureLayout, table: Float32Array): void {
  const cw = calendarWidth(layout);
  const kw = knownPerPeriod(layout);
  const width = stepWidth(layout);
  const drift = seasonalDrift(sf, origin, layout);
  for (let h = 0; h < layout.horizon; h++) {
    const o = offset + h * kw;
    out.set(table.subarray((origin + h) * cw, (origin + h + 1) * cw), o);
    const { source, value, drift: d } = baselineAt(sf, origin, h, layout, drift);
    out[o + cw] = value;
    out[o + cw + 1] = table[source * cw];
    if (layout.driftWindow > 0) out[o + cw + 2] = d;
    const np = layout.peers?.length ?? 0;
    if (np > 0) {
      const periods = baselinePeriods(sf, origin, h, layout);
      const base = o + cw + (layout.driftWindow > 0 ? 3 : 2);
      for (let c = 0; c < np; c++) out[base + c] = periods.length > 0 ? peerSeasonalGap(sf, sf.peers?.[c] ?? null, periods, width) : 0;
    }
    const nf = layout.futureCovariates?.length ?? 0;
    const r = origin + h - sf.first;
    for (let k = 0; k < nf; k++) out[o + kw - nf + k] = r >= 0 && r < sf.futureRows ? sf.future[r * nf + k] : 0;
  }
  let s = offset + layout.horizon * kw;
  if (layout.seriesFeatures) out[s++] = sf.staticZ;
  if (hasSpreadInput(layout)) out[s++] = spreadAt(sf.steps, width, sf.first, origin, layout.seasonLength, layout.lookback);
  const gw = groupWidth(layout.groups);
  if (gw > 0) {
    out.fill(0, s, s + gw);
    for (const g of sf.groups) if (g >= 0) out[s + g] = 1;
  }
}

/** Calendar period whose value is the seasonal-naive forecast of period origin + h: the latest period before the
 * origin that is a whole number of seasons earlier, or the last period before the origin when the series is too
 * short. */
export function seasonalSource(sf: SeriesFeatures, origin: number, h: number, seasonLength: number): number {
  const p = origin + h - seasonLength * Math.ceil((h + 1) / seasonLength);
  return p >= sf.first ? p : origin - 1;
}

/**
 * The seasonal drift at `origin`, scaled: the mean of v[t] − v[t − season] over t = origin − driftWindow …
 * origin − 1, where v is the scaled, gap-filled value (`sf.steps`), skipping periods t whose season-earlier period
 * precedes the series' first observation; 0 when no period qualifies or `driftWindow` is 0. This is the recent
 * year-over-year change of the level (for weekly data), the quantity a seasonal random walk with drift adds per
 * season, estimated locally so that it follows a change of trend. Reads no value at or after the origin.
 */
export function seasonalDrift(sf: SeriesFeatures, origin: number, layout: FeatureLayout): number {
  const width = stepWidth(layout);
  const m = layout.seasonLength;
  let sum = 0;
  let n = 0;
  for (let t = Math.max(origin - layout.driftWindow, sf.first + m); t < origin; t++) {
    sum += sf.steps[(t - sf.first) * width] - sf.steps[(t - m - sf.first) * width];
    n++;
  }
  return n > 0 ? sum / n : 0;
}

/**
 * The skip baseline of period origin + h, scaled: the seasonal-naive value, or with `seasonalAverage` k > 1 the mean
 * of the values 1 … k seasons back (those on or after the series' first observation), plus `drift` times the seasons
 * it reaches back on average (0 when the series is too short for a seasonal value and the last value stands in).
 * `drift` is `seasonalDrift(sf, origin, layout)`, passed in so that it is computed once per origin. `source` is the
 * latest period averaged (its holiday flag is an input); `baselinePeriods` lists them all.
 */
export function baselineAt(sf: SeriesFeatures, origin: number, h: number, layout: FeatureLayout, drift: number): { source: number; value: number; drift: number } {
  const width = stepWidth(layout);
  const periods = baselinePeriods(sf, origin, h, layout);
  if (periods.length === 0) return { source: origin - 1, value: sf.steps[(origin - 1 - sf.first) * width], drift: 0 };
  let sum = 0;
  for (const p of periods) sum += sf.steps[(p - sf.first) * width];
  const d = drift * (Math.ceil((h + 1) / layout.seasonLength) + (periods.length - 1) / 2);
  return { source: periods[0], value: sum / periods.length + d, drift: d };
}

/** Calendar periods whose values `baselineAt` averages for period origin + h (latest first); [] when the series is
 * too short for a seasonal value and the last value stands in. */
export function baselinePeriods(sf: SeriesFeatures, origin: number, h: number, layout: FeatureLayout): number[] {
  const m = layout.seasonLength;
  const p = origin + h - m * Math.ceil((h + 1) / m);
  const out: number[] = [];
  for (let j = 0; j < (layout.seasonalAverage ?? 1) && p - j * m >= sf.first; j++) out.push(p - j * m);
  return out;
}

/** Options of `createLstmInput`. */
export interface LstmInputOptions {
  /** Sampling frequency. Default 'weekly'. */
  frequency?: Frequency;
  /** Day number of period 0. Default 2020-01-03 (a Friday). */
  firstDay?: number;
  /** Holiday flag per period (same length as the longest series). Default none. */
  holidays?: Uint8Array;
  /** Series ids. Default 's0', 's1', ... */
  ids?: string[];
  /** Covariates per series: name → values aligned with the series. Default none. */
  covariates?: Array<Record<string, Float64Array>>;
}

/** Wraps bare value arrays (one series or several, all starting at period 0) as an `LstmInput`. */
export function createLstmInput(values: Float64Array | Float64Array[], options: LstmInputOptions = {}): LstmInput {
  const list = values instanceof Float64Array ? [values] : values;
  if (!Array.isArray(list) || list.length === 0 || !list.every((v) => v instanceof Float64Array)) {
    invalidOption('values', values, 'a Float64Array or a non-empty array of them');
  }
  const frequency = options.frequency ?? 'weekly';
  const firstDay = options.firstDay ?? dayFromYmd(2020, 1, 3);
  const n = Math.max(...list.map((v) => v.length));
  const days = new Int32Array(n);
  for (let p = 0; p < n; p++) days[p] = addPeriods(firstDay, p, frequency);
  const holidays = options.holidays ?? new Uint8Array(n);
  if (holidays.length !== n) invalidOption('holidays length', holidays.length, `${n}`);
  return {
    calendar: { frequency, days, holidays },
    series: list.map((v, i) => ({
      id: options.ids?.[i] ?? `s${i}`,
      key: {},
      start: 0,
      values: v,
      covariates: options.covariates?.[i] ?? {},
    })),
  };
}
