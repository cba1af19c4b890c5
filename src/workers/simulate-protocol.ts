/**
 * Types only: the API of the simulate worker (method → input, result, progress). The client's method
 * signatures (rpc.ts `WorkerClient<SimulateApi>`) and the worker's handlers (simulate-service.ts) are both
 * derived from `SimulateApi`. Every typed array in a result travels as a transfer. The domain types
 * (`Scenario`, `CostSurface`, ...) are lib/sim/scenario's: import them from there, not from here.
 */
import type { Progress } from '../lib/core/progress';
import type {
  CompareRequest,
  CompareResponse,
  CostSurface,
  CostSurfaceRequest,
  DemandInfo,
  DemandSource,
  OptimizeResponse,
  Scenario,
  SimulateResponse,
} from '../lib/sim/scenario';

/** The simulate worker. All long calls report progress and honour cancellation. */
export type SimulateApi = {
  /** Facts about a demand source (loads a workspace series): mean, sd, history. */
  describeDemand: { input: { demand: DemandSource }; result: DemandInfo; progress: Progress };
  /** Simulates the scenario's (s,S) with a trace, plus its exact cost where the model applies. */
  simulate: { input: { scenario: Scenario }; result: SimulateResponse; progress: Progress };
  /** Simulates several policies on the same demand with replications and confidence intervals. */
  compare: { input: CompareRequest; result: CompareResponse; progress: Progress };
  /** The exact optimal (s,S) (backorders, fixed lead time: see `notes` otherwise). */
  optimize: { input: { scenario: Scenario }; result: OptimizeResponse; progress: Progress };
  /** Exact cost over a grid of (s,S), for the heatmap. */
  costSurface: { input: CostSurfaceRequest; result: CostSurface; progress: Progress };
};
