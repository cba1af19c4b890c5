/**
 * The textbook models beside the simulator (issue #15), with the scenario's numbers filled in: EOQ with planned
 * backorders at your Q, the (s,S) power approximation, the exact (r,Q) for Poisson demand, the finite-horizon DP and
 * the lost-sales base stock in closed form. Each is computed by lib/policy on the main thread only where it is
 * cheap for these inputs; beyond a stated size a line says so instead of freezing the page.
 */
import {
  eoq,
  eoqBackorderCost,
  finiteHorizonDp,
  optimizeLostSalesBaseStock,
  powerApproximation,
  rqPoissonOptimize,
} from '../../lib/policy';
import { plainNumber, texNumber, type FormulaInputs } from './formulas';

/** One textbook line. */
export interface TextbookLine {
  /** Stable id (test id suffix). */
  id: 'eoq-backorders' | 'power-approximation' | 'rq-poisson' | 'finite-horizon' | 'lost-sales';
  /** Heading. */
  title: string;
  /** KaTeX source with the numbers, or '' when the model does not apply. */
  tex: string;
  /** What it means here, or why it is not shown. */
  note: string;
}

/** Periods of the finite-horizon DP shown. */
export const DP_PERIODS = 12;
/** Largest DP work (levels × demand values) solved on the page. */
const DP_LIMIT = 400_000;
/** Largest Poisson mean for the exact (r,Q) and the Erlang base stock on the page. */
const POISSON_LIMIT = 200;

/** The lines for the current inputs. `unmet` decides whether the lost-sales line applies. */
export function textbookLines(x: FormulaInputs, unmet: 'backorder' | 'lost', purchaseCost = 0): TextbookLine[] {
  const t = texNumber;
  const pn = plainNumber;
  const h = x.holdingCost;
  const p = x.shortageCost;
  const K = x.orderCost;
  const L = x.leadTimeMean;
  const lines: TextbookLine[] = [];
  const na = (id: TextbookLine['id'], title: string, note: string) => lines.push({ id, title, tex: '', note });

  if (K > 0 && x.mean > 0) {
    const Q = Math.max(1, x.S - x.s);
    const best = eoq({ demandPerPeriod: x.mean, orderCost: K, holdingCost: h, backorderCost: p });
    const xStar = best.stockoutFraction;
    const g = eoqBackorderCost({ demandPerPeriod: x.mean, orderCost: K, holdingCost: h, backorderCost: p, orderQuantity: Q, backorderFraction: xStar });
    lines.push({
      id: 'eoq-backorders',
      title: 'EOQ with planned backorders, at your Q',
      tex: `g(Q,x) = \\dfrac{K\\lambda}{Q} + \\dfrac{h(1-x)^2Q}{2} + \\dfrac{p\\,x^2Q}{2} = \\dfrac{${t(K)}\\cdot${t(x.mean)}}{${Q}} + \\dfrac{${t(h)}(1-${t(xStar, 3)})^2\\cdot${Q}}{2} + \\dfrac{${t(p)}\\cdot${t(xStar, 3)}^2\\cdot${Q}}{2} = ${t(g.costPerPeriod, 3)}`,
      note: `At Q = S − s = ${Q} and the best backorder fraction x* = h/(h + p) = ${pn(xStar, 3)}; the optimum is Q* = ${pn(best.orderQuantity, 1)} at ${pn(best.costPerPeriod, 3)} a period (Snyder & Shen §3.5).`,
    });
  } else na('eoq-backorders', 'EOQ with planned backorders, at your Q', 'Needs a fixed order cost K > 0 and demand.');

  if (K > 0 && x.mean > 0 && x.sd > 0) {
    const r = powerApproximation({ mean: x.mean, sd: x.sd, leadTimePeriods: Math.round(L), orderCost: K, holdingCost: h, backorderCost: p });
    lines.push({
      id: 'power-approximation',
      title: '(s,S) power approximation (Ehrhardt & Mosier)',
      tex: `Q_p = 1.30\\,\\mu^{0.494}\\left(\\tfrac{K}{h}\\right)^{0.506}\\left(1+\\tfrac{\\sigma_L^2}{\\mu^2}\\right)^{0.116} = ${t(r.orderQuantity, 1)},\\quad s = 0.973\\,\\mu_L + \\sigma_L\\left(\\tfrac{0.183}{z} + 1.063 - 2.192z\\right) = ${t(r.s, 1)},\\quad S = s + Q_p = ${t(r.S, 1)}`,
      note: `z = √(Q_p·h/(σ_L·p)) = ${pn(r.z, 3)}, with μ_L, σ_L over L + 1 = ${Math.round(L) + 1} periods. Set the sliders to (${Math.round(r.s)}, ${Math.round(r.S)}) and compare its exact cost with Optimize's exact optimum: on Zheng & Federgruen's instances the gap measured 0–8 %.`,
    });
  } else na('power-approximation', '(s,S) power approximation (Ehrhardt & Mosier)', 'Needs K > 0 and demand that varies (σ > 0).');

  if (x.mean > 0 && x.mean * Math.max(1, L) <= POISSON_LIMIT) {
    const r = rqPoissonOptimize({ demandRate: x.mean, leadTime: L, orderCost: K, holdingCost: h, backorderCost: p });
    lines.push({
      id: 'rq-poisson',
      title: '(r,Q) with Poisson demand, exact',
      tex: `g(r,Q) = \\dfrac{K\\lambda + \\sum_{y=r+1}^{r+Q} G(y)}{Q},\\ G(y) = h\\,E(y-D)^+ + p\\,E(D-y)^+,\\ D\\sim\\text{Poisson}(${t(x.mean)}\\cdot${t(L)})\\ \\Rightarrow\\ (r^*,Q^*) = (${r.reorderPoint}, ${r.orderQuantity}),\\ g^* = ${t(r.costPerPeriod, 3)}`,
      note: `Continuous review, demand as Poisson with your mean (σ² = μ = ${pn(x.mean)}); the position is uniform on r + 1 … r + Q, so no normal approximation (Zipkin §6.4).`,
    });
  } else na('rq-poisson', '(r,Q) with Poisson demand, exact', `Shown for Poisson demand over the lead time up to ${POISSON_LIMIT} units; use the normal (r,Q) beyond.`);

  const width = 23 * x.sd + x.mean + (K > 0 ? Math.sqrt((2 * K * x.mean * (h + p)) / (h * p)) : 0);
  if (x.sd > 0 && width * 8 * x.sd <= DP_LIMIT) {
    const r = finiteHorizonDp({ periods: DP_PERIODS, holdingCost: h, backorderCost: p, unitCost: purchaseCost, orderCost: K, demandMean: x.mean, demandSd: x.sd, terminalHoldingCost: h, terminalBackorderCost: p });
    const T = DP_PERIODS - 1;
    lines.push({
      id: 'finite-horizon',
      title: `Finite horizon (Scarf DP), ${DP_PERIODS} periods`,
      tex: `\\theta_t(x) = \\min_{y\\ge x}\\{K\\,\\delta(y-x) + c(y-x) + g(y) + E\\,\\theta_{t+1}(y-D)\\}\\ \\Rightarrow\\ (s_1,S_1) = (${r.reorderPoints[0]}, ${r.orderUpTo[0]}),\\ (s_{${DP_PERIODS}},S_{${DP_PERIODS}}) = (${r.reorderPoints[T]}, ${r.orderUpTo[T]})`,
      note: `Normal demand N(${pn(x.mean)}, ${pn(x.sd)}²), zero lead time, c = ${pn(purchaseCost)}, terminal costs h and p; expected cost from zero stock ${pn(r.expectedCost, 1)}. ${K > 0 ? 'The levels change near the end of the horizon.' : 'With K = 0 each period is a base-stock level (s_t = S_t).'}`,
    });
  } else na('finite-horizon', `Finite horizon (Scarf DP), ${DP_PERIODS} periods`, x.sd > 0 ? 'The demand is too large to solve the DP on the page; scale it down.' : 'Needs demand that varies (σ > 0).');

  if (unmet === 'lost' && x.mean > 0 && x.mean * L <= POISSON_LIMIT) {
    const r = optimizeLostSalesBaseStock({ demandRate: x.mean, leadTime: L, holdingCost: h, lostSaleCost: p });
    lines.push({
      id: 'lost-sales',
      title: 'Lost sales: base stock in closed form (Erlang loss)',
      tex: `B(S,a) = \\dfrac{a^S/S!}{\\sum_{k=0}^{S} a^k/k!},\\ a = \\lambda L = ${t(x.mean * L)}\\ \\Rightarrow\\ S^* = ${r.baseStock},\\ \\text{fill rate } 1 - B = ${t(r.fillRate, 4)}`,
      note: `Continuous-review (S − 1, S) with Poisson demand: exact for any lead-time distribution with mean L (Palm's theorem); cost ${pn(r.costPerPeriod, 3)} a period. Periodic review with L > 0 or (s,S) under lost sales has no closed form: the simulator's figures, with their confidence intervals, are the answer there.`,
    });
  } else if (unmet === 'lost') na('lost-sales', 'Lost sales: base stock in closed form (Erlang loss)', `Shown for Poisson demand over the lead time up to ${POISSON_LIMIT} units; beyond, the simulator (with confidence intervals) is the answer.`);
  return lines;
}
