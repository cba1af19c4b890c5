import { describe, expect, it } from 'vitest';
import { LatestRunner } from '../../../src/ui/inventory/latest';
import { createAbortError } from '../../../src/lib/core/abort';

/** A run function whose calls resolve when the test says so. */
function controllable() {
  const calls: Array<{ input: number; signal: AbortSignal; resolve: (v: string) => void; reject: (e: unknown) => void }> = [];
  const run = (input: number, signal: AbortSignal) => new Promise<string>((resolve, reject) => calls.push({ input, signal, resolve, reject }));
  return { calls, run };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('LatestRunner (latest request wins)', () => {
  it('a stale result never overwrites a newer one', async () => {
    const { calls, run } = controllable();
    const seen: string[] = [];
    const r = new LatestRunner<number, string>({ run, onResult: (v) => seen.push(v), onError: () => {} });
    r.request(1);
    r.request(2);
    await tick();
    calls[0].resolve('result of 1');
    await tick();
    expect(seen).toEqual([]);
    expect(calls.map((c) => c.input)).toEqual([1, 2]);
    calls[1].resolve('result of 2');
    await tick();
    expect(seen).toEqual(['result of 2']);
  });

  it('one call in flight: requests made meanwhile collapse into the last one, and the running one is cancelled', async () => {
    const { calls, run } = controllable();
    const seen: string[] = [];
    const r = new LatestRunner<number, string>({ run, onResult: (v) => seen.push(v), onError: () => {} });
    r.request(1);
    for (let i = 2; i <= 10; i++) r.request(i);
    expect(calls).toHaveLength(1);
    expect(calls[0].signal.aborted).toBe(true);
    calls[0].reject(createAbortError());
    await tick();
    expect(calls.map((c) => c.input)).toEqual([1, 10]);
    calls[1].resolve('ten');
    await tick();
    expect(seen).toEqual(['ten']);
    expect(r.busy).toBe(false);
  });

  it('errors are reported for the latest request only, and never for a cancel', async () => {
    const { calls, run } = controllable();
    const errors: unknown[] = [];
    const r = new LatestRunner<number, string>({ run, onResult: () => {}, onError: (e) => errors.push(e) });
    r.request(1);
    r.request(2);
    calls[0].reject(new Error('stale failure'));
    await tick();
    calls[1].reject(createAbortError());
    await tick();
    expect(errors).toEqual([]);
    r.request(3);
    await tick();
    calls[2].reject(new Error('bad'));
    await tick();
    expect(errors).toEqual([new Error('bad')]);
  });

  it('cancel drops the queued request and delivers nothing', async () => {
    const { calls, run } = controllable();
    const seen: string[] = [];
    const busy: boolean[] = [];
    const r = new LatestRunner<number, string>({ run, onResult: (v) => seen.push(v), onError: () => {}, onBusy: (b) => busy.push(b) });
    r.request(1);
    r.request(2);
    r.cancel();
    calls[0].resolve('one');
    await tick();
    expect(calls).toHaveLength(1);
    expect(seen).toEqual([]);
    expect(busy).toEqual([true, false]);
  });
});
