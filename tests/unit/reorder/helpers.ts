import type { InventoryItem } from '../../../src/lib/dataset/types';
import type { ItemForecast } from '../../../src/lib/reorder/forecast-input';

/** An inventory item with every field given (nothing defaulted) and the overrides applied. */
export function item(over: Partial<InventoryItem> & { seriesId: string }): InventoryItem {
  return {
    key: { Store: '1', Product: over.seriesId },
    onHand: 100,
    onOrder: 0,
    backorders: 0,
    leadTimeDays: 7,
    leadTimeStdDays: 0,
    unitCost: 2,
    moq: 1,
    packSize: 1,
    serviceLevel: 0.95,
    defaulted: [],
    ...over,
  };
}

/** A daily forecast with a constant mean and a constant backtest σ (0 by default: no safety stock). */
export function flatForecast(seriesId: string, perDay: number, over: Partial<ItemForecast> = {}): ItemForecast {
  return {
    seriesId,
    periodDays: 1,
    firstDay: 15000,
    mean: new Float64Array(60).fill(perDay),
    quantileLevels: [],
    quantiles: [],
    errorSigma: new Float64Array([0]),
    historyPeriods: 365,
    ...over,
  };
}
