import { describe, expect, it } from 'vitest';
import { dayFromYmd, isoFromDay } from '../../../src/lib/core/dates';
import {
  inferDateFormat,
  parseDateWith,
  type DateOrderBasis,
  type DateInference,
} from '../../../src/lib/csv/cells/dates';

const iso = (inference: DateInference, text: string) => {
  const day = parseDateWith(inference, text);
  return Number.isNaN(day) ? 'NaN' : isoFromDay(day);
};

/** Walmart week-ending Fridays 2010-02-05 ... 2012-10-26 written DD-MM-YYYY. */
function walmartWeeks(): string[] {
  const out: string[] = [];
  for (let d = dayFromYmd(2010, 2, 5); d <= dayFromYmd(2012, 10, 26); d += 7) {
    const [y, m, dd] = isoFromDay(d).split('-');
    out.push(`${dd}-${m}-${y}`);
  }
  return out;
}

type One = [text: string, expected: string, format: string, basis: DateOrderBasis];

const single: One[] = [
  ['2010-02-05', '2010-02-05', 'YYYY-MM-DD', 'only-one-valid'],
  ['2010/02/05', '2010-02-05', 'YYYY/MM/DD', 'only-one-valid'],
  ['2010.02.05', '2010-02-05', 'YYYY.MM.DD', 'only-one-valid'],
  ['2010-2-5', '2010-02-05', 'YYYY-MM-DD', 'only-one-valid'],
  ['\uFEFF2010-02-05', '2010-02-05', 'YYYY-MM-DD', 'only-one-valid'],
  [' 2010-02-05 ', '2010-02-05', 'YYYY-MM-DD', 'only-one-valid'],
  ['2010-02-05 00:00:00', '2010-02-05', 'YYYY-MM-DD +time', 'only-one-valid'],
  ['2010-02-05T00:00:00Z', '2010-02-05', 'YYYY-MM-DD +time', 'only-one-valid'],
  ['2010-02-05T23:30:00+01:00', '2010-02-05', 'YYYY-MM-DD +time', 'only-one-valid'],
  ['2010-02-05T00:00:00.000-05:00', '2010-02-05', 'YYYY-MM-DD +time', 'only-one-valid'],
  ['20100205', '2010-02-05', 'YYYYMMDD', 'only-one-valid'],
  ['19-02-2010', '2010-02-19', 'DD-MM-YYYY', 'settled-by-value'],
  ['19/2/2010', '2010-02-19', 'DD/MM/YYYY', 'settled-by-value'],
  ['19.02.2010', '2010-02-19', 'DD.MM.YYYY', 'settled-by-value'],
  ['19/02/2010 0:00', '2010-02-19', 'DD/MM/YYYY +time', 'settled-by-value'],
  ['19/02/2010 12:00 PM', '2010-02-19', 'DD/MM/YYYY +time', 'settled-by-value'],
  ['02/19/2010', '2010-02-19', 'MM/DD/YYYY', 'settled-by-value'],
  ['2/19/2010', '2010-02-19', 'MM/DD/YYYY', 'settled-by-value'],
  ['19/02/10', '2010-02-19', 'DD/MM/YY', 'settled-by-value'],
  ['19/02/68', '2068-02-19', 'DD/MM/YY', 'settled-by-value'],
  ['19/02/69', '1969-02-19', 'DD/MM/YY', 'settled-by-value'],
  ['31/12/99', '1999-12-31', 'DD/MM/YY', 'settled-by-value'],
  ['13/01/00', '2000-01-13', 'DD/MM/YY', 'settled-by-value'],
  ['05-Feb-2010', '2010-02-05', 'DD-MMM-YYYY', 'only-one-valid'],
  ['5-Feb-10', '2010-02-05', 'DD-MMM-YY', 'only-one-valid'],
  ['05FEB2010', '2010-02-05', 'DDMMMYYYY', 'only-one-valid'],
  ['Feb 5, 2010', '2010-02-05', 'MMM DD, YYYY', 'only-one-valid'],
  ['Feb. 5, 2010', '2010-02-05', 'MMM DD, YYYY', 'only-one-valid'],
  ['5 February 2010', '2010-02-05', 'DD MMM YYYY', 'only-one-valid'],
  ['February 5th, 2010', '2010-02-05', 'MMM DD, YYYY', 'only-one-valid'],
  ['Sept 30 2010', '2010-09-30', 'MMM DD YYYY', 'only-one-valid'],
  ['Fri, 05 Feb 2010', '2010-02-05', 'DD MMM YYYY', 'only-one-valid'],
  ['Friday, February 5, 2010', '2010-02-05', 'MMM DD, YYYY', 'only-one-valid'],
  ['2010-Feb-05', '2010-02-05', 'YYYY-MMM-DD', 'only-one-valid'],
  ['2010-02', '2010-02-01', 'YYYY-MM', 'only-one-valid'],
  ['02/2010', '2010-02-01', 'MM/YYYY', 'only-one-valid'],
  ['Feb 2010', '2010-02-01', 'MMM YYYY', 'only-one-valid'],
  ['Feb-10', '2010-02-01', 'MMM-YY', 'only-one-valid'],
];

describe('inferDateFormat + parseDateWith on one value', () => {
  it.each(single)('%j → %s as %s (%s)', (text, expected, format, basis) => {
    const inference = inferDateFormat([text]);
    expect(iso(inference, text)).toBe(expected);
    expect(inference.format).toBe(format);
    expect(inference.basis).toBe(basis);
    expect(inference.status).toBe('ok');
  });
});

describe('values that are not dates parse to NaN and are listed', () => {
  const bad = [
    'abc', '2010-02-05x', '2010-02-05 garbage', '5/2', 'Feb 5', 'Feb', '13/13/2010', '2010-13-01', '0000-00-00',
    '2011-02-29', '2012-02-30', '201002', '2010205', '12345678901', '-2010-02-05', '5/2/201', 'Friday', '1.5',
  ];
  it.each(bad)('%j', (text) => {
    const inference = inferDateFormat(['19-02-2010', text]);
    expect(parseDateWith(inference, text)).toBeNaN();
    expect(inference.invalid).toContain(text);
  });
  it('31-02-2012 is impossible in a day-first column and is reported, the rest parse', () => {
    const inference = inferDateFormat(['31-02-2012', '29-02-2012', '19-02-2010']);
    expect(inference).toMatchObject({ status: 'ok', order: 'dmy', parsed: 2, invalidCount: 1, invalid: ['31-02-2012'] });
    expect(iso(inference, '29-02-2012')).toBe('2012-02-29');
  });
  it('empty and blank values are ignored, not counted as invalid', () => {
    const inference = inferDateFormat(['', '  ', '2010-02-05']);
    expect(inference).toMatchObject({ status: 'ok', parsed: 1, invalidCount: 0 });
  });
  it('a column with nothing parseable is unrecognized', () => {
    expect(inferDateFormat(['abc', 'x1'])).toMatchObject({ status: 'unrecognized', basis: 'default', parsed: 0, invalidCount: 2 });
    expect(inferDateFormat([])).toMatchObject({ status: 'unrecognized', format: '' });
  });
});

describe('day-first vs month-first is decided by the whole column', () => {
  it('Walmart DD-MM-YYYY: 19-02-2010 settles day-first, so 05-02-2010 is 5 February', () => {
    const inference = inferDateFormat(['05-02-2010', '12-02-2010', '19-02-2010']);
    expect(inference).toMatchObject({ status: 'ok', order: 'dmy', basis: 'settled-by-value', candidates: ['dmy'] });
    expect(inference.evidence).toEqual({ dmy: '19-02-2010', mdy: null });
    expect(iso(inference, '05-02-2010')).toBe('2010-02-05');
  });
  it('Excel re-save mixes D/M/YYYY and DD-MM-YYYY in one column: both day-first, reported as mixed', () => {
    const values = ['5/2/2010', '12/2/2010', '19-02-2010', '26-02-2010', '5/3/2010'];
    const inference = inferDateFormat(values);
    expect(inference).toMatchObject({ status: 'ok', order: 'dmy', basis: 'settled-by-value', mixed: true });
    expect(inference.patterns.map((p) => [p.pattern, p.count])).toEqual([['DD/MM/YYYY', 3], ['DD-MM-YYYY', 2]]);
    expect(values.map((v) => iso(inference, v))).toEqual(['2010-02-05', '2010-02-12', '2010-02-19', '2010-02-26', '2010-03-05']);
  });
  it('US MM/DD/YYYY: 02/19/2010 settles month-first', () => {
    const inference = inferDateFormat(['02/05/2010', '02/19/2010']);
    expect(inference).toMatchObject({ status: 'ok', order: 'mdy', basis: 'settled-by-value', evidence: { dmy: null, mdy: '02/19/2010' } });
    expect(iso(inference, '02/05/2010')).toBe('2010-02-05');
  });
  it('a day > 12 first in one value and second in another is inconsistent: majority wins, the rest are NaN', () => {
    const inference = inferDateFormat(['19-02-2010', '20-02-2010', '02-21-2010', '01-02-2010']);
    expect(inference).toMatchObject({ status: 'inconsistent', order: 'dmy', basis: 'settled-by-value' });
    expect(inference.evidence).toEqual({ dmy: '19-02-2010', mdy: '02-21-2010' });
    expect(inference.invalid).toEqual(['02-21-2010']);
  });
  it('ISO values next to day-first ones: mixed forms, each parsed by its own shape', () => {
    const inference = inferDateFormat(['2010-02-05', '19-02-2010']);
    expect(inference).toMatchObject({ status: 'ok', order: 'dmy', mixed: true });
    expect(iso(inference, '2010-02-05')).toBe('2010-02-05');
  });
});

describe('ambiguous columns carry both orders and a regular-grid hint', () => {
  it('only Walmart weeks with day ≤ 12: day-first gives weekly Fridays, so the hint says dmy', () => {
    const values = walmartWeeks().filter((v) => Number(v.slice(0, 2)) <= 12);
    expect(values.length).toBeGreaterThan(20);
    const inference = inferDateFormat(values);
    expect(inference).toMatchObject({ status: 'ambiguous', order: 'dmy', basis: 'hint', candidates: ['dmy', 'mdy'] });
    const [dmy, mdy] = inference.hint!.readings;
    expect(dmy).toMatchObject({ order: 'dmy', step: 'weekly', regularity: 1, weekday: 4 });
    expect(mdy.regularity).toBeLessThan(0.5);
    expect(inference.hint!.message).toMatch(/Day-first gives weekly dates, all Fridays/);
  });
  it('the same weeks written month-first: the hint says mdy', () => {
    const values = walmartWeeks()
      .filter((v) => Number(v.slice(0, 2)) <= 12)
      .map((v) => `${v.slice(3, 5)}/${v.slice(0, 2)}/${v.slice(6)}`);
    const inference = inferDateFormat(values);
    expect(inference).toMatchObject({ status: 'ambiguous', order: 'mdy', basis: 'hint' });
    expect(iso(inference, '02/05/2010')).toBe('2010-02-05');
  });
  it('01-01-2022 … 05-01-2022 (retail head slice) is daily one way and monthly the other: no hint, day-first default', () => {
    const inference = inferDateFormat(['01-01-2022', '02-01-2022', '03-01-2022', '04-01-2022', '05-01-2022']);
    expect(inference).toMatchObject({ status: 'ambiguous', order: 'dmy', basis: 'default' });
    expect(inference.hint!.order).toBeNull();
    expect(inference.hint!.readings.map((r) => r.step)).toEqual(['daily', 'monthly']);
  });
  it('a single ambiguous value gets no hint', () => {
    const inference = inferDateFormat(['5/2/2010']);
    expect(inference).toMatchObject({ status: 'ambiguous', basis: 'default', candidates: ['dmy', 'mdy'] });
    expect(inference.hint!.order).toBeNull();
  });
});

describe('the user can override the order', () => {
  it("{ order: 'mdy' } reads 05-02-2010 as 2 May, basis 'user'", () => {
    const inference = inferDateFormat(['05-02-2010', '06-02-2010'], { order: 'mdy' });
    expect(inference).toMatchObject({ status: 'ok', order: 'mdy', basis: 'user', hint: null, format: 'MM-DD-YYYY' });
    expect(iso(inference, '05-02-2010')).toBe('2010-05-02');
  });
  it('values that contradict the user are invalid, not silently swapped', () => {
    const inference = inferDateFormat(['19-02-2010', '05-02-2010'], { order: 'mdy' });
    expect(inference).toMatchObject({ basis: 'user', invalid: ['19-02-2010'] });
  });
  it('a bad order option throws naming it', () => {
    expect(() => inferDateFormat(['2010-02-05'], { order: 'ymd' as never })).toThrow(/invalid order: "ymd"/);
  });
});

describe('Excel serial days', () => {
  it('a column of 5-digit serials in range reads 40214 as 2010-02-05', () => {
    const inference = inferDateFormat(['40214', '40221', '40228']);
    expect(inference).toMatchObject({ status: 'ok', excelSerial: true, format: 'Excel serial' });
    expect(iso(inference, '40214')).toBe('2010-02-05');
    expect(iso(inference, '18264')).toBe('1950-01-01');
    expect(iso(inference, '73050')).toBe('2099-12-31');
  });
  it.each([
    ['one value is not a serial', ['40214', '2010-02-12']],
    ['one serial is out of range', ['40214', '12345']],
    ['one serial is too late', ['40214', '73051']],
  ])('serials are refused when %s', (_why, values) => {
    const inference = inferDateFormat(values);
    expect(inference.excelSerial).toBe(false);
    expect(parseDateWith(inference, '40214')).toBeNaN();
  });
});
