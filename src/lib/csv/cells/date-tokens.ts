/**
 * Splits one date string into up to three fields (numbers or an English month name) and the separators between
 * them, and names its shape. Shared by the column inference and the per-value parser; one pass, no regex.
 */

/** The shapes a date string can have. */
export type DateShape =
  /** `2010-02-05`, `2010/2/5`, `2010.02.05`, `2010-Feb-05`: year first (4 digits). */
  | 'ymd'
  /** `05-02-2010`, `5/2/10`: two small numbers then the year: day-first or month-first, decided per column. */
  | 'nny'
  /** A month name with a day and a year in any usual order: `05-Feb-2010`, `Feb 5, 2010`, `5 February 2010`. */
  | 'named'
  /** `2010-02`, `02/2010`, `Feb 2010`, `Feb-10`: a month without a day (its first day). */
  | 'month'
  /** `20100205`: eight digits, year first. */
  | 'compact'
  /** `40214`: five digits, possibly an Excel serial day. */
  | 'serial'
  /** Anything else. */
  | 'bad';

/** The fields of one date string. Create once with `createDateTokens()` and reuse. */
export interface DateTokens {
  /** Fields read: 0-3. */
  count: number;
  /** Field values; a month name is stored as its month number (1-12). */
  values: [number, number, number];
  /** Digits in each field; 0 for a month name. */
  digits: [number, number, number];
  /** Index of the month-name field, or -1. */
  nameAt: number;
  /** Start and end index in the text of the separator after field 0 and after field 1. */
  seps: [number, number, number, number];
  /** True when a time part (`T00:00:00Z`, ` 00:00`, `+01:00`) followed the date; it is ignored. */
  hasTime: boolean;
}

/** A fresh, reusable token holder. */
export function createDateTokens(): DateTokens {
  return { count: 0, values: [0, 0, 0], digits: [0, 0, 0], nameAt: -1, seps: [0, 0, 0, 0], hasTime: false };
}

const MONTHS = new Map<string, number>();
['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].forEach(
  (name, i) => {
    MONTHS.set(name, i + 1);
    MONTHS.set(name.slice(0, 3), i + 1);
  },
);
MONTHS.set('sept', 9);
const WEEKDAYS = new Set(['mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday', 'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday']);

/**
 * Scans `text` into `t` and returns its shape. Leading and trailing spaces, a leading weekday name (`Fri, `),
 * ordinal suffixes (`5th`) and a time part after a three-field date are allowed.
 */
export function scanDate(text: string, t: DateTokens): DateShape {
  let i = 0;
  let end = text.length;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  while (end > i && isSpace(text.charCodeAt(end - 1))) end--;
  t.count = 0;
  t.nameAt = -1;
  t.hasTime = false;
  while (i < end && t.count < 3) {
    const c = text.charCodeAt(i);
    const k = t.count;
    if (isDigit(c)) {
      let v = 0;
      const from = i;
      for (; i < end && isDigit(text.charCodeAt(i)); i++) v = v * 10 + (text.charCodeAt(i) - 48);
      if (i - from > 8) return 'bad';
      t.values[k] = v;
      t.digits[k] = i - from;
      if (i - from <= 2 && i + 1 < end && isOrdinal(text, i)) i += 2;
    } else if (isLetter(c)) {
      const from = i;
      while (i < end && isLetter(text.charCodeAt(i))) i++;
      const word = text.slice(from, i).toLowerCase();
      if (i < end && text.charCodeAt(i) === 46) i++; // "Feb."
      const month = MONTHS.get(word);
      if (month === undefined) {
        if (k === 0 && t.nameAt === -1 && WEEKDAYS.has(word)) {
          while (i < end && isSeparator(text.charCodeAt(i))) i++;
          continue;
        }
        return 'bad';
      }
      if (t.nameAt !== -1) return 'bad';
      t.nameAt = k;
      t.values[k] = month;
      t.digits[k] = 0;
    } else return 'bad';
    t.count++;
    if (t.count === 3) break;
    const sepFrom = i;
    while (i < end && isSeparator(text.charCodeAt(i))) i++;
    if (t.count <= 2) {
      t.seps[2 * k] = sepFrom;
      t.seps[2 * k + 1] = i;
    }
  }
  if (i < end) {
    if (t.count !== 3 || !isTime(text, i, end)) return 'bad';
    t.hasTime = true;
  }
  return shapeOf(t);
}

function shapeOf(t: DateTokens): DateShape {
  const [d0, d1, d2] = t.digits;
  if (t.count === 0) return 'bad';
  if (t.count === 1) return d0 === 8 ? 'compact' : d0 === 5 ? 'serial' : 'bad';
  if (t.count === 2) {
    if (t.nameAt === 0) return d1 === 4 || d1 === 2 ? 'month' : 'bad';
    if (t.nameAt === 1) return d0 === 4 ? 'month' : 'bad';
    return (d0 === 4 && small(d1)) || (small(d0) && d1 === 4) ? 'month' : 'bad';
  }
  if (t.nameAt === -1) {
    if (d0 === 4) return small(d1) && small(d2) ? 'ymd' : 'bad';
    return small(d0) && small(d1) && (d2 === 4 || d2 === 2) ? 'nny' : 'bad';
  }
  if (t.nameAt === 1) {
    if (d0 === 4) return small(d2) ? 'ymd' : 'bad';
    return small(d0) && (d2 === 4 || d2 === 2) ? 'named' : 'bad';
  }
  if (t.nameAt === 0) return small(d1) && (d2 === 4 || d2 === 2) ? 'named' : 'bad';
  return 'bad';
}

function small(digits: number): boolean {
  return digits === 1 || digits === 2;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 0xfeff;
}

/** '-' '/' '.' ',' and spaces. */
function isSeparator(c: number): boolean {
  return c === 45 || c === 47 || c === 46 || c === 44 || isSpace(c);
}

/** `st`, `nd`, `rd`, `th` (any case) at `i`, not followed by another letter. */
function isOrdinal(text: string, i: number): boolean {
  const a = text.charCodeAt(i) | 0x20;
  const b = text.charCodeAt(i + 1) | 0x20;
  const ok = (a === 115 && b === 116) || (a === 110 && b === 100) || (a === 114 && b === 100) || (a === 116 && b === 104);
  return ok && !(i + 2 < text.length && isLetter(text.charCodeAt(i + 2)));
}

/**
 * A time part: `T` or spaces, then a digit, then only digits, `: . , + -`, spaces, `Z`, `AM`/`PM`, `UTC`/`GMT`.
 * Only the characters are checked: the time is thrown away.
 */
function isTime(text: string, i: number, end: number): boolean {
  let c = text.charCodeAt(i);
  if (c === 84 || c === 116) i++;
  else if (isSpace(c)) while (i < end && isSpace(text.charCodeAt(i))) i++;
  else return false;
  if (i >= end || !isDigit(text.charCodeAt(i))) return false;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (isDigit(c) || c === 58 || c === 46 || c === 44 || c === 43 || c === 45 || isSpace(c)) continue;
    const u = c & ~0x20; // upper case
    if (u === 90 || u === 65 || u === 80 || u === 77 || u === 85 || u === 84 || u === 67 || u === 71) continue; // Z A P M U T C G
    return false;
  }
  return true;
}
