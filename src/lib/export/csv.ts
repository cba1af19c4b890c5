import { invalidOption, maybeOneOf } from '../core/errors';

/**
 * CSV writer: RFC 4180 quoting, optional CRLF line ends and UTF-8 byte-order mark, and protection against
 * spreadsheet formula injection ("CSV injection", OWASP: https://owasp.org/www-community/attacks/CSV_Injection).
 *
 * Injection rule: a *text* cell whose first character is = + - @ TAB or CR could be run as a formula by Excel,
 * LibreOffice or Google Sheets, so it is prefixed with an apostrophe (spreadsheets show the text as typed).
 * The minus sign U+2212 and the full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) are treated the same, since
 * some spreadsheets normalize them to their ASCII forms. Cells typed as numbers are written as numbers, so a
 * negative number stays −5, not '-5; only strings are prefixed, including numeric-looking strings such as "-5".
 *
 * Invariants (tests/unit/export/csv.test.ts):
 * - [x] a cell is quoted iff it holds the delimiter, a double quote, CR or LF (or `quoteAll`);
 * - [x] double quotes inside a quoted cell are doubled;
 * - [x] no text cell of the output begins with a formula trigger;
 * - [x] parsing the output by RFC 4180 gives back every cell (with the apostrophe on prefixed ones).
 */

/** A cell value. null, undefined and non-finite numbers are written as empty cells. */
export type CsvCell = string | number | boolean | null | undefined;

/** Options of `toCsv`. */
export interface CsvOptions {
  /** Field delimiter, one character other than a quote, CR or LF. Default ','. */
  delimiter?: string;
  /** Line end: '\n' or '\r\n' (RFC 4180 and Excel). Default '\r\n'. */
  newline?: '\n' | '\r\n';
  /** Start with a UTF-8 byte-order mark (U+FEFF) so that Excel reads UTF-8. Default false. */
  bom?: boolean;
  /** Quote every cell. Default false. */
  quoteAll?: boolean;
  /** Prefix formula-like text cells with an apostrophe. Default true; turn off only for non-spreadsheet consumers. */
  guardFormulas?: boolean;
  /** Write a line end after the last row too. Default true. */
  trailingNewline?: boolean;
}

/** Characters that make a spreadsheet read a cell as a formula when they come first. */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r', '\u2212', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

/** True when `text` would be read as a formula by a spreadsheet. */
export function isFormulaLike(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.includes(text[0]);
}

/** The text of a cell with the injection guard applied (no quoting). */
export function guardCell(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

function maybeDelimiter(value: unknown): string {
  if (typeof value !== 'string' || value.length !== 1 || value === '"' || value === '\r' || value === '\n') {
    invalidOption('delimiter', value, 'one character other than a double quote, CR or LF');
  }
  return value;
}

/** Formats one cell (guard, then RFC 4180 quoting). */
export function formatCsvCell(cell: CsvCell, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  let text: string;
  if (cell == null) text = '';
  else if (typeof cell === 'number') text = Number.isFinite(cell) ? String(cell) : '';
  else if (typeof cell === 'boolean') text = cell ? 'true' : 'false';
  else text = options.guardFormulas === false ? cell : guardCell(cell);
  const quote = options.quoteAll || text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
  return quote ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes rows (the first may be a header) as CSV text. Throws `invalid delimiter` / `invalid newline`. */
export function toCsv(rows: Iterable<readonly CsvCell[]>, options: CsvOptions = {}): string {
  const delimiter = maybeDelimiter(options.delimiter ?? ',');
  const newline = maybeOneOf('newline', options.newline ?? '\r\n', ['\n', '\r\n'] as const);
  const cellOptions: CsvOptions = { ...options, delimiter };
  const lines: string[] = [];
  for (const row of rows) {
    const cells = new Array<string>(row.length);
    for (let j = 0; j < row.length; j++) cells[j] = formatCsvCell(row[j], cellOptions);
    lines.push(cells.join(delimiter));
  }
  const body = lines.join(newline) + (options.trailingNewline === false || lines.length === 0 ? '' : newline);
  return (options.bom ? '\uFEFF' : '') + body;
}

/** One column of an object table: its header and how to read a cell from a record. */
export interface CsvColumn<T> {
  /** Header text (guarded like any text cell). */
  header: string;
  /** The cell of `record`. */
  value: (record: T, index: number) => CsvCell;
}

/** Writes `records` under a header row, one column per `columns` entry. */
export function recordsToCsv<T>(records: readonly T[], columns: readonly CsvColumn<T>[], options: CsvOptions = {}): string {
  const rows: CsvCell[][] = [columns.map((c) => c.header)];
  for (let i = 0; i < records.length; i++) rows.push(columns.map((c) => c.value(records[i], i)));
  return toCsv(rows, options);
}
