/**
 * Date columns. The importer interns a column's distinct date strings, calls `inferDateFormat` once on all of them,
 * then `parseDateWith` per distinct string. The format is decided for the whole column, never per cell, because
 * `05-02-2010` means 5 February only if another cell such as `19-02-2010` says the column is day-first.
 */
import { dayFromYmd } from '../../core/dates';
import { maybeOneOf } from '../../core/errors';
import { hintDateOrder, type DateOrder, type DateOrderHint } from './date-hint';
import { createDateTokens, scanDate, type DateShape, type DateTokens } from './date-tokens';

export type { DateOrder, DateOrderHint, DateGridReading, GridStep } from './date-hint';
export type { DateShape } from './date-tokens';

/**
 * How the day/month order of `05-02-2010`-style values was chosen.
 * - `settled-by-value`: a first part > 12 (day-first) or a second part > 12 (month-first) was seen;
 * - `only-one-valid`: no value needs the choice: every one has a single reading (ISO, month names, YYYYMMDD, serials);
 * - `hint`: ambiguous; the order whose dates fall on a regular grid (see `DateOrderHint`);
 * - `default`: ambiguous with no usable hint, or nothing parsed: day-first;
 * - `user`: `options.order`.
 */
export type DateOrderBasis = 'settled-by-value' | 'only-one-valid' | 'hint' | 'default' | 'user';

/**
 * Whole-column verdict: `ok`; `ambiguous` (ask the user, offering `hint`); `inconsistent` (some values are only
 * valid day-first and others only month-first: report it; `order` follows the majority and the rest parse to NaN);
 * `unrecognized` (no value parsed).
 */
export type DateColumnStatus = 'ok' | 'ambiguous' | 'inconsistent' | 'unrecognized';

/** One written form seen in the column, e.g. `DD-MM-YYYY`. */
export interface DatePattern {
  /** The form with `YYYY`/`YY`, `MM`, `MMM` (a name), `DD` and the separators as written; `… +time` when a time followed. */
  pattern: string;
  /** Values of this form. */
  count: number;
  /** The first such value. */
  example: string;
}

/** What `inferDateFormat` decided for a column; pass it to `parseDateWith`. */
export interface DateInference {
  /** Whole-column verdict. */
  status: DateColumnStatus;
  /** Order used for two-small-numbers-then-year values (`05-02-2010`). */
  order: DateOrder;
  /** How `order` was chosen. */
  basis: DateOrderBasis;
  /** Orders still possible: both when ambiguous, else `[order]`. */
  candidates: DateOrder[];
  /** Regular-grid comparison of both orders; only when `status` is 'ambiguous'. */
  hint: DateOrderHint | null;
  /** A value proving each order, when one was seen (`19-02-2010` proves day-first). */
  evidence: { dmy: string | null; mdy: string | null };
  /** True when every value is a 5-digit Excel serial day in [EXCEL_SERIAL_MIN, EXCEL_SERIAL_MAX]. */
  excelSerial: boolean;
  /** Two-digit years up to this are 20xx, above it 19xx. */
  twoDigitYearPivot: number;
  /** The most common written form, e.g. `DD-MM-YYYY` (empty when nothing parsed). */
  format: string;
  /** Every written form seen among the values that parse, most common first. */
  patterns: DatePattern[];
  /** True when more than one form was seen (e.g. `D/M/YYYY` and `DD-MM-YYYY` in one Excel re-save). */
  mixed: boolean;
  /** Non-empty values that parse to a date. */
  parsed: number;
  /** Non-empty values that do not (bad text or impossible dates such as `31-02-2012`). */
  invalidCount: number;
  /** The first 20 of those values. */
  invalid: string[];
}

/** Options of `inferDateFormat`. */
export interface InferDateOptions {
  /** The user's answer for an ambiguous column; overrides what the values say. */
  order?: DateOrder;
}

/** Two-digit years: 00-68 → 2000-2068, 69-99 → 1969-1999 (the POSIX `strptime %y` rule). */
export const TWO_DIGIT_YEAR_PIVOT = 68;
/** Smallest Excel serial accepted: 18264 = 1950-01-01. */
export const EXCEL_SERIAL_MIN = 18264;
/** Largest Excel serial accepted: 73050 = 2099-12-31. */
export const EXCEL_SERIAL_MAX = 73050;
/** Excel's serial of 1970-01-01 (day number 0), valid after 1900-02-28 thanks to Excel's fictitious 1900-02-29. */
const EXCEL_EPOCH = 25569;

const scratch = createDateTokens();

/**
 * Decides the format of a date column from its values (ideally all distinct values; empty cells are ignored).
 * Day-first vs month-first: any first part > 12 settles day-first, any second part > 12 settles month-first, both
 * make the column inconsistent, neither leaves it ambiguous with a hint. Excel serial days (`40214`) are accepted only
 * when every value is a 5-digit integer in [EXCEL_SERIAL_MIN, EXCEL_SERIAL_MAX], since lone 5-digit numbers are
 * more often codes than dates. Throws only for a bad `options.order`.
 */
export function inferDateFormat(values: readonly string[], options: InferDateOptions = {}): DateInference {
  const user = options.order === undefined ? undefined : maybeOneOf('order', options.order, ['dmy', 'mdy'] as const);
  let nny = 0;
  let dayFirst = 0;
  let monthFirst = 0;
  let dmyEvidence: string | null = null;
  let mdyEvidence: string | null = null;
  let nonEmpty = 0;
  let serials = 0;
  for (const v of values) {
    const shape = scanDate(v, scratch);
    if (shape === 'bad' && isBlank(v)) continue;
    nonEmpty++;
    if (shape === 'serial' && !scratch.hasTime && scratch.values[0] >= EXCEL_SERIAL_MIN && scratch.values[0] <= EXCEL_SERIAL_MAX) serials++;
    if (shape !== 'nny') continue;
    nny++;
    const [a, b] = scratch.values;
    if (a > 12 && b <= 12) {
      dayFirst++;
      dmyEvidence ??= v;
    } else if (b > 12 && a <= 12) {
      monthFirst++;
      mdyEvidence ??= v;
    }
  }
  const excelSerial = nonEmpty > 0 && serials === nonEmpty;
  let status: DateColumnStatus = 'ok';
  let order: DateOrder = 'dmy';
  let basis: DateOrderBasis = 'only-one-valid';
  let hint: DateOrderHint | null = null;
  if (user) [order, basis] = [user, 'user'];
  else if (nny === 0) basis = 'only-one-valid';
  else if (dayFirst > 0 || monthFirst > 0) {
    order = monthFirst > dayFirst ? 'mdy' : 'dmy';
    basis = 'settled-by-value';
    if (dayFirst > 0 && monthFirst > 0) status = 'inconsistent';
  } else {
    status = 'ambiguous';
    hint = hintDateOrder(parseAll(values, 'dmy', excelSerial), parseAll(values, 'mdy', excelSerial));
    order = hint.order ?? 'dmy';
    basis = hint.order ? 'hint' : 'default';
  }
  const inference: DateInference = {
    status,
    order,
    basis,
    candidates: status === 'ambiguous' ? ['dmy', 'mdy'] : [order],
    hint,
    evidence: { dmy: dmyEvidence, mdy: mdyEvidence },
    excelSerial,
    twoDigitYearPivot: TWO_DIGIT_YEAR_PIVOT,
    format: '',
    patterns: [],
    mixed: false,
    parsed: 0,
    invalidCount: 0,
    invalid: [],
  };
  collectPatterns(values, inference);
  if (inference.parsed === 0) {
    inference.status = 'unrecognized';
    if (!user) inference.basis = 'default';
  }
  return inference;
}

/** The day number of `text` under a column's inference, or NaN (bad text, impossible date, or a form the inference excludes). */
export function parseDateWith(inference: DateInference, text: string): number {
  return dayOf(scanDate(text, scratch), scratch, inference.order, inference.excelSerial);
}

function dayOf(shape: DateShape, t: DateTokens, order: DateOrder, excelSerial: boolean): number {
  const [a, b, c] = t.values;
  switch (shape) {
    case 'ymd':
      return dayFromYmd(a, b, c);
    case 'nny':
      return order === 'dmy' ? dayFromYmd(fullYear(c, t.digits[2]), b, a) : dayFromYmd(fullYear(c, t.digits[2]), a, b);
    case 'named':
      return t.nameAt === 0 ? dayFromYmd(fullYear(c, t.digits[2]), a, b) : dayFromYmd(fullYear(c, t.digits[2]), b, a);
    case 'month':
      if (t.digits[0] === 4) return dayFromYmd(a, b, 1);
      return dayFromYmd(fullYear(b, t.digits[1]), a, 1);
    case 'compact':
      return dayFromYmd(Math.floor(a / 10000), Math.floor(a / 100) % 100, a % 100);
    case 'serial':
      return excelSerial && !t.hasTime && a >= EXCEL_SERIAL_MIN && a <= EXCEL_SERIAL_MAX ? a - EXCEL_EPOCH : NaN;
    default:
      return NaN;
  }
}

function fullYear(y: number, digits: number): number {
  if (digits === 4) return y >= 1000 ? y : NaN;
  return y <= TWO_DIGIT_YEAR_PIVOT ? 2000 + y : 1900 + y;
}

function parseAll(values: readonly string[], order: DateOrder, excelSerial: boolean): number[] {
  const days: number[] = [];
  for (const v of values) {
    const d = dayOf(scanDate(v, scratch), scratch, order, excelSerial);
    if (d === d) days.push(d);
  }
  return days;
}

/** Second pass: parses every value under the decision, counting forms and failures. */
function collectPatterns(values: readonly string[], inference: DateInference): void {
  const byPattern = new Map<string, DatePattern>();
  for (const v of values) {
    const shape = scanDate(v, scratch);
    if (shape === 'bad' && isBlank(v)) continue;
    const day = dayOf(shape, scratch, inference.order, inference.excelSerial);
    if (day !== day) {
      if (inference.invalid.length < 20) inference.invalid.push(v);
      inference.invalidCount++;
      continue;
    }
    inference.parsed++;
    const pattern = patternOf(v, shape, scratch, inference.order);
    const seen = byPattern.get(pattern);
    if (seen) seen.count++;
    else byPattern.set(pattern, { pattern, count: 1, example: v });
  }
  inference.patterns = [...byPattern.values()].sort((p, q) => q.count - p.count);
  inference.format = inference.patterns[0]?.pattern ?? '';
  inference.mixed = inference.patterns.length > 1;
}

function patternOf(text: string, shape: DateShape, t: DateTokens, order: DateOrder): string {
  if (shape === 'compact') return 'YYYYMMDD';
  if (shape === 'serial') return 'Excel serial';
  const roles: string[] = [];
  const year = (k: number) => (t.digits[k] === 4 ? 'YYYY' : 'YY');
  if (shape === 'ymd') roles.push('YYYY', 'MM', 'DD');
  else if (shape === 'nny') roles.push(...(order === 'dmy' ? ['DD', 'MM'] : ['MM', 'DD']), year(2));
  else if (shape === 'named') roles.push(...(t.nameAt === 0 ? ['MM', 'DD'] : ['DD', 'MM']), year(2));
  else roles.push(...(t.digits[0] === 4 ? ['YYYY', 'MM'] : ['MM', year(1)]));
  if (t.nameAt >= 0) roles[t.nameAt] = 'MMM';
  let out = roles[0];
  for (let k = 1; k < t.count; k++) out += text.slice(t.seps[2 * k - 2], t.seps[2 * k - 1]) + roles[k];
  return t.hasTime ? `${out} +time` : out;
}

function isBlank(v: string): boolean {
  return v.trim() === '';
}
