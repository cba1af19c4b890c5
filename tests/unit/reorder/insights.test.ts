import { describe, expect, it } from 'vitest';
import { runReorder } from '../../../src/lib/reorder/engine';
import { buildInsights, holidaysFromCalendar, itemLabel } from '../../../src/lib/reorder/insights';
import type { InsightSentence } from '../../../src/lib/reorder/insight-text';
import { STATUS } from '../../../src/lib/reorder/types';
import { flatForecast, item } from './helpers';

const at = (store: string, product: string, over: Parameters<typeof item>[0] extends infer T ? Partial<T> : never) =>
  item({ seriesId: `${store} / ${product}`, key: { Store: store, Product: product }, ...over });

function scenario() {
  const items = [
    at('4', 'P1', { onHand: 10, unitCost: 5 }), // CRITICAL (1 day)
    at('4', 'P2', { onHand: 30, unitCost: 2 }), // CRITICAL (3 days)
    at('4', 'P3', { onHand: 100, unitCost: 1 }), // REORDER
    at('7', 'P1', { onHand: 120, unitCost: 5 }), // REORDER
    at('7', 'P2', { onHand: 5000, unitCost: 2 }), // OVERSTOCK
    at('9', 'P1', { onHand: NaN }), // STOCK_UNKNOWN
    at('9', 'P2', { onHand: -4 }), // negative, CRITICAL
    at('9', 'P3', { onHand: 400 }), // no forecast
  ];
  // Demand doubles in the third week ahead (days 14-20); recent level 10 a day (5 for the overstocked item).
  const mean = new Float64Array(60).fill(10);
  for (let d = 14; d < 21; d++) mean[d] = 20;
  const forecasts = items.slice(0, 7).map((it, k) =>
    flatForecast(it.seriesId, 10, { mean, recentMean: k === 4 ? 5 : 10, historyPeriods: k === 3 ? 20 : 365, errorSigma: new Float64Array([1 + 2 * k]) }),
  );
  const result = runReorder({ items, forecasts });
  return { items, forecasts, result };
}

/** Each ref shows in the text in order, and no digit is left once the refs are cut out. */
function expectTraceable(s: InsightSentence) {
  let rest = s.text;
  for (const ref of s.refs) {
    const k = rest.indexOf(ref.display);
    expect(k, `${s.id}: "${ref.display}" in "${s.text}"`).toBeGreaterThanOrEqual(0);
    rest = rest.slice(0, k) + '\u0000' + rest.slice(k + ref.display.length);
  }
  expect(rest, s.text).not.toMatch(/\d/);
}

describe('buildInsights', () => {
  it('every sentence is traceable: each number in it is the display of one of its refs', () => {
    const { items, forecasts, result } = scenario();
    const out = buildInsights({ result, items, forecasts, holidays: [15000 + 16] });
    expect(out.map((s) => s.id)).toEqual(['risk', 'stores', 'urgent', 'peak-week', 'rising', 'orders', 'reliability', 'overstock', 'check-first']);
    for (const s of out) expectTraceable(s);
  });

  it('risk figures are the run’s own counts and totals', () => {
    const { items, forecasts, result } = scenario();
    const risk = buildInsights({ result, items, forecasts })[0];
    const ref = (label: string) => risk.refs.find((r) => r.label === label)!;
    expect(ref('CRITICAL items').value).toBe(result.summary.statusCounts[STATUS.CRITICAL]);
    expect(ref('CRITICAL items').value).toBe(3);
    expect(ref('REORDER items').value).toBe(2);
    expect(ref('units to order').value).toBe(result.summary.totalOrderUnits);
    expect(ref('order value').value).toBe(result.summary.totalOrderValue);
    expect(ref('CRITICAL items').rows).toEqual([0, 1, 6]);
  });

  it('names the store that drives the risk, the most urgent items and the largest orders with their figures', () => {
    const { items, forecasts, result } = scenario();
    const out = buildInsights({ result, items, forecasts });
    const stores = out.find((s) => s.id === 'stores')!;
    expect(stores.text).toMatch(/^Store 4 drives the risk: 2 CRITICAL and 1 REORDER items, with orders worth /);
    const urgent = out.find((s) => s.id === 'urgent')!;
    expect(urgent.text).toMatch(/^Most urgent: P2 at Store 9 is out of stock now .*, P1 at Store 4 runs out in 1 day with a lead time of 7 days/);
    const orders = out.find((s) => s.id === 'orders')!;
    const biggest = orders.refs.find((r) => r.label.startsWith('order value'))!;
    const values = Array.from(result.columns.orderValue).filter((v) => v > 0);
    expect(biggest.value).toBe(Math.max(...values));
  });

  it('coming weeks: the peak week against the recent level, with the holiday in it', () => {
    const { items, forecasts, result } = scenario();
    const peak = buildInsights({ result, items, forecasts, holidays: [15000 + 16] }).find((s) => s.id === 'peak-week')!;
    expect(peak.text).toContain('peaks in the week of 2011-02-09');
    // value-weighted (unit costs 5, 2, 1, 5, 2, 2): peak 140 units × 17 = 2 380 against 70 × 15 + 35 × 2 = 1 120 recently
    expect(peak.text).toContain('at 2,380 in value, 112.5% above the recent weekly level of 1,120');
    expect(peak.text).toContain('that week holds a holiday (2011-02-11)');
    const noHoliday = buildInsights({ result, items, forecasts, holidays: [15000 + 40] }).find((s) => s.id === 'peak-week')!;
    expect(noHoliday.text).toContain('holidays ahead: 2011-03-07');
  });

  it('reliability names the largest error CV among A and B items and counts short histories', () => {
    const { items, forecasts, result } = scenario();
    const rel = buildInsights({ result, items, forecasts }).find((s) => s.id === 'reliability')!;
    const cvs = rel.refs.filter((r) => r.label.startsWith('forecast error CV')).map((r) => r.value as number);
    expect(cvs).toEqual([...cvs].sort((a, b) => b - a));
    expect(rel.refs.find((r) => r.label === 'short-history items')!.value).toBe(1);
  });

  it('check first lists data problems before the most urgent item', () => {
    const { items, forecasts, result } = scenario();
    const check = buildInsights({ result, items, forecasts }).at(-1)!;
    expect(check.text).toBe('Check first: 1 item with unknown stock, 1 item with negative stock on hand and 1 item without a usable forecast; then the CRITICAL item P2 at Store 9.');
  });

  it('never calls items safe that it could not assess', () => {
    const items = [at('7', 'P2', { onHand: 5000 }), at('9', 'P3', { onHand: 400 })];
    const none = runReorder({ items, forecasts: [] });
    const [noneRisk] = buildInsights({ result: none, items });
    expect(noneRisk.text).toBe('No item could be assessed: of 2 items, none has both a usable forecast and a known stock.');
    expectTraceable(noneRisk);
    const some = runReorder({ items, forecasts: [flatForecast(items[0].seriesId, 10, { recentMean: 5 })] });
    expect(some.status[0]).toBe(STATUS.OVERSTOCK);
    const [risk] = buildInsights({ result: some, items });
    expect(risk.text).toBe('No item is CRITICAL or at its reorder point across 1 item with a plan, out of 2.');
    expect(risk.refs.find((r) => r.label === 'planned items')!.rows).toEqual([0]);
    expectTraceable(risk);
  });

  it('is deterministic and works without forecasts or stores', () => {
    const { items, forecasts, result } = scenario();
    expect(buildInsights({ result, items, forecasts })).toEqual(buildInsights({ result, items, forecasts }));
    const bare = buildInsights({ result, items, groupBy: 'Nope' });
    expect(bare.map((s) => s.id)).not.toContain('peak-week');
    for (const s of bare) expectTraceable(s);
    expect(itemLabel(items[0], undefined)).toBe('4 / P1');
    expect(() => buildInsights({ result, items, weeks: 0 })).toThrow(/invalid weeks: 0/);
  });
});

describe('holidaysFromCalendar', () => {
  it('lists flagged periods and future holidays with the period length', () => {
    const calendar = { frequency: 'weekly' as const, days: new Int32Array([100, 107, 114]), holidays: new Uint8Array([0, 1, 0]), futureHolidays: new Int32Array([135]) };
    expect(holidaysFromCalendar(calendar)).toEqual({ holidays: [107, 135], holidayPeriodDays: 7 });
  });
});
