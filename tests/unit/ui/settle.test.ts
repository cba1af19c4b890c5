import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenSettled } from '../../../src/ui/state/settle';

describe('whenSettled', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (busy: () => boolean) => {
    let done = false;
    const idle = vi.fn((cb: () => void) => setTimeout(cb, 10));
    void whenSettled({ busy, loaded: Promise.resolve(), quietMs: 1000, pollMs: 100, idle, now: () => Date.now() }).then(() => (done = true));
    return { idle, isDone: () => done };
  };

  it('resolves after quietMs of quiet and an idle moment', async () => {
    const s = setup(() => false);
    await vi.advanceTimersByTimeAsync(900);
    expect(s.isDone()).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    expect(s.isDone()).toBe(true);
    expect(s.idle).toHaveBeenCalledTimes(1);
  });

  it('waits while busy() is true, then quietMs more after it turns false', async () => {
    let busy = true;
    const s = setup(() => busy);
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.isDone()).toBe(false);
    busy = false;
    await vi.advanceTimersByTimeAsync(800);
    expect(s.isDone()).toBe(false);
    await vi.advanceTimersByTimeAsync(400);
    expect(s.isDone()).toBe(true);
  });

  it('does not resolve when the work starts again right at the idle moment', async () => {
    let busy = false;
    let calls = 0;
    const idle = (cb: () => void) => {
      calls++;
      if (calls === 1) busy = true;
      setTimeout(cb, 10);
    };
    let done = false;
    void whenSettled({ busy: () => busy, loaded: Promise.resolve(), quietMs: 1000, pollMs: 100, idle, now: () => Date.now() }).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(3000);
    expect(done).toBe(false);
    busy = false;
    await vi.advanceTimersByTimeAsync(1300);
    expect(done).toBe(true);
    expect(calls).toBe(2);
  });

  it('waits for the page to load first', async () => {
    let load!: () => void;
    let done = false;
    void whenSettled({ busy: () => false, loaded: new Promise<void>((r) => (load = r)), quietMs: 1000, pollMs: 100, idle: (cb) => cb(), now: () => Date.now() }).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(5000);
    expect(done).toBe(false);
    load();
    await vi.advanceTimersByTimeAsync(1200);
    expect(done).toBe(true);
  });
});
