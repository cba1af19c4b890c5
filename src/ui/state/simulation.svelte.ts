import type { Progress } from '../../lib/core/progress';
import type { CompareResponse, CostSurface, DemandInfo, OptimizeResponse, Scenario, SimulateResponse } from '../../lib/sim/scenario';
import type { SimulateApi } from '../../workers/simulate-protocol';
import type { WorkerClient } from '../../workers/rpc';
import type { SimRunData } from '../../persistence/sim-runs';
import { comparisonPolicies, formulaInputs, heuristicPolicy } from '../inventory/formulas';
import { LatestRunner } from '../inventory/latest';
import { presetById, presetScenario, PRESETS } from '../inventory/presets';
import { toRunData } from '../inventory/run';
import { sameModel, sameScenario, syntheticMoments } from '../inventory/scenario';
import { createSimulateClient } from './simulation-client';
import type { Workspace } from './workspace.svelte';

/** Where the run on screen came from. */
export type RunOrigin = { kind: 'live' } | { kind: 'saved'; id: string; name: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The inventory view's state: the scenario the sliders edit, and the worker results derived from it. Owns
 * the simulate worker client. Every change recomputes at once through latest-request-wins runners (one call
 * in flight per kind, stale results dropped); heavy work runs in the worker, results land in `$state.raw`.
 */
export class SimulationSession {
  /** The scenario the sliders show. Replaced whole on every change (see `update`). */
  scenario = $state.raw<Scenario>(presetScenario(PRESETS[0].id));
  /** The preset last loaded, until a parameter changes. */
  presetId = $state<string | null>(PRESETS[0].id);
  /** Facts about the demand source from the worker (workspace series: mean, sd, history, warnings). */
  demandInfo = $state.raw<DemandInfo | null>(null);
  /** The run on screen. */
  run = $state.raw<SimRunData | null>(null);
  /** The scenario `run` was requested with (a replay may have capped its periods). */
  runScenario = $state.raw<Scenario | null>(null);
  /** Where `run` came from. */
  runOrigin = $state.raw<RunOrigin>({ kind: 'live' });
  /** True while a simulation is in flight. */
  simulating = $state(false);
  /** Latest progress of a long simulation. */
  progress = $state.raw<Progress | null>(null);
  /** Worker time of the last simulation, ms. */
  elapsedMs = $state(0);
  /** A sentence for people when the last simulation failed. */
  error = $state<string | null>(null);

  /** Last policy comparison. */
  comparison = $state.raw<CompareResponse | null>(null);
  /** Scenario of `comparison`. */
  comparisonScenario = $state.raw<Scenario | null>(null);
  /** True while the comparison runs. */
  comparing = $state(false);
  /** Why the comparison failed. */
  compareError = $state<string | null>(null);

  /** Last exact optimum. */
  optimum = $state.raw<OptimizeResponse | null>(null);
  /** Exact cost over a grid around the optimum. */
  surface = $state.raw<CostSurface | null>(null);
  /** Scenario of `optimum` and `surface`. */
  optimumScenario = $state.raw<Scenario | null>(null);
  /** True while optimizing. */
  optimizing = $state(false);
  /** Why optimizing failed. */
  optimizeError = $state<string | null>(null);

  /** The demand picker's series of a workspace dataset: those whose id contains `query` (at most 50, dataset
   * order), and the picked one (`current`) whether it matches or not. */
  seriesChoices = $state.raw<{ datasetId: string; query: string; matches: Array<{ index: number; id: string }>; current: { index: number; id: string } | null } | null>(null);
  private choicesAsked = 0;

  /** Set while a newly picked series is described; its result moves s and S before the first simulation. */
  private reseatPending = false;
  private readonly simulateRunner: LatestRunner<Scenario, SimulateResponse>;
  private readonly describeRunner: LatestRunner<Scenario['demand'], DemandInfo>;
  private readonly optimizeRunner: LatestRunner<Scenario, { optimum: OptimizeResponse; surface: CostSurface }>;
  private readonly compareRunner: LatestRunner<Scenario, CompareResponse>;

  constructor(
    private readonly client: WorkerClient<SimulateApi>,
    private readonly workspace: Workspace,
  ) {
    this.simulateRunner = new LatestRunner({
      run: (scenario, signal) => client.call('simulate', { scenario }, { signal, onProgress: (p) => (this.progress = p) }),
      onResult: (response, scenario) => {
        this.run = toRunData(response);
        this.runScenario = scenario;
        this.runOrigin = { kind: 'live' };
        this.elapsedMs = response.elapsedMs;
        this.error = null;
        // A series keeps the described info (with its history); a synthetic source takes the run's label.
        if (scenario.demand.kind !== 'series' || !this.demandInfo) this.demandInfo = response.demand;
      },
      onError: (error) => (this.error = message(error)),
      onBusy: (busy) => {
        this.simulating = busy;
        if (!busy) this.progress = null;
      },
    });
    this.describeRunner = new LatestRunner({
      run: (demand, signal) => client.call('describeDemand', { demand }, { signal }),
      onResult: (info) => {
        this.demandInfo = info;
        if (this.reseatPending) {
          // A new series: start from the heuristic policy for its size, then simulate (see update()).
          this.reseatPending = false;
          this.scenario = { ...this.scenario, ...heuristicPolicy(formulaInputs(this.scenario, info)) };
          this.simulateRunner.request(this.scenario);
          if (this.optimum || this.optimizing) this.optimizeRunner.request(this.scenario);
        }
      },
      onError: (error) => (this.error = message(error)),
    });
    this.optimizeRunner = new LatestRunner({
      run: async (scenario, signal) => {
        const optimum = await client.call('optimize', { scenario }, { signal });
        const surface = await client.call('costSurface', { scenario }, { signal });
        return { optimum, surface };
      },
      onResult: ({ optimum, surface }, scenario) => {
        this.optimum = optimum;
        this.surface = surface;
        this.optimumScenario = scenario;
        this.optimizeError = null;
      },
      onError: (error) => (this.optimizeError = message(error)),
      onBusy: (busy) => (this.optimizing = busy),
    });
    this.compareRunner = new LatestRunner({
      run: (scenario, signal) => {
        const x = formulaInputs(scenario, this.moments ?? { mean: 1, sd: 1 });
        return client.call('compare', { scenario, policies: comparisonPolicies(x) }, { signal, onProgress: (p) => (this.progress = p) });
      },
      onResult: (response, scenario) => {
        this.comparison = response;
        this.comparisonScenario = scenario;
        this.compareError = null;
      },
      onError: (error) => (this.compareError = message(error)),
      onBusy: (busy) => (this.comparing = busy),
    });
  }

  /** Mean and sd of demand per period: computed here for synthetic sources, from the worker for series. */
  get moments(): { mean: number; sd: number } | null {
    const local = syntheticMoments(this.scenario.demand);
    if (local) return local;
    return this.demandInfo ? { mean: this.demandInfo.mean, sd: this.demandInfo.sd } : null;
  }

  /** True when the run on screen belongs to the current scenario. */
  get runCurrent(): boolean {
    return sameScenario(this.runScenario, this.scenario);
  }

  /** True when the optimum on screen belongs to the current demand, lead time and costs. */
  get optimumCurrent(): boolean {
    return sameModel(this.optimumScenario, this.scenario);
  }

  /** True when the comparison on screen belongs to the current scenario. */
  get comparisonCurrent(): boolean {
    return sameScenario(this.comparisonScenario, this.scenario);
  }

  /** Simulates the current scenario (and describes a series source) for the first time. */
  start(): void {
    if (this.scenario.demand.kind === 'series') this.describeRunner.request(this.scenario.demand);
    this.simulateRunner.request(this.scenario);
  }

  /**
   * Replaces the scenario and recomputes whatever depends on what changed. `reseatPolicy` (a new demand
   * source) moves s and S to the heuristic policy for the new demand first, so that a series selling
   * thousands a week does not start at a policy sized for ten.
   */
  update(next: Scenario, options: { reseatPolicy?: boolean } = {}): void {
    const before = this.scenario;
    if (sameScenario(before, next)) return;
    this.presetId = null;
    this.reseatPending = false;
    if (options.reseatPolicy) {
      const local = syntheticMoments(next.demand);
      if (local) next = { ...next, ...heuristicPolicy(formulaInputs(next, local)) };
      else {
        this.reseatPending = true;
        this.scenario = next;
        this.demandInfo = null;
        this.simulateRunner.cancel();
        this.describeRunner.request(next.demand);
        return;
      }
    }
    this.scenario = next;
    this.recompute(before);
  }

  /** Loads a classroom preset in one step. */
  loadPreset(id: string): void {
    const before = this.scenario;
    this.scenario = presetScenario(presetById(id).id);
    this.presetId = id;
    this.comparison = null;
    this.recompute(before);
  }

  private recompute(before: Scenario): void {
    const next = this.scenario;
    if (JSON.stringify(before.demand) !== JSON.stringify(next.demand)) {
      this.demandInfo = null;
      if (next.demand.kind === 'series') this.describeRunner.request(next.demand);
    }
    this.simulateRunner.request(next);
    // Once the optimum is on screen it follows the model; moving only s or S keeps it valid.
    if ((this.optimum || this.optimizing) && !sameModel(this.optimumScenario, next)) this.optimizeRunner.request(next);
  }

  /** Finds the exact optimal (s,S) and the cost surface around it. */
  optimize(): void {
    this.optimizeRunner.request(this.scenario);
  }

  /** Moves the sliders to the optimum found. */
  applyOptimum(): void {
    const o = this.optimum?.optimum;
    if (o) this.update({ ...this.scenario, s: o.s, S: o.S });
  }

  /** Compares the formula policies and the exact optimum on the same demand, with replications. */
  compare(): void {
    this.compareRunner.request(this.scenario);
  }

  /** Shows a saved run (its scenario goes to the sliders; nothing is recomputed until a slider moves). */
  showSaved(data: SimRunData & { id: string; name: string }): void {
    this.simulateRunner.cancel();
    const before = this.scenario;
    this.scenario = data.scenario;
    this.presetId = null;
    this.run = data;
    this.runScenario = data.scenario;
    this.runOrigin = { kind: 'saved', id: data.id, name: data.name };
    if (JSON.stringify(before.demand) !== JSON.stringify(data.scenario.demand)) {
      this.demandInfo = null;
      if (data.scenario.demand.kind === 'series') this.describeRunner.request(data.scenario.demand);
    }
  }

  /**
   * Lists the series of a workspace dataset whose id contains `query` for the demand picker, and series `current`
   * (latest request wins). The summary worker answers: a <select> of every id, read here from the whole summary,
   * was a main-thread task of most of a second at 30,000 series (#13).
   */
  async loadSeriesChoices(datasetId: string, query = '', current = 0): Promise<void> {
    const c = this.seriesChoices;
    if (c?.datasetId === datasetId && c.query === query && c.current?.index === current) return;
    const asked = ++this.choicesAsked;
    const [matches, row] = await Promise.all([this.workspace.findSeries(datasetId, query, 50), this.workspace.summaryRow(datasetId, current)]);
    if (asked !== this.choicesAsked) return;
    this.seriesChoices = { datasetId, query, matches, current: row ? { index: row.index, id: row.stats.id } : null };
  }

  /** Ends the worker (when the view goes away for good). */
  dispose(): void {
    this.simulateRunner.cancel();
    this.optimizeRunner.cancel();
    this.compareRunner.cancel();
    this.client.terminate();
  }
}

const sessions = new WeakMap<Workspace, SimulationSession>();

/**
 * The session of a workspace, created on first use: the view can unmount (another tab) and come back to the
 * same scenario, results and warm worker.
 */
export function simulationSessionFor(workspace: Workspace): SimulationSession {
  let session = sessions.get(workspace);
  if (!session) {
    session = new SimulationSession(createSimulateClient(), workspace);
    sessions.set(workspace, session);
    session.start();
  }
  return session;
}
