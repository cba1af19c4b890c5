/**
 * Problems found in a forecast file made elsewhere. User data never throws: each problem names the file's line
 * (as a spreadsheet numbers it, header = 1), the column and the value, and is collected with a count per code
 * (the first few of each kept), as the dataset import does (lib/dataset/issues.ts).
 */

/** Every kind of problem the forecast import reports. */
export type ExternalIssueCode =
  | 'not-text'
  | 'too-large'
  | 'empty-file'
  | 'parse-error'
  | 'no-id-column'
  | 'no-date-column'
  | 'no-model-column'
  | 'cross-validation-file'
  | 'ignored-column'
  | 'unknown-series'
  | 'missing-id'
  | 'bad-date'
  | 'date-in-history'
  | 'off-grid-date'
  | 'beyond-horizon-limit'
  | 'duplicate-row'
  | 'bad-number'
  | 'missing-value'
  | 'negative-value'
  | 'crossing-quantiles'
  | 'short-series'
  | 'nothing-usable';

/** How bad: fatal stores nothing; a warning imports what is usable; info is for the record. */
export type ExternalIssueSeverity = 'fatal' | 'warning' | 'info';

/** One reported problem. */
export interface ExternalIssue {
  /** What kind of problem. */
  code: ExternalIssueCode;
  /** How bad it is. */
  severity: ExternalIssueSeverity;
  /** Line in the file (header = 1), when the problem has one. */
  row?: number;
  /** Column name, when the problem has one. */
  column?: string;
  /** The offending text, cut to 80 characters. */
  value?: string;
  /** A sentence for people, naming row, column and value. */
  message: string;
}

/** The first issues of each code, a count per code, and whether any was fatal. */
export interface ExternalIssueReport {
  /** Up to `samplesPerCode` issues of each code, in the order found (fatal ones always kept). */
  issues: ExternalIssue[];
  /** Total occurrences per code. */
  counts: Partial<Record<ExternalIssueCode, number>>;
  /** True when nothing may be stored. */
  fatal: boolean;
}

/** Collects issues, keeping the first `samplesPerCode` of each code and counting the rest. */
export class ExternalIssueCollector {
  private readonly issues: ExternalIssue[] = [];
  private readonly counts: Partial<Record<ExternalIssueCode, number>> = {};
  private fatal = false;

  constructor(private readonly samplesPerCode = 10) {}

  /** Records one issue. */
  add(issue: ExternalIssue): void {
    const n = (this.counts[issue.code] = (this.counts[issue.code] ?? 0) + 1);
    if (issue.severity === 'fatal') this.fatal = true;
    if (n > this.samplesPerCode && issue.severity !== 'fatal') return;
    const value = issue.value !== undefined && issue.value.length > 80 ? `${issue.value.slice(0, 77)}...` : issue.value;
    this.issues.push(value === issue.value ? issue : { ...issue, value });
  }

  /** Occurrences of `code` so far. */
  count(code: ExternalIssueCode): number {
    return this.counts[code] ?? 0;
  }

  /** True once a fatal issue was recorded. */
  hasFatal(): boolean {
    return this.fatal;
  }

  /** The report so far. */
  report(): ExternalIssueReport {
    return { issues: this.issues.slice(), counts: { ...this.counts }, fatal: this.fatal };
  }
}

/** A cell for a message: quoted and cut. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
}
