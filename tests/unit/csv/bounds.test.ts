import { describe, expect, it } from 'vitest';
import { buildGrid, calendarTooLong } from '../../../src/lib/csv/calendar';
import { dayFromYmd } from '../../../src/lib/core/dates';
import { MAX_COLUMNS, MAX_PERIODS } from '../../../src/lib/core/limits';
import { importText } from './helpers';

/** Issue #17.6: small files that froze the tab or asked for gigabytes are refused quickly, saying why. */
describe('a calendar is bounded', () => {
  it('buildGrid refuses dates in years 0001 and 9999 before allocating 3.65 million periods, naming both dates', () => {
    const days = [dayFromYmd(1, 1, 1), dayFromYmd(2020, 1, 1), dayFromYmd(2020, 1, 2), dayFromYmd(9999, 12, 31)];
    const t = performance.now();
    expect(() => buildGrid(days, 'daily')).toThrow(/dates run from 0001-01-01 to 9999-12-31, which is 3,652,059 daily periods; at most 14,640/);
    expect(performance.now() - t).toBeLessThan(50);
  });

  it('a grid of exactly MAX_PERIODS periods is built; one more is refused', () => {
    const start = dayFromYmd(2000, 1, 1);
    expect(buildGrid([start, start + MAX_PERIODS - 1], 'daily').days.length).toBe(MAX_PERIODS);
    expect(calendarTooLong([start, start + MAX_PERIODS], 'daily')).toMatch(/at most/);
    expect(calendarTooLong([start, start + 7 * (MAX_PERIODS - 1)], 'weekly')).toBeNull();
  });

  it('the 52 KB attack file (50 series, one date in 0001 and one in 9999) is refused as fatal within a second, naming the dates', async () => {
    const rows = ['date,item,units'];
    for (let s = 0; s < 50; s++) for (let d = 1; d <= 28; d++) rows.push(`2020-02-${String(d).padStart(2, '0')},item${s},${d}`);
    rows.push('0001-01-01,item0,1', '9999-12-31,item1,1');
    const text = rows.join('\n');
    expect(text.length).toBeLessThan(60_000);
    const t = performance.now();
    const out = await importText(text);
    const ms = performance.now() - t;
    expect(out.kind).toBe('fatal');
    expect(out.report.issues.find((i) => i.code === 'calendar-too-long')?.message).toMatch(/0001-01-01 to 9999-12-31.*Half of the dates lie between 2020-02-\d\d and 2020-02-\d\d/);
    expect(ms).toBeLessThan(1000);
  });
});

describe('wide files are refused with the reason, in bounded time', () => {
  const wide = (columns: number, rows = 3) => {
    const header = ['date', 'item', 'units', ...Array.from({ length: columns - 3 }, (_, i) => `extra_column_${i}`)];
    const lines = [header.join(',')];
    for (let r = 0; r < rows; r++) lines.push([`2020-01-0${r + 1}`, 'a', '1', ...Array.from({ length: columns - 3 }, () => '0')].join(','));
    return lines.join('\n');
  };

  for (const columns of [5_000, 12_000]) {
    it(`${columns.toLocaleString('en')} columns: refused at inspection, naming the count and the limit`, async () => {
      const t = performance.now();
      const out = await importText(wide(columns));
      expect(out.inspection.report.issues[0]).toMatchObject({ code: 'too-wide', message: expect.stringContaining(`${columns.toLocaleString('en')} columns; this app reads files of at most ${MAX_COLUMNS.toLocaleString('en')}`) });
      expect(performance.now() - t).toBeLessThan(2000);
    });
  }

  it('50,000 columns (a header longer than what inspection reads) is refused as too wide, not as "only a header row"', async () => {
    const out = await importText(wide(50_000));
    const codes = out.inspection.report.issues.map((i) => i.code);
    expect(codes).toContain('too-wide');
    expect(codes).not.toContain('header-only');
    expect(out.inspection.report.issues[0].message).toMatch(/first row alone is longer than 256 KB/);
  });

  it(`${MAX_COLUMNS.toLocaleString('en')} columns still import`, async () => {
    const out = await importText(wide(MAX_COLUMNS, 20));
    expect(out.inspection.report.issues.map((i) => i.code)).not.toContain('too-wide');
  });
});
