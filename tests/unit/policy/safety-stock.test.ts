import { describe, expect, it } from 'vitest';
import { normalLoss, normalQuantile } from '../../../src/lib/policy/normal';
import { demandMoments, safetyStock } from '../../../src/lib/policy/safety-stock';

describe('safetyStock', () => {
  it('cycle service 95 %, σ_d = 10, P = 4: SS = 1.6449·20', () => {
    const r = safetyStock({ target: { kind: 'cycle', level: 0.95 }, demand: { kind: 'moments', mean: 50, sd: 10 }, protectionPeriods: 4 });
    expect(r.z).toBeCloseTo(1.6448536269514722, 14);
    expect(r.sdOverProtection).toBe(20);
    expect(r.safetyStock).toBeCloseTo(32.897072539029444, 12);
    expect(r.level).toBeCloseTo(232.897072539029444, 12);
  });
  it('lead-time variability: σ_P² = L·σ_d² + μ_d²·σ_L²', () => {
    const r = safetyStock({
      target: { kind: 'cycle', level: 0.9 },
      demand: { kind: 'moments', mean: 100, sd: 20 },
      protectionPeriods: 5,
      leadTimeSdPeriods: 1.5,
    });
    expect(r.sdOverProtection).toBeCloseTo(Math.sqrt(5 * 400 + 10000 * 2.25), 12);
    expect(r.safetyStock).toBeCloseTo(normalQuantile(0.9) * Math.sqrt(24500), 10);
  });
  it('fill-rate target: σ_P·L(z) = (1 − β)·Q', () => {
    const r = safetyStock({
      target: { kind: 'fill-rate', level: 0.98, demandPerCycle: 300 },
      demand: { kind: 'moments', mean: 50, sd: 15 },
      protectionPeriods: 2,
    });
    expect(r.sdOverProtection * normalLoss(r.z)).toBeCloseTo(0.02 * 300, 10);
    expect(r.expectedShortagePerCycle).toBeCloseTo(6, 10);
  });
  it('σ from demand history is the sample standard deviation', () => {
    const m = demandMoments({ kind: 'history', values: [10, 12, NaN, 14, 8] });
    expect(m.mean).toBe(11);
    expect(m.sd).toBeCloseTo(Math.sqrt(20 / 3), 14);
  });
  it('σ from forecast errors: RMSE, or 1.25·MAD', () => {
    expect(demandMoments({ kind: 'forecast-errors', mean: 5, errors: [3, -4] }).sd).toBeCloseTo(Math.sqrt(12.5), 14);
    expect(demandMoments({ kind: 'forecast-errors', mean: 5, errors: [3, -4], measure: 'mad' }).sd).toBeCloseTo(4.375, 14);
  });
  it('a low fill-rate target gives negative safety stock', () => {
    const r = safetyStock({
      target: { kind: 'fill-rate', level: 0.5, demandPerCycle: 100 },
      demand: { kind: 'moments', mean: 10, sd: 5 },
      protectionPeriods: 1,
    });
    expect(r.safetyStock).toBeLessThan(0);
  });
});
