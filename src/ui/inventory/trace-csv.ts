/**
 * CSV export of a simulation trace. Cells a spreadsheet would run as a formula (starting with = + - @, or a
 * tab or carriage return) are prefixed with an apostrophe, as OWASP's "CSV injection" advice says; a cell
 * that is exactly a number literal (e.g. "-5") is left alone, because it is read as a number and cannot carry
 * a formula. Cells with a comma, quote or line break are quoted (RFC 4180).
 */
import type { SimEvent, SimTrace } from '../../lib/sim';

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell, escaped against formula injection and quoted when needed. */
export function escapeCsvCell(value: string | number): string {
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (FORMULA_START.test(s) && !NUMBER.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Joins rows of cells into CSV text (CRLF line ends, as RFC 4180 and spreadsheets expect). */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return rows.map((r) => r.map(escapeCsvCell).join(',')).join('\r\n') + '\r\n';
}

/** The events of each period as words, e.g. "order 34 due 3; stockout 2". */
function eventsByPeriod(events: readonly SimEvent[], horizon: number): string[] {
  const out: string[][] = Array.from({ length: horizon }, () => []);
  for (const e of events) {
    if (e.period < 0 || e.period >= horizon) continue;
    const q = Math.round(e.quantity * 1000) / 1000;
    out[e.period].push(e.kind === 'order-placed' ? `order ${q} due ${e.duePeriod}` : e.kind === 'order-arrived' ? `arrival ${q}` : `stockout ${q}`);
  }
  return out.map((x) => x.join('; '));
}

/** What goes into the export besides the trace. */
export interface TraceCsvOptions {
  /** The trace (warm-up included). */
  trace: SimTrace;
  /** Event log of the same replication. */
  events: readonly SimEvent[];
  /** Forecast (mean demand) per period, or one number for all. */
  forecast: number | ArrayLike<number>;
  /** Reorder point and order-up-to level, repeated per row for spreadsheet charts. */
  s: number;
  /** Order-up-to level. */
  S: number;
  /** Policy label, e.g. "(6, 40)"; user-controlled text, so it is escaped like any cell. */
  policy: string;
  /** Periods at the start that the KPIs leave out. */
  warmupPeriods: number;
}

/** The header of the export. */
export const TRACE_CSV_HEADER = [
  'period', 'warmup', 'policy', 'demand', 'forecast', 's', 'S', 'on_hand', 'backorders', 'on_order', 'inventory_position',
  'order_placed', 'arrivals', 'lost_sales', 'holding_cost', 'shortage_cost', 'order_cost', 'purchase_cost', 'cumulative_cost', 'events',
] as const;

/** The whole trace as CSV, one row per period (period numbers from 1). */
export function traceToCsv(o: TraceCsvOptions): string {
  const t = o.trace;
  const n = t.demand.length;
  const words = eventsByPeriod(o.events, n);
  const rows: Array<Array<string | number>> = [[...TRACE_CSV_HEADER]];
  let cumulative = 0;
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  for (let i = 0; i < n; i++) {
    const cost = t.holdingCost[i] + t.shortageCost[i] + t.orderCost[i] + t.purchaseCost[i];
    cumulative += cost;
    rows.push([
      i + 1, i < o.warmupPeriods ? 1 : 0, o.policy, r(t.demand[i]), r(typeof o.forecast === 'number' ? o.forecast : o.forecast[i]), o.s, o.S,
      r(t.onHand[i]), r(t.backorders[i]), r(t.onOrder[i]), r(t.inventoryPosition[i]), r(t.orderPlaced[i]), r(t.arrivals[i]), r(t.lostSales[i]),
      r(t.holdingCost[i]), r(t.shortageCost[i]), r(t.orderCost[i]), r(t.purchaseCost[i]), r(cumulative), words[i],
    ]);
  }
  return toCsv(rows);
}

/** A file name from free text: letters, digits, dashes; never empty. */
export function safeFileName(text: string, extension = 'csv'): string {
  const base = text.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80);
  return `${base || 'simulation'}.${extension}`;
}
