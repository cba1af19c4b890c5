import { describe, expect, it } from 'vitest';
import { isAbortError } from '../../../../src/lib/core/abort';
import type { Progress } from '../../../../src/lib/core/progress';
import { runBacktest } from '../../../../src/lib/forecast/evaluate/backtest';
import { scoreBacktest, scoreModel } from '../../../../src/lib/forecast/evaluate/score';
import { createNaiveModel, createSeasonalNaiveModel } from '../../../../src/lib/forecast/models/naive';
import { defineModel } from '../../../../src/lib/forecast/types';

const f = (xs: number[]) => Float64Array.from(xs);
const a = { id: 'a', values: f([1, 2, 3, 4, 5, 6, 7, 8]) };
const b = { id: 'b', values: f([10, 20, NaN, 40]), start: 4 }; // calendar periods 4…7

describe('runBacktest', () => {
  it('lays out one row per (series, origin) with actuals and forecasts in typed arrays', async () => {
    const r = await runBacktest([a, b], { models: [createNaiveModel()], horizon: 2, seasonLength: 1, firstOrigin: 5, lastOrigin: 6 });
    expect(r.rows).toBe(4);
    expect([...r.rowSeries]).toEqual([0, 0, 1, 1]);
    expect([...r.rowOrigin]).toEqual([5, 6, 5, 6]);
    // Series a at origin 5 trains on 1…5 and is scored on 6, 7.
    expect([...r.actual.subarray(0, 2)]).toEqual([6, 7]);
    expect([...r.forecast.subarray(0, 2)]).toEqual([5, 5]);
    // Series b at origin 5 trains on its first value (10) only; its third value is missing.
    expect([...r.actual.subarray(4, 6)]).toEqual([20, NaN]);
    expect([...r.forecast.subarray(4, 6)]).toEqual([10, 10]);
    // At origin 6 series b trains on 10, 20.
    expect([...r.forecast.subarray(6, 8)]).toEqual([20, 20]);
    expect(r.scale[0]).toBe(1);
    expect(r.lastValue[3]).toBe(20);
    expect(r.modelIds).toEqual(['naive']);
  });

  it('lets each model see only the history before the origin', async () => {
    const seen: number[][] = [];
    const spy = defineModel('spy', 'Spy', (y, h) => {
      seen.push([...y]);
      return new Float64Array(h);
    });
    await runBacktest([a], { models: [spy], horizon: 3, seasonLength: 1, firstOrigin: 2, step: 2 });
    expect(seen.map((s) => s.length)).toEqual([2, 4]);
    for (const s of seen) expect(s).toEqual([...a.values.subarray(0, s.length)]);
  });

  it('defaults lastOrigin to the calendar length − H and firstOrigin to half of it', async () => {
    const r = await runBacktest([a], { models: [createNaiveModel()], horizon: 2, seasonLength: 1 });
    expect([...r.rowOrigin]).toEqual([4, 5, 6]);
  });

  it('reports progress that never decreases and ends with done = total', async () => {
    const events: Progress[] = [];
    await runBacktest([a, b], {
      models: [createNaiveModel(), createSeasonalNaiveModel()],
      horizon: 1,
      seasonLength: 2,
      firstOrigin: 1,
      onProgress: (p) => events.push(p),
    });
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < events.length; i++) expect(events[i].done).toBeGreaterThanOrEqual(events[i - 1].done);
    const last = events[events.length - 1];
    expect(last.phase).toBe('backtesting');
    expect(last.done).toBe(last.total);
  });

  it('rejects with an AbortError when the signal aborts mid-run', async () => {
    const controller = new AbortController();
    let calls = 0;
    const slow = defineModel('slow', 'Slow', (y, h) => {
      if (++calls === 3) controller.abort();
      return new Float64Array(h);
    });
    const run = runBacktest([a], { models: [slow], horizon: 1, seasonLength: 1, firstOrigin: 1, signal: controller.signal, yieldIntervalMs: 0 });
    await expect(run).rejects.toSatisfy(isAbortError);
    expect(calls).toBe(3);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runBacktest([a], { models: [createNaiveModel()], horizon: 1, seasonLength: 1, signal: controller.signal })).rejects.toSatisfy(isAbortError);
  });

  it.each([
    [{ horizon: 0 }, /^invalid horizon: 0/],
    [{ step: 0 }, /^invalid step: 0/],
    [{ firstOrigin: 7, lastOrigin: 3 }, /^invalid firstOrigin: 7/],
    [{ seasonLength: -1 }, /^invalid seasonLength: -1/],
    [{ models: [] }, /^invalid models: \[\]/],
    [{ models: [createNaiveModel(), createNaiveModel()] }, /^invalid model id: "naive"/],
  ])('validates options: %o', async (patch, message) => {
    const options = { models: [createNaiveModel()], horizon: 1, seasonLength: 1, ...patch };
    await expect(runBacktest([a], options)).rejects.toThrow(message);
  });

  it('replaces a non-finite value from a hand-written model by the last observation', async () => {
    const raw = { id: 'raw', label: 'Raw', forecast: (_: Float64Array, h: number) => new Float64Array(h).fill(NaN) };
    const r = await runBacktest([a], { models: [raw], horizon: 2, seasonLength: 1, firstOrigin: 3, lastOrigin: 3 });
    expect([...r.forecast]).toEqual([3, 3]);
  });

  it('scores overall and per horizon, skipping missing actuals', async () => {
    const r = await runBacktest([a], { models: [createNaiveModel()], horizon: 2, seasonLength: 1, firstOrigin: 4, lastOrigin: 6 });
    const s = scoreModel(r, 0);
    // The naive forecast of a line rising by 1 misses by h at horizon h.
    expect(s.byHorizon[0].mae).toBe(1);
    expect(s.byHorizon[1].mae).toBe(2);
    expect(s.overall.mae).toBe(1.5);
    expect(s.overall.me).toBe(1.5);
    expect(scoreBacktest(r)).toHaveLength(1);
    expect(() => scoreModel(r, 1)).toThrow(/invalid modelIndex: 1/);
    expect(() => scoreModel(r, 0, { fromOrigin: 'x' as unknown as number })).toThrow(/invalid fromOrigin: "x"/);
  });
});
