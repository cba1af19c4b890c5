import { describe, expect, it } from 'vitest';
import { safeFileName, TRACE_CSV_HEADER, traceToCsv } from '../../../src/ui/inventory/trace-csv';
import { formatCsvCell as escapeCsvCell, toCsv } from '../../../src/lib/export/csv';
import type { SimTrace } from '../../../src/lib/sim';

// The trace export writes through lib/export/csv.ts, the one CSV writer; these cases pin that it keeps the
// guard this export had. Text that looks like a negative number ("-5") is now guarded too (one rule: every
// text cell starting with a trigger); the export writes its figures as numbers, which stay unguarded.
describe('the trace export\'s cells: formula injection (OWASP CSV injection)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+A1', "'+A1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['-', "'-"],
  ])('%j → %j', (cell, out) => expect(escapeCsvCell(cell)).toBe(out));

  it.each([
    ['-5', "'-5"], ['-0.25', "'-0.25"], ['1e-3', '1e-3'], ['12', '12'], ['(6, 40)', '"(6, 40)"'], ['a"b', '"a""b"'], ['plain', 'plain'],
  ])('%j is written as %j', (cell, out) => expect(escapeCsvCell(cell)).toBe(out));

  it('numbers are written plainly, NaN as an empty cell', () => {
    expect(escapeCsvCell(-3.5)).toBe('-3.5');
    expect(escapeCsvCell(NaN)).toBe('');
  });

  it('toCsv ends every line with CRLF', () => {
    expect(toCsv([['a', 1], ['=b', -2]])).toBe("a,1\r\n'=b,-2\r\n");
  });
});

describe('traceToCsv', () => {
  const n = 3;
  const f = (...v: number[]) => Float64Array.from(v);
  const trace: SimTrace = {
    demand: f(5, 7, 9), onHand: f(10, 3, 0), backorders: f(0, 0, 6), onOrder: f(0, 37, 37), inventoryPosition: f(10, 40, 31),
    orderPlaced: f(0, 37, 0), arrivals: f(0, 0, 0), lostSales: f(0, 0, 0), holdingCost: f(10, 3, 0), shortageCost: f(0, 0, 54),
    orderCost: f(0, 64, 0), purchaseCost: f(0, 0, 0),
  };

  it('one row per period with the header, s and S, cumulative cost and the events as words', () => {
    const csv = traceToCsv({ trace, events: [{ period: 1, kind: 'order-placed', quantity: 37, duePeriod: 3 }, { period: 2, kind: 'stockout', quantity: 6 }], forecast: 10, s: 6, S: 40, policy: '=evil()', warmupPeriods: 1 });
    const rows = csv.trimEnd().split('\r\n');
    expect(rows).toHaveLength(n + 1);
    expect(rows[0]).toBe(TRACE_CSV_HEADER.join(','));
    expect(rows[1]).toBe("1,1,'=evil(),5,10,6,40,10,0,0,10,0,0,0,10,0,0,0,10,");
    expect(rows[2].endsWith(',77,order 37 due 3')).toBe(true);
    expect(rows[3].endsWith(',131,stockout 6')).toBe(true);
  });

  it('safeFileName keeps letters, digits, dots and dashes', () => {
    expect(safeFileName('shelfcast-(6, 40) on Poisson(10)')).toBe('shelfcast-6-40-on-Poisson-10.csv');
    expect(safeFileName('../..')).toBe('simulation.csv');
  });
});
