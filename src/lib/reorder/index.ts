/**
 * Reorder engine, purchase orders, insights and the closed-loop backtest: pure functions, no I/O.
 * `reorder` (async, cancellable) and `runReorder` (sync) are the worker entry points.
 */
export * from './types';
export {
  itemForecastsFrom,
  maybeItemForecast,
  quantilePlan,
  type DatasetForecastLike,
  type ItemForecast,
  type QuantilePlan,
  type SeriesHistoryInfo,
} from './forecast-input';
export { DEFAULT_REORDER_OPTIONS, maybeReorderOptions } from './options';
export { reorder, runReorder, annualValue, type ReorderRunOptions } from './engine';
export { roundOrderQuantity } from './item-plan';
export { abcClasses, xyzClass } from './classify';
export { explainAll, explainRow, rowsWithStatus, sentenceOf, statusOf, type ExplanationNumbers, type ReorderExplanation } from './explain';
export { approveOrders, groupOrders, openOrdersFrom, type ApprovedOrder, type ApproveOptions, type PurchaseOrderGroup } from './orders';
export { buildInsights, holidaysFromCalendar, itemLabel, type InsightsInput } from './insights';
export type { InsightRef, InsightRefKind, InsightSentence } from './insight-text';
export {
  runClosedLoop,
  runClosedLoopSync,
  type ClosedLoopItem,
  type ClosedLoopOptions,
  type ClosedLoopPolicy,
  type ClosedLoopResult,
  type ClosedLoopRow,
} from './closed-loop';
export { createSyntheticReorderInput, runReorderBench, type ReorderBenchRow, type SyntheticReorderOptions } from './bench';
