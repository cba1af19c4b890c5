/**
 * A pool of statistics workers for per-series fits, owned by the forecast worker: a backtest's series are split
 * into one part per worker (lib/forecast/run/partition.ts), each part's values travel as one transferred
 * Float64Array, and the parts' results are merged into exactly what one run would give.
 */
import { runPartitioned, type StatPartRunner } from '../lib/forecast/run/partition';
import { createWorkerClient, type ApiSpec, type WorkerClient } from './rpc';
import type { StatApi } from './stat-protocol';
import { toForecastWire, toStatWire } from './stat-service';
import { forecastPartitioned, type StatForecastRunner } from '../lib/forecast/run/forecast-parallel';

/** Most workers a pool starts, whatever the machine reports. */
export const MAX_POOL_SIZE = 16;

/** Workers for this machine: one per logical core (`navigator.hardwareConcurrency`; 2 when unknown), at most 16.
 * The forecast worker itself only waits while the pool runs, so it does not take a core of its own. */
export function poolSize(hardwareConcurrency: number | undefined = globalThis.navigator?.hardwareConcurrency): number {
  const n = Number.isInteger(hardwareConcurrency) && hardwareConcurrency! > 0 ? hardwareConcurrency! : 2;
  return Math.min(MAX_POOL_SIZE, n);
}

/** A pool of statistics workers. */
export interface StatPool {
  /** Workers the pool runs. */
  readonly size: number;
  /** Runs a statistical backtest split over the workers (a `backtestDataset` runner). */
  runStat: StatPartRunner;
  /** Makes a future forecast's statistical fits split over the workers (a `forecastDatasetParallel` runner). */
  runForecast: StatForecastRunner;
  /** Ends every worker; a later run starts them again. */
  terminate(): void;
}

/** The clients of a pool of `size` workers of one kind (the stat pool's, the reorder pool's): none starts before its
 * first part, and each stops after a minute idle. */
export function createPoolClients<A extends ApiSpec>(size: number, spawn: () => Worker): Array<WorkerClient<A>> {
  return Array.from({ length: size }, () => createWorkerClient<A>(spawn, { idleTimeoutMs: 60_000 }));
}

/** Starts nothing yet: each worker starts on its first part and stops after a minute idle. */
export function createStatPool(
  size = poolSize(),
  spawn: () => Worker = () => new Worker(new URL('./stat.worker.ts', import.meta.url), { type: 'module', name: 'stat' }),
): StatPool {
  const clients = createPoolClients<StatApi>(size, spawn);
  return {
    size,
    runStat: (request, options) =>
      runPartitioned(request, size, (part, partOptions, index) => {
        const wire = toStatWire(part);
        return clients[index ?? 0].call('backtest', wire, { ...partOptions, transfer: [wire.values.buffer as ArrayBuffer] });
      }, options),
    runForecast: (request, options) =>
      forecastPartitioned(request, size, (part, partOptions, index) => {
        const wire = toForecastWire(part);
        return clients[index ?? 0].call('forecast', wire, { ...partOptions, transfer: [wire.values.buffer as ArrayBuffer] });
      }, options),
    terminate: () => clients.forEach((c) => c.terminate()),
  };
}
