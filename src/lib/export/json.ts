import { isoFromDay } from '../core/dates';
import { maybeFinite } from '../core/errors';
import type { ApprovedOrder } from '../reorder/orders';

/**
 * JSON export of approved purchase orders: a versioned envelope, ISO dates next to day numbers, and no
 * non-finite numbers (JSON has none: a missing unit cost is written as null, not silently as 0).
 */

/** Identifies the document kind; bump `version` on any incompatible change. */
export const ORDERS_SCHEMA = 'shelfcast.purchase-orders';
/** Current version of the orders document. */
export const ORDERS_SCHEMA_VERSION = 1;

/** One order line as written. */
export interface ExportedOrder {
  /** Order id. */
  id: string;
  /** Series id. */
  seriesId: string;
  /** Item key columns. */
  key: Record<string, string>;
  /** Units ordered. */
  quantity: number;
  /** Units the engine recommended. */
  recommendedQuantity: number;
  /** Cost per unit, null when unknown. */
  unitCost: number | null;
  /** quantity × unitCost, null when unknown. */
  value: number | null;
  /** Order date, YYYY-MM-DD. */
  orderDate: string;
  /** Expected arrival, YYYY-MM-DD. */
  expectedArrivalDate: string;
  /** Day numbers of the two dates (days since 1970-01-01). */
  orderDay: number;
  /** See `orderDay`. */
  expectedArrivalDay: number;
  /** Status at approval. */
  status: string;
  /** Why the engine recommended it. */
  explanation: string;
  /** Approval time, ISO 8601 UTC. */
  approvedAt: string;
}

/** The exported document. */
export interface OrdersDocument {
  /** Always `ORDERS_SCHEMA`. */
  schema: typeof ORDERS_SCHEMA;
  /** Always `ORDERS_SCHEMA_VERSION`. */
  version: number;
  /** When the file was written, ISO 8601 UTC. */
  generatedAt: string;
  /** Number of lines. */
  count: number;
  /** Σ quantity. */
  totalUnits: number;
  /** Σ value over lines with a unit cost. */
  totalValue: number;
  /** The lines. */
  orders: ExportedOrder[];
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The document for `orders`; `generatedAt` is ms since epoch (lib code does not read the clock). */
export function ordersDocument(orders: readonly ApprovedOrder[], generatedAt: number): OrdersDocument {
  maybeFinite('generatedAt', generatedAt);
  let totalUnits = 0;
  let totalValue = 0;
  const lines = orders.map((o): ExportedOrder => {
    totalUnits += o.quantity;
    if (Number.isFinite(o.value)) totalValue += o.value;
    return {
      id: o.id,
      seriesId: o.seriesId,
      key: { ...o.key },
      quantity: o.quantity,
      recommendedQuantity: o.recommendedQuantity,
      unitCost: finiteOrNull(o.unitCost),
      value: finiteOrNull(o.value),
      orderDate: isoFromDay(o.orderDay),
      expectedArrivalDate: isoFromDay(o.expectedArrivalDay),
      orderDay: o.orderDay,
      expectedArrivalDay: o.expectedArrivalDay,
      status: o.status,
      explanation: o.explanation,
      approvedAt: new Date(o.approvedAt).toISOString(),
    };
  });
  return {
    schema: ORDERS_SCHEMA,
    version: ORDERS_SCHEMA_VERSION,
    generatedAt: new Date(generatedAt).toISOString(),
    count: lines.length,
    totalUnits,
    totalValue,
    orders: lines,
  };
}

/** `ordersDocument` as JSON text, indented by `indent` spaces (default 2), ending with a newline. */
export function ordersToJson(orders: readonly ApprovedOrder[], generatedAt: number, indent = 2): string {
  return `${JSON.stringify(ordersDocument(orders, generatedAt), null, indent)}\n`;
}
