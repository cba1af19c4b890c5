import { describe, expect, it } from 'vitest';
import { isAbortError } from '../../../src/lib/core/abort';
import { eoq } from '../../../src/lib/policy/eoq';
import { normalQuantile } from '../../../src/lib/policy/normal';
import { safetyStock } from '../../../src/lib/policy/safety-stock';
import { createSyntheticReorderInput } from '../../../src/lib/reorder/bench';
import { reorder, runReorder } from '../../../src/lib/reorder/engine';
import { roundOrderQuantity } from '../../../src/lib/reorder/item-plan';
import { FLAG, STATUS, type ReorderResult } from '../../../src/lib/reorder/types';
import type { Progress } from '../../../src/lib/core/progress';
import { flatForecast, item } from './helpers';

const statusOf = (r: ReorderResult, i = 0) => r.status[i];
const has = (r: ReorderResult, flag: keyof typeof FLAG, i = 0) => (r.flags[i] & FLAG[flag]) !== 0;

describe('runReorder: position, reorder point and status boundaries', () => {
  it('position = on hand + on order + open orders − backorders', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', onHand: 50, onOrder: 30, backorders: 5 })],
      forecasts: [flatForecast('a', 10)],
      openOrders: [{ seriesId: 'a', quantity: 12 }, { seriesId: 'zz', quantity: 3 }, { seriesId: 'a', quantity: 0 }],
    });
    expect(r.columns.position[0]).toBe(50 + 30 + 12 - 5);
    expect(r.columns.openOrderUnits[0]).toBe(12);
    expect(r.ignoredOpenOrders).toBe(2);
    expect(has(r, 'open-orders')).toBe(true);
  });

  it('σ = 0, 10/day, L 7 + R 7: reorder point = 140; position 140 is REORDER, 141 is HEALTHY', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', onHand: 140 }), item({ seriesId: 'b', onHand: 141 })],
      forecasts: [flatForecast('a', 10), flatForecast('b', 10)],
    });
    expect(r.columns.reorderPoint[0]).toBe(140);
    expect(r.columns.safetyStock[0]).toBe(0);
    expect(statusOf(r, 0)).toBe(STATUS.REORDER);
    expect(statusOf(r, 1)).toBe(STATUS.HEALTHY);
    expect(r.columns.orderQuantity[1]).toBe(0);
  });

  it('stockout exactly at the lead time is not CRITICAL; one unit less is', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', onHand: 70 }), item({ seriesId: 'b', onHand: 69 })],
      forecasts: [flatForecast('a', 10), flatForecast('b', 10)],
    });
    expect(r.columns.daysToStockout[0]).toBe(7);
    expect(statusOf(r, 0)).toBe(STATUS.REORDER);
    expect(r.columns.daysToStockout[1]).toBeCloseTo(6.9, 12);
    expect(statusOf(r, 1)).toBe(STATUS.CRITICAL);
  });

  it('an open order arriving before the stock runs out prevents CRITICAL; one arriving after does not', () => {
    const base = { seriesId: 'a', onHand: 30, leadTimeDays: 7 };
    const fc = [flatForecast('a', 10)];
    const early = runReorder({ items: [item(base)], forecasts: fc, openOrders: [{ seriesId: 'a', quantity: 100, expectedArrivalDay: 15002 }] });
    const late = runReorder({ items: [item(base)], forecasts: fc, openOrders: [{ seriesId: 'a', quantity: 100, expectedArrivalDay: 15004 }] });
    expect(early.columns.daysToStockout[0]).toBe(13);
    expect(statusOf(early)).not.toBe(STATUS.CRITICAL);
    expect(late.columns.daysToStockout[0]).toBe(3);
    expect(statusOf(late)).toBe(STATUS.CRITICAL);
  });

  it('an arrival exactly when the stock reaches zero prevents the stockout', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', onHand: 30 })],
      forecasts: [flatForecast('a', 10)],
      openOrders: [{ seriesId: 'a', quantity: 50, orderDay: 14996 }],
    });
    // ordered 4 days before as-of with a 7-day lead time: arrives on day 3, when 30 units are gone.
    expect(r.columns.daysToStockout[0]).toBe(8);
  });

  it('snapshot on order arrives at half the lead time by default, at the lead time or now on request', () => {
    const it0 = item({ seriesId: 'a', onHand: 20, onOrder: 100, leadTimeDays: 8 });
    const fc = [flatForecast('a', 10)];
    expect(runReorder({ items: [it0], forecasts: fc }).columns.daysToStockout[0]).toBe(2);
    expect(runReorder({ items: [item({ ...it0, onHand: 45 })], forecasts: fc }).columns.daysToStockout[0]).toBe(14.5);
    expect(runReorder({ items: [item({ ...it0, onHand: 45 })], forecasts: fc, options: { onOrderArrival: 'lead-time' } }).columns.daysToStockout[0]).toBe(4.5);
    expect(runReorder({ items: [it0], forecasts: fc, options: { onOrderArrival: 'now' } }).columns.daysToStockout[0]).toBe(12);
  });

  it('CRITICAL with the position above order-up-to recommends no order and flags expedite', () => {
    const r = runReorder({ items: [item({ seriesId: 'a', onHand: 10, onOrder: 500 })], forecasts: [flatForecast('a', 10)], options: { onOrderArrival: 'lead-time' } });
    expect(statusOf(r)).toBe(STATUS.CRITICAL);
    expect(r.columns.orderQuantity[0]).toBe(0);
    expect(has(r, 'expedite')).toBe(true);
  });
});

describe('order quantity rounding', () => {
  it.each([
    // [raw, moq, pack, expected]
    [0, 1, 1, 1],
    [72, 1, 1, 72],
    [72.2, 1, 1, 73],
    [72, 100, 1, 100],
    [72, 1, 12, 72],
    [73, 1, 12, 84],
    [72, 100, 12, 108],
    [150, 100, 12, 156],
    [72.00000000001, 1, 1, 72],
    [0.3, 0.5, 0.25, 0.5],
  ])('roundOrderQuantity(%d, moq %d, pack %d) = %d', (raw, moq, pack, expected) => {
    expect(roundOrderQuantity(raw, moq, pack)).toBeCloseTo(expected, 12);
  });

  it('the engine orders S − position rounded up to MOQ and packs, and flags both', () => {
    const r = runReorder({
      items: [
        item({ seriesId: 'a', onHand: 100, moq: 50, packSize: 1 }),
        item({ seriesId: 'b', onHand: 100, moq: 1, packSize: 12 }),
        item({ seriesId: 'c', onHand: 100, moq: 100, packSize: 12 }),
      ],
      forecasts: [flatForecast('a', 10), flatForecast('b', 10), flatForecast('c', 10)],
    });
    expect(r.columns.rawQuantity[0]).toBe(40);
    expect(r.columns.orderQuantity[0]).toBe(50);
    expect(has(r, 'moq-applied', 0)).toBe(true);
    expect(r.columns.orderQuantity[1]).toBe(48);
    expect(has(r, 'pack-rounded', 1)).toBe(true);
    expect(has(r, 'moq-applied', 1)).toBe(false);
    expect(r.columns.orderQuantity[2]).toBe(108);
    expect(r.columns.orderValue[2]).toBe(216);
  });

  it('EOQ lot sizing orders up to s + EOQ, the policy library’s EOQ on annual demand', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', onHand: 100, unitCost: 4 })],
      forecasts: [flatForecast('a', 10)],
      options: { lotSizing: { kind: 'eoq', orderCost: 50, holdingRatePerYear: 0.25 } },
    });
    const q = eoq({ demandPerPeriod: 3650, orderCost: 50, holdingCost: 1 }).orderQuantity;
    expect(r.columns.eoq[0]).toBeCloseTo(q, 10);
    expect(r.columns.orderUpTo[0]).toBeCloseTo(140 + q, 10);
    expect(r.columns.orderQuantity[0]).toBe(Math.ceil(140 + q - 100));
    expect(has(r, 'eoq-applied')).toBe(true);
  });
});

describe('demand over the protection interval and safety stock', () => {
  it('weekly forecast, 10-day lead time: μ_L takes 3/7 of the second week', () => {
    const r = runReorder({
      items: [item({ seriesId: 'w', leadTimeDays: 10 })],
      forecasts: [flatForecast('w', 0, { periodDays: 7, mean: new Float64Array([70, 140, 210, 280]) })],
      options: { reviewDays: 7 },
    });
    expect(r.columns.demandLead[0]).toBeCloseTo(70 + (3 / 7) * 140, 12);
    expect(r.columns.demandProtection[0]).toBeCloseTo(70 + 140 + (3 / 7) * 210, 12);
  });

  it('ρ = 0 and constant σ: safety stock equals policy safetyStock with lead-time variability', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', leadTimeDays: 5, leadTimeStdDays: 1.5, serviceLevel: 0.9 })],
      forecasts: [flatForecast('a', 100, { errorSigma: new Float64Array([20]) })],
      options: { reviewDays: 0 },
    });
    const ref = safetyStock({ target: { kind: 'cycle', level: 0.9 }, demand: { kind: 'moments', mean: 100, sd: 20 }, protectionPeriods: 5, leadTimeSdPeriods: 1.5 });
    expect(r.columns.safetyStock[0]).toBeCloseTo(ref.safetyStock, 9);
    expect(r.columns.reorderPoint[0]).toBeCloseTo(ref.level, 9);
    expect(r.columns.sigmaProtection[0]).toBeCloseTo(ref.sdOverProtection, 9);
    expect(has(r, 'lead-time-variability')).toBe(true);
  });

  it('ρ = 1 adds the per-period σ linearly: σ_P = Σ σ_h', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', leadTimeDays: 4 })],
      forecasts: [flatForecast('a', 10, { errorSigma: new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]) })],
      options: { reviewDays: 2, errorCorrelation: 1 },
    });
    expect(r.columns.sigmaProtection[0]).toBeCloseTo(1 + 2 + 3 + 4 + 5 + 6, 12);
    expect(r.columns.safetyStock[0]).toBeCloseTo(normalQuantile(0.95) * 21, 10);
  });

  it('σ read off normal quantiles recovers σ, at a service level between two given levels', () => {
    const levels = [0.1, 0.5, 0.9, 0.99];
    const sd = 6;
    const mean = new Float64Array(30).fill(40);
    const quantiles = levels.map((p) => new Float64Array(30).fill(40 + sd * normalQuantile(p)));
    const r = runReorder({
      items: [item({ seriesId: 'q', serviceLevel: 0.95, leadTimeDays: 3 }), item({ seriesId: 'q2', serviceLevel: 0.995 })],
      forecasts: [
        { seriesId: 'q', periodDays: 1, firstDay: 0, mean, quantileLevels: levels, quantiles },
        { seriesId: 'q2', periodDays: 1, firstDay: 0, mean, quantileLevels: levels, quantiles },
      ],
      options: { reviewDays: 1 },
    });
    expect(r.columns.sigmaProtection[0]).toBeCloseTo(sd * 2, 10);
    expect(r.columns.sigmaProtection[1]).toBeCloseTo(sd * Math.sqrt(8), 10);
    expect(has(r, 'sigma-from-quantiles')).toBe(true);
  });

  it('σ from right-skewed quantiles uses the upper tail', () => {
    const levels = [0.05, 0.5, 0.95];
    const mk = (v: number) => new Float64Array(10).fill(v);
    const r = runReorder({
      items: [item({ seriesId: 'q', serviceLevel: 0.95, leadTimeDays: 1 })],
      forecasts: [{ seriesId: 'q', periodDays: 1, firstDay: 0, mean: mk(12), quantileLevels: levels, quantiles: [mk(9), mk(10), mk(30)] }],
      options: { reviewDays: 0 },
    });
    expect(r.columns.safetyStock[0]).toBeCloseTo(20, 10);
  });

  it('without σ or quantiles σ_h = √μ_h (Poisson), flagged', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', leadTimeDays: 4 })],
      forecasts: [flatForecast('a', 9, { errorSigma: undefined })],
      options: { reviewDays: 0 },
    });
    expect(r.columns.sigmaProtection[0]).toBeCloseTo(6, 12);
    expect(has(r, 'sigma-poisson')).toBe(true);
  });

  it('a horizon shorter than the protection interval is extended at the horizon average, flagged', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', leadTimeDays: 5 })],
      forecasts: [flatForecast('a', 0, { mean: new Float64Array([10, 20, 30]) })],
      options: { reviewDays: 0 },
    });
    expect(r.columns.demandLead[0]).toBeCloseTo(60 + 2 * 20, 12);
    expect(has(r, 'horizon-extended')).toBe(true);
  });

  it('an as-of day after the forecast start skips the elapsed periods; before it, the first period rate fills the gap', () => {
    const fc = flatForecast('a', 0, { mean: new Float64Array([100, 1, 1, 1, 1, 1, 1, 1, 1, 1]) });
    const later = runReorder({ items: [item({ seriesId: 'a', leadTimeDays: 2 })], forecasts: [fc], options: { asOfDay: 15001, reviewDays: 0 } });
    expect(later.columns.demandLead[0]).toBeCloseTo(2, 12);
    const earlier = runReorder({ items: [item({ seriesId: 'a', leadTimeDays: 2 })], forecasts: [fc], options: { asOfDay: 14999, reviewDays: 0 } });
    expect(earlier.columns.demandLead[0]).toBeCloseTo(200, 12);
    expect(has(earlier, 'forecast-starts-later')).toBe(true);
  });
});

describe('days of cover and overstock', () => {
  it('cover = days until the forecast mean consumes the position, fractional', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', onHand: 250 }), item({ seriesId: 'w', onHand: 35, backorders: 0 })],
      forecasts: [flatForecast('a', 10), flatForecast('w', 70, { periodDays: 7 })],
    });
    expect(r.columns.coverDays[0]).toBe(25);
    expect(r.columns.onHandCoverDays[0]).toBe(25);
    expect(r.columns.coverDays[1]).toBeCloseTo(3.5, 12);
  });

  it('cover beyond the limit is OVERSTOCK; excess = position − demand over the limit, valued at unit cost', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', onHand: 1500, unitCost: 3 })],
      forecasts: [flatForecast('a', 10)],
      options: { overstockDays: 100 },
    });
    expect(r.columns.coverDays[0]).toBe(150);
    expect(statusOf(r)).toBe(STATUS.OVERSTOCK);
    expect(r.columns.excessUnits[0]).toBe(500);
    expect(r.columns.excessValue[0]).toBe(1500);
    expect(r.summary.totalExcessValue).toBe(1500);
    expect(has(r, 'cover-beyond-horizon')).toBe(true);
  });

  it('zero forecast: stock is all excess; no stock is HEALTHY with no order', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', onHand: 8 }), item({ seriesId: 'b', onHand: 0 })],
      forecasts: [flatForecast('a', 0), flatForecast('b', 0)],
    });
    expect(r.columns.coverDays[0]).toBe(Infinity);
    expect(statusOf(r, 0)).toBe(STATUS.OVERSTOCK);
    expect(r.columns.excessUnits[0]).toBe(8);
    expect(statusOf(r, 1)).toBe(STATUS.HEALTHY);
    expect(r.columns.orderQuantity[1]).toBe(0);
    expect(has(r, 'zero-forecast', 1)).toBe(true);
  });
});

describe('data problems get a status and a reason, never a silent zero', () => {
  it('NaN on hand → STOCK_UNKNOWN; negative on hand → flagged and CRITICAL', () => {
    const r = runReorder({
      items: [item({ seriesId: 'a', onHand: NaN }), item({ seriesId: 'b', onHand: -5 })],
      forecasts: [flatForecast('a', 10), flatForecast('b', 10)],
    });
    expect(statusOf(r, 0)).toBe(STATUS.STOCK_UNKNOWN);
    expect(r.reasons[0]).toMatch(/on hand is missing \(NaN\)/);
    expect(r.columns.orderQuantity[0]).toBeNaN();
    expect(has(r, 'negative-on-hand', 1)).toBe(true);
    expect(statusOf(r, 1)).toBe(STATUS.CRITICAL);
    expect(r.columns.daysToStockout[1]).toBe(0);
  });

  it('no forecast → NO_FORECAST; made without history → NO_HISTORY; NaN in the mean or a negative lead time → INVALID_INPUT', () => {
    const r = runReorder({
      items: [item({ seriesId: 'none' }), item({ seriesId: 'h0' }), item({ seriesId: 'nan' }), item({ seriesId: 'lt', leadTimeDays: -3 })],
      forecasts: [
        flatForecast('h0', 5, { historyPeriods: 0 }),
        flatForecast('nan', 5, { mean: new Float64Array([1, NaN, 2]) }),
        flatForecast('lt', 5),
      ],
    });
    expect(Array.from(r.status)).toEqual([STATUS.NO_FORECAST, STATUS.NO_HISTORY, STATUS.INVALID_INPUT, STATUS.INVALID_INPUT]);
    expect(r.reasons[0]).toMatch(/no forecast for series "none"/);
    expect(r.reasons[2]).toMatch(/NaN in period 2/);
    expect(r.reasons[3]).toMatch(/lead time is -3 days/);
    for (let i = 0; i < 4; i++) expect(r.columns.orderQuantity[i]).toBeNaN();
  });

  it('bad options throw naming the value; bad forecast shapes throw naming the field', () => {
    const base = { items: [item({ seriesId: 'a' })], forecasts: [flatForecast('a', 1)] };
    expect(() => runReorder({ ...base, options: { reviewDays: -1 } })).toThrow(/invalid reviewDays: -1/);
    expect(() => runReorder({ ...base, options: { overstockDays: 0 } })).toThrow(/invalid overstockDays: 0/);
    expect(() => runReorder({ ...base, options: { errorCorrelation: 2 } })).toThrow(/invalid errorCorrelation: 2/);
    expect(() => runReorder({ ...base, options: { serviceLevelByClass: { A: 1, B: 0.9, C: 0.8 } } })).toThrow(/invalid serviceLevelByClass.A: 1/);
    expect(() => runReorder({ ...base, forecasts: [flatForecast('a', 1, { periodDays: 0 })] })).toThrow(/invalid forecast.periodDays: 0/);
    expect(() => runReorder({ ...base, forecasts: [flatForecast('a', 1, { quantileLevels: [0.5], quantiles: [] })] })).toThrow(/invalid forecast.quantiles/);
  });
});

describe('service level source', () => {
  it('a defaulted service level takes its ABC class level; class mode overrides the item', () => {
    const items = [
      item({ seriesId: 'big', unitCost: 100, serviceLevel: 0.95, defaulted: ['serviceLevel'] }),
      item({ seriesId: 'small', unitCost: 1, serviceLevel: 0.97 }),
    ];
    const fcs = [flatForecast('big', 10), flatForecast('small', 10)];
    const r = runReorder({ items, forecasts: fcs });
    expect(r.columns.serviceLevel[0]).toBe(0.98);
    expect(has(r, 'service-level-from-class', 0)).toBe(true);
    expect(r.columns.serviceLevel[1]).toBe(0.97);
    const byClass = runReorder({ items, forecasts: fcs, options: { serviceLevelSource: 'class', serviceLevelByClass: { A: 0.99, B: 0.9, C: 0.8 } } });
    expect(Array.from(byClass.columns.serviceLevel)).toEqual([0.99, 0.8]);
  });
});

describe('reorder (async)', () => {
  it('reports progress ending at done = total and matches runReorder', async () => {
    const items = Array.from({ length: 25 }, (_, i) => item({ seriesId: `s${i}`, onHand: 10 * i }));
    const forecasts = items.map((it) => flatForecast(it.seriesId, 10));
    const events: Progress[] = [];
    const r = await reorder({ items, forecasts }, { signal: new AbortController().signal, onProgress: (p) => events.push(p), chunkSize: 4 });
    expect(events.at(-1)).toEqual({ phase: 'reordering', done: 50, total: 50 });
    expect(Array.from(r.status)).toEqual(Array.from(runReorder({ items, forecasts }).status));
  });

  it('rejects with an AbortError when cancelled between chunks', async () => {
    const items = Array.from({ length: 20 }, (_, i) => item({ seriesId: `s${i}` }));
    const ac = new AbortController();
    const run = reorder({ items, forecasts: [] }, { signal: ac.signal, chunkSize: 5, onProgress: () => ac.abort() });
    await expect(run).rejects.toSatisfy(isAbortError);
  });
});

describe('invariants on a mixed synthetic snapshot', () => {
  it('hold on every row (see engine.ts)', () => {
    const input = createSyntheticReorderInput({ items: 3000, seed: 11 });
    const r = runReorder(input);
    const c = r.columns;
    for (let i = 0; i < r.count; i++) {
      const st = r.status[i];
      const planned = st <= STATUS.OVERSTOCK;
      expect(r.reasons[i] === '', `row ${i}`).toBe(planned);
      if (!planned) {
        expect(c.orderQuantity[i]).toBeNaN();
        continue;
      }
      expect(c.position[i]).toBeCloseTo(c.onHand[i] + c.onOrder[i] + c.openOrderUnits[i] - c.backorders[i], 9);
      expect(c.reorderPoint[i]).toBeCloseTo(c.demandProtection[i] + c.safetyStock[i], 9);
      expect(c.safetyStock[i]).toBeCloseTo(normalQuantile(c.serviceLevel[i]) * c.sigmaProtection[i], 9);
      expect(c.orderUpTo[i]).toBeGreaterThanOrEqual(c.reorderPoint[i]);
      const q = c.orderQuantity[i];
      if (q > 0) {
        expect(q).toBeGreaterThanOrEqual(c.moq[i]);
        expect(Math.abs(q / c.packSize[i] - Math.round(q / c.packSize[i]))).toBeLessThan(1e-9);
      }
      expect(st === STATUS.CRITICAL).toBe(c.daysToStockout[i] < c.leadTimeDays[i]);
      if (st !== STATUS.CRITICAL) expect(st === STATUS.REORDER).toBe(c.position[i] <= c.reorderPoint[i] && (c.reorderPoint[i] > 0 || c.position[i] < 0));
    }
  });
});
