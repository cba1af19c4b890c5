import type { DecimalMark, NumberStyle } from './numbers';

/** How `detectNumberStyle` decided. */
export type NumberStyleBasis =
  /** Some cells could only be read one way and none the other way. */
  | 'evidence'
  /** Cells pointed both ways; the majority won (ties: '.'). Worth a warning. */
  | 'conflict'
  /** No cell decided it; the file's delimiter did (';' means decimal comma). */
  | 'delimiter'
  /** No cell decided it and no delimiter was given: '.'. */
  | 'default';

/** The detected style with its evidence. */
export interface NumberStyleDetection extends NumberStyle {
  /** How the decimal mark was decided. */
  basis: NumberStyleBasis;
  /** Cells that only read as dot-decimal (`1.5`, `1,234.5`, `1,234,567`). */
  dotVotes: number;
  /** Cells that only read as decimal-comma (`12,5`, `1.234,5`, `1.234.567`, `0,123`). */
  commaVotes: number;
  /** Cells with one separator followed by exactly three digits (`1,234`, `1.234`): either reading works. */
  ambiguous: number;
}

/** Options of `detectNumberStyle`. */
export interface DetectNumberStyleOptions {
  /** The file's field delimiter, used only when no cell decides: ';' means decimal comma, anything else '.'. */
  delimiter?: string;
}

/**
 * Decides a column's (or file's) decimal mark from sample cells.
 *
 * Each cell votes by its separators (other characters are ignored):
 * - both '.' and ',': the last one is the decimal mark (`1,234.56` → '.', `1.234,56` → ',');
 * - one kind used twice or more: that one is the thousands separator (`1,234,567` → '.');
 * - one separator not followed by exactly three digits: it is the decimal mark (`12,5` → ',', `3.14` → '.');
 * - one separator followed by three digits: `0,123` and `1234,567` can only be decimal; `1,234` is ambiguous.
 *
 * The side with votes wins; with votes on both sides the majority wins (basis 'conflict'). When every cell is
 * ambiguous or plain (`1,234` alone), the delimiter decides: Excel writes ';'-separated CSV exactly in the locales
 * that use a decimal comma, so ';' → ',' and anything else → '.' (in a ','-delimited file `1,234` must be quoted
 * and is far more often a thousands separator).
 */
export function detectNumberStyle(samples: readonly string[], options: DetectNumberStyleOptions = {}): NumberStyleDetection {
  let dotVotes = 0;
  let commaVotes = 0;
  let ambiguous = 0;
  for (const s of samples) {
    const vote = voteOf(s);
    if (vote === 46) dotVotes++;
    else if (vote === 44) commaVotes++;
    else if (vote === 1) ambiguous++;
  }
  let decimal: DecimalMark;
  let basis: NumberStyleBasis;
  if (dotVotes > 0 || commaVotes > 0) {
    decimal = commaVotes > dotVotes ? ',' : '.';
    basis = dotVotes > 0 && commaVotes > 0 ? 'conflict' : 'evidence';
  } else if (options.delimiter !== undefined) {
    decimal = options.delimiter === ';' ? ',' : '.';
    basis = 'delimiter';
  } else {
    decimal = '.';
    basis = 'default';
  }
  return { decimal, basis, dotVotes, commaVotes, ambiguous };
}

/** 46 ('.') or 44 (',') for the decimal mark a cell implies, 1 when ambiguous, 0 when it says nothing. */
function voteOf(s: string): number {
  let dots = 0;
  let commas = 0;
  let last = 0;
  let lastAt = -1;
  let firstAt = -1;
  let end = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 101 || c === 69) {
      end = i; // the exponent is not part of the grouping
      break;
    }
    if (c === 46 || c === 44) {
      if (c === 46) dots++;
      else commas++;
      last = c;
      lastAt = i;
      if (firstAt < 0) firstAt = i;
    }
  }
  if (dots === 0 && commas === 0) return 0;
  if (dots > 0 && commas > 0) return last;
  if (dots + commas > 1) return last === 46 ? 44 : 46;
  let after = 0;
  for (let i = lastAt + 1; i < end && isDigit(s.charCodeAt(i)); i++) after++;
  if (after !== 3) return last;
  let before = 0;
  let leadingZero = false;
  for (let i = firstAt - 1; i >= 0 && isDigit(s.charCodeAt(i)); i--) {
    before++;
    leadingZero = s.charCodeAt(i) === 48;
  }
  if (before === 0 || before > 3 || leadingZero) return last;
  return 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
