import { describe, expect, it } from 'vitest';
import {
  COMMA_DECIMAL,
  DOT_DECIMAL,
  NumberFormatting as F,
  createNumberCell,
  describeFormatting,
  isMissingCell,
  parseFlag,
  parseNumber,
  readNumberCell,
  type NumberCellKind,
} from '../../../src/lib/csv/cells/numbers';
import { createRng } from '../../../src/lib/core/rng';

type Row = [text: string, value: number, kind: NumberCellKind, formatting: number];

const dotCases: Row[] = [
  ['12', 12, 'number', 0],
  ['-3.5', -3.5, 'number', 0],
  ['0', 0, 'number', 0],
  ['-0', 0, 'number', 0],
  ['.5', 0.5, 'number', 0],
  ['5.', 5, 'number', 0],
  ['211.0963582', 211.0963582, 'number', 0],
  ['1643690.9', 1643690.9, 'number', 0],
  ['-2.06', -2.06, 'number', 0],
  ['1.5e3', 1500, 'number', 0],
  ['2E-3', 0.002, 'number', 0],
  ['-1.5e+2', -150, 'number', 0],
  ['007', 7, 'number', 0],
  [' 12 ', 12, 'formatted', F.surroundingSpace],
  ['\t12', 12, 'formatted', F.surroundingSpace],
  ['1,234', 1234, 'formatted', F.thousands],
  ['1,234,567.89', 1234567.89, 'formatted', F.thousands],
  ['1 234 567', 1234567, 'formatted', F.thousands],
  ['1\u00a0234.5', 1234.5, 'formatted', F.thousands],
  ['1\u2009234', 1234, 'formatted', F.thousands],
  ['1\u202f234', 1234, 'formatted', F.thousands],
  ["1'234'567", 1234567, 'formatted', F.thousands],
  ['$1,234.56', 1234.56, 'formatted', F.currency | F.thousands],
  ['$ 12', 12, 'formatted', F.currency],
  ['-$5', -5, 'formatted', F.currency],
  ['$-5', -5, 'formatted', F.currency],
  ['€12.50', 12.5, 'formatted', F.currency],
  ['£7', 7, 'formatted', F.currency],
  ['¥1,000', 1000, 'formatted', F.currency | F.thousands],
  ['12.5 €', 12.5, 'formatted', F.currency],
  ['15%', 15, 'formatted', F.percent],
  ['15 %', 15, 'formatted', F.percent],
  ['(123.45)', -123.45, 'formatted', F.parentheses],
  ['($1,234)', -1234, 'formatted', F.parentheses | F.currency | F.thousands],
  ['+7', 7, 'formatted', F.plusSign],
  ['\u22125', -5, 'formatted', F.unicodeMinus],
  ['', NaN, 'missing', 0],
  ['   ', NaN, 'missing', 0],
  ['NA', NaN, 'missing', 0],
  ['na', NaN, 'missing', 0],
  ['N/A', NaN, 'missing', 0],
  ['NaN', NaN, 'missing', 0],
  ['null', NaN, 'missing', 0],
  ['NULL', NaN, 'missing', 0],
  ['-', NaN, 'missing', 0],
  [' - ', NaN, 'missing', 0],
  ['#N/A', NaN, 'missing', 0],
  ['none', NaN, 'missing', 0],
  ['None', NaN, 'missing', 0],
  ['abc', NaN, 'bad', 0],
  ['12kg', NaN, 'bad', 0],
  ['12 kg', NaN, 'bad', 0],
  ['TRUE', NaN, 'bad', 0],
  ['yes', NaN, 'bad', 0],
  ['Infinity', NaN, 'bad', 0],
  ['0x10', NaN, 'bad', 0],
  ['1e', NaN, 'bad', 0],
  ['e5', NaN, 'bad', 0],
  ['--5', NaN, 'bad', 0],
  ['+-5', NaN, 'bad', 0],
  ['5-', NaN, 'bad', 0],
  ['(5', NaN, 'bad', 0],
  ['5)', NaN, 'bad', 0],
  ['(-5)', NaN, 'bad', 0],
  ['1.2.3', NaN, 'bad', 0],
  ['12,5', NaN, 'bad', 0],
  ['1,23', NaN, 'bad', 0],
  ['1,2345', NaN, 'bad', 0],
  ['1234,567', NaN, 'bad', 0],
  ['0,123', NaN, 'bad', 0],
  [',123', NaN, 'bad', 0],
  ['1,,234', NaN, 'bad', 0],
  ['1,234.5,6', NaN, 'bad', 0],
  ['1,234 567', NaN, 'bad', 0],
  ['1.5 2', NaN, 'bad', 0],
  ['%', NaN, 'bad', 0],
  ['$', NaN, 'bad', 0],
  ['.', NaN, 'bad', 0],
  ['5%%', NaN, 'bad', 0],
];

const commaCases: Row[] = [
  ['12,5', 12.5, 'number', 0],
  ['-0,75', -0.75, 'number', 0],
  ['1.234,56', 1234.56, 'formatted', F.thousands],
  ['1.234.567', 1234567, 'formatted', F.thousands],
  ['1 234,56', 1234.56, 'formatted', F.thousands],
  ['1\u00a0234,56 €', 1234.56, 'formatted', F.thousands | F.currency],
  ['(1.234,5)', -1234.5, 'formatted', F.parentheses | F.thousands],
  ['1,5e3', 1500, 'number', 0],
  ['1.234', 1234, 'formatted', F.thousands],
  ['12.5', NaN, 'bad', 0],
  ['1,234.56', NaN, 'bad', 0],
  ['NA', NaN, 'missing', 0],
];

describe('readNumberCell in dot-decimal style', () => {
  it.each(dotCases)('%j reads as %d (%s, formatting %i)', (text, value, kind, formatting) => {
    const cell = readNumberCell(text, DOT_DECIMAL, createNumberCell());
    expect(cell.kind).toBe(kind);
    expect(cell.formatting).toBe(formatting);
    if (Number.isNaN(value)) expect(cell.value).toBeNaN();
    else expect(cell.value).toBe(value);
  });
});

describe('readNumberCell in decimal-comma style', () => {
  it.each(commaCases)('%j reads as %d (%s, formatting %i)', (text, value, kind, formatting) => {
    const cell = readNumberCell(text, COMMA_DECIMAL);
    expect(cell.kind).toBe(kind);
    expect(cell.formatting).toBe(formatting);
    if (Number.isNaN(value)) expect(cell.value).toBeNaN();
    else expect(cell.value).toBe(value);
  });
});

describe('parseNumber', () => {
  it('defaults to dot-decimal and returns NaN for missing and bad cells alike', () => {
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('NA')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber('1.234,5', COMMA_DECIMAL)).toBe(1234.5);
  });
  it('reuses the caller-owned cell: the same object comes back with every field overwritten', () => {
    const cell = createNumberCell();
    expect(readNumberCell('$5', DOT_DECIMAL, cell)).toBe(cell);
    readNumberCell('abc', DOT_DECIMAL, cell);
    expect(cell).toEqual({ value: NaN, kind: 'bad', formatting: 0 });
  });
  it('equals Number(text) bit for bit on 20,000 random decimals, exponents and long mantissas', () => {
    const rng = createRng(11);
    const cell = createNumberCell();
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + rng.int(19);
      let s = rng.next() < 0.3 ? '-' : '';
      for (let k = 0; k < digits; k++) s += String(rng.int(10));
      if (rng.next() < 0.7) {
        const at = 1 + rng.int(s.length);
        s = `${s.slice(0, at)}.${s.slice(at)}`.replace('-.', '-0.');
      }
      if (rng.next() < 0.2) s += `e${rng.next() < 0.5 ? '-' : ''}${rng.int(40)}`;
      readNumberCell(s, DOT_DECIMAL, cell);
      expect(cell.kind, s).toBe('number');
      expect(Object.is(cell.value, Number(s) === 0 ? 0 : Number(s)), s).toBe(true);
    }
  });
  it('formats the same value with thousands separators and without: Walmart sales 1,643,690.90 equals 1643690.9', () => {
    expect(parseNumber('1,643,690.90')).toBe(parseNumber('1643690.9'));
  });
});

describe('isMissingCell', () => {
  it.each(['', ' ', '\u00a0', 'NA', 'n/a', 'NaN', 'NULL', 'None', '-', '#N/A'])('%j is missing', (text) => {
    expect(isMissingCell(text)).toBe(true);
  });
  it.each(['0', 'abc', 'NAN1', 'n.a.', '--'])('%j is not missing', (text) => {
    expect(isMissingCell(text)).toBe(false);
  });
});

describe('parseFlag', () => {
  const table: Array<[string, number]> = [
    ['TRUE', 1], ['FALSE', 0], ['true', 1], ['false', 0], ['True', 1], [' TRUE ', 1],
    ['1', 1], ['0', 0], ['1.0', 1], ['0.0', 0],
    ['Y', 1], ['N', 0], ['y', 1], ['n', 0], ['yes', 1], ['no', 0], ['YES', 1], ['No', 0], ['T', 1], ['F', 0],
    ['', NaN], ['NA', NaN], ['2', NaN], ['maybe', NaN], ['truex', NaN], ['-1', NaN],
  ];
  it.each(table)('parseFlag(%j) is %d', (text, expected) => {
    if (Number.isNaN(expected)) expect(parseFlag(text)).toBeNaN();
    else expect(parseFlag(text)).toBe(expected);
  });
});

describe('describeFormatting', () => {
  it('names each bit for the formatted-number message', () => {
    expect(describeFormatting(0)).toEqual([]);
    expect(describeFormatting(F.thousands | F.currency)).toEqual(['thousands separators', 'currency sign']);
    expect(describeFormatting(127)).toHaveLength(7);
  });
});
