/** Display helpers shared by components (pure, cheap). */
import { isoFromDay } from '../lib/core/dates';

// Made on first use, not when the module is evaluated: the page's first number formatter sets up ICU's number
// formats, which took 18 ms of the first load's evaluation task, cold (issue #13). `warmFormatters` makes them in
// tasks of their own.
let compact: Intl.NumberFormat | null = null;
let whole: Intl.NumberFormat | null = null;
let two: Intl.NumberFormat | null = null;

/** 1234567 → "1.2M"; NaN → "–". */
export function fmtCompact(x: number): string {
  return Number.isFinite(x) ? (compact ??= new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 })).format(x) : '–';
}

/** 1234567.8 → "1,234,568"; NaN → "–". */
export function fmtInt(x: number): string {
  return Number.isFinite(x) ? (whole ??= new Intl.NumberFormat('en', { maximumFractionDigits: 0 })).format(x) : '–';
}

/** Up to two decimals; NaN → "–". */
export function fmtNum(x: number): string {
  return Number.isFinite(x) ? (two ??= new Intl.NumberFormat('en', { maximumFractionDigits: 2 })).format(x) : '–';
}

/** Makes the number formatters, one task (`next`) for the compact one and one for the others (main.ts calls it). */
export function warmFormatters(next: (fn: () => void) => void): void {
  next(() => {
    fmtCompact(0);
    next(() => (fmtInt(0), fmtNum(0)));
  });
}

/** 0.1234 → "+12.3%"; NaN → "–". */
export function fmtPct(x: number, signed = false): string {
  if (!Number.isFinite(x)) return '–';
  const s = `${(x * 100).toFixed(1)}%`;
  return signed && x > 0 ? `+${s}` : s;
}

/** Day number → ISO date; NaN → "–". */
export function fmtDay(day: number | null | undefined): string {
  return day != null && Number.isFinite(day) ? isoFromDay(day) : '–';
}

/** Bytes → "12.3 MB". */
export function fmtBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let x = bytes;
  while (x >= 1000 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  return `${x.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}
