/**
 * Reads the data rows of a forecast file against a dataset: each row's series id matched to the dataset's
 * series, its date to one of the periods after the dataset's last date (step h ≥ 1), its numbers parsed. A row
 * that cannot be placed is reported (line, column, value) and skipped; a bad number is reported and kept as a
 * hole, which `buildForecasts` turns into a shorter forecast for that series, never a made-up value.
 */
import { dayFromYmd, isoFromDay, monthIndexFromDay, weekdayFromDay, type Frequency } from '../../core/dates';
import { GrowableFloat64, GrowableInt32 } from '../../core/growable';
import type { HeaderPlan } from './columns';
import { quote, type ExternalIssueCollector } from './issues';

/** Farthest period accepted after the dataset's end (periods): beyond 1000 days, weeks or months is not a plan. */
export const MAX_HORIZON = 1000;

/** The dataset the file is read against. */
export interface ReadTarget {
  /** Dataset name, for messages. */
  name: string;
  /** The dataset's frequency. */
  frequency: Frequency;
  /** Day number of its last period. */
  lastDay: number;
  /** Its series ids, in dataset order. */
  seriesIds: readonly string[];
}

/** Separators a multi-key unique_id may use instead of the app's ' / '. */
const KEY_SEPARATORS = ['_', '-', '|', '/', ' ', '::'];

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
// A midnight time may follow, with a UTC offset as pandas writes tz-aware dates ("2025-01-03 00:00:00+00:00").
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Day number of an ISO date (a midnight time allowed, as pandas writes), or NaN. */
export function parseIsoDay(text: string): number {
  const m = DATE.exec(text.trim());
  if (!m) return NaN;
  if (m[4] !== undefined && (Number(m[4]) !== 0 || Number(m[5]) !== 0 || Number(m[6] ?? 0) !== 0)) return NaN;
  return dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The rows placed so far, columnar. */
export class ForecastRows {
  /** Dataset series index per row. */
  readonly series = new GrowableInt32();
  /** Step h ≥ 1 per row. */
  readonly step = new GrowableInt32();
  /** File line per row (header = 1). */
  readonly line = new GrowableInt32();
  /** Per value column (see `valueColumns`), the number per row (NaN where missing or bad). */
  readonly values: GrowableFloat64[];
  /** The file's columns holding numbers (every model's point and quantile columns), in a fixed order. */
  readonly valueColumns: number[];
  /** Data rows seen. */
  rowsSeen = 0;
  /** Rows whose series id is not in the dataset. */
  unmatchedRows = 0;
  /** Distinct ids not in the dataset, with the first line of each and its row count. */
  readonly unmatched = new Map<string, { line: number; rows: number }>();

  private readonly index = new Map<string, number>();
  private readonly steps = new Map<string, number>();
  private alt: Map<string, number> | null = null;
  private readonly lastMonth: number;

  constructor(
    private readonly plan: HeaderPlan,
    /** The dataset read against. */
    readonly target: ReadTarget,
    private readonly issues: ExternalIssueCollector,
  ) {
    target.seriesIds.forEach((id, i) => this.index.has(id) || this.index.set(id, i));
    this.valueColumns = [...new Set(plan.models.flatMap((m) => [m.point, ...m.quantiles.map((q) => q.column)]))];
    this.values = this.valueColumns.map(() => new GrowableFloat64());
    this.lastMonth = monthIndexFromDay(target.lastDay);
  }

  /** Reads a batch of records; `firstRecord` is the file's record index of the first (the header is record 0). */
  add(records: readonly string[][], firstRecord: number): void {
    const { plan, issues } = this;
    const idName = plan.names[plan.id];
    const dateName = plan.names[plan.date];
    for (let r = 0; r < records.length; r++) {
      const cells = records[r];
      const line = firstRecord + r + 1;
      this.rowsSeen++;
      const id = (cells[plan.id] ?? '').trim();
      if (id === '') {
        issues.add({ code: 'missing-id', severity: 'warning', row: line, column: idName, value: '', message: `Row ${line}: the ${idName} cell is empty; the row is skipped.` });
        continue;
      }
      const series = this.index.get(id) ?? this.alternates().get(id);
      if (series === undefined || series < 0) {
        this.unmatchedRows++;
        const seen = this.unmatched.get(id);
        if (seen) seen.rows++;
        else {
          this.unmatched.set(id, { line, rows: 1 });
          issues.add({ code: 'unknown-series', severity: 'warning', row: line, column: idName, value: id, message: `Row ${line}, ${idName} ${quote(id)}: ${series === undefined ? `no series of ${this.target.name} has this id` : `fits several series of ${this.target.name} (their keys joined differently); write the id as the app shows it, with ' / '`}; its rows are skipped.` });
        }
        continue;
      }
      const dateText = cells[plan.date] ?? '';
      const step = this.stepOf(dateText, line, dateName);
      if (step === null) continue;
      this.series.push(series);
      this.step.push(step);
      this.line.push(line);
      for (let c = 0; c < this.valueColumns.length; c++) this.values[c].push(this.number(cells[this.valueColumns[c]], line, this.valueColumns[c]));
    }
  }

  /**
   * Other spellings of multi-key ids, built on the first id that does not match exactly. A series of several keys
   * has the id "S02 / I012"; a unique_id built in pandas joins them with '_' or '-' more often. Those spellings
   * match too, unless one of them is itself a series' id, or fits two series (then -1: reported as ambiguous).
   */
  private alternates(): Map<string, number> {
    if (this.alt) return this.alt;
    const alt = (this.alt = new Map<string, number>());
    const ids = this.target.seriesIds;
    for (let i = 0; i < ids.length; i++) {
      const parts = ids[i].split(' / ');
      if (parts.length < 2) continue;
      for (const sep of KEY_SEPARATORS) {
        const spelling = parts.join(sep);
        if (!this.index.has(spelling)) alt.set(spelling, alt.has(spelling) ? -1 : i);
      }
    }
    return alt;
  }

  /** The forecast step of a date, or null (reported) when it is not one of the periods after the dataset's end. */
  private stepOf(text: string, line: number, column: string): number | null {
    // A file repeats the same few dates on every series: parse each once (only good ones are kept, so every bad
    // row is still reported with its own line).
    const cached = this.steps.get(text);
    if (cached !== undefined) return cached;
    const step = this.parseStep(text, line, column);
    if (step !== null && this.steps.size < 100_000) this.steps.set(text, step);
    return step;
  }

  private parseStep(text: string, line: number, column: string): number | null {
    const { target, issues } = this;
    const day = parseIsoDay(text);
    if (!Number.isFinite(day)) {
      issues.add({ code: 'bad-date', severity: 'warning', row: line, column, value: text, message: `Row ${line}, ${column} ${quote(text)} is not a date as YYYY-MM-DD; the row is skipped.` });
      return null;
    }
    let step: number;
    if (target.frequency === 'daily') step = day - target.lastDay;
    else if (target.frequency === 'monthly') step = monthIndexFromDay(day) - this.lastMonth;
    else {
      const diff = day - target.lastDay;
      if (diff % 7 !== 0) {
        const weekday = WEEKDAYS[weekdayFromDay(target.lastDay)];
        issues.add({ code: 'off-grid-date', severity: 'warning', row: line, column, value: text, message: `Row ${line}, ${column} ${quote(text)} is not one of the dataset's weeks, which fall on a ${weekday} (last ${isoFromDay(target.lastDay)}); the row is skipped. Forecast with the same weekly anchor (e.g. freq='W-${weekday.slice(0, 3).toUpperCase()}').` });
        return null;
      }
      step = diff / 7;
    }
    if (step <= 0) {
      issues.add({ code: 'date-in-history', severity: 'warning', row: line, column, value: text, message: `Row ${line}, ${column} ${quote(text)} is not after the dataset's last date ${isoFromDay(target.lastDay)}; the row is skipped (a forecast here starts after the history).` });
      return null;
    }
    if (step > MAX_HORIZON) {
      issues.add({ code: 'beyond-horizon-limit', severity: 'warning', row: line, column, value: text, message: `Row ${line}, ${column} ${quote(text)} is ${step} periods after the dataset's end; at most ${MAX_HORIZON} are read, so the row is skipped.` });
      return null;
    }
    return step;
  }

  /** A cell as a number, or NaN (reported) when empty or not a number. */
  private number(cell: string | undefined, line: number, column: number): number {
    // The common case first: a plain number, no trimming (a string per cell) and no message built.
    const quick = cell === undefined || cell === '' ? NaN : Number(cell);
    if (Number.isFinite(quick) && (quick !== 0 || cell!.trim() !== '')) return quick;
    const text = (cell ?? '').trim();
    const name = this.plan.names[column];
    if (text === '' || /^(nan|na|null|none)$/i.test(text)) {
      this.issues.add({ code: 'missing-value', severity: 'warning', row: line, column: name, value: text, message: `Row ${line}, column ${name} is empty${text ? ` (${quote(text)})` : ''}.` });
      return NaN;
    }
    const x = Number(text);
    if (!Number.isFinite(x)) {
      this.issues.add({ code: 'bad-number', severity: 'warning', row: line, column: name, value: text, message: `Row ${line}, column ${name}: ${quote(text)} is not a number.` });
      return NaN;
    }
    return x;
  }
}
