import { invalidOption, maybeFinite, maybeInteger, maybeNonNegative, maybeOneOf } from '../core/errors';
import { maybeOpenProbability, maybePositiveCost } from '../policy/options';
import type { LotSizing, NormalizedReorderOptions, ReorderOptions } from './types';

/** Documented defaults of `ReorderOptions`. */
export const DEFAULT_REORDER_OPTIONS: Readonly<NormalizedReorderOptions> = Object.freeze<NormalizedReorderOptions>({
  asOfDay: NaN,
  reviewDays: 7,
  serviceLevelByClass: { A: 0.98, B: 0.95, C: 0.9 },
  serviceLevelSource: 'item',
  abcThresholds: [0.8, 0.95],
  xyzThresholds: [0.5, 1.0],
  overstockDays: 120,
  errorCorrelation: 0,
  lotSizing: { kind: 'order-up-to' },
  serviceMeasure: 'cycle',
  cumulativeRule: 'rms',
  onOrderArrival: 'half-lead-time',
  shortHistoryPeriods: 52,
});

function maybePair(name: string, value: unknown, lo: number, hi: number): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) invalidOption(name, value, 'two numbers');
  const a = maybeFinite(`${name}[0]`, value[0]);
  const b = maybeFinite(`${name}[1]`, value[1]);
  if (!(a > lo && a <= b && b <= hi)) invalidOption(name, value, `0 < first ≤ second ≤ ${hi}`);
  return [a, b];
}

function maybeLotSizing(value: unknown): LotSizing {
  const v = value as LotSizing;
  const kind = maybeOneOf('lotSizing.kind', v?.kind, ['order-up-to', 'eoq'] as const);
  if (kind === 'order-up-to') return { kind };
  const e = v as Extract<LotSizing, { kind: 'eoq' }>;
  return {
    kind,
    orderCost: maybePositiveCost('lotSizing.orderCost', e.orderCost),
    holdingRatePerYear: maybePositiveCost('lotSizing.holdingRatePerYear', e.holdingRatePerYear),
  };
}

/** Fills defaults and checks every option; throws `invalid <name>: <value>` on the first bad one. */
export function maybeReorderOptions(options: ReorderOptions | undefined): NormalizedReorderOptions {
  const o = options ?? {};
  if (typeof o !== 'object') invalidOption('options', o, 'an object');
  const d = DEFAULT_REORDER_OPTIONS;
  const byClass = o.serviceLevelByClass ?? d.serviceLevelByClass;
  return {
    asOfDay: o.asOfDay === undefined ? NaN : maybeInteger('asOfDay', o.asOfDay),
    reviewDays: o.reviewDays === undefined ? d.reviewDays : maybeInteger('reviewDays', o.reviewDays, 0, 3660),
    serviceLevelByClass: {
      A: maybeOpenProbability('serviceLevelByClass.A', byClass.A),
      B: maybeOpenProbability('serviceLevelByClass.B', byClass.B),
      C: maybeOpenProbability('serviceLevelByClass.C', byClass.C),
    },
    serviceLevelSource: o.serviceLevelSource === undefined ? d.serviceLevelSource : maybeOneOf('serviceLevelSource', o.serviceLevelSource, ['item', 'class'] as const),
    abcThresholds: o.abcThresholds === undefined ? [...d.abcThresholds] : maybePair('abcThresholds', o.abcThresholds, 0, 1),
    xyzThresholds: o.xyzThresholds === undefined ? [...d.xyzThresholds] : maybePair('xyzThresholds', o.xyzThresholds, 0, Infinity),
    overstockDays: o.overstockDays === undefined ? d.overstockDays : maybeNonNegative('overstockDays', o.overstockDays, true),
    errorCorrelation: o.errorCorrelation === undefined ? d.errorCorrelation : maybeUnit('errorCorrelation', o.errorCorrelation),
    lotSizing: o.lotSizing === undefined ? d.lotSizing : maybeLotSizing(o.lotSizing),
    serviceMeasure: o.serviceMeasure === undefined ? d.serviceMeasure : maybeOneOf('serviceMeasure', o.serviceMeasure, ['cycle', 'fill-rate'] as const),
    cumulativeRule: o.cumulativeRule === undefined ? d.cumulativeRule : maybeOneOf('cumulativeRule', o.cumulativeRule, ['empirical', 'rms'] as const),
    onOrderArrival: o.onOrderArrival === undefined ? d.onOrderArrival : maybeOneOf('onOrderArrival', o.onOrderArrival, ['now', 'half-lead-time', 'lead-time'] as const),
    shortHistoryPeriods: o.shortHistoryPeriods === undefined ? d.shortHistoryPeriods : maybeInteger('shortHistoryPeriods', o.shortHistoryPeriods, 0),
  };
}

function maybeUnit(name: string, value: unknown): number {
  const v = maybeFinite(name, value);
  if (!(v >= 0 && v <= 1)) invalidOption(name, value, 'a number in [0, 1]');
  return v;
}
