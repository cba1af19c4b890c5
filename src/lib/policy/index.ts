/** Inventory-policy math: pure functions, no I/O. See each module for conventions and units. */
export * from './normal';
export * from './discrete';
export * from './eoq';
export * from './newsvendor';
export * from './safety-stock';
export * from './base-stock';
export * from './rq';
export * from './ss-exact';
export * from './ss-surface';
export * from './lots';
export type { OnePeriodCost } from './one-period';
export * from './eoq-backorders';
export * from './rq-poisson';
export * from './finite-horizon';
export * from './ss-power';
export * from './lost-sales';
