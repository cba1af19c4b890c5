import { describe, expect, it } from 'vitest';
import { isoFromDay } from '../../../src/lib/core/dates';
import { applyChoices } from '../../../src/lib/csv/series-finish';
import { importText } from './helpers';

const weekly = (rows: string[]) => `Store,Date,Weekly_Sales\n${rows.join('\n')}\n`;

describe('bad input never throws: each problem is a coded issue naming row, column and value', () => {
  it.each([
    ['empty file', '', 'empty-file'],
    ['only whitespace lines', '\n\n  \n', 'empty-file'],
    ['only a header', 'Store,Date,Weekly_Sales\n', 'header-only'],
    ['a single column with no delimiter', 'hello world\nfoo\nbar\n', 'not-delimited'],
    ['an unterminated quote', 'Store,Date,Weekly_Sales\n1,05-02-2010,100\n1,"12-02-2010,200\n1,19-02-2010,300\n', 'unterminated-quote'],
    ['a header with another delimiter than the rows', 'Store,Date,Weekly_Sales\n1;05-02-2010;100\n1;12-02-2010;120\n1;19-02-2010;130\n', 'not-delimited'],
    ['rows that mostly do not match the header', 'Store,Date,Weekly_Sales\n1,05-02-2010\n1,12-02-2010\n1,19-02-2010,130\n', 'not-delimited'],
  ])('%s is fatal (%s)', async (_, text, code) => {
    const r = await importText(text);
    expect(r.kind).toBe('fatal');
    expect(r.report.counts[code as keyof typeof r.report.counts]).toBeGreaterThan(0);
  });

  it.each([
    ['binary bytes', new Uint8Array([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]), /binary/],
    ['an Excel workbook', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /Excel workbook.*Save As › CSV/],
    ['a gzip file', new Uint8Array([0x1f, 0x8b, 0x08, 0x00]), /compressed/],
  ])('%s is refused with a sentence saying what it is', async (_, bytes, message) => {
    const r = await importText(bytes);
    expect(r.kind).toBe('fatal');
    expect(r.report.issues[0].message).toMatch(message);
  });

  it('an inventory file dropped as sales history is refused as the wrong role', async () => {
    const r = await importText('sku,store,on_hand,lead_time_days\nA1,S1,40,7\nA2,S1,12,3\n', 'sales');
    expect(r.kind).toBe('fatal');
    expect(r.report.issues.find((i) => i.code === 'wrong-role')?.message).toMatch(/inventory snapshot.*Inventory area/);
  });

  it('a sales file dropped as inventory is refused as the wrong role', async () => {
    const r = await importText(weekly(['1,05-02-2010,100', '1,12-02-2010,120', '1,19-02-2010,130']), 'inventory');
    expect(r.kind).toBe('fatal');
    expect(r.report.counts['wrong-role']).toBe(1);
  });

  it('semicolon delimiter with decimal commas reads the numbers right', async () => {
    const r = await importText('Store;Date;Weekly_Sales\n1;05-02-2010;1.234,50\n1;12-02-2010;99,5\n1;19-02-2010;100\n');
    expect(r.kind).toBe('ok');
    expect(r.kind === 'ok' && [...r.dataset!.series[0].values]).toEqual([1234.5, 99.5, 100]);
  });

  it('tab-delimited files import', async () => {
    const r = await importText('Store\tDate\tWeekly_Sales\n1\t2010-02-05\t10\n1\t2010-02-12\t11\n');
    expect(r.kind === 'ok' && r.dataset!.meta.seriesCount).toBe(1);
  });

  it('thousands separators and currency signs are read and reported once as formatted numbers', async () => {
    const r = await importText(weekly(['1,05-02-2010,"$1,643,690.90"', '1,12-02-2010,"€1,641,957.44"', '1,19-02-2010,1611968.17']));
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect([...r.dataset!.series[0].values]).toEqual([1643690.9, 1641957.44, 1611968.17]);
    const issue = r.report.issues.find((i) => i.code === 'formatted-number')!;
    expect(issue).toMatchObject({ row: 2, column: 'Weekly_Sales', value: '$1,643,690.90' });
    expect(issue.message).toMatch(/thousands separators, currency sign/);
  });

  it('text in the numeric column is reported with row, column and value, and the period left missing', async () => {
    const r = await importText(weekly(['1,05-02-2010,100', '1,12-02-2010,lots', '1,19-02-2010,300']));
    expect(r.kind).toBe('ok');
    const issue = r.report.issues.find((i) => i.code === 'bad-number')!;
    expect(issue).toMatchObject({ row: 3, column: 'Weekly_Sales', value: 'lots' });
    expect(issue.message).toMatch(/Row 3, column "Weekly_Sales": "lots" is not a number/);
    expect(r.kind === 'ok' && Number.isNaN(r.dataset!.series[0].values[1])).toBe(true);
  });

  it('an impossible date (31-02-2012) is reported with its row and the row skipped', async () => {
    const r = await importText(weekly(['1,17-02-2012,100', '1,24-02-2012,110', '1,31-02-2012,999', '1,02-03-2012,120']));
    expect(r.kind).toBe('ok');
    const issue = r.report.issues.find((i) => i.code === 'bad-date')!;
    expect(issue).toMatchObject({ row: 4, column: 'Date', value: '31-02-2012' });
    expect(r.kind === 'ok' && r.dataset!.meta.rows).toBe(3);
  });

  it('a line much longer than the rest is reported and skipped', async () => {
    const r = await importText(weekly(['1,05-02-2010,100', `1,12-02-2010,${'9'.repeat(5000)}`, '1,19-02-2010,300']));
    expect(r.kind).toBe('ok');
    expect(r.report.issues.find((i) => i.code === 'long-line')).toMatchObject({ row: 3, column: 'Weekly_Sales' });
  });

  it('ragged rows are reported with their field count and skipped', async () => {
    const r = await importText(weekly(['1,05-02-2010,100', '1,12-02-2010', '1,19-02-2010,300', '1,26-02-2010,400']));
    expect(r.report.issues.find((i) => i.code === 'ragged-row')?.message).toBe('Row 3 has 2 fields where the header has 3; the row was skipped.');
  });

  it('duplicate keys keep the first row and are reported', async () => {
    const r = await importText(weekly(['1,05-02-2010,100', '1,05-02-2010,999', '1,19-02-2010,300']));
    expect(r.kind === 'ok' && [...r.dataset!.series[0].values]).toEqual([100, NaN, 300]);
    expect(r.report.issues.find((i) => i.code === 'duplicate-key')).toMatchObject({ row: 3 });
  });

  it('missing periods are reported, left missing, or filled with zero by choice', async () => {
    const r = await importText(weekly(['1,05-02-2010,100', '1,19-02-2010,300', '2,05-02-2010,5', '2,12-02-2010,6', '2,19-02-2010,7']));
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.report.issues.find((i) => i.code === 'missing-periods')?.message).toMatch(/Series 1 has 1 missing week.*2010-02-12/);
    expect(Number.isNaN(r.dataset!.series[0].values[1])).toBe(true);
    const filled = applyChoices(r.dataset!, { missingPeriods: 'zero', negativeValues: 'keep' });
    expect([...filled.series[0].values]).toEqual([100, 0, 300]);
    expect(Number.isNaN(r.dataset!.series[0].values[1])).toBe(true);
  });

  it('ambiguous day/month dates are never guessed: the import asks, with a hint', async () => {
    const rows = weekly(['1,01-02-2010,1', '1,08-02-2010,2', '1,01-03-2010,5', '1,08-03-2010,6']);
    const r = await importText(rows);
    expect(r.kind).toBe('ask-date-order');
    expect(r.kind === 'ask-date-order' && r.question.hint?.order).toBe('dmy');
    const dmy = await importText(rows, 'sales', (m) => ({ ...m, dateOrder: 'dmy' }));
    expect(dmy.kind === 'ok' && isoFromDay(dmy.dataset!.meta.firstDay)).toBe('2010-02-01');
    expect(dmy.kind === 'ok' && dmy.dataset!.calendar.frequency).toBe('weekly');
  });

  it('a CSV whose cells hold HTML keeps them as plain text keys', async () => {
    const r = await importText('item,date,qty\n"<img src=x onerror=alert(1)>",2024-01-01,1\n"<img src=x onerror=alert(1)>",2024-01-02,2\n');
    expect(r.kind === 'ok' && r.dataset!.series[0].id).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('unknown layouts get a proposed mapping', () => {
  it('proposes date, value, keys and covariates from names and content', async () => {
    const r = await importText('Region,SKU,Week Ending,Units,Price,Promo\nN,A,2024-01-05,3,1.5,0\nN,B,2024-01-05,4,2.5,1\nN,A,2024-01-12,5,1.5,0\nN,B,2024-01-12,6,2.5,1\n');
    expect(r.inspection.format).toBeNull();
    expect(r.inspection.mapping).toMatchObject({ date: 'Week Ending', value: 'Units', keys: ['SKU'], covariates: ['Price', 'Promo'] });
    expect(r.inspection.mapping.inventory).toEqual({});
    expect(r.kind === 'ok' && r.dataset!.meta.seriesCount).toBe(2);
  });

  it('reads a generic inventory snapshot, defaulting and reporting missing fields', async () => {
    const r = await importText('sku,store,on_hand,lead_time_weeks,moq\nA1,S1,40,1,10\nA2,S1,-3,2,\n', 'inventory');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const [a, b] = r.inventory!.items;
    expect(a).toMatchObject({ seriesId: 'A1 / S1', onHand: 40, leadTimeDays: 7, moq: 10, unitCost: 1, serviceLevel: 0.95 });
    expect(b.onHand).toBe(-3);
    expect(b.defaulted).toContain('moq');
    expect(r.report.counts['negative-value']).toBe(1);
    expect(r.report.counts['defaulted-field']).toBeGreaterThan(0);
  });
});
