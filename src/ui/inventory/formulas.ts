/**
 * The closed-form formulas the sidebar shows beside the sliders, with the current numbers filled in (as
 * KaTeX source), and the comparison policies they suggest. Pure and cheap (microseconds): these run on the
 * main thread on every slider move; anything iterative or exact runs in the simulate worker.
 */
import type { SsEvaluation } from '../../lib/policy';
import { criticalZ, eoq as eoqFormula, rqOptimize } from '../../lib/policy';
import type { NamedPolicy } from '../../lib/sim';
import type { Scenario } from '../../lib/sim/scenario';

/** The numbers the formulas need. Units per period; costs in money. */
export interface FormulaInputs {
  /** Mean demand per period μ (also D in the EOQ). */
  mean: number;
  /** Standard deviation of demand per period σ. */
  sd: number;
  /** Mean lead time L, periods. */
  leadTimeMean: number;
  /** Standard deviation of the lead time σ_L, periods (0 when fixed). */
  leadTimeSd: number;
  /** Review period R, periods. */
  reviewPeriods: number;
  /** Holding cost h per unit per period. */
  holdingCost: number;
  /** Shortage cost p per unit (per period backordered, or per unit lost). */
  shortageCost: number;
  /** Fixed cost K per order. */
  orderCost: number;
  /** Reorder point s. */
  s: number;
  /** Order-up-to level S. */
  S: number;
}

/** Lead-time mean and standard deviation of a scenario's lead time (uniform on min..max: ((n² − 1)/12)^½). */
export function leadTimeMoments(leadTime: Scenario['leadTime']): { mean: number; sd: number } {
  if (leadTime.kind === 'fixed') return { mean: leadTime.periods, sd: 0 };
  const n = leadTime.max - leadTime.min + 1;
  return { mean: (leadTime.min + leadTime.max) / 2, sd: Math.sqrt((n * n - 1) / 12) };
}

/** Formula inputs from a scenario and its demand's mean and standard deviation. */
export function formulaInputs(scenario: Scenario, demand: { mean: number; sd: number }): FormulaInputs {
  const lead = leadTimeMoments(scenario.leadTime);
  return {
    mean: demand.mean,
    sd: demand.sd,
    leadTimeMean: lead.mean,
    leadTimeSd: lead.sd,
    reviewPeriods: scenario.reviewPeriods,
    holdingCost: scenario.holdingCost,
    shortageCost: scenario.shortageCost,
    orderCost: scenario.orderCost,
    s: scenario.s,
    S: scenario.S,
  };
}

/** The closed-form results. */
export interface ClosedForm {
  /** EOQ Q* = √(2DK/h), units (0 when K = 0). */
  eoq: number;
  /** EOQ cost √(2DKh), money per period. */
  eoqCost: number;
  /** Q* ÷ D, periods between orders. */
  cycle: number;
  /** p / (p + h). */
  criticalRatio: number;
  /** z = Φ⁻¹(p / (p + h)). */
  z: number;
  /** σ over n periods of demand with a random lead time: √(nσ² + μ²σ_L²), for n = L + R. */
  sigmaP: number;
  /** Safety stock z·σ_P over L + R, units. */
  safetyStock: number;
  /** (R,S) order-up-to level μ(L + R) + z·σ_P, units. */
  orderUpTo: number;
  /** Base-stock level (R = 1): μ(L + 1) + z·σ over L + 1, units. */
  baseStock: number;
  /** One-period newsvendor quantity μ + zσ, units. */
  newsvendor: number;
}

/** σ of demand over n periods plus lead-time variability: √(nσ² + μ²σ_L²). */
export function protectionSd(x: FormulaInputs, periods: number): number {
  return Math.sqrt(periods * x.sd * x.sd + x.mean * x.mean * x.leadTimeSd * x.leadTimeSd);
}

/** Computes every closed-form number (well under a millisecond). */
export function closedForm(x: FormulaInputs): ClosedForm {
  const q = x.orderCost > 0 ? eoqFormula({ demandPerPeriod: x.mean, orderCost: x.orderCost, holdingCost: x.holdingCost }) : null;
  const z = criticalZ(x.holdingCost, x.shortageCost);
  const n = x.leadTimeMean + x.reviewPeriods;
  const sigmaP = protectionSd(x, n);
  return {
    eoq: q?.orderQuantity ?? 0,
    eoqCost: q?.costPerPeriod ?? 0,
    cycle: q?.cycleLength ?? 1,
    criticalRatio: x.shortageCost / (x.shortageCost + x.holdingCost),
    z,
    sigmaP,
    safetyStock: z * sigmaP,
    orderUpTo: x.mean * n + z * sigmaP,
    baseStock: x.mean * (x.leadTimeMean + 1) + z * protectionSd(x, x.leadTimeMean + 1),
    newsvendor: x.mean + z * x.sd,
  };
}

/** A number for TeX: a few significant digits, negatives in parentheses, thousands with a thin {,}. */
export function texNumber(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '?';
  const abs = Math.abs(x);
  const d = Number.isInteger(x) ? 0 : abs >= 1000 ? 0 : abs >= 100 ? Math.min(digits, 1) : digits;
  let s = abs.toFixed(d);
  if (d > 0) s = s.replace(/\.?0+$/, '');
  s = s.replace(/\B(?=(\d{3})+(?!\d))/g, '{,}');
  return x < 0 && Number(s.replace(/\{,\}/g, '')) !== 0 ? `(-${s})` : s;
}

/** A number for the plain-text notes: like texNumber, with ordinary thousands separators. */
export function plainNumber(x: number, digits = 2): string {
  return texNumber(x, digits).replace(/\{,\}/g, ',').replace(/^\((-.*)\)$/, '$1');
}

/** One formula of the sidebar. */
export interface FormulaLine {
  /** Stable id, also the test id suffix. */
  id: 'eoq' | 'critical-ratio' | 'safety-stock' | 'order-up-to' | 'newsvendor' | 'ss-cost';
  /** Heading. */
  title: string;
  /** KaTeX source with the numbers filled in. */
  tex: string;
  /** The result, NaN when not available. */
  value: number;
  /** Unit of `value`. */
  unit: string;
  /** One sentence about what it means here. */
  note: string;
}

/**
 * The sidebar's formulas. `exact` is the worker's renewal-reward evaluation of the current (s,S) (null while
 * it is computed or when it does not apply; `exactNote` then says why).
 */
export function formulaLines(x: FormulaInputs, exact: SsEvaluation | null, exactNote = 'computing…'): FormulaLine[] {
  const f = closedForm(x);
  const t = texNumber;
  const pn = plainNumber;
  const L = x.leadTimeMean;
  const R = x.reviewPeriods;
  const lines: FormulaLine[] = [];
  lines.push(
    x.orderCost > 0
      ? {
          id: 'eoq',
          title: 'Economic order quantity',
          tex: `Q^* = \\sqrt{\\dfrac{2DK}{h}} = \\sqrt{\\dfrac{2 \\cdot ${t(x.mean)} \\cdot ${t(x.orderCost)}}{${t(x.holdingCost)}}} = ${t(f.eoq, 1)}`,
          value: f.eoq,
          unit: 'units',
          note: `An order about every ${pn(f.cycle, 1)} periods at √(2DKh) = ${pn(f.eoqCost)} a period; your S − s is ${x.S - x.s}.`,
        }
      : {
          id: 'eoq',
          title: 'Economic order quantity',
          tex: `Q^* = \\sqrt{\\dfrac{2DK}{h}} = \\sqrt{\\dfrac{2 \\cdot ${t(x.mean)} \\cdot 0}{${t(x.holdingCost)}}} = 0`,
          value: 0,
          unit: 'units',
          note: 'With no fixed order cost, ordering every period costs nothing extra: the best (s,S) is (S − 1, S).',
        },
  );
  lines.push({
    id: 'critical-ratio',
    title: 'Critical ratio',
    tex: `z = \\Phi^{-1}\\!\\left(\\dfrac{p}{p+h}\\right) = \\Phi^{-1}\\!\\left(\\dfrac{${t(x.shortageCost)}}{${t(x.shortageCost)}+${t(x.holdingCost)}}\\right) = \\Phi^{-1}(${t(f.criticalRatio, 3)}) = ${t(f.z, 3)}`,
    value: f.z,
    unit: '',
    note: `Stock to the ${pn(f.criticalRatio * 100, 1)} % quantile: a unit short costs ${pn(x.shortageCost / x.holdingCost, 2)}× a unit held.`,
  });
  lines.push({
    id: 'safety-stock',
    title: 'Safety stock over L + R',
    tex:
      x.leadTimeSd > 0
        ? `SS = z\\sqrt{(L+R)\\sigma^2 + \\mu^2\\sigma_L^2} = ${t(f.z, 3)}\\sqrt{(${t(L)}+${t(R)})\\cdot ${t(x.sd)}^2 + ${t(x.mean)}^2\\cdot ${t(x.leadTimeSd)}^2} = ${t(f.safetyStock, 1)}`
        : `SS = z\\,\\sigma\\sqrt{L+R} = ${t(f.z, 3)} \\cdot ${t(x.sd)} \\cdot \\sqrt{${t(L)}+${t(R)}} = ${t(f.safetyStock, 1)}`,
    value: f.safetyStock,
    unit: 'units',
    note: x.leadTimeSd > 0
      ? `Lead-time variability adds μ²σ_L² = ${pn(x.mean * x.mean * x.leadTimeSd * x.leadTimeSd, 0)} to the variance (demand alone: ${pn((L + R) * x.sd * x.sd, 0)}).`
      : `Demand over the lead time plus one review period varies with σ√(L+R) = ${pn(f.sigmaP)}.`,
  });
  lines.push({
    id: 'order-up-to',
    title: 'Order-up-to level of (R,S)',
    tex: `S_R = \\mu(L+R) + SS = ${t(x.mean)}\\cdot(${t(L)}+${t(R)}) + ${t(f.safetyStock, 1)} = ${t(f.orderUpTo, 1)}`,
    value: f.orderUpTo,
    unit: 'units',
    note: `Review every R = ${R} period${R === 1 ? '' : 's'}; with R = 1 this is the base-stock level ${pn(f.baseStock, 1)}.`,
  });
  lines.push({
    id: 'newsvendor',
    title: 'Newsvendor (one period)',
    tex: `Q_{nv} = \\mu + z\\sigma = ${t(x.mean)} + ${t(f.z, 3)} \\cdot ${t(x.sd)} = ${t(f.newsvendor, 1)}`,
    value: f.newsvendor,
    unit: 'units',
    note: 'Normal approximation of F⁻¹(p/(p + h)); exact for K = 0 and L = 0 with backorders.',
  });
  const n = x.S - x.s;
  lines.push({
    id: 'ss-cost',
    title: 'Exact cost of your (s,S)',
    tex: `c(s,S) = \\dfrac{K + \\sum_{j=0}^{S-s-1} m(j)\\,G(S-j)}{M(S-s)} = \\dfrac{${t(x.orderCost)} + \\sum_{j=0}^{${n - 1}} m(j)\\,G(${x.S}-j)}{M(${n})} = ${exact ? t(exact.costPerPeriod, 3) : '\\,?'}`,
    value: exact?.costPerPeriod ?? NaN,
    unit: 'per period',
    note: exact
      ? `Renewal reward (Zheng–Federgruen): holding ${pn(exact.holdingCostPerPeriod)}, backorders ${pn(exact.backorderCostPerPeriod)}, ordering ${pn(exact.orderCostPerPeriod)} (${pn(exact.ordersPerPeriod, 3)} orders a period). m is the renewal mass of demand, G(y) = h·E(y − D)⁺ + p·E(D − y)⁺ over L + 1 periods.`
      : exactNote,
  });
  return lines;
}

/**
 * Policies to compare on the same demand, from the formulas: the scenario's own (s,S), base stock, (R,S)
 * (when R > 1), and (s,Q) from the continuous-review (r,Q) optimum with lead time L + 1 (when K > 0 and
 * demand varies). The worker adds the exact optimal (s,S).
 */
export function comparisonPolicies(x: FormulaInputs): NamedPolicy[] {
  const f = closedForm(x);
  const out: NamedPolicy[] = [{ name: `Your (s,S) = (${x.s}, ${x.S})`, policy: { kind: 'sS', s: x.s, S: x.S } }];
  const base = Math.ceil(f.baseStock);
  out.push({ name: `Base stock S = ${base}`, policy: { kind: 'base-stock', S: base } });
  if (x.reviewPeriods > 1) {
    const level = Math.ceil(f.orderUpTo);
    out.push({ name: `(R,S) = (${x.reviewPeriods}, ${level})`, policy: { kind: 'RS', reviewPeriods: x.reviewPeriods, S: level } });
  }
  if (x.orderCost > 0) {
    const lead = x.leadTimeMean + 1;
    const sdPerPeriod = protectionSd(x, lead) / Math.sqrt(lead);
    let s: number;
    let q: number;
    if (sdPerPeriod > 0) {
      const r = rqOptimize({ demandPerPeriod: x.mean, sdPerPeriod, leadTimePeriods: lead, orderCost: x.orderCost, holdingCost: x.holdingCost, backorderCost: x.shortageCost });
      s = Math.round(r.reorderPoint);
      q = Math.max(1, Math.round(r.orderQuantity));
    } else {
      q = Math.max(1, Math.round(f.eoq));
      s = Math.ceil(x.mean * lead) - 1;
    }
    out.push({ name: `(s,Q) = (${s}, ${q})`, policy: { kind: 'sQ', s, Q: q } });
  }
  return out;
}

/**
 * A starting (s,S) for a new demand source: reorder at mean demand over L + 1 periods and order up to that
 * plus the EOQ, the textbook heuristic the Zheng–Federgruen preset starts from ((10, 46) for Poisson(10)).
 */
export function heuristicPolicy(x: FormulaInputs): { s: number; S: number } {
  const s = Math.round(x.mean * (x.leadTimeMean + 1));
  return { s, S: s + Math.max(1, Math.round(closedForm(x).eoq)) };
}
