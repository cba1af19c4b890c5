import { describe, expect, it } from 'vitest';
import { mergeBacktestParts, partitionSeries, runPartitioned, runStatBacktest, type StatBacktestRequest } from '../../../../src/lib/forecast/run/partition';
import type { BacktestResult } from '../../../../src/lib/forecast/evaluate/types';
import type { Progress } from '../../../../src/lib/core/progress';

/** Ragged weekly-like series: different starts and lengths, a gap, a zero run, one too short for any origin. */
function request(): StatBacktestRequest {
  const series = Array.from({ length: 5 }, (_, s) => {
    const len = 60 + 9 * s;
    const values = Float64Array.from({ length: len }, (_, t) => 50 + 5 * s + 0.3 * t + 8 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7919 + s * 104729) % 13) - 6);
    if (s === 2) values.fill(NaN, 20, 24);
    if (s === 4) values.fill(0, 30, 40);
    return { id: `s${s}`, values, start: 120 - len };
  });
  series.push({ id: 'short', values: Float64Array.of(3, 4), start: 118 });
  return { series, modelIds: ['naive', 'ets', 'stl-ets'], horizon: 6, seasonLength: 12, firstOrigin: 90, lastOrigin: 114, step: 8 };
}

const arrays = (r: BacktestResult) => [r.rowSeries, r.rowOrigin, r.actual, r.forecast, r.scale, r.lastValue, r.level];

describe('partitionSeries', () => {
  it('puts every series in exactly one part, balances the work, and is deterministic', () => {
    const lengths = [100, 5, 80, 80, 20, 300, 1, 60];
    const groups = partitionSeries(lengths, 3);
    expect(groups).toHaveLength(3);
    expect(groups.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const g of groups) expect(g).toEqual([...g].sort((a, b) => a - b));
    const loads = groups.map((g) => g.reduce((sum, i) => sum + lengths[i], 0));
    expect(Math.max(...loads)).toBe(300); // the longest series alone; the rest split below it
    expect(partitionSeries(lengths, 3)).toEqual(groups);
  });
  it('never makes more parts than series, nor empty ones', () => {
    expect(partitionSeries([4, 4], 5)).toEqual([[0], [1]]);
    expect(partitionSeries([], 3)).toEqual([[]].filter((g) => g.length > 0));
    expect(() => partitionSeries([1], 0)).toThrow(/^invalid parts: 0/);
  });
});

describe('runPartitioned', () => {
  it('gives exactly the result of one run, with 1 or 3 parts (warm-started ETS included)', async () => {
    const req = request();
    const whole = await runStatBacktest(req);
    expect(whole.rows).toBeGreaterThan(12);
    for (const parts of [1, 3]) {
      const split = await runPartitioned(req, parts, runStatBacktest);
      expect(split.seriesIds).toEqual(whole.seriesIds);
      expect(split.rows).toBe(whole.rows);
      arrays(split).forEach((a, i) => expect([...a]).toEqual([...arrays(whole)[i]]));
    }
  });

  it('sums the parts\' progress, never decreasing, ending at every row', async () => {
    const events: Progress[] = [];
    const whole = await runPartitioned(request(), 3, runStatBacktest, { onProgress: (p) => events.push(p) });
    const last = events.at(-1)!;
    expect(last.done).toBe(whole.rows);
    expect(last.total).toBe(whole.rows);
    expect(last.message).toBe('running on 3 workers');
    for (let i = 1; i < events.length; i++) expect(events[i].done).toBeGreaterThanOrEqual(events[i - 1].done);
  });

  it('rejects with an AbortError when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runPartitioned(request(), 2, runStatBacktest, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('mergeBacktestParts', () => {
  it('refuses parts of different models', async () => {
    const req = request();
    const a = await runStatBacktest({ ...req, series: req.series.slice(0, 2) });
    const b = await runStatBacktest({ ...req, series: req.series.slice(2, 3), modelIds: ['naive'] });
    expect(() => mergeBacktestParts([{ indices: [0, 1], result: a }, { indices: [2], result: b }], ['a', 'b', 'c'])).toThrow(/^invalid parts/);
  });
});
