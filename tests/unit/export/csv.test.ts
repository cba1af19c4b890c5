import { describe, expect, it } from 'vitest';
import { FORMULA_TRIGGERS, formatCsvCell, isFormulaLike, recordsToCsv, toCsv, type CsvCell } from '../../../src/lib/export/csv';

/** A strict RFC 4180 reader for the round-trip check (quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('formula injection guard (OWASP CSV injection)', () => {
  it.each<[CsvCell, string]>([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://x.example","click")', `"'=HYPERLINK(""http://x.example"",""click"")"`],
    ['+41 22 555', "'+41 22 555"],
    ['-2+3', "'-2+3"],
    ['−2+3', "'−2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['-5', "'-5"],
    ["'=already", "'=already"],
    ['a=1', 'a=1'],
    [' =1', ' =1'],
    ['P0001', 'P0001'],
    ['', ''],
    [-5, '-5'],
    [-0.25, '-0.25'],
    [1e21, '1e+21'],
    [NaN, ''],
    [Infinity, ''],
    [true, 'true'],
    [null, ''],
    [undefined, ''],
  ])('%j → %s', (cell, expected) => {
    expect(formatCsvCell(cell)).toBe(expected);
  });

  it('every trigger is recognised, and nothing else is', () => {
    for (const t of FORMULA_TRIGGERS) expect(isFormulaLike(`${t}x`)).toBe(true);
    for (const t of ['a', '1', ' ', "'", '"', '#', '%']) expect(isFormulaLike(`${t}x`)).toBe(false);
  });

  it('guardFormulas: false writes text as is (non-spreadsheet consumers)', () => {
    expect(formatCsvCell('=1+1', { guardFormulas: false })).toBe('=1+1');
  });

  it('no text cell of the output starts with a trigger once parsed', () => {
    const cells = ['=cmd|" /C calc"!A0', '@x', '+x', '-x', '\t', 'ok'];
    for (const row of parseCsv(toCsv([cells]))) for (const cell of row) expect(isFormulaLike(cell)).toBe(false);
  });
});

describe('toCsv (RFC 4180)', () => {
  it('quotes cells holding the delimiter, a quote, CR or LF, doubling quotes; CRLF by default', () => {
    const text = toCsv([
      ['name', 'note'],
      ['a,b', 'say "hi"'],
      ['line\nbreak', 'cr\rhere'],
    ]);
    expect(text).toBe('name,note\r\n"a,b","say ""hi"""\r\n"line\nbreak","cr\rhere"\r\n');
  });

  it('round-trips through an RFC 4180 reader', () => {
    const rows: CsvCell[][] = [
      ['Store', 'Product', 'qty', 'note'],
      ['1', 'P,1', 12, 'multi\r\nline "quoted"'],
      ['2', 'P2', -3.5, ''],
    ];
    expect(parseCsv(toCsv(rows))).toEqual([
      ['Store', 'Product', 'qty', 'note'],
      ['1', 'P,1', '12', 'multi\r\nline "quoted"'],
      ['2', 'P2', '-3.5', ''],
    ]);
  });

  it('LF line ends, a UTF-8 BOM, a semicolon delimiter, quoteAll, no trailing newline', () => {
    expect(toCsv([['a', 'b']], { newline: '\n', bom: true })).toBe('\uFEFFa,b\n');
    expect(toCsv([['a;b', 1]], { delimiter: ';' })).toBe('"a;b";1\r\n');
    expect(toCsv([['a', 1]], { quoteAll: true, trailingNewline: false })).toBe('"a","1"');
    expect(toCsv([])).toBe('');
  });

  it('bad options throw naming the value', () => {
    expect(() => toCsv([['a']], { delimiter: '"' })).toThrow(/invalid delimiter: "\\""/);
    expect(() => toCsv([['a']], { delimiter: ',,' })).toThrow(/invalid delimiter: ",,"/);
    expect(() => toCsv([['a']], { newline: '\r' as '\n' })).toThrow(/invalid newline/);
  });

  it('recordsToCsv writes a header and one row per record', () => {
    const text = recordsToCsv([{ id: 'x', n: 2 }], [
      { header: 'id', value: (r) => r.id },
      { header: 'n', value: (r) => r.n },
    ], { newline: '\n' });
    expect(text).toBe('id,n\nx,2\n');
  });
});
