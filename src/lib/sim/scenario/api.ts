import { throwIfAborted } from '../../core/abort';
import { AppError, invalidOption } from '../../core/errors';
import type { ProgressCallback } from '../../core/progress';
import { optimizeSs, ssInUnits } from '../../policy';
import { simulate } from '../simulate';
import { createDemandResolver } from './demand';
import { evaluateScenarioPolicy, exactModel, toSimulateInput } from './exact';
import { scenarioCostSurface } from './surface';
import type {
  CompareRequest,
  CompareResponse,
  CostSurface,
  CostSurfaceRequest,
  DemandInfo,
  DemandSource,
  LoadedSeries,
  OptimizeResponse,
  ResolvedDemand,
  Scenario,
  SeriesSource,
  SimulateResponse,
} from './types';
import { maybeDemandSource, maybeScenario } from './validate';

/** What every call gets besides its input (the shape of a worker handler's context, rpc.ts). */
export interface ScenarioCallContext {
  /** Cancels the call: it rejects with an AbortError. */
  signal: AbortSignal;
  /** Receives progress events. */
  onProgress: ProgressCallback;
}

/**
 * The inventory view's calls on a scenario. Each validates its input (P5), resolves the demand source, and
 * times itself from the moment it is called. The simulate worker serves exactly these (simulate-service.ts);
 * tests call them directly and through the worker protocol.
 */
export interface ScenarioApi {
  /** Facts about a demand source, with a copy of a series' history. */
  describeDemand(input: { demand: DemandSource }, context: ScenarioCallContext): Promise<DemandInfo>;
  /** Simulates the scenario's (s,S) with a trace, plus its exact cost where the model applies. */
  simulate(input: { scenario: Scenario }, context: ScenarioCallContext): Promise<SimulateResponse>;
  /** Simulates several policies (plus, by default, the exact optimum) on common random numbers. */
  compare(input: CompareRequest, context: ScenarioCallContext): Promise<CompareResponse>;
  /** The exact optimal (s,S) and the exact cost of the scenario's own. */
  optimize(input: { scenario: Scenario }, context: ScenarioCallContext): Promise<OptimizeResponse>;
  /** Exact cost over a grid of (s,S), for the heatmap. */
  costSurface(input: CostSurfaceRequest, context: ScenarioCallContext): Promise<CostSurface>;
}

/** Demand info for a response: the history only when asked for, and then as a copy (results are transferred). */
function infoOf(d: ResolvedDemand, withHistory: boolean): DemandInfo {
  return { ...d.info, warnings: [...d.info.warnings], history: withHistory && d.info.history ? d.info.history.slice() : null };
}

/** Options of `createScenarioApi`. */
export interface ScenarioApiOptions {
  /** Loads a workspace series (the simulate worker reads IndexedDB). Default: series sources are refused. */
  loadSeries?: (source: SeriesSource) => Promise<LoadedSeries>;
  /** Clock for `elapsedMs`, ms; pass `performance.now` where available. Default `Date.now`. */
  now?: () => number;
}

const noSeries = (source: SeriesSource): Promise<LoadedSeries> =>
  Promise.reject(new AppError('not-found', `Series ${source.seriesIndex + 1} of dataset ${source.datasetId}: no workspace to read it from.`));

/** The scenario calls, over a loader of workspace series. */
export function createScenarioApi(options: ScenarioApiOptions = {}): ScenarioApi {
  const resolve = createDemandResolver(options.loadSeries ?? noSeries);
  const now = options.now ?? Date.now;
  return {
    async describeDemand({ demand }) {
      return infoOf(await resolve(maybeDemandSource(demand)), true);
    },

    async simulate({ scenario }, { signal, onProgress }) {
      const t0 = now();
      const x = maybeScenario(scenario);
      const d = await resolve(x.demand);
      throwIfAborted(signal);
      const input = toSimulateInput(x, d, [{ name: `(${x.s}, ${x.S})`, policy: { kind: 'sS', s: x.s, S: x.S } }], true);
      const result = await simulate(input, signal, onProgress);
      let exact = null;
      let exactNotes: string[];
      try {
        const model = exactModel(x, d);
        exactNotes = model.notes;
        exact = evaluateScenarioPolicy(model, x);
      } catch (error) {
        exactNotes = [`No exact cost: ${error instanceof Error ? error.message : String(error)}`];
      }
      return { scenario: { ...x, periods: input.periods }, result, demand: infoOf(d, false), exact, exactNotes, elapsedMs: now() - t0 };
    },

    async compare({ scenario, policies, includeOptimal = true }, { signal, onProgress }) {
      const t0 = now();
      const x = maybeScenario(scenario);
      if (!Array.isArray(policies) || policies.length < 1 || policies.length > 12) invalidOption('policies', policies, 'an array of 1 to 12 policies');
      const d = await resolve(x.demand);
      let optimal = null;
      const all = [...policies];
      if (includeOptimal) {
        const model = exactModel(x, d);
        optimal = ssInUnits(optimizeSs(model.options), model.lot);
        all.push({ name: `Optimal (s,S) = (${optimal.s}, ${optimal.S})`, policy: { kind: 'sS', s: optimal.s, S: optimal.S } });
      }
      const result = await simulate(toSimulateInput(x, d, all, false), signal, onProgress);
      return { result, optimal, elapsedMs: now() - t0 };
    },

    async optimize({ scenario }, { signal, onProgress }) {
      const t0 = now();
      const x = maybeScenario(scenario);
      const d = await resolve(x.demand);
      onProgress({ phase: 'optimizing', done: 0, total: 1 });
      throwIfAborted(signal);
      const model = exactModel(x, d);
      const optimum = ssInUnits(optimizeSs(model.options), model.lot);
      const current = evaluateScenarioPolicy(model, x);
      onProgress({ phase: 'optimizing', done: 1, total: 1 });
      return { optimum, current, notes: model.notes, elapsedMs: now() - t0 };
    },

    async costSurface({ scenario, sRange, SRange, maxCells }, { signal, onProgress }) {
      const t0 = now();
      const x = maybeScenario(scenario);
      const d = await resolve(x.demand);
      const surface = await scenarioCostSurface(x, exactModel(x, d), { sRange, SRange, maxCells, signal, onProgress });
      return { ...surface, elapsedMs: now() - t0 };
    },
  };
}
