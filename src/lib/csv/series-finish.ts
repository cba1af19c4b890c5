import { isoFromDay, seasonLength } from '../core/dates';
import { medianAndMadInPlace } from '../core/select';
import type { IssueCollector } from '../dataset/issues';
import { naturalCompare } from '../dataset/stats';
import type { Calendar, Dataset, DatasetMeta, SeriesRecord } from '../dataset/types';
import { buildGrid, calendarTooLong, detectFrequency } from './calendar';
import { MAX_CELLS } from '../core/limits';
import type { AccumulatedColumns } from './series-builder';

/** What turning accumulated columns into series gives. */
export type FinishResult = { kind: 'dataset'; dataset: Dataset } | { kind: 'fatal' };

/** Descriptive fields the caller supplies. */
export interface FinishOptions {
  /** Dataset id. */
  id: string;
  /** Display name. */
  name: string;
  /** Source file names. */
  sourceFiles: string[];
  /** Recognised format id. */
  format: string;
  /** Import time, ms since epoch. */
  createdAt: number;
  /** How duplicate (series, period) rows combine: keep the first (default) or sum them. */
  duplicates?: 'first' | 'sum';
}

const SEP = ' / ';

/**
 * Turns accumulated rows into a dataset, given the day number of each distinct date string: detects the frequency,
 * lays every series on one calendar, and reports duplicates, missing periods, negatives, outliers and short
 * series. Values stay as read (NaN for missing); `applyChoices` applies the user's choices afterwards.
 */
export function finishSeries(
  cols: AccumulatedColumns,
  dayOfDate: Float64Array,
  issues: IssueCollector,
  options: FinishOptions,
): FinishResult {
  const { mapping } = cols;

  const validDays = new Set<number>();
  for (const d of dayOfDate) if (!Number.isNaN(d)) validDays.add(d);
  const freq = detectFrequency([...validDays]);
  if (!freq.ok) {
    issues.add({ code: 'irregular-frequency', severity: 'fatal', column: mapping.date ?? undefined, message: `Column "${mapping.date}": ${freq.reason}.` });
    return { kind: 'fatal' };
  }
  const tooLong = calendarTooLong([...validDays], freq.frequency);
  if (tooLong) {
    issues.add({ code: 'calendar-too-long', severity: 'fatal', column: mapping.date ?? undefined, message: `Column "${mapping.date}": ${tooLong}.` });
    return { kind: 'fatal' };
  }
  const grid = buildGrid([...validDays], freq.frequency);
  if (grid.days.length * cols.keys.length > MAX_CELLS) {
    issues.add({
      code: 'too-large',
      severity: 'fatal',
      message: `${cols.keys.length.toLocaleString('en')} series × ${grid.days.length.toLocaleString('en')} periods is more than the ${MAX_CELLS.toLocaleString('en')} values this app keeps in memory; import fewer series or a shorter period.`,
    });
    return { kind: 'fatal' };
  }
  const periodOfDate = new Int32Array(cols.dates.length);
  for (let d = 0; d < cols.dates.length; d++) {
    const day = dayOfDate[d];
    periodOfDate[d] = Number.isNaN(day) ? -1 : grid.indexOf(day);
    if (!Number.isNaN(day) && periodOfDate[d] < 0) {
      issues.add({
        code: 'off-grid-date',
        severity: 'warning',
        row: cols.dateFirstRow[d],
        column: mapping.date ?? undefined,
        value: cols.dates[d],
        message: `Row ${cols.dateFirstRow[d]}, column "${mapping.date}": ${isoFromDay(day)} does not fall on the ${freq.frequency} grid of the other dates; its rows were skipped.`,
      });
    }
  }

  // Order series naturally by key, then bucket rows per series (counting sort: no per-row objects).
  const nSeries = cols.keys.length;
  const order = naturalKeyOrder(cols.keys);
  const counts = new Int32Array(nSeries + 1);
  for (let r = 0; r < cols.rowCount; r++) counts[cols.keyIds[r] + 1]++;
  for (let s = 0; s < nSeries; s++) counts[s + 1] += counts[s];
  const rowsBySeries = new Int32Array(cols.rowCount);
  const fill = counts.slice(0, nSeries);
  for (let r = 0; r < cols.rowCount; r++) rowsBySeries[fill[cols.keyIds[r]]++] = r;

  const holidays = new Uint8Array(grid.days.length);
  const holidayCov = mapping.holiday ? cols.covariates[mapping.holiday] : undefined;
  const covNames = Object.keys(cols.covariates);
  const series: SeriesRecord[] = [];
  let usedRows = 0;
  const sumDuplicates = options.duplicates === 'sum';
  for (const s of order) {
    const from = counts[s];
    const to = counts[s + 1];
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = from; i < to; i++) {
      const p = periodOfDate[cols.dateIds[rowsBySeries[i]]];
      if (p < 0) continue;
      if (p < lo) lo = p;
      if (p > hi) hi = p;
    }
    if (lo === Infinity) continue;
    const len = hi - lo + 1;
    const values = new Float64Array(len).fill(NaN);
    const seen = new Uint8Array(len);
    const covariates: Record<string, Float64Array> = {};
    for (const c of covNames) covariates[c] = new Float64Array(len).fill(NaN);
    const id = cols.keys[s].length ? cols.keys[s].join(SEP) : 'total';
    for (let i = from; i < to; i++) {
      const r = rowsBySeries[i];
      const p = periodOfDate[cols.dateIds[r]];
      if (p < 0) continue;
      const j = p - lo;
      const v = cols.values[r];
      if (seen[j]) {
        issues.add({
          code: 'duplicate-key',
          severity: 'warning',
          row: cols.rowNumbers[r],
          value: cols.dates[cols.dateIds[r]],
          message: `Row ${cols.rowNumbers[r]}: series ${id} already has a row for ${isoFromDay(grid.days[p])}; ${sumDuplicates ? 'the values were added up' : 'the first row was kept'}.`,
        });
        if (sumDuplicates && !Number.isNaN(v)) values[j] = Number.isNaN(values[j]) ? v : values[j] + v;
        continue;
      }
      seen[j] = 1;
      usedRows++;
      values[j] = v;
      for (const c of covNames) covariates[c][j] = cols.covariates[c][r];
      if (holidayCov && holidayCov[r] > 0) holidays[p] = 1;
    }
    const key: Record<string, string> = {};
    mapping.keys.forEach((k, i) => (key[k] = cols.keys[s][i]));
    series.push({ id, key, start: lo, values, covariates });
  }
  if (series.length === 0) {
    issues.add({ code: 'bad-date', severity: 'fatal', column: mapping.date ?? undefined, message: 'No row has a usable date and value.' });
    return { kind: 'fatal' };
  }

  const calendar: Calendar = { frequency: freq.frequency, days: grid.days, holidays };
  reportSeriesQuality(series, calendar, issues, mapping.value ?? 'value');
  const meta: DatasetMeta = {
    id: options.id,
    name: options.name,
    sourceFiles: options.sourceFiles,
    format: options.format,
    createdAt: options.createdAt,
    keyColumns: mapping.keys,
    valueColumn: mapping.value ?? '',
    covariateColumns: covNames,
    rows: usedRows,
    seriesCount: series.length,
    firstDay: grid.days[0],
    lastDay: grid.days[grid.days.length - 1],
    frequency: freq.frequency,
    choices: { missingPeriods: 'leave', negativeValues: 'keep' },
    report: issues.report(),
  };
  return { kind: 'dataset', dataset: { meta, calendar, series } };
}

/**
 * Indexes of `keys` in natural order, part by part (`naturalCompare`), ties in their original order. Each key
 * column holds few distinct values (train.csv: 45 stores, 81 departments for 3,331 series), so those are ranked
 * with the collator once and the series sorted by their integer ranks: the same order as comparing the strings,
 * with a few hundred collator calls instead of tens of thousands.
 */
export function naturalKeyOrder(keys: readonly string[][]): number[] {
  const n = keys.length;
  const width = keys.reduce((w, k) => Math.max(w, k.length), 0);
  const ranks: Int32Array[] = [];
  for (let k = 0; k < width; k++) {
    const distinct = [...new Set(keys.map((key) => key[k] ?? ''))].sort(naturalCompare);
    // Values the collator calls equal share a rank, as they would compare 0.
    const rankOf = new Map<string, number>();
    let rank = 0;
    distinct.forEach((v, i) => rankOf.set(v, i > 0 && naturalCompare(distinct[i - 1], v) !== 0 ? ++rank : rank));
    ranks.push(Int32Array.from(keys, (key) => rankOf.get(key[k] ?? '')!));
  }
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    for (let k = 0; k < width; k++) {
      const c = ranks[k][a] - ranks[k][b];
      if (c) return c;
    }
    return 0;
  });
}

/** Reports missing periods, negative values, outliers and short series, one issue per series. */
function reportSeriesQuality(series: SeriesRecord[], calendar: Calendar, issues: IssueCollector, column: string): void {
  const unit = calendar.frequency === 'daily' ? 'day' : calendar.frequency === 'weekly' ? 'week' : 'month';
  const minLength = 2 * seasonLength(calendar.frequency);
  const scratch = new Float64Array(calendar.days.length);
  for (const s of series) {
    const v = s.values;
    let missing = 0;
    let firstMissing = -1;
    let negatives = 0;
    let firstNegative = -1;
    let n = 0;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (Number.isNaN(x)) {
        if (firstMissing < 0) firstMissing = i;
        missing++;
        continue;
      }
      if (x < 0) {
        if (firstNegative < 0) firstNegative = i;
        negatives++;
      }
      scratch[n++] = x;
    }
    const day = (i: number) => isoFromDay(calendar.days[s.start + i]);
    if (missing) {
      issues.add({ code: 'missing-periods', severity: 'warning', column, value: s.id, message: `Series ${s.id} has ${missing} missing ${unit}${missing === 1 ? '' : 's'} inside its range (the first is ${day(firstMissing)}).` });
    }
    if (negatives) {
      issues.add({ code: 'negative-value', severity: 'warning', column, value: String(v[firstNegative]), message: `Series ${s.id} has ${negatives} negative value${negatives === 1 ? '' : 's'} (the first, ${v[firstNegative]}, on ${day(firstNegative)}).` });
    }
    if (n < minLength) {
      issues.add({ code: 'short-series', severity: 'warning', value: s.id, message: `Series ${s.id} has ${n} observed ${unit}s, fewer than two seasonal cycles (${minLength}); seasonal models will fall back to simpler ones.` });
    }
    if (n >= 8) {
      // Robust z-score: |x - median| / (1.4826 * MAD) above 6 is far outside the bulk of the series.
      // Quickselect, not a sort: O(n) per series.
      const robust = medianAndMadInPlace(scratch, n);
      const median = robust.median;
      const mad = robust.mad * 1.4826;
      if (mad > 0) {
        let worst = -1;
        let count = 0;
        for (let i = 0; i < v.length; i++) {
          if (Number.isNaN(v[i])) continue;
          if (Math.abs(v[i] - median) / mad > 6) {
            count++;
            if (worst < 0 || Math.abs(v[i] - median) > Math.abs(v[worst] - median)) worst = i;
          }
        }
        if (count) {
          issues.add({ code: 'outlier', severity: 'info', column, value: String(v[worst]), message: `Series ${s.id} has ${count} outlier${count === 1 ? '' : 's'} (over 6 robust standard deviations from its median ${median.toFixed(2)}); the largest is ${v[worst]} on ${day(worst)}.` });
        }
      }
    }
  }
}

/** Returns a copy of the dataset with the user's choices applied (missing periods filled, negatives zeroed). */
export function applyChoices(dataset: Dataset, choices: DatasetMeta['choices']): Dataset {
  const series = dataset.series.map((s) => {
    if (choices.missingPeriods === 'leave' && choices.negativeValues === 'keep') return s;
    const values = s.values.slice();
    for (let i = 0; i < values.length; i++) {
      if (Number.isNaN(values[i])) {
        if (choices.missingPeriods === 'zero') values[i] = 0;
      } else if (values[i] < 0 && choices.negativeValues === 'zero') values[i] = 0;
    }
    return { ...s, values };
  });
  return { ...dataset, meta: { ...dataset.meta, choices }, series };
}
