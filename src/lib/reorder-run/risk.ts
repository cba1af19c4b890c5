import { STATUS, type ReorderResult } from '../reorder/types';

/** Money figures of a run for the executive view. */
export interface StockAtRisk {
  /** Items CRITICAL or at their reorder point. */
  items: number;
  /** Σ over those items of forecast demand over the lead time × unit cost: the sales value exposed until an order placed now arrives. */
  demandValue: number;
  /** Σ of their recommended order values. */
  orderValue: number;
  /** Items among them without a unit cost (left out of both sums). */
  withoutCost: number;
  /** Σ excess value of OVERSTOCK items (the engine's `summary.totalExcessValue`). */
  excessValue: number;
  /** OVERSTOCK items. */
  overstockItems: number;
}

/** Value of stock at risk (CRITICAL + REORDER) and of excess stock, from a reorder result. */
export function stockAtRisk(result: ReorderResult): StockAtRisk {
  const c = result.columns;
  const out: StockAtRisk = { items: 0, demandValue: 0, orderValue: 0, withoutCost: 0, excessValue: result.summary.totalExcessValue, overstockItems: result.summary.statusCounts[STATUS.OVERSTOCK] ?? 0 };
  for (let i = 0; i < result.count; i++) {
    const s = result.status[i];
    if (s !== STATUS.CRITICAL && s !== STATUS.REORDER) continue;
    out.items++;
    const cost = c.unitCost[i];
    if (!Number.isFinite(cost)) {
      out.withoutCost++;
      continue;
    }
    if (Number.isFinite(c.demandLead[i])) out.demandValue += c.demandLead[i] * cost;
    if (c.orderValue[i] > 0) out.orderValue += c.orderValue[i];
  }
  return out;
}
