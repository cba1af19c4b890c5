import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/core/errors';
import { baseStockNormal } from '../../../src/lib/policy/base-stock';
import { poissonDistribution } from '../../../src/lib/policy/discrete';
import { eoq } from '../../../src/lib/policy/eoq';
import { newsvendorNormal, newsvendorPoisson, newsvendorSample } from '../../../src/lib/policy/newsvendor';
import { rqOptimize } from '../../../src/lib/policy/rq';
import { safetyStock } from '../../../src/lib/policy/safety-stock';
import { evaluateSs, optimizeSs } from '../../../src/lib/policy/ss-exact';

const ss = { demand: poissonDistribution(10), orderCost: 64, holdingCost: 1, backorderCost: 9 };
const cases: [string, () => unknown, RegExp][] = [
  ['optimizeSs backorderCost 0', () => optimizeSs({ ...ss, backorderCost: 0 }), /^invalid backorderCost: 0 /],
  ['optimizeSs negative holdingCost', () => optimizeSs({ ...ss, holdingCost: -1 }), /^invalid holdingCost: -1 /],
  ['optimizeSs negative orderCost', () => optimizeSs({ ...ss, orderCost: -5 }), /^invalid orderCost: -5 /],
  ['optimizeSs fractional lead time', () => optimizeSs({ ...ss, leadTimePeriods: 1.5 }), /^invalid leadTimePeriods: 1.5 /],
  ['optimizeSs NaN cost', () => optimizeSs({ ...ss, holdingCost: NaN }), /^invalid holdingCost: NaN /],
  ['evaluateSs string s', () => evaluateSs({ ...ss, s: '3' as unknown as number, S: 9 }), /^invalid s: "3" /],
  ['poisson mean 0', () => poissonDistribution(0), /^invalid mean: 0 /],
  ['poisson negative mean', () => poissonDistribution(-2), /^invalid mean: -2 /],
  ['eoq zero demand', () => eoq({ demandPerPeriod: 0, orderCost: 1, holdingCost: 1 }), /^invalid demandPerPeriod: 0 /],
  ['eoq backorderCost 0', () => eoq({ demandPerPeriod: 1, orderCost: 1, holdingCost: 1, backorderCost: 0 }), /^invalid backorderCost: 0 /],
  ['newsvendor sd 0', () => newsvendorNormal({ mean: 5, sd: 0, holdingCost: 1, shortageCost: 1 }), /^invalid sd: 0 /],
  ['newsvendor shortageCost 0', () => newsvendorPoisson({ mean: 5, holdingCost: 1, shortageCost: 0 }), /^invalid shortageCost: 0 /],
  ['newsvendor Infinity holding', () => newsvendorPoisson({ mean: 5, holdingCost: Infinity, shortageCost: 1 }), /^invalid holdingCost: Infinity /],
  ['newsvendor sample with NaN', () => newsvendorSample({ sample: [1, NaN], holdingCost: 1, shortageCost: 1 }), /^invalid sample\[1\]: NaN /],
  ['newsvendor empty sample', () => newsvendorSample({ sample: [], holdingCost: 1, shortageCost: 1 }), /^invalid sample: \[\] /],
  ['base stock negative lead', () => baseStockNormal({ meanPerPeriod: 1, sdPerPeriod: 1, leadTimePeriods: -3, holdingCost: 1, backorderCost: 1 }), /^invalid leadTimePeriods: -3 /],
  ['base stock review 0', () => baseStockNormal({ meanPerPeriod: 1, sdPerPeriod: 1, leadTimePeriods: 0, reviewPeriods: 0, holdingCost: 1, backorderCost: 1 }), /^invalid reviewPeriods: 0 /],
  ['safety stock level 1', () => safetyStock({ target: { kind: 'cycle', level: 1 }, demand: { kind: 'moments', mean: 1, sd: 1 }, protectionPeriods: 1 }), /^invalid target.level: 1 /],
  ['safety stock unknown target', () => safetyStock({ target: { kind: 'bogus' } as never, demand: { kind: 'moments', mean: 1, sd: 1 }, protectionPeriods: 1 }), /^invalid target.kind: "bogus" /],
  ['rq zero lead time', () => rqOptimize({ demandPerPeriod: 1, sdPerPeriod: 1, leadTimePeriods: 0, orderCost: 1, holdingCost: 1, backorderCost: 1 }), /^invalid leadTimePeriods: 0 /],
];

describe('bad parameters throw an AppError naming the value', () => {
  it.each(cases)('%s', (_name, call, message) => {
    let caught: unknown;
    try {
      call();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('invalid-option');
    expect((caught as AppError).message).toMatch(message);
  });
});
