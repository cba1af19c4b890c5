/**
 * Number cells. A streaming importer calls these once per cell over hundreds of thousands of rows, so the hot
 * path is one pass over the characters with no regex and no allocation: results go into a caller-owned
 * `NumberCell` that is reused from cell to cell. User data never throws: a cell is a number, a formatted number,
 * missing, or bad.
 */

/** The decimal mark of a column or file. */
export type DecimalMark = '.' | ',';

/** How the numbers of a column are written. */
export interface NumberStyle {
  /** Decimal mark. The other one of '.' and ',' is read as a thousands separator. */
  decimal: DecimalMark;
}

/** `1,234.56`: the default style. */
export const DOT_DECIMAL: NumberStyle = Object.freeze({ decimal: '.' });

/** `1.234,56`: decimal-comma style (most of continental Europe, South America). */
export const COMMA_DECIMAL: NumberStyle = Object.freeze({ decimal: ',' });

/**
 * What one cell held:
 * - `number`: a plain number (`12`, `-3.5`, `.5`, `1.5e3`);
 * - `formatted`: accepted after removing formatting, named by `NumberCell.formatting`;
 * - `missing`: empty, whitespace, or a missing-value token (see `isMissingCell`);
 * - `bad`: anything else (`abc`, `12kg`, `1,23` in dot-decimal style, `TRUE`).
 */
export type NumberCellKind = 'number' | 'formatted' | 'missing' | 'bad';

/** Bit flags for the formatting removed from a `formatted` cell (`NumberCell.formatting`). */
export const NumberFormatting = {
  /** Spaces, tabs, non-breaking or thin spaces around the number. */
  surroundingSpace: 1,
  /** Thousands separators: `1,234`, `1.234` (decimal comma), `1 234`, `1'234`, non-breaking or thin spaces. */
  thousands: 2,
  /** A currency sign before or after the number: `$ € £ ¥ ₹`. */
  currency: 4,
  /** A trailing `%`. The value is kept as written: `15%` reads as 15, not 0.15, so it agrees with `15`. */
  percent: 8,
  /** Accounting negatives: `(123.45)` reads as -123.45. */
  parentheses: 16,
  /** A leading `+`. */
  plusSign: 32,
  /** The Unicode minus `−` (U+2212) instead of `-`. */
  unicodeMinus: 64,
} as const;

/** Result of reading one cell. Create one with `createNumberCell()` and reuse it for every cell. */
export interface NumberCell {
  /** The number; NaN unless `kind` is 'number' or 'formatted'. */
  value: number;
  /** What the cell held. */
  kind: NumberCellKind;
  /** Bits of `NumberFormatting` removed from the cell; 0 unless `kind` is 'formatted'. */
  formatting: number;
}

/** A fresh result holder for `readNumberCell`. */
export function createNumberCell(): NumberCell {
  return { value: NaN, kind: 'missing', formatting: 0 };
}

// Exact powers of ten: a mantissa below 2^53 times or divided by one of these is correctly rounded
// (Clinger's fast path, https://doi.org/10.1145/93548.93557), so the result equals Number(text).
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_EXACT = 2 ** 53;
const scratch = createNumberCell();

/**
 * Reads one cell into `out` (reused; returned). Accepts an optional sign (`-`, `+`, `−`), parentheses for negatives,
 * a currency sign, thousands separators in groups of three, the style's decimal mark, an exponent (`1.5e3`) and a
 * trailing `%`. Booleans are not numbers here (see `parseFlag`).
 */
export function readNumberCell(text: string, style: NumberStyle = DOT_DECIMAL, out: NumberCell = createNumberCell()): NumberCell {
  out.value = NaN;
  out.formatting = 0;
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (start === end || (end - start <= 4 && !isDigit(text.charCodeAt(start)) && matchMissing(text, start, end))) {
    out.kind = 'missing';
    return out;
  }
  let bits = start > 0 || end < text.length ? NumberFormatting.surroundingSpace : 0;
  const decimal = style.decimal === ',' ? 44 : 46;
  const group = decimal === 44 ? 46 : 44;
  let i = start;
  let c = 0;
  let negative = false;
  let signed = false;
  let paren = false;
  let currency = false;
  // Prefix: '(' sign currency, in any order, each at most once, with spaces between.
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c === 40 && !paren && !signed) paren = true;
    else if ((c === 45 || c === 43 || c === 0x2212) && !signed) {
      signed = true;
      negative = c !== 43;
      if (c === 43) bits |= NumberFormatting.plusSign;
      else if (c === 0x2212) bits |= NumberFormatting.unicodeMinus;
    } else if (isCurrency(c) && !currency) currency = true;
    else if (!(isSpace(c) && (paren || signed || currency))) break;
  }
  if (paren) bits |= NumberFormatting.parentheses;
  if (currency) bits |= NumberFormatting.currency;
  const bodyStart = i;
  let mantissa = 0;
  let inexact = false;
  let fracDigits = 0;
  let anyDigit = false;
  let seenDecimal = false;
  let groupChar = -1;
  let groupLen = 0; // digits since the last thousands separator (or since the start)
  let exponent = 0;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      anyDigit = true;
      if (mantissa < MAX_EXACT / 10) mantissa = mantissa * 10 + (c - 48);
      else inexact = true;
      if (seenDecimal) fracDigits++;
      else groupLen++;
    } else if (c === decimal && !seenDecimal) {
      if (groupChar !== -1 && groupLen !== 3) return bad(out);
      seenDecimal = true;
    } else if (!seenDecimal && (c === group || c === 39 || c === 0x2019 || isSpace(c))) {
      // A space is a thousands separator only when a digit follows ("1 234"), else it precedes a suffix ("12 %").
      if (isSpace(c) && !(i + 1 < end && isDigit(text.charCodeAt(i + 1)))) break;
      // The first group has 1-3 digits and no leading zero ("0,123" is a decimal); later groups have 3.
      const first = groupChar === -1;
      if (first ? groupLen === 0 || groupLen > 3 || text.charCodeAt(bodyStart) === 48 : c !== groupChar || groupLen !== 3) return bad(out);
      groupChar = c;
      groupLen = 0;
      bits |= NumberFormatting.thousands;
    } else if ((c === 101 || c === 69) && anyDigit) {
      i = readExponent(text, i + 1, end);
      if (i < 0) return bad(out);
      exponent = expScratch;
      break;
    } else break;
  }
  if (!anyDigit || (groupChar !== -1 && !seenDecimal && groupLen !== 3)) return bad(out);
  const bodyEnd = i;
  // Suffix: '%', currency, ')', with spaces between.
  let closed = false;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c === 37 && !(bits & NumberFormatting.percent)) bits |= NumberFormatting.percent;
    else if (c === 41 && paren && !closed) closed = true;
    else if (isCurrency(c) && !currency) {
      currency = true;
      bits |= NumberFormatting.currency;
    } else if (!isSpace(c)) return bad(out);
  }
  if (paren !== closed || (paren && signed)) return bad(out);
  if (paren) negative = true;
  const e10 = exponent - fracDigits;
  let value: number;
  if (inexact || e10 > 22 || e10 < -22) value = slowValue(text, bodyStart, bodyEnd, decimal);
  else value = e10 >= 0 ? mantissa * POW10[e10] : mantissa / POW10[-e10];
  out.value = negative && value !== 0 ? -value : value;
  out.formatting = bits;
  out.kind = bits === 0 ? 'number' : 'formatted';
  return out;
}

/** The number in `text`, or NaN when the cell is missing or bad. Use `readNumberCell` to tell those apart. */
export function parseNumber(text: string, style: NumberStyle = DOT_DECIMAL): number {
  return readNumberCell(text, style, scratch).value;
}

/**
 * True for a missing-value cell: empty, only whitespace, or (any case) `NA`, `N/A`, `NaN`, `null`, `none`, `-`, `#N/A`.
 */
export function isMissingCell(text: string): boolean {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start === end || (end - start <= 4 && matchMissing(text, start, end));
}

/**
 * A yes/no flag column (holidays, promotions): 1 for `TRUE`, `true`, `T`, `yes`, `Y`, `1`, `1.0`; 0 for `FALSE`,
 * `false`, `F`, `no`, `N`, `0`, `0.0` (any case, surrounding spaces ignored); NaN for anything else, missing included.
 */
export function parseFlag(text: string): number {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const n = end - start;
  if (n === 0 || n > 5) return NaN;
  if (n === 1) {
    const c = text.charCodeAt(start) | 0x20;
    if (c === 0x31 || c === 116 || c === 121) return 1; // '1' 't' 'y'
    if (c === 0x30 || c === 102 || c === 110) return 0; // '0' 'f' 'n'
    return NaN;
  }
  if (equalsLower(text, start, end, 'true') || equalsLower(text, start, end, 'yes') || equalsLower(text, start, end, '1.0')) return 1;
  if (equalsLower(text, start, end, 'false') || equalsLower(text, start, end, 'no') || equalsLower(text, start, end, '0.0')) return 0;
  return NaN;
}

/** Names of the formatting bits set in `formatting`, for messages (e.g. `['thousands separators', 'currency sign']`). */
export function describeFormatting(formatting: number): string[] {
  const names: string[] = [];
  if (formatting & NumberFormatting.surroundingSpace) names.push('surrounding spaces');
  if (formatting & NumberFormatting.thousands) names.push('thousands separators');
  if (formatting & NumberFormatting.currency) names.push('currency sign');
  if (formatting & NumberFormatting.percent) names.push('percent sign');
  if (formatting & NumberFormatting.parentheses) names.push('parentheses for a negative');
  if (formatting & NumberFormatting.plusSign) names.push('plus sign');
  if (formatting & NumberFormatting.unicodeMinus) names.push('Unicode minus');
  return names;
}

function bad(out: NumberCell): NumberCell {
  out.value = NaN;
  out.formatting = 0;
  out.kind = 'bad';
  return out;
}

/** Space, tab, no-break space, figure space, thin space, narrow no-break space, stray BOM. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x2007 || c === 0x2009 || c === 0x202f || c === 0xfeff;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `$ € £ ¥ ₹`. */
function isCurrency(c: number): boolean {
  return c === 36 || c === 0x20ac || c === 0xa3 || c === 0xa5 || c === 0x20b9;
}

let expScratch = 0;
/** Reads `[+-]digits` from `i`; stores the exponent in `expScratch` and returns the index after it, or -1. */
function readExponent(text: string, i: number, end: number): number {
  let sign = 1;
  const c = text.charCodeAt(i);
  if (c === 45 || c === 43) {
    if (c === 45) sign = -1;
    i++;
  }
  const first = i;
  let e = 0;
  for (; i < end && isDigit(text.charCodeAt(i)); i++) if (e < 100_000) e = e * 10 + (text.charCodeAt(i) - 48);
  if (i === first) return -1;
  expScratch = sign * e;
  return i;
}

/** Rare path (over 15 significant digits or a huge exponent): rebuild the plain number text and let the engine round. */
function slowValue(text: string, from: number, to: number, decimal: number): number {
  let s = '';
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || c === 101 || c === 69 || c === 45 || c === 43) s += text[i];
    else if (c === decimal) s += '.';
  }
  return Number(s);
}

function matchMissing(text: string, start: number, end: number): boolean {
  switch (end - start) {
    case 1:
      return text.charCodeAt(start) === 45;
    case 2:
      return equalsLower(text, start, end, 'na');
    case 3:
      return equalsLower(text, start, end, 'n/a') || equalsLower(text, start, end, 'nan');
    case 4:
      return equalsLower(text, start, end, 'null') || equalsLower(text, start, end, 'none') || equalsLower(text, start, end, '#n/a');
    default:
      return false;
  }
}

/** True when text[start, end) equals `word` (lower case ASCII) ignoring ASCII case. */
function equalsLower(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = text.charCodeAt(start + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}
