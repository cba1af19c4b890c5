/**
 * Found by the fuzzer (csv-import.fuzz.test.ts, case mutate-076): a fatal issue whose code already has 20
 * warnings is counted but not kept, so a 'fatal' outcome reaches the user with no fatal message.
 *
 * Cause: `readColumns` in src/lib/csv/import.ts adds `{code: 'bad-number', severity: 'fatal', message: 'Most
 * cells of "…" are not numbers: pick another value column.'}` after the per-cell 'bad-number' warnings, and
 * `IssueCollector.add` (src/lib/dataset/issues.ts) keeps only the first `samplesPerCode` issues of a code (20 then,
 * ISSUE_SAMPLES_PER_CODE now).
 * Fixed in IssueCollector.add: fatal issues are always kept, whatever the sample cap of their code.
 */
import { describe, expect, it } from 'vitest';
import { ISSUE_SAMPLES_PER_CODE } from '../../../src/lib/dataset/issues';
import { importText } from '../csv/helpers';

/** Value and date columns swapped in the header: every "Weekly_Sales" cell is a date. */
function swappedColumns(rows: number): string {
  const lines = ['Store,Dept,Weekly_Sales,Date,IsHoliday'];
  for (let i = 0; i < rows; i++) lines.push(`1,1,${new Date(Date.UTC(2010, 1, 5 + 7 * i)).toISOString().slice(0, 10)},${1000 + i},FALSE`);
  return `${lines.join('\n')}\n`;
}

describe('regression: a fatal issue past the kept warnings of its code was dropped from the report', () => {
  it('19 rows: the fatal "not numbers" message is kept (control)', async () => {
    const outcome = await importText(swappedColumns(19), 'sales');
    expect(outcome.kind).toBe('fatal');
    expect(outcome.report.issues.filter((i) => i.severity === 'fatal').map((i) => i.message)).toEqual([
      'Most cells of "Weekly_Sales" are not numbers: pick another value column.',
    ]);
  });

  // With as many rows as samples kept, the fatal issue is one 'bad-number' past the samples kept per code.
  it('ISSUE_SAMPLES_PER_CODE rows: the fatal outcome still carries its fatal message', async () => {
    const outcome = await importText(swappedColumns(ISSUE_SAMPLES_PER_CODE), 'sales');
    expect(outcome.report.counts['bad-number']).toBeGreaterThan(ISSUE_SAMPLES_PER_CODE);
    expect(outcome.kind).toBe('fatal');
    expect(outcome.report.issues.some((i) => i.severity === 'fatal')).toBe(true);
  });
});
