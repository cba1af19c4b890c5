/**
 * CSV export of a simulation trace, written by lib/export/csv.ts (the app's one CSV writer and its one
 * formula-injection rule): numbers are written as numbers, and text cells a spreadsheet would run as a
 * formula (the policy label is user text) get an apostrophe. CRLF line ends, RFC 4180 quoting.
 */
import { type CsvCell, toCsv } from '../../lib/export/csv';
import type { SimEvent, SimTrace } from '../../lib/sim';

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
  const rows: CsvCell[][] = [[...TRACE_CSV_HEADER]];
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
