/** The inventory view's scenario: one (s,S) policy on one demand source, simulated and solved exactly. */
export * from './types';
export { MAX_SCENARIO_PERIODS, maybeDemandSource, maybeLeadTime, maybeScenario } from './validate';
export { createDemandResolver, formatLabelNumber, seriesDemand, syntheticDemand } from './demand';
export { evaluateScenarioPolicy, exactModel, toSimulateInput, type ExactModel } from './exact';
export { scenarioCostSurface, type ScenarioSurfaceOptions } from './surface';
export { createScenarioApi, type ScenarioApi, type ScenarioApiOptions, type ScenarioCallContext } from './api';
