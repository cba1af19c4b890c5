import { describe, expect, it } from 'vitest';
import { inLaterTask, RenderQueue } from '../../../src/ui/render-queue';

/** A scheduler the test drives by hand: `step()` runs the next scheduled task. */
function manual() {
  const tasks: Array<() => void> = [];
  return { schedule: (fn: () => void) => tasks.push(fn), step: () => tasks.shift()?.(), pending: () => tasks.length };
}

describe('RenderQueue (one rendering job per task)', () => {
  it('runs one job per task, in the order the charts first queued', () => {
    const s = manual();
    const q = new RenderQueue(s.schedule);
    const ran: string[] = [];
    const [a, b, c] = [{}, {}, {}];
    q.enqueue(a, () => ran.push('a'));
    q.enqueue(b, () => ran.push('b'));
    q.enqueue(c, () => ran.push('c'));
    expect(ran).toEqual([]);
    expect(s.pending()).toBe(1);
    s.step();
    expect(ran).toEqual(['a']);
    s.step();
    s.step();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(s.pending()).toBe(0);
    expect(q.size).toBe(0);
  });

  it('a key queued twice before its turn runs once, with the newer job, in its first place', () => {
    const s = manual();
    const q = new RenderQueue(s.schedule);
    const ran: string[] = [];
    const [a, b] = [{}, {}];
    q.enqueue(a, () => ran.push('a1'));
    q.enqueue(b, () => ran.push('b1'));
    q.enqueue(a, () => ran.push('a2'));
    while (s.pending()) s.step();
    expect(ran).toEqual(['a2', 'b1']);
  });

  it('a cancelled key never runs, and the others still do', () => {
    const s = manual();
    const q = new RenderQueue(s.schedule);
    const ran: string[] = [];
    const [a, b] = [{}, {}];
    q.enqueue(a, () => ran.push('a'));
    q.enqueue(b, () => ran.push('b'));
    q.cancel(a);
    while (s.pending()) s.step();
    expect(ran).toEqual(['b']);
  });

  it('a job that throws does not stop the queue', () => {
    const s = manual();
    const q = new RenderQueue(s.schedule);
    const ran: string[] = [];
    q.enqueue({}, () => {
      throw new Error('boom');
    });
    q.enqueue({}, () => ran.push('b'));
    expect(() => s.step()).toThrow('boom');
    s.step();
    expect(ran).toEqual(['b']);
  });

  it('without frames (Node) the default scheduler still drains the queue', async () => {
    const q = new RenderQueue();
    const ran: number[] = [];
    for (let i = 0; i < 3; i++) q.enqueue({}, () => ran.push(i));
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toEqual([0, 1, 2]);
  });

  it('a job that queues its own key again (a chart built in one task, drawn in the next) runs that after the others', () => {
    const s = manual();
    const q = new RenderQueue(s.schedule);
    const ran: string[] = [];
    const [a, b] = [{}, {}];
    q.enqueue(a, () => {
      ran.push('a: build');
      q.enqueue(a, () => ran.push('a: draw'));
    });
    q.enqueue(b, () => ran.push('b'));
    s.step();
    expect(ran).toEqual(['a: build']);
    while (s.pending()) s.step();
    expect(ran).toEqual(['a: build', 'b', 'a: draw']);
  });
});

describe('RenderQueue busy and idle signals (read by npm run bench)', () => {
  it('says busy when work arrives in an empty queue and idle once the last job has run', () => {
    const s = manual();
    const log: string[] = [];
    const q = new RenderQueue(s.schedule, () => log.push('busy'), () => log.push('idle'));
    const [a, b] = [{}, {}];
    q.enqueue(a, () => log.push('a'));
    q.enqueue(b, () => log.push('b'));
    s.step();
    expect(log).toEqual(['busy', 'a']);
    s.step();
    expect(log).toEqual(['busy', 'a', 'b', 'idle']);
    q.enqueue(a, () => log.push('a'));
    q.cancel(a);
    s.step();
    expect(log).toEqual(['busy', 'a', 'b', 'idle', 'busy', 'idle']);
  });
});

describe('inLaterTask (a lazily loaded view mounts in the task after its code arrives)', () => {
  it('resolves with the value only once the scheduled task runs', async () => {
    const s = manual();
    let got: string | null = null;
    const p = inLaterTask('view', s.schedule).then((v) => (got = v));
    await Promise.resolve();
    expect(got).toBeNull();
    s.step();
    await p;
    expect(got).toBe('view');
  });
});
