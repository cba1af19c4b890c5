import { describe, expect, it } from 'vitest';
import { formulaInputs } from '../../../src/ui/inventory/formulas';
import { presetScenario } from '../../../src/ui/inventory/presets';
import { textbookLines } from '../../../src/ui/inventory/textbook-formulas';
import { maybeScenario } from '../../../src/lib/sim/scenario';

const lineOf = (lines: ReturnType<typeof textbookLines>, id: string) => lines.find((l) => l.id === id)!;

describe('textbook formula lines', () => {
  it('the Poisson (r,Q) preset shows Snyder & Shen Example 5.8\'s optimum (3, 5) at 107.9', () => {
    const sc = presetScenario('poisson-rq');
    const lines = textbookLines(formulaInputs(sc, { mean: 1.5, sd: Math.sqrt(1.5) }), sc.unmet, sc.purchaseCost);
    expect(lineOf(lines, 'rq-poisson').tex).toContain('(r^*,Q^*) = (3, 5)');
    expect(lineOf(lines, 'rq-poisson').tex).toContain('g^* = 107.9');
  });
  it('the DP preset shows (s_1, S_1) = (110, 133), and K = 0 turns it into base stock', () => {
    const sc = presetScenario('finite-horizon-dp');
    const lines = textbookLines(formulaInputs(sc, { mean: 100, sd: 20 }), sc.unmet, sc.purchaseCost);
    expect(lineOf(lines, 'finite-horizon').tex).toContain('(s_1,S_1) = (110, 133)');
    const base = textbookLines(formulaInputs({ ...sc, orderCost: 0 }, { mean: 100, sd: 20 }), sc.unmet, sc.purchaseCost);
    expect(lineOf(base, 'finite-horizon').note).toMatch(/base-stock/);
    expect(lineOf(base, 'power-approximation').tex).toBe('');
  });
  it('the power approximation reproduces Snyder & Shen Example 4.8 (s 40.2, S 74.3); lost sales appear only for lost sales', () => {
    const x = { mean: 50, sd: 8, leadTimeMean: 0, leadTimeSd: 0, reviewPeriods: 1, holdingCost: 0.18, shortageCost: 0.7, orderCost: 2.5, s: 40, S: 74 };
    const lines = textbookLines(x, 'backorder');
    expect(lineOf(lines, 'power-approximation').tex).toMatch(/= 40\.2,.*= 74\.3/);
    expect(lines.some((l) => l.id === 'lost-sales')).toBe(false);
    expect(lineOf(textbookLines({ ...x, leadTimeMean: 2 }, 'lost'), 'lost-sales').tex).toContain('S^* =');
  });
  it('demand too large for the page is said, not solved', () => {
    const x = { mean: 50_000, sd: 9000, leadTimeMean: 2, leadTimeSd: 0, reviewPeriods: 1, holdingCost: 1, shortageCost: 9, orderCost: 64, s: 1, S: 2 };
    const lines = textbookLines(x, 'lost');
    expect(lineOf(lines, 'finite-horizon').tex).toBe('');
    expect(lineOf(lines, 'rq-poisson').tex).toBe('');
    expect(lineOf(lines, 'lost-sales').note).toMatch(/simulator/);
  });
  it('the new presets pass the worker\'s validation', () => {
    for (const id of ['finite-horizon-dp', 'poisson-rq']) expect(maybeScenario(presetScenario(id))).toEqual(expect.objectContaining(presetScenario(id)));
  });
});
