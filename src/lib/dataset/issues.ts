/**
 * Data-quality issues. User data never throws: problems are collected here with the row, column and value,
 * de-duplicated by code with a count, and returned with the result.
 */

/** Every kind of problem an import can report. */
export type IssueCode =
  | 'empty-file'
  | 'header-only'
  | 'binary-file'
  | 'not-delimited'
  | 'unterminated-quote'
  | 'ragged-row'
  | 'long-line'
  | 'duplicate-header'
  | 'no-date-column'
  | 'no-value-column'
  | 'wrong-role'
  | 'bad-date'
  | 'ambiguous-date'
  | 'mixed-date-formats'
  | 'irregular-frequency'
  | 'off-grid-date'
  | 'bad-number'
  | 'formatted-number'
  | 'missing-value'
  | 'duplicate-key'
  | 'missing-periods'
  | 'negative-value'
  | 'outlier'
  | 'short-series'
  | 'inferred-key'
  | 'too-many-errors'
  | 'too-large'
  | 'too-wide'
  | 'calendar-too-long'
  | 'unmatched-item'
  | 'defaulted-field';

/** How bad an issue is: fatal stores nothing; warning imports with the user's choice; info is for the record. */
export type IssueSeverity = 'fatal' | 'warning' | 'info';

/** One reported problem. */
export interface Issue {
  /** What kind of problem. */
  code: IssueCode;
  /** How bad it is. */
  severity: IssueSeverity;
  /** Line in the file as a spreadsheet numbers it (header = 1), when the problem has one. */
  row?: number;
  /** Column name, when the problem has one. */
  column?: string;
  /** The offending text, cut to 80 characters. */
  value?: string;
  /** A sentence for people, naming row, column and value. */
  message: string;
}

/** The de-duplicated result: the first issues of each code plus a count per code. */
export interface QualityReport {
  /** Up to `samplesPerCode` issues of each code, in the order found. */
  issues: Issue[];
  /** Total occurrences per code (including those not sampled). */
  counts: Partial<Record<IssueCode, number>>;
  /** Severity of each code seen. */
  severities: Partial<Record<IssueCode, IssueSeverity>>;
  /** True when any fatal issue was found: nothing may be stored. */
  fatal: boolean;
}

/**
 * Issues kept with their row and value, per code: enough that the review lists and downloads every problem of a
 * real file (train.csv has 2,883), bounded so a file broken on every row does not keep millions.
 */
export const ISSUE_SAMPLES_PER_CODE = 5_000;

/** Collects issues, keeping the first `samplesPerCode` of each code and counting the rest. */
export class IssueCollector {
  private readonly issues: Issue[] = [];
  private readonly counts: Partial<Record<IssueCode, number>> = {};
  private readonly severities: Partial<Record<IssueCode, IssueSeverity>> = {};
  private fatal = false;

  constructor(private readonly samplesPerCode = ISSUE_SAMPLES_PER_CODE) {}

  /** Records one issue. */
  add(issue: Issue): void {
    const n = (this.counts[issue.code] ?? 0) + 1;
    this.counts[issue.code] = n;
    const prev = this.severities[issue.code];
    if (!prev || rank(issue.severity) > rank(prev)) this.severities[issue.code] = issue.severity;
    if (issue.severity === 'fatal') this.fatal = true;
    // Fatal issues are always kept: a refused import must say why, even after many warnings of the same code.
    if (n <= this.samplesPerCode || issue.severity === 'fatal') {
      const value = issue.value !== undefined && issue.value.length > 80 ? `${issue.value.slice(0, 77)}...` : issue.value;
      this.issues.push(value === issue.value ? issue : { ...issue, value });
    }
  }

  /** Number of issues of `code` so far. */
  count(code: IssueCode): number {
    return this.counts[code] ?? 0;
  }

  /** True when a fatal issue was recorded. */
  hasFatal(): boolean {
    return this.fatal;
  }

  /** The report so far. */
  report(): QualityReport {
    return {
      issues: this.issues.slice(),
      counts: { ...this.counts },
      severities: { ...this.severities },
      fatal: this.fatal,
    };
  }
}

function rank(s: IssueSeverity): number {
  return s === 'fatal' ? 2 : s === 'warning' ? 1 : 0;
}

/** Formats a cell for a message: quoted, cut, with invisible characters shown. */
export function quoteCell(value: string): string {
  const cut = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  return JSON.stringify(cut);
}
