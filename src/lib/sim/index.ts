/** Inventory simulator: pure functions, no I/O; `simulate` and `simulateMany` are the worker entry points. */
export * from './types';
export { simulate } from './simulate';
export { simulateMany, simulateManySync, type ManyItemsInput, type ManyItemsResult } from './many';
export { confidenceInterval, studentTCdf, studentTQuantile } from './stats';
export { runSimBench, type BenchRow, type SimBenchOptions } from './bench';
