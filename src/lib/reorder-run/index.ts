/** Glue between the stored workspace and the reorder engine: pure functions the reorder worker and the Orders tab share. */
export * from './item-forecasts';
export * from './groups';
export * from './risk';
export * from './order-lines';
export * from './table-view';
export * from './closed-loop-input';
export * from './planner-options';
export * from './cumulative-errors';
export * from './closed-loop-models';
export * from './closed-loop-explain';
export * from './result-wire';
export * from './plan-inputs';
