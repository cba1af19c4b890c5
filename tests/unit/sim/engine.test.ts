import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/lib/sim/simulate';
import type { NamedPolicy, SimTrace, SimulateInput } from '../../../src/lib/sim/types';

/** Asserts the invariants listed in src/lib/sim/engine.ts on every period of a trace. */
function assertInvariants(tr: SimTrace, initialOnHand: number, unmet: 'backorder' | 'lost'): void {
  let arrived = 0;
  let sold = 0;
  let ordered = 0;
  for (let t = 0; t < tr.demand.length; t++) {
    const eps = 1e-9 * (1 + Math.abs(tr.inventoryPosition[t]));
    // inventory position = on hand + on order − backorders
    expect(Math.abs(tr.inventoryPosition[t] - (tr.onHand[t] + tr.onOrder[t] - tr.backorders[t]))).toBeLessThanOrEqual(eps);
    // on hand ≥ 0, backorders ≥ 0, never both positive
    expect(tr.onHand[t]).toBeGreaterThanOrEqual(0);
    expect(tr.backorders[t]).toBeGreaterThanOrEqual(0);
    expect(tr.onHand[t] > 0 && tr.backorders[t] > 0).toBe(false);
    if (unmet === 'lost') expect(tr.backorders[t]).toBe(0);
    else expect(tr.lostSales[t]).toBe(0);
    // units conserved
    arrived += tr.arrivals[t];
    sold += tr.demand[t] - tr.lostSales[t];
    expect(Math.abs(initialOnHand + arrived - sold - (tr.onHand[t] - tr.backorders[t]))).toBeLessThanOrEqual(1e-9 * (1 + sold));
    // Σ ordered = Σ arrived + on order
    ordered += tr.orderPlaced[t];
    expect(Math.abs(ordered - arrived - tr.onOrder[t])).toBeLessThanOrEqual(1e-9 * (1 + ordered));
  }
}

const policies: NamedPolicy[] = [
  { name: 'sS', policy: { kind: 'sS', s: 20, S: 60 } },
  { name: 'RS', policy: { kind: 'RS', reviewPeriods: 7, S: 110, offset: 3 } },
  { name: 'sQ', policy: { kind: 'sQ', s: 25, Q: 30 } },
  { name: 'base', policy: { kind: 'base-stock', S: 45 } },
];

/** A signal nobody aborts. */
const signal = new AbortController().signal;

const base = (over: Partial<SimulateInput>): SimulateInput => ({
  periods: 400,
  warmupPeriods: 20,
  replications: 2,
  seed: 11,
  demand: { kind: 'poisson', mean: 8 },
  costs: { holdingCost: 1, shortageCost: 5, orderCost: 20, purchaseCost: 2 },
  policies,
  ...over,
});

describe('engine invariants (checklist in src/lib/sim/engine.ts)', () => {
  const scenarios: [string, Partial<SimulateInput>][] = [
    ['backorders, L = 0', {}],
    ['backorders, fixed L = 3', { leadTime: { kind: 'fixed', periods: 3 } }],
    ['lost sales, random L 1..5 (orders cross)', { unmet: 'lost', leadTime: { kind: 'uniform', min: 1, max: 5 } }],
    ['backorders, discrete L, normal demand', { leadTime: { kind: 'discrete', values: [0, 2, 6], probabilities: [0.2, 0.5, 0.3] }, demand: { kind: 'normal', mean: 8, sd: 4 } }],
    ['lost sales, negative binomial', { unmet: 'lost', demand: { kind: 'negative-binomial', mean: 8, variance: 40 }, leadTime: { kind: 'fixed', periods: 2 } }],
  ];
  it.each(scenarios)('%s: position, non-negativity, conservation of units, orders = arrivals + on order', async (_name, over) => {
    const input = base(over);
    const r = await simulate(input, signal);
    for (const p of r.policies) {
      const start = p.policy.kind === 'sQ' ? p.policy.s + p.policy.Q : (p.policy as { S: number }).S;
      assertInvariants(p.trace!, start, input.unmet ?? 'backorder');
    }
  });
  it('the event log is in time order, and orders, arrivals and stockouts match the trace', async () => {
    const r = await simulate(base({ leadTime: { kind: 'fixed', periods: 2 } }), signal);
    for (const p of r.policies) {
      const ev = p.events!;
      for (let i = 1; i < ev.length; i++) expect(ev[i].period).toBeGreaterThanOrEqual(ev[i - 1].period);
      const sum = (k: string) => ev.filter((e) => e.kind === k).reduce((a, e) => a + e.quantity, 0);
      const tr = p.trace!;
      expect(sum('order-placed')).toBe(tr.orderPlaced.reduce((a, b) => a + b, 0));
      expect(sum('order-arrived')).toBe(tr.arrivals.reduce((a, b) => a + b, 0));
      for (const e of ev.filter((x) => x.kind === 'order-placed')) expect(e.duePeriod).toBe(e.period + 2);
    }
    expect(r.policies[0].events!.some((e) => e.kind === 'stockout')).toBe(true);
  });
  it('costs in the trace are h·on hand, p·backorders, K per order and c per unit', async () => {
    const r = await simulate(base({ leadTime: { kind: 'fixed', periods: 1 } }), signal);
    const tr = r.policies[0].trace!;
    for (let t = 0; t < tr.demand.length; t++) {
      expect(tr.holdingCost[t]).toBe(tr.onHand[t]);
      expect(tr.shortageCost[t]).toBe(5 * tr.backorders[t]);
      expect(tr.orderCost[t]).toBe(tr.orderPlaced[t] > 0 ? 20 : 0);
      expect(tr.purchaseCost[t]).toBe(2 * tr.orderPlaced[t]);
    }
  });
  it('policy rules: (s,S) orders only at or below s, (R,S) only on review days, (s,Q) in multiples of Q', async () => {
    const r = await simulate(base({ replications: 1 }), signal);
    const [sS, RS, sQ, bs] = r.policies.map((p) => p.trace!);
    for (let t = 0; t < sS.demand.length; t++) {
      // Position before ordering = end-of-previous-period position (arrivals do not change it).
      const before = (tr: SimTrace) => (t === 0 ? (tr === sQ ? 55 : tr === RS ? 110 : tr === bs ? 45 : 60) : tr.inventoryPosition[t - 1]);
      if (sS.orderPlaced[t] > 0) {
        expect(before(sS)).toBeLessThanOrEqual(20);
        expect(before(sS) + sS.orderPlaced[t]).toBe(60);
      } else expect(before(sS)).toBeGreaterThan(20);
      if (RS.orderPlaced[t] > 0) expect(t % 7).toBe(3);
      if (sQ.orderPlaced[t] > 0) {
        expect(sQ.orderPlaced[t] % 30).toBe(0);
        expect(before(sQ) + sQ.orderPlaced[t]).toBeGreaterThan(25);
        expect(before(sQ) + sQ.orderPlaced[t] - 30).toBeLessThanOrEqual(25);
      }
      if (bs.orderPlaced[t] > 0) expect(before(bs) + bs.orderPlaced[t]).toBe(45);
    }
  });
});
