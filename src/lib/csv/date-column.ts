import type { IssueCollector } from '../dataset/issues';
import { inferDateFormat, parseDateWith, type DateOrder, type DateOrderHint } from './cells/dates';

/** What the UI asks when a date column cannot settle day-first against month-first. */
export interface DateOrderQuestion {
  /** The date column. */
  column: string;
  /** A few of the column's values. */
  examples: string[];
  /** The form seen, e.g. `DD-MM-YYYY or MM-DD-YYYY`. */
  format: string;
  /** Which order gives regular dates, when one clearly does. */
  hint: DateOrderHint | null;
}

/** The day number of each distinct date string, or why there is none. */
export type DateColumnResult =
  | { kind: 'ok'; /** Day number per distinct string; NaN for values that are not dates. */ days: Float64Array }
  | { kind: 'ask'; question: DateOrderQuestion }
  | { kind: 'fatal' };

/**
 * Decides the format of a date column from all of its distinct values and reads each one. An ambiguous column
 * (no value above 12 in either place) is never guessed: without the user's `order` the caller gets a question.
 * Values that are not dates (or impossible ones, 31-02-2012) are reported with their first row and skipped.
 */
export function resolveDateColumn(
  dates: readonly string[],
  firstRow: Int32Array,
  column: string,
  order: DateOrder | null,
  issues: IssueCollector,
): DateColumnResult {
  const inference = inferDateFormat(dates, order ? { order } : {});
  if (inference.status === 'unrecognized') {
    issues.add({
      code: 'bad-date',
      severity: 'fatal',
      column,
      value: dates[0],
      message: `Column "${column}": no value reads as a date (e.g. ${JSON.stringify(dates[0] ?? '')} on row ${firstRow[0]}). Is this the date column?`,
    });
    return { kind: 'fatal' };
  }
  if (inference.status === 'ambiguous' && !order) {
    const examples = dates.slice(0, 6);
    return { kind: 'ask', question: { column, examples, format: inference.format, hint: inference.hint } };
  }
  if (inference.status === 'inconsistent') {
    issues.add({
      code: 'mixed-date-formats',
      severity: 'warning',
      column,
      message: `Column "${column}" mixes day-first dates (${inference.evidence.dmy}) and month-first dates (${inference.evidence.mdy}); the ${inference.order === 'dmy' ? 'day-first' : 'month-first'} majority was used and the others are reported as bad dates.`,
    });
  } else if (inference.mixed) {
    issues.add({
      code: 'mixed-date-formats',
      severity: 'info',
      column,
      message: `Column "${column}" writes dates in ${inference.patterns.length} forms (${inference.patterns.map((p) => `${p.pattern} ×${p.count}`).join(', ')}); all were read ${inference.order === 'dmy' ? 'day-first' : 'month-first'}.`,
    });
  }
  const days = new Float64Array(dates.length);
  let valid = 0;
  for (let i = 0; i < dates.length; i++) {
    days[i] = parseDateWith(inference, dates[i]);
    if (Number.isNaN(days[i])) {
      issues.add({
        code: 'bad-date',
        severity: 'warning',
        row: firstRow[i],
        column,
        value: dates[i],
        message: `Row ${firstRow[i]}, column "${column}": ${JSON.stringify(dates[i].slice(0, 40))} is not a valid date; rows with it were skipped.`,
      });
    } else valid++;
  }
  if (valid === 0) {
    issues.add({ code: 'bad-date', severity: 'fatal', column, message: `Column "${column}": no value is a valid date.` });
    return { kind: 'fatal' };
  }
  return { kind: 'ok', days };
}
