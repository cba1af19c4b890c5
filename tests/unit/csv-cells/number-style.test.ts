import { describe, expect, it } from 'vitest';
import { detectNumberStyle, type NumberStyleBasis } from '../../../src/lib/csv/cells/number-style';
import { parseNumber } from '../../../src/lib/csv/cells/numbers';

type Row = [name: string, samples: string[], delimiter: string | undefined, decimal: '.' | ',', basis: NumberStyleBasis];

const table: Row[] = [
  ['plain dot decimals', ['12.5', '3.14', '7'], undefined, '.', 'evidence'],
  ['Walmart CPI and sales', ['211.0963582', '1643690.9', '8.106'], ',', '.', 'evidence'],
  ['dot thousands with decimals', ['1,234.56', '999.10'], undefined, '.', 'evidence'],
  ['repeated comma groups', ['1,234,567'], undefined, '.', 'evidence'],
  ['short comma decimals', ['12,5', '0,75'], undefined, ',', 'evidence'],
  ['European thousands and decimals', ['1.234,56', '12,00'], ';', ',', 'evidence'],
  ['repeated dot groups', ['1.234.567'], undefined, ',', 'evidence'],
  ['leading-zero group is a decimal', ['0,123'], undefined, ',', 'evidence'],
  ['four digits before three is a decimal', ['1234,567'], undefined, ',', 'evidence'],
  ['"1,234" decided by another cell "12,5"', ['1,234', '12,5'], undefined, ',', 'evidence'],
  ['"1,234" decided by another cell "2,345.5"', ['1,234', '2,345.5'], undefined, '.', 'evidence'],
  ['"1,234" alone in a ;-delimited file', ['1,234', '5,678'], ';', ',', 'delimiter'],
  ['"1.234" alone in a ,-delimited file', ['1.234', '5.678'], ',', '.', 'delimiter'],
  ['"1,234" alone, no delimiter', ['1,234'], undefined, '.', 'default'],
  ['integers only', ['12', '7', '-3'], undefined, '.', 'default'],
  ['conflict, dot majority', ['1.5', '2.25', '3,5'], undefined, '.', 'conflict'],
  ['conflict, comma majority', ['1,5', '2,25', '3.5'], undefined, ',', 'conflict'],
  ['exponent does not count as grouping', ['1.5e3', '2.123e10'], undefined, '.', 'evidence'],
  ['currency and sign ignored', ['-$1,234.50', '(€12,00)'], undefined, '.', 'conflict'],
];

describe('detectNumberStyle', () => {
  it.each(table)('%s → %j (%s)', (_name, samples, delimiter, decimal, basis) => {
    const style = detectNumberStyle(samples, delimiter === undefined ? {} : { delimiter });
    expect(style.decimal).toBe(decimal);
    expect(style.basis).toBe(basis);
  });
  it('counts votes: "1,234" is ambiguous, "12,5" votes comma, "1.5" votes dot', () => {
    expect(detectNumberStyle(['1,234', '12,5', '1.5', 'NA', ''])).toMatchObject({ dotVotes: 1, commaVotes: 1, ambiguous: 1 });
  });
  it('the detected style reads the column: decimal-comma "1.234,56" is 1234.56', () => {
    const style = detectNumberStyle(['1.234,56', '7,5']);
    expect(parseNumber('1.234,56', style)).toBe(1234.56);
    expect(parseNumber('7,5', style)).toBe(7.5);
  });
});
