import { describe, expect, it } from 'vitest';
import { maybeReorderOptions } from '../../../src/lib/reorder';
import { DEFAULT_PLANNER_OPTIONS, planForecast, presetModels, toReorderOptions } from '../../../src/lib/reorder-run';

describe('planner options', () => {
  it('the defaults are the engine defaults (EOQ off)', () => {
    const o = maybeReorderOptions(toReorderOptions(DEFAULT_PLANNER_OPTIONS));
    expect(o).toMatchObject({ reviewDays: 7, overstockDays: 120, serviceLevelSource: 'item', serviceLevelByClass: { A: 0.98, B: 0.95, C: 0.9 }, lotSizing: { kind: 'order-up-to' } });
  });

  it('EOQ on passes its costs; a bad value is named by the engine', () => {
    const o = toReorderOptions({ ...DEFAULT_PLANNER_OPTIONS, eoq: true, orderCost: 40, holdingRatePercent: 20 });
    expect(o.lotSizing).toEqual({ kind: 'eoq', orderCost: 40, holdingRatePerYear: 0.2 });
    expect(() => maybeReorderOptions(toReorderOptions({ ...DEFAULT_PLANNER_OPTIONS, serviceA: 100 }))).toThrow(/invalid serviceLevelByClass.A: 1/);
    expect(() => maybeReorderOptions(toReorderOptions({ ...DEFAULT_PLANNER_OPTIONS, reviewDays: null as unknown as number }))).toThrow(/invalid reviewDays: null/);
  });
});

describe('planForecast', () => {
  it('demo daily (731 days, longest lead time 21 days, review 7): 32-day horizon, three 32-day backtest windows', () => {
    const plan = planForecast({ frequency: 'daily', periods: 731, maxLeadTimeDays: 21, reviewDays: 7, preset: 'standard', intermittent: true });
    expect(plan.horizon).toBe(32);
    expect(plan.settings).toMatchObject({ horizon: 32, firstOrigin: 635, lastOrigin: 699, step: 32, modelIds: ['snaive', 'ets', 'stl-ets', 'sdiff-ses', 'croston', 'tsb'] });
  });

  it('weekly: lead time and review in weeks, rounded up; quick preset', () => {
    const plan = planForecast({ frequency: 'weekly', periods: 156, maxLeadTimeDays: 10, reviewDays: 7, preset: 'quick', intermittent: false });
    expect(plan.horizon).toBe(3 + 4);
    expect(plan.settings.modelIds).toEqual(presetModels('quick', false));
    expect(plan.settings.lastOrigin! - plan.settings.firstOrigin).toBe(2 * plan.settings.step);
  });

  it('a dataset too short for one window is named', () => {
    expect(() => planForecast({ frequency: 'weekly', periods: 3, maxLeadTimeDays: 7, reviewDays: 7, preset: 'quick', intermittent: false })).toThrow(/3 periods/);
  });
});
