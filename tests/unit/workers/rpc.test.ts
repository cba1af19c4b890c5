import { afterEach, describe, expect, it } from 'vitest';
import { checkpoint } from '../../../src/lib/core/abort';
import { AppError } from '../../../src/lib/core/errors';
import type { Progress } from '../../../src/lib/core/progress';
import { collectTransferables, type Handlers } from '../../../src/workers/rpc';
import { channelClient } from './channel-worker';

type TestApi = {
  echo: { input: { text: string }; result: string; progress: Progress };
  count: { input: { to: number }; result: number; progress: Progress };
  array: { input: { n: number }; result: { values: Float64Array; head: Float64Array; tail: Float64Array }; progress: Progress };
  loop: { input: null; result: number; progress: Progress };
  stuck: { input: null; result: null; progress: Progress };
  fail: { input: { kind: 'app' | 'type' | 'quota' }; result: null; progress: Progress };
};

/** What the worker side saw, for assertions on the far end of the channel. */
const seen = { sentArrays: [] as Float64Array[], loopAborted: false };

function handlers(): Handlers<TestApi> {
  return {
    echo: async ({ text }) => text.toUpperCase(),
    count: async ({ to }, { onProgress }) => {
      for (let i = 1; i <= to; i++) onProgress({ phase: 'simulating', done: i, total: to });
      return to;
    },
    array: async ({ n }) => {
      const values = Float64Array.from({ length: n }, (_, i) => i * 0.5);
      // Two views on one more buffer: it must be transferred once and arrive shared.
      const shared = new Float64Array(4).fill(7);
      const r = { values, head: shared.subarray(0, 2), tail: shared.subarray(2) };
      seen.sentArrays.push(values, shared);
      return r;
    },
    loop: async (_, { signal }) => {
      let i = 0;
      try {
        for (;;) {
          i++;
          if (i % 100 === 0) await checkpoint(signal);
        }
      } catch (error) {
        seen.loopAborted = signal.aborted;
        throw error;
      }
    },
    // Ignores its signal: only a hard cancel (terminate) ends it.
    stuck: () => new Promise(() => undefined),
    fail: async ({ kind }) => {
      if (kind === 'app') throw new AppError('invalid-input', 'Series 7 has no demand.', { series: 7 });
      if (kind === 'quota') throw Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
      return (null as unknown as { x: number }).x as never;
    },
  };
}

let close: () => void = () => undefined;
afterEach(() => close());
function setup(options = {}) {
  const c = channelClient(handlers, options);
  close = c.close;
  return c;
}

describe('rpc over a message channel', () => {
  it('returns the result after the progress events, in order, with exactly one terminal message per call', async () => {
    const { client, spawned } = setup();
    const progress: Progress[] = [];
    const [a, b] = await Promise.all([client.call('count', { to: 3 }, { onProgress: (p) => progress.push(p) }), client.call('echo', { text: 'hi' })]);
    expect([a, b]).toEqual([3, 'HI']);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3]);
    const terminal = spawned[0].sent.filter((m) => m.kind !== 'progress');
    expect(terminal.map((m) => m.kind)).toEqual(['result', 'result']);
    expect(new Set(terminal.map((m) => m.id)).size).toBe(2);
    expect(spawned).toHaveLength(1);
  });

  it('transfers typed arrays: the worker side\'s buffers are detached, the page gets the values, shared buffers move once', async () => {
    const { client } = setup();
    seen.sentArrays.length = 0;
    const r = await client.call('array', { n: 1000 });
    expect(r.values).toBeInstanceOf(Float64Array);
    expect(r.values[999]).toBe(499.5);
    for (const sent of seen.sentArrays) expect(sent.buffer.byteLength).toBe(0);
    expect(r.head.buffer).toBe(r.tail.buffer);
    expect(Array.from(r.tail)).toEqual([7, 7]);
  });

  it('collectTransferables lists each buffer once and skips empty ones', () => {
    const shared = new Float64Array(4);
    const list = collectTransferables({ a: shared.subarray(0, 2), b: [shared.subarray(2), new Int32Array(0)], c: 'text', d: new Uint8Array(3) });
    expect(list).toHaveLength(2);
    expect(list).toContain(shared.buffer);
  });

  it('cancel: the call rejects with AbortError, the worker saw its signal abort, and the same worker serves the next call', async () => {
    const { client, spawned } = setup();
    const c = new AbortController();
    seen.loopAborted = false;
    const pending = client.call('loop', null, { signal: c.signal });
    setTimeout(() => c.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.loopAborted).toBe(true);
    expect(spawned[0].sent.at(-1)).toMatchObject({ kind: 'cancelled' });
    await expect(client.call('echo', { text: 'again' })).resolves.toBe('AGAIN');
    expect(spawned).toHaveLength(1);
  });

  it('a call whose signal is already aborted rejects at once and starts no worker', async () => {
    const { client, spawned } = setup();
    await expect(client.call('echo', { text: 'x' }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(spawned).toHaveLength(0);
  });

  it('hard cancel: a worker that does not acknowledge within cancelTimeoutMs is terminated, and the next call starts a new one', async () => {
    const { client, spawned } = setup({ cancelTimeoutMs: 30 });
    const c = new AbortController();
    const pending = client.call('stuck', null, { signal: c.signal });
    c.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(spawned[0].terminated).toBe(true);
    await expect(client.call('echo', { text: 'fresh' })).resolves.toBe('FRESH');
    expect(spawned).toHaveLength(2);
  });

  it('crash: every pending call rejects with worker-crashed, and the next call starts a new worker', async () => {
    const { client, spawned } = setup();
    const a = client.call('stuck', null);
    const b = client.call('stuck', null);
    await client.call('echo', { text: 'sync' }); // both calls have reached the worker
    spawned[0].crash('out of memory');
    await expect(a).rejects.toMatchObject({ name: 'AppError', code: 'worker-crashed', message: expect.stringMatching(/out of memory/) });
    await expect(b).rejects.toMatchObject({ code: 'worker-crashed' });
    await expect(client.call('echo', { text: 'up' })).resolves.toBe('UP');
    expect(spawned).toHaveLength(2);
  });

  it('an unreadable message (messageerror) also rejects the pending calls as a crash', async () => {
    const { client, spawned } = setup();
    const a = client.call('stuck', null);
    spawned[0].onmessageerror?.({} as MessageEvent);
    await expect(a).rejects.toMatchObject({ code: 'worker-crashed' });
  });

  it('errors cross as AppErrors: code, message and details kept; other errors become internal; quota is named', async () => {
    const { client } = setup();
    const app = await client.call('fail', { kind: 'app' }).catch((e: unknown) => e);
    expect(app).toBeInstanceOf(AppError);
    expect(app).toMatchObject({ code: 'invalid-input', message: 'Series 7 has no demand.', details: { series: 7 } });
    await expect(client.call('fail', { kind: 'type' })).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/null/) });
    await expect(client.call('fail', { kind: 'quota' })).rejects.toMatchObject({ code: 'quota-exceeded' });
    await expect(client.call('echo', { text: 'still up' })).resolves.toBe('STILL UP');
  });

  it('refuses an unknown method, naming it', async () => {
    const { client } = setup();
    await expect(client.call('nope' as 'echo', { text: '' })).rejects.toMatchObject({ code: 'invalid-option', message: 'unknown method: "nope"' });
  });

  it('an idle worker is terminated after idleTimeoutMs and started again on the next call', async () => {
    const { client, spawned } = setup({ idleTimeoutMs: 20 });
    await client.call('echo', { text: 'a' });
    await new Promise((r) => setTimeout(r, 60));
    expect(spawned[0].terminated).toBe(true);
    await expect(client.call('echo', { text: 'b' })).resolves.toBe('B');
    expect(spawned).toHaveLength(2);
  });

  it('terminate() rejects pending calls', async () => {
    const { client } = setup();
    const a = client.call('stuck', null);
    client.terminate();
    await expect(a).rejects.toMatchObject({ code: 'worker-crashed' });
  });
});
