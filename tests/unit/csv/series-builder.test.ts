import { describe, expect, it } from 'vitest';
import { IssueCollector } from '../../../src/lib/dataset/issues';
import { emptyMapping, type ColumnMapping } from '../../../src/lib/csv/mapping';
import { SeriesAccumulator } from '../../../src/lib/csv/series-builder';

const header = ['Store', 'Dept', 'Date', 'Sales'];
const mapping: ColumnMapping = { ...emptyMapping('sales'), date: 'Date', value: 'Sales', keys: ['Store', 'Dept'] };

function accumulate(records: string[][]) {
  const issues = new IssueCollector();
  const acc = new SeriesAccumulator(header, mapping, issues);
  acc.push(records, 1);
  return { cols: acc.columns(), issues: issues.report() };
}

describe('SeriesAccumulator: key and date ids', () => {
  it('rows of one series in a row share its key id; a key seen again later gets its first id back', () => {
    const { cols } = accumulate([
      ['1', '1', '2010-02-05', '10'],
      ['1', '1', '2010-02-12', '11'],
      ['1', '2', '2010-02-05', '12'],
      ['1', '1', '2010-02-19', '13'],
      ['10', '1', '2010-02-05', '14'],
    ]);
    expect(cols.keys).toEqual([['1', '1'], ['1', '2'], ['10', '1']]);
    expect([...cols.keyIds]).toEqual([0, 0, 1, 0, 2]);
    expect(cols.dates).toEqual(['2010-02-05', '2010-02-12', '2010-02-19']);
    expect([...cols.dateIds]).toEqual([0, 1, 0, 2, 0]);
  });

  it('cells that differ only by surrounding spaces are the same key and the same date', () => {
    const { cols } = accumulate([
      ['1', '1', '2010-02-05', '10'],
      [' 1', '1 ', ' 2010-02-05', '11'],
      ['1', '1', '2010-02-05 ', '12'],
    ]);
    expect(cols.keys).toEqual([['1', '1']]);
    expect([...cols.keyIds]).toEqual([0, 0, 0]);
    expect(cols.dates).toEqual(['2010-02-05']);
    expect([...cols.dateFirstRow]).toEqual([2]);
  });

  it('a row with an empty key after a good row of the same date is skipped with its issue, and the next good row reuses the ids', () => {
    const { cols, issues } = accumulate([
      ['1', '1', '2010-02-05', '10'],
      ['1', ' ', '2010-02-05', '11'],
      ['1', '1', '2010-02-05', '12'],
    ]);
    expect(cols.rowCount).toBe(2);
    expect([...cols.keyIds]).toEqual([0, 0]);
    expect([...cols.rowNumbers]).toEqual([2, 4]);
    expect(issues.counts['missing-value']).toBe(1);
  });

  it('dates repeating in the same sequence per series, with a gap and a padded cell, get the ids of a plain lookup', () => {
    const days = ['2010-02-05', '2010-02-12', '2010-02-19', '2010-02-26'];
    const records: string[][] = [];
    for (const store of ['1', '2', '3']) for (const d of days) if (!(store === '2' && d === '2010-02-12')) records.push([store, '1', store === '3' && d === '2010-02-19' ? ` ${d} ` : d, '5']);
    records.push(['4', '1', '2010-03-05', '5'], ['4', '1', '2010-02-05', '5']);
    const { cols } = accumulate(records);
    expect(cols.dates).toEqual([...days, '2010-03-05']);
    const expected = records.map((r) => cols.dates.indexOf(r[2].trim()));
    expect([...cols.dateIds]).toEqual(expected);
    expect([...cols.dateFirstRow]).toEqual([2, 3, 4, 5, 13]);
  });
});
