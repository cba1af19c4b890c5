import type { IssueCollector } from '../dataset/issues';
import { detectNumberStyle } from './cells/number-style';
import {
  createNumberCell,
  describeFormatting,
  DOT_DECIMAL,
  parseFlag,
  readNumberCell,
  type NumberStyle,
} from './cells/numbers';

/** Reads numeric and flag cells of one file, reporting problems with row, column and value. */
export interface CellReader {
  /**
   * The number in a cell, or NaN. Bad cells are reported as `bad-number`; formatted ones once per column as
   * `formatted-number`; missing ones as `missing-value` only when `required` (the value column).
   */
  number(col: number, text: string, row: number, required: boolean): number;
  /** A yes/no flag cell as 1/0, falling back to a number (e.g. a 0/1/2 promotion level); NaN when neither. */
  flag(col: number, text: string, row: number): number;
}

/**
 * Creates a reader for a file: each numeric column's decimal mark is decided from the first batch of records
 * (the file's delimiter breaks ties, see detectNumberStyle), and cell results go into one reused holder.
 */
export function createCellReader(
  header: readonly string[],
  sample: readonly string[][],
  issues: IssueCollector,
  delimiter: string,
): CellReader {
  const styles: NumberStyle[] = header.map((_, c) => {
    const cells: string[] = [];
    for (let r = 0; r < sample.length && cells.length < 500; r++) if (sample[r][c] !== undefined) cells.push(sample[r][c]);
    const detected = detectNumberStyle(cells, { delimiter });
    return detected.decimal === '.' ? DOT_DECIMAL : { decimal: detected.decimal };
  });
  const cell = createNumberCell();
  const formattedSeen = new Uint8Array(header.length);
  const number = (col: number, text: string, row: number, required: boolean): number => {
    readNumberCell(text, styles[col], cell);
    if (cell.kind === 'number') return cell.value;
    if (cell.kind === 'formatted') {
      if (!formattedSeen[col]) {
        formattedSeen[col] = 1;
        issues.add({
          code: 'formatted-number',
          severity: 'info',
          row,
          column: header[col],
          value: text,
          message: `Column "${header[col]}" holds formatted numbers (${describeFormatting(cell.formatting).join(', ')}), e.g. ${JSON.stringify(text)} on row ${row}, read as ${cell.value}.`,
        });
      }
      return cell.value;
    }
    if (cell.kind === 'bad') {
      issues.add({
        code: 'bad-number',
        severity: 'warning',
        row,
        column: header[col],
        value: text,
        message: `Row ${row}, column "${header[col]}": ${JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text)} is not a number; it was treated as missing.`,
      });
    } else if (required) {
      issues.add({
        code: 'missing-value',
        severity: 'warning',
        row,
        column: header[col],
        value: text,
        // "NA", "NaN", "null", "-" are missing-value tokens, not empty cells: say which it was.
        message: `Row ${row}, column "${header[col]}" ${text.trim() === '' ? 'is empty' : `holds ${JSON.stringify(text.trim().slice(0, 20))}, a missing value`}; the period is treated as missing.`,
      });
    }
    return NaN;
  };
  return {
    number,
    flag(col, text, row) {
      const f = parseFlag(text);
      return Number.isNaN(f) ? number(col, text, row, false) : f;
    },
  };
}
