import { describe, expect, it } from 'vitest';
import { createStatHandlers, fromStatWire, toStatWire } from '../../../../src/workers/stat-service';
import { runStatBacktest, type StatBacktestRequest } from '../../../../src/lib/forecast/run/partition';
import { poolSize } from '../../../../src/workers/pool';

const request = (): StatBacktestRequest => ({
  series: [
    { id: 'a', values: Float64Array.from({ length: 40 }, (_, t) => 10 + (t % 7)), start: 0 },
    { id: 'b', values: Float64Array.from({ length: 30 }, (_, t) => 20 + t), start: 10 },
  ],
  modelIds: ['naive', 'ets'],
  horizon: 3,
  seasonLength: 7,
  firstOrigin: 25,
  lastOrigin: 37,
  step: 4,
});

describe('the statistics worker wire format', () => {
  it('packs every series into one array and unpacks them unchanged', () => {
    const wire = toStatWire(request());
    expect(wire.values).toHaveLength(70);
    expect([...wire.offsets]).toEqual([0, 40, 70]);
    const back = fromStatWire(wire);
    expect(back.series.map((s) => [s.id, s.start, [...s.values]])).toEqual(request().series.map((s) => [s.id, s.start, [...s.values]]));
  });
  it('the worker handler gives the in-thread result', async () => {
    const signal = new AbortController().signal;
    const viaWorker = await createStatHandlers().backtest(toStatWire(request()), { signal, onProgress: () => {} });
    const direct = await runStatBacktest(request());
    expect([...viaWorker.forecast]).toEqual([...direct.forecast]);
  });
  it('rejects malformed parts with the bad value in the message', () => {
    const wire = toStatWire(request());
    expect(() => fromStatWire({ ...wire, offsets: Int32Array.of(0, 40) })).toThrow(/^invalid backtest part offsets: 2/);
    expect(() => fromStatWire({ ...wire, values: [1, 2] as unknown as Float64Array })).toThrow(/^invalid backtest part/);
  });
});

describe('poolSize', () => {
  it('is one worker per logical core, 2 when unknown, at most 16', () => {
    expect(poolSize(4)).toBe(4);
    expect(poolSize(0)).toBe(2);
    expect(poolSize(Number.NaN)).toBe(2);
    expect(poolSize(64)).toBe(16);
  });
});
