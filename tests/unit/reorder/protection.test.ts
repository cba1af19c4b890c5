import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { normalLoss } from '../../../src/lib/policy/normal';
import { runClosedLoopSync, type ClosedLoopItem } from '../../../src/lib/reorder/closed-loop';
import { runReorder } from '../../../src/lib/reorder/engine';
import type { CumulativeErrors, ItemForecast } from '../../../src/lib/reorder/forecast-input';
import { cumulativeFillRateStock, cumulativeQuantile, fillRateFactor } from '../../../src/lib/reorder/protection';
import type { InventoryItem } from '../../../src/lib/dataset/types';

const WEEK = 7;
const item = (o: Partial<InventoryItem> = {}): InventoryItem => ({ seriesId: 's', key: {}, onHand: 0, onOrder: 0, backorders: 0, leadTimeDays: 3 * WEEK, leadTimeStdDays: 0, unitCost: 1, moq: 1, packSize: 1, serviceLevel: 0.95, defaulted: [], ...o });
const flat = (mu: number, H: number): Float64Array => new Float64Array(H).fill(mu);

/**
 * Demand with a persistent level error: in each forecast window the level is off by u ~ N(0, τ²) for every period,
 * plus independent noise ε ~ N(0, σ²). The per-period error σ is √(τ² + σ²) whatever the window, but the error of
 * demand over P periods has variance P²τ² + Pσ², not P(τ² + σ²).
 */
function windows(rng: ReturnType<typeof createRng>, n: number, P: number, tau: number, sigma: number): Float64Array[] {
  return Array.from({ length: n }, () => {
    const u = tau * rng.normal();
    return Float64Array.from({ length: P }, () => u + sigma * rng.normal());
  });
}

function cumulativeOf(ws: Float64Array[], K: number): CumulativeErrors {
  return { byPeriods: Array.from({ length: K }, (_, P) => Float64Array.from(ws, (w) => w.subarray(0, P + 1).reduce((a, b) => a + b, 0)).sort()) };
}

describe('safety stock from cumulative backtest errors (#15 point 1)', () => {
  const mu = 100;
  const tau = 10;
  const sigma = 10;
  const L = 3;
  const R = 1;
  const P = L + R;
  const rng = createRng(15);
  // 2000 origins: the sampling error of an empirical 95% quantile is then about 0.005 in coverage.
  const backtest = windows(rng, 2000, 8, tau, sigma);
  const perPeriod = Math.sqrt(backtest.flat().length ? backtest.reduce((s, w) => s + w.reduce((a, e) => a + e * e, 0), 0) / (backtest.length * 8) : 0);
  const base: ItemForecast = { seriesId: 's', periodDays: WEEK, firstDay: 0, mean: flat(mu, 8), quantileLevels: [], quantiles: [] };

  it('a persistent level error: the cumulative errors (empirical quantile) give the promised 95% coverage in simulation, the independent sum does not', () => {
    const options = { reviewDays: R * WEEK };
    const independent = runReorder({ items: [item()], forecasts: [{ ...base, errorSigma: new Float64Array([perPeriod]) }], options });
    const cumulative = runReorder({ items: [item()], forecasts: [{ ...base, cumulativeErrors: cumulativeOf(backtest, 8) }], options: { ...options, cumulativeRule: 'empirical' } });
    const sInd = independent.columns.reorderPoint[0];
    const sCum = cumulative.columns.reorderPoint[0];
    // Fresh windows of demand over the protection interval L + R: a cycle without stockout needs demand ≤ S.
    const fresh = windows(createRng(99), 20000, P, tau, sigma).map((w) => w.reduce((a, e) => a + mu + e, 0));
    const cover = (s: number) => fresh.filter((d) => d <= s).length / fresh.length;
    expect(cover(sCum)).toBeGreaterThan(0.935);
    expect(cover(sCum)).toBeLessThan(0.965);
    // √(P(τ² + σ²)) = 28.3 against the true √(P²τ² + Pσ²) = 44.7: coverage Φ(1.645 × 28.3 / 44.7) ≈ 0.85.
    expect(cover(sInd)).toBeLessThan(0.88);
    expect(cumulative.columns.sigmaProtection[0]).toBeGreaterThan(1.4 * independent.columns.sigmaProtection[0]);
  });

  it('the default rms rule (normal with σ_P from the same errors) also covers, within sampling error', () => {
    const r = runReorder({ items: [item()], forecasts: [{ ...base, cumulativeErrors: cumulativeOf(backtest, 8) }], options: { reviewDays: R * WEEK } });
    expect(r.options.cumulativeRule).toBe('rms');
    const fresh = windows(createRng(7), 20000, P, tau, sigma).map((w) => w.reduce((a, e) => a + mu + e, 0));
    const c = fresh.filter((d) => d <= r.columns.reorderPoint[0]).length / fresh.length;
    expect(c).toBeGreaterThan(0.93);
    expect(c).toBeLessThan(0.97);
  });

  it('windows longer than the backtest horizon scale the last window linearly; shorter than a period, by P', () => {
    const ce: CumulativeErrors = { byPeriods: [Float64Array.from([-1, 0, 1, 2, 3]), Float64Array.from([-2, 0, 2, 4, 6])] };
    expect(cumulativeQuantile(ce, 4, 1)).toBeCloseTo(12, 12);
    expect(cumulativeQuantile(ce, 1.5, 1)).toBeCloseTo(4.5, 12);
    expect(cumulativeQuantile(ce, 0.5, 1)).toBeCloseTo(1.5, 12);
    // mean (e − ss)⁺ = 0.4 over [−1 … 3] at ss = 2: (3 − 2) / 5 = 0.2; at ss = 1: (1 + 2) / 5 = 0.6 → ss = 1.5.
    expect(cumulativeFillRateStock(ce, 1, 0.6, 1)).toBeCloseTo(1.5, 6);
  });
});

describe('fill-rate target β (#15 point 3)', () => {
  it('k solves σ·G(k) = (1 − β)·Q', () => {
    const k = fillRateFactor(0.95, 40, 100);
    expect(40 * normalLoss(k)).toBeCloseTo(5, 9);
    expect(fillRateFactor(0.95, 0, 100)).toBe(0);
  });

  it.each([0.9, 0.95, 0.98])('an (R,S) replay of normal demand meets fill rate β = %s with the loss-function k', (beta) => {
    const mu = 100;
    const sd = 30;
    const T = 6000;
    const rng = createRng(Math.round(beta * 1000));
    const demand = Float64Array.from({ length: T + 1 }, () => Math.max(0, mu + sd * rng.normal()));
    const forecast = (origin: number): ItemForecast => ({ seriesId: 's', periodDays: WEEK, firstDay: origin * WEEK, mean: flat(mu, 8), quantileLevels: [], quantiles: [], errorSigma: new Float64Array([sd]) });
    const it: ClosedLoopItem = { seriesId: 's', demand, start: 1, forecastAt: forecast, initialOnHand: 300, leadTimePeriods: 2, serviceLevel: beta };
    const opts = { periodDays: WEEK, holdingCost: 1, shortageCost: 1, unmet: 'backorder' as const, policies: ['forecast' as const] };
    const fill = runClosedLoopSync([it], { ...opts, engine: { serviceMeasure: 'fill-rate' } }).rows[0].fillRate;
    expect(Math.abs(fill - beta)).toBeLessThan(0.01);
    // The same number as a cycle service level protects more: its fill rate is well above β.
    const cycle = runClosedLoopSync([it], { ...opts, engine: { serviceMeasure: 'cycle' } }).rows[0].fillRate;
    expect(cycle).toBeGreaterThan(fill);
  });
});
