import { afterAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../../src/lib/core/progress';
import { evaluateSs, poissonDistribution } from '../../../src/lib/policy';
import { createWorkerClient } from '../../../src/workers/rpc';
import { presetScenario } from '../../../src/ui/inventory/presets';
import { spawnThread } from './node-thread';
import type { ThreadTestApi } from './thread-entry';

// The simulate handlers in a real worker thread behind rpc.ts's client: a separate heap and event loop, so
// results cross by structured clone and transfer, a cancel has to arrive while the thread works, and a crash
// is a thread dying. (tests/unit/inventory-ui/simulate-service.test.ts runs the whole suite directly and over
// a MessageChannel; this runs its key cases across a thread.)
const ENTRY = new URL('./thread-entry.ts', import.meta.url);
const zf = presetScenario('zheng-federgruen');
let spawned = 0;
const client = createWorkerClient<ThreadTestApi>(() => (spawned++, spawnThread(ENTRY)), { cancelTimeoutMs: 10_000 });
afterAll(() => client.terminate());

describe('the simulate API in a worker thread', () => {
  it('optimize: (6, 40) at 35.022, with progress ending at done === total', async () => {
    const progress: Progress[] = [];
    const r = await client.call('optimize', { scenario: zf }, { onProgress: (p) => progress.push(p) });
    expect([r.optimum.s, r.optimum.S]).toEqual([6, 40]);
    expect(r.optimum.costPerPeriod).toBeCloseTo(35.022, 3);
    expect(progress.at(-1)).toMatchObject({ done: 1, total: 1 });
  });

  it('costSurface: typed arrays arrive whole, and cells equal evaluateSs', async () => {
    const s = await client.call('costSurface', { scenario: zf, maxCells: 11 });
    expect(s.cost).toBeInstanceOf(Float64Array);
    expect(s.s).toBeInstanceOf(Int32Array);
    expect(s.cost.length).toBe(s.s.length * s.S.length);
    const [r, c] = [s.S.length - 1, 0];
    expect(s.cost[r * s.s.length + c]).toBeCloseTo(evaluateSs({ demand: poissonDistribution(10), orderCost: 64, holdingCost: 1, backorderCost: 9, s: s.s[c], S: s.S[r] }).costPerPeriod, 9);
  });

  it('simulate: a trace of every period; a cancel mid-run rejects with AbortError and the thread keeps serving', async () => {
    const r = await client.call('simulate', { scenario: { ...zf, replications: 3 } });
    expect(r.result.policies[0].trace!.demand.length).toBe(zf.warmupPeriods + zf.periods);
    const c = new AbortController();
    const progress: Progress[] = [];
    const pending = client.call('simulate', { scenario: { ...zf, periods: 50_000, replications: 500 } }, { signal: c.signal, onProgress: (p) => (progress.push(p), c.abort()) });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress.length).toBeGreaterThan(0); // it was running when cancelled
    await expect(client.call('optimize', { scenario: zf })).resolves.toMatchObject({ optimum: { s: 6, S: 40 } });
    expect(spawned).toBe(1);
  });

  it('bad input is an error with the field and value, not a dead thread', async () => {
    await expect(client.call('optimize', { scenario: { ...zf, S: 3, s: 5 } })).rejects.toMatchObject({ code: 'invalid-option', message: expect.stringMatching(/invalid S: 3/) });
    expect(spawned).toBe(1);
  });

  it('a thread that dies rejects its pending call with worker-crashed; the next call starts a new thread', async () => {
    await expect(client.call('crash', null)).rejects.toMatchObject({ code: 'worker-crashed', message: expect.stringMatching(/boom in the worker thread/) });
    await expect(client.call('optimize', { scenario: zf })).resolves.toMatchObject({ optimum: { s: 6, S: 40 } });
    expect(spawned).toBe(2);
  });
});
