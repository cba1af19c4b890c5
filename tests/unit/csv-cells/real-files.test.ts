/**
 * The cell parsers against the public files in ../shared/data (see each folder's PROVENANCE.md). The files live
 * outside the repo, so each block is skipped, saying so, where its file is absent. Splitting lines and fields is
 * the importer's job; these files have no quotes, so a plain split is enough here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isoFromDay, weekdayFromDay } from '../../../src/lib/core/dates';
import { inferDateFormat, parseDateWith } from '../../../src/lib/csv/cells/dates';
import { detectNumberStyle } from '../../../src/lib/csv/cells/number-style';
import { createNumberCell, parseFlag, readNumberCell } from '../../../src/lib/csv/cells/numbers';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const EXCEL_MIXED = `${DATA}walmart-store-sales/variants/excel-mixed-dates-kush9011/Walmart.csv`;
const CANONICAL = `${DATA}walmart-store-sales/Walmart_Store_sales.csv`;
const ISO_BOM = `${DATA}walmart-store-sales/variants/iso-dates-bom-pranalidarekar/Walmart_Store_sales.csv`;
const FEATURES = `${DATA}walmart-recruiting-store-sales/features.csv`;
const RETAIL_HEAD = `${DATA}retail-store-inventory-forecasting/head-slice-all-columns/retail_store_inventory.csv`;

function column(path: string, name: string): string[] {
  const lines = readFileSync(path, 'utf8').split(/\r\n|\n|\r/).filter((l) => l !== '');
  const header = lines[0].replace(/^\uFEFF/, '').split(',');
  const at = header.indexOf(name);
  if (at < 0) throw new Error(`no column ${name} in ${path}`);
  return lines.slice(1).map((l) => l.split(',')[at]);
}

/** Parses the distinct values of a Date column and checks the Walmart calendar: 143 Fridays 2010-02-05 … 2012-10-26. */
function expectWalmartWeeks(path: string) {
  const distinct = [...new Set(column(path, 'Date'))];
  const inference = inferDateFormat(distinct);
  const days = [...new Set(distinct.map((v) => parseDateWith(inference, v)))].sort((a, b) => a - b);
  expect(days).toHaveLength(143);
  expect(days.every((d) => Number.isInteger(d) && weekdayFromDay(d) === 4)).toBe(true);
  expect(isoFromDay(days[0])).toBe('2010-02-05');
  expect(isoFromDay(days[142])).toBe('2012-10-26');
  return inference;
}

describe.skipIf(!existsSync(EXCEL_MIXED))(`Excel re-save with mixed D/M/YYYY and DD-MM-YYYY (needs ${EXCEL_MIXED})`, () => {
  it('its unique Date values are 143 distinct Fridays from 2010-02-05 to 2012-10-26, read day-first', () => {
    const inference = expectWalmartWeeks(EXCEL_MIXED);
    expect(inference).toMatchObject({ status: 'ok', order: 'dmy', basis: 'settled-by-value', mixed: true, invalidCount: 0 });
    expect(inference.patterns.map((p) => p.pattern).sort()).toEqual(['DD-MM-YYYY', 'DD/MM/YYYY']);
  });
});

describe.skipIf(!existsSync(CANONICAL))(`canonical Walmart_Store_sales.csv (needs ${CANONICAL})`, () => {
  it('DD-MM-YYYY dates: day-first settled by value, 143 Fridays', () => {
    expect(expectWalmartWeeks(CANONICAL)).toMatchObject({ order: 'dmy', basis: 'settled-by-value', format: 'DD-MM-YYYY', mixed: false });
  });
  it('Holiday_Flag 0/1 reads as flags: 450 holiday rows of 6,435', () => {
    const flags = column(CANONICAL, 'Holiday_Flag').map(parseFlag);
    expect(flags).toHaveLength(6435);
    expect(flags.reduce((s, f) => s + f, 0)).toBe(450);
  });
  it('every numeric column is dot-decimal and reads with no bad cell', () => {
    const cell = createNumberCell();
    for (const name of ['Weekly_Sales', 'Temperature', 'Fuel_Price', 'CPI', 'Unemployment']) {
      const values = column(CANONICAL, name);
      expect(detectNumberStyle(values.slice(0, 500), { delimiter: ',' }).decimal).toBe('.');
      expect(values.filter((v) => readNumberCell(v, undefined, cell).kind !== 'number')).toEqual([]);
    }
    expect(Math.min(...column(CANONICAL, 'Temperature').map(Number))).toBe(-2.06);
  });
});

describe.skipIf(!existsSync(ISO_BOM))(`ISO dates in a file with a UTF-8 BOM (needs ${ISO_BOM})`, () => {
  it('ISO dates have one reading: 143 Fridays', () => {
    expect(expectWalmartWeeks(ISO_BOM)).toMatchObject({ basis: 'only-one-valid', format: 'YYYY-MM-DD' });
  });
});

describe.skipIf(!existsSync(FEATURES))(`Walmart competition features.csv (needs ${FEATURES})`, () => {
  it('literal NA cells read as missing: 4,158 in MarkDown1, 585 in CPI', () => {
    const cell = createNumberCell();
    const missing = (name: string) => column(FEATURES, name).filter((v) => readNumberCell(v, undefined, cell).kind === 'missing').length;
    expect(missing('MarkDown1')).toBe(4158);
    expect(missing('CPI')).toBe(585);
    expect(column(FEATURES, 'MarkDown2').filter((v) => readNumberCell(v, undefined, cell).kind === 'bad')).toEqual([]);
  });
  it('IsHoliday TRUE/FALSE flags mark the 13 holiday weeks', () => {
    const dates = column(FEATURES, 'Date');
    const flags = column(FEATURES, 'IsHoliday').map(parseFlag);
    expect(flags.every((f) => f === 0 || f === 1)).toBe(true);
    const holidays = [...new Set(dates.filter((_, i) => flags[i] === 1))].sort();
    expect(holidays).toEqual([
      '2010-02-12', '2010-09-10', '2010-11-26', '2010-12-31', '2011-02-11', '2011-09-09', '2011-11-25', '2011-12-30',
      '2012-02-10', '2012-09-07', '2012-11-23', '2012-12-28', '2013-02-08',
    ]);
  });
});

describe.skipIf(!existsSync(RETAIL_HEAD))(`retail inventory head slice re-saved by Excel (needs ${RETAIL_HEAD})`, () => {
  it('01-01-2022 … 05-01-2022 is ambiguous: both orders offered, daily vs monthly, no hint', () => {
    const inference = inferDateFormat([...new Set(column(RETAIL_HEAD, 'Date'))]);
    expect(inference).toMatchObject({ status: 'ambiguous', candidates: ['dmy', 'mdy'], format: 'DD-MM-YYYY' });
    expect(inference.hint!.readings.map((r) => r.step)).toEqual(['daily', 'monthly']);
    expect(isoFromDay(parseDateWith(inferDateFormat(['05-01-2022'], { order: 'dmy' }), '05-01-2022'))).toBe('2022-01-05');
  });
  it('the negative Demand Forecast -3.91 is a plain number', () => {
    expect(column(RETAIL_HEAD, 'Demand Forecast').map((v) => readNumberCell(v).value)).toContain(-3.91);
  });
});
