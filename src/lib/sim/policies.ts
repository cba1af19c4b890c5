import type { PolicySpec } from './types';

/** Decides the order quantity of period t from the inventory position x seen at review (units, ≥ 0). */
export type OrderRule = (t: number, x: number) => number;

/** The order rule of a validated policy. See `PolicySpec` for the meaning of each kind. */
export function createOrderRule(spec: PolicySpec): OrderRule {
  switch (spec.kind) {
    case 'sS': {
      const { s, S } = spec;
      return (_t, x) => (x <= s ? S - x : 0);
    }
    case 'RS': {
      const { reviewPeriods: r, S } = spec;
      const offset = spec.offset ?? 0;
      return (t, x) => (t % r === offset && x < S ? S - x : 0);
    }
    case 'sQ': {
      const { s, Q } = spec;
      // Smallest n ≥ 1 with x + nQ > s.
      return (_t, x) => (x <= s ? Q * (Math.floor((s - x) / Q) + 1) : 0);
    }
    case 'base-stock': {
      const { S } = spec;
      return (_t, x) => (x < S ? S - x : 0);
    }
    case 'forecast-order-up-to': {
      const level = levelOf(spec);
      const r = spec.reviewPeriods ?? 1;
      return (t, x) => {
        if (t % r !== 0) return 0;
        const target = level(t);
        return x < target ? target - x : 0;
      };
    }
  }
}

/** S_t of a forecast-driven policy: μ_t + z·σ_t, or the supplied level. */
function levelOf(spec: Extract<PolicySpec, { kind: 'forecast-order-up-to' }>): (t: number) => number {
  const f = spec.forecast;
  if (f.kind === 'level') return (t) => f.level[t];
  const z = spec.z ?? 1.6448536269514722;
  return (t) => f.mean[t] + z * f.sd[t];
}

/** Default starting on hand: S (sS, RS, base stock), s + Q (sQ), the period-0 level (forecast), never < 0. */
export function defaultInitialOnHand(spec: PolicySpec): number {
  switch (spec.kind) {
    case 'sS':
    case 'RS':
    case 'base-stock':
      return Math.max(0, spec.S);
    case 'sQ':
      return Math.max(0, spec.s + spec.Q);
    case 'forecast-order-up-to':
      return Math.max(0, Math.ceil(levelOf(spec)(0)));
  }
}
