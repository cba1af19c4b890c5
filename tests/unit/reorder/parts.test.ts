import { describe, expect, it } from 'vitest';
import { createSyntheticReorderInput } from '../../../src/lib/reorder/bench';
import { runReorder } from '../../../src/lib/reorder/engine';
import { packForecasts, unpackForecasts } from '../../../src/lib/reorder/packed-forecasts';
import { reorderInParts, runReorderPart, type ReorderPartInput } from '../../../src/lib/reorder/parts';
import { STATUS, type ReorderInput, type ReorderResult } from '../../../src/lib/reorder/types';
import { flatForecast, item } from './helpers';

// The engine in parts (lib/reorder/parts.ts): the per-item plans of any split of the rows, merged, are exactly one
// run's. Parts cross by structured clone here, as they cross to a pool worker (tests/unit/workers has real threads).

/** The synthetic snapshot with every branch: cumulative errors on some items, a NaN mean, an item twice, orders. */
function input(n = 1500, options: ReorderInput['options'] = { overstockDays: 90 }): ReorderInput {
  const base = createSyntheticReorderInput({ items: n, seed: 7 });
  const forecasts = base.forecasts.map((fc, k) => {
    if (k % 7 === 1) return { ...fc, errorSigma: undefined, quantileLevels: [], quantiles: [], cumulativeErrors: { byPeriods: Array.from({ length: 20 }, (_, P) => Float64Array.from({ length: 12 }, (_, o) => (o - 6) * (P + 1) * 0.8).sort()) } };
    if (k === 40) return { ...fc, mean: Float64Array.from(fc.mean, (v, h) => (h === 3 ? NaN : v)) };
    return fc;
  });
  const items = [...base.items, { ...base.items[5] }];
  return { ...base, items, forecasts, options };
}

const inThread = (part: ReorderPartInput) => Promise.resolve(runReorderPart(structuredClone(part)));

function expectSame(a: ReorderResult, b: ReorderResult) {
  expect(b.count).toBe(a.count);
  for (const k of Object.keys(a.columns) as Array<keyof ReorderResult['columns']>) {
    const x = a.columns[k];
    const y = b.columns[k];
    for (let i = 0; i < a.count; i++) if (!Object.is(x[i], y[i])) expect(`${k}[${i}] = ${y[i]}`).toBe(`${k}[${i}] = ${x[i]}`);
  }
  expect([...b.status]).toEqual([...a.status]);
  expect([...b.flags]).toEqual([...a.flags]);
  expect([...b.abc]).toEqual([...a.abc]);
  expect([...b.xyz]).toEqual([...a.xyz]);
  expect([...b.asOfDay]).toEqual([...a.asOfDay]);
  expect([...b.periodDays]).toEqual([...a.periodDays]);
  expect(b.reasons).toEqual(a.reasons);
  expect(b.seriesIds).toEqual(a.seriesIds);
  expect([...b.summary.statusCounts]).toEqual([...a.summary.statusCounts]);
  expect(b.summary.totalOrderValue).toBe(a.summary.totalOrderValue);
  expect(b.summary.totalExcessValue).toBe(a.summary.totalExcessValue);
  expect(b.ignoredOpenOrders).toBe(a.ignoredOpenOrders);
}

describe('the reorder engine in parts', () => {
  it('1, 2, 3 and 7 parts give exactly one run\'s result, every status and flag among them', async () => {
    const data = input();
    const direct = runReorder(data);
    expect(direct.summary.statusCounts[STATUS.INVALID_INPUT]).toBeGreaterThan(0);
    expect(direct.summary.statusCounts[STATUS.NO_FORECAST]).toBeGreaterThan(0);
    expect(direct.summary.statusCounts[STATUS.STOCK_UNKNOWN]).toBeGreaterThan(0);
    expect(direct.summary.statusCounts[STATUS.REORDER] + direct.summary.statusCounts[STATUS.CRITICAL]).toBeGreaterThan(100);
    for (const parts of [1, 2, 3, 7]) expectSame(direct, await reorderInParts(data, parts, inThread));
  });

  it('the same under fill-rate targets, EOQ lot sizing, correlated errors and the empirical rule', async () => {
    const data = input(600, { serviceMeasure: 'fill-rate', lotSizing: { kind: 'eoq', orderCost: 40, holdingRatePerYear: 0.25 }, errorCorrelation: 0.3, cumulativeRule: 'empirical', asOfDay: 19_003 });
    expectSame(runReorder(data), await reorderInParts(data, 3, inThread));
  });

  it('an item\'s plan does not depend on the rows planned after it (fill rate reads its own mean curve)', () => {
    const options = { serviceMeasure: 'fill-rate' as const, reviewDays: 7 };
    const alone = runReorder({ items: [item({ seriesId: 'a', onHand: 30 })], forecasts: [flatForecast('a', 10, { errorSigma: new Float64Array([4]) })], options });
    const before = runReorder({
      items: [item({ seriesId: 'a', onHand: 30 }), item({ seriesId: 'b' })],
      forecasts: [flatForecast('a', 10, { errorSigma: new Float64Array([4]) }), flatForecast('b', 1000, { errorSigma: new Float64Array([4]) })],
      options,
    });
    expect(before.columns.safetyStock[0]).toBe(alone.columns.safetyStock[0]);
    expect(before.columns.z[0]).toBe(alone.columns.z[0]);
  });

  it('progress ends at two passes per item; a cancel rejects with an AbortError', async () => {
    const data = input(300);
    const seen: number[] = [];
    await reorderInParts(data, 3, inThread, { onProgress: (p) => seen.push(p.done) });
    expect(seen.at(-1)).toBe(2 * data.items.length);
    const controller = new AbortController();
    controller.abort();
    await expect(reorderInParts(data, 3, inThread, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('packed forecasts unpack to the same numbers, sharing one levels array; a malformed part is refused', () => {
    const { forecasts } = input(50);
    const packed = packForecasts([forecasts[0], undefined, forecasts[1], forecasts[3]]);
    const back = unpackForecasts(structuredClone(packed), 4);
    expect(back[1]).toBeUndefined();
    expect([...back[0]!.mean]).toEqual([...forecasts[0].mean]);
    expect(back[0]!.quantiles.map((q) => [...q])).toEqual(forecasts[0].quantiles.map((q) => [...q]));
    expect(back[2]!.quantileLevels).toBe(back[0]!.quantileLevels);
    expect([...back[3]!.errorSigma!]).toEqual([...forecasts[3].errorSigma!]);
    expect(() => unpackForecasts({ ...packed, head: new Int32Array(3) }, 4)).toThrow(/invalid packed forecasts/);
    expect(() => unpackForecasts({ ...packed, values: new Float64Array(2) }, 4)).toThrow(/invalid packed forecast offset/);
    expect(() => runReorderPart({ rows: 2 } as ReorderPartInput)).toThrow(/invalid reorder part arrays/);
    const state = input(20);
    const ok = (parts: ReorderPartInput[]) => Promise.resolve(runReorderPart({ ...structuredClone(parts[0]), options: { ...parts[0].options, reviewDays: -2 } }));
    return expect(reorderInParts(state, 1, (part) => ok([part]))).rejects.toThrow(/invalid reviewDays: -2/);
  });
});
