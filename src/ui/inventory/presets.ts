/**
 * Classroom presets: scenarios loadable in one click, each with what it teaches. Pure data.
 * Values in `expect` come from the cited sources and are checked by tests/unit/inventory-ui/presets.test.ts.
 */
import type { Scenario } from '../../lib/sim/scenario';

/** One classroom preset. */
export interface Preset {
  /** Stable id (used in test ids and saved settings). */
  id: string;
  /** Short title for the button. */
  title: string;
  /** One or two sentences: what to look at and what it teaches. */
  teaches: string;
  /** Where the numbers come from. */
  source: string;
  /** The scenario it loads (sliders start at a deliberately imperfect policy, so Optimize has work to do). */
  scenario: Scenario;
  /** Published optimum, when there is one. */
  expect?: { s: number; S: number; costPerPeriod: number };
}

/**
 * Simulation settings every preset starts with. The warm-up keeps the free starting stock (on hand = S, no
 * order paid for it) out of the KPIs: without it, 180-period runs of the Zheng-Federgruen optimum average
 * about 34.91 ± 0.07 instead of the exact 35.022 (with it, 35.09 ± 0.07; 400 replications).
 */
const RUN = { periods: 180, warmupPeriods: 30, replications: 40, seed: 1, purchaseCost: 0 } as const;

/** The presets, in display order. The first is the default scenario. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'zheng-federgruen',
    title: 'Zheng–Federgruen (s,S)',
    teaches:
      'Poisson(10) demand, K = 64, h = 1, p = 9, no lead time. The sliders start at the textbook heuristic (reorder at the mean, order up to it plus the EOQ); Optimize finds the exact optimum (6, 40) at 35.022 per period, and the heatmap shows how flat the cost is along S and how steep along s.',
    source: 'Zheng & Federgruen (1991), Operations Research 39(4), Table I: (6, 40), cost 35.022; re-derived as 35.02156 in tests/fixtures/golden/policy/ss.json.',
    scenario: { ...RUN, demand: { kind: 'poisson', mean: 10 }, leadTime: { kind: 'fixed', periods: 0 }, unmet: 'backorder', holdingCost: 1, shortageCost: 9, orderCost: 64, s: 10, S: 46, reviewPeriods: 4 },
    expect: { s: 6, S: 40, costPerPeriod: 35.022 },
  },
  {
    id: 'newsvendor',
    title: 'Newsvendor: the critical fractile',
    teaches:
      'No fixed order cost and no lead time, so every period is a newsvendor. The sliders start by ordering up to the mean, 50: with p = 4 × h that runs short in half the periods. The best level is the p/(p + h) = 0.8 quantile, μ + 0.84σ ≈ 63; Optimize finds it, and with K = 0 the best (s,S) is (S − 1, S). Move p or h and watch the level follow Φ⁻¹(p/(p + h)).',
    source: 'Critical-fractile solution, e.g. Nahmias & Olsen, Production and Operations Analysis, §5.3.',
    scenario: { ...RUN, demand: { kind: 'normal', mean: 50, sd: 15 }, leadTime: { kind: 'fixed', periods: 0 }, unmet: 'backorder', holdingCost: 1, shortageCost: 4, orderCost: 0, s: 49, S: 50, reviewPeriods: 1 },
  },
  {
    id: 'eoq',
    title: 'EOQ: constant demand',
    teaches:
      'Constant demand of 100 a period, K = 200, h = 0.1: Q* = √(2DK/h) ≈ 632. The cost curve is flat near Q*: an order size 20 % off costs only about 2 % more. Drag S and watch ordering and holding cost trade off.',
    source: 'Harris (1913) economic order quantity.',
    scenario: { ...RUN, demand: { kind: 'normal', mean: 100, sd: 0 }, leadTime: { kind: 'fixed', periods: 0 }, unmet: 'backorder', holdingCost: 0.1, shortageCost: 10, orderCost: 200, s: 99, S: 731, reviewPeriods: 6 },
  },
  {
    id: 'lead-time',
    title: 'Random lead time and safety stock',
    teaches:
      'Poisson(20) demand with a lead time uniform on 2..6 periods and a 95 % critical ratio. Safety stock covers demand over L + R: σ_P = √((L + R)σ² + μ²σ_L²). Here the lead-time term μ²σ_L² dominates; switch to a fixed lead time of 4 and see the safety stock and cost fall.',
    source: 'Safety stock with lead-time variability, e.g. Silver, Pyke & Thomas, Inventory and Production Management, §6.10.',
    scenario: { ...RUN, demand: { kind: 'poisson', mean: 20 }, leadTime: { kind: 'uniform', min: 2, max: 6 }, unmet: 'backorder', holdingCost: 1, shortageCost: 19, orderCost: 50, s: 150, S: 195, reviewPeriods: 2 },
  },
  {
    id: 'lost-sales',
    title: 'Lost sales versus backorders',
    teaches:
      'The same items as Zheng–Federgruen with a lead time of 2, but customers who find the shelf empty leave. The exact formulas assume backorders; compare the simulated cost with backorders and with lost sales to see how far the textbook optimum carries.',
    source: 'Lost-sales inventory models, e.g. Bijvank & Vis (2011), EJOR 215(1).',
    scenario: { ...RUN, demand: { kind: 'poisson', mean: 10 }, leadTime: { kind: 'fixed', periods: 2 }, unmet: 'lost', holdingCost: 1, shortageCost: 9, orderCost: 64, s: 26, S: 62, reviewPeriods: 4 },
  },
  {
    id: 'finite-horizon-dp',
    title: 'Finite horizon: Scarf (s,S) by DP',
    teaches:
      'Normal demand N(100, 20²), K = 50, h = 1, p = 20, purchase cost 2, no lead time. Open "Textbook models" under Policy: the dynamic program gives an (s_t, S_t) for every period, steady at (110, 133) and lower in the last period, where leftover stock is worth less. Set K to 0 and the DP turns into base stock (s_t = S_t).',
    source: 'Snyder & Shen, Fundamentals of Supply Chain Theory (2nd ed.), §4.4.3, Algorithm 4.1; their DP example as stockpyl documents it: s = 110 … 111, S = 133 … 126, cost 1558.69 over 5 periods.',
    scenario: { ...RUN, purchaseCost: 2, demand: { kind: 'normal', mean: 100, sd: 20 }, leadTime: { kind: 'fixed', periods: 0 }, unmet: 'backorder', holdingCost: 1, shortageCost: 20, orderCost: 50, s: 100, S: 160, reviewPeriods: 1 },
  },
  {
    id: 'poisson-rq',
    title: 'Exact (r,Q) with Poisson demand',
    teaches:
      'Slow movers: Poisson demand of 1.5 a period, lead time 2, K = 100, h = 20, p = 150. With so few units the normal approximation is poor; the exact (r,Q) under "Textbook models" gives r = 3, Q = 5 at 107.92 a period. Set s = 3, S = 8 to run it in the simulator.',
    source: 'Snyder & Shen, Fundamentals of Supply Chain Theory (2nd ed.), Example 5.8: (r, Q) = (3, 5), cost 107.9236.',
    scenario: { ...RUN, demand: { kind: 'poisson', mean: 1.5 }, leadTime: { kind: 'fixed', periods: 2 }, unmet: 'backorder', holdingCost: 20, shortageCost: 150, orderCost: 100, s: 1, S: 4, reviewPeriods: 1 },
  },
];

/** The preset with this id; throws naming the id when there is none. */
export function presetById(id: string): Preset {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`invalid preset id: ${JSON.stringify(id)}`);
  return p;
}

/** A fresh copy of a preset's scenario (the view mutates its copy). */
export function presetScenario(id: string): Scenario {
  return structuredClone(presetById(id).scenario);
}
