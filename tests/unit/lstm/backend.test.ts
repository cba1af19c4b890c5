import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend, tensorMemory, useBackend, wasmThreadsDecision } from '../../../src/lib/lstm/backend';

// Node has no WebGPU or WebGL: those candidates fail to start, which is what these tests exercise.
describe('backend selection', () => {
  // First in the file: no backend is set yet.
  it('tensorMemory() before any backend reports zeros and backend null, without starting one', () => {
    expect(tensorMemory()).toEqual({ backend: null, numTensors: 0, numDataBuffers: 0, numBytes: 0 });
    expect(tf.getBackend()).toBeFalsy();
  });

  it('tensorMemory() counts live tensors and their bytes on the active backend', async () => {
    await useBackend('cpu');
    const before = tensorMemory();
    const t = tf.zeros([4, 8]);
    expect(tensorMemory()).toEqual({ backend: 'cpu', numTensors: before.numTensors + 1, numDataBuffers: before.numDataBuffers + 1, numBytes: before.numBytes + 4 * 8 * 4 });
    t.dispose();
    expect(tensorMemory()).toEqual(before);
  });

  it("useBackend('cpu') starts cpu after a training check step", async () => {
    const m = await useBackend('cpu');
    expect(m).toMatchObject({ backend: 'cpu', status: 'ok', software: false, wasm: null });
    expect(m.checkMs).toBeGreaterThanOrEqual(0);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('skips backends that fail to start, with the reason, and picks the fastest that works', async () => {
    const choice = await selectBackend({ candidates: ['webgpu', 'webgl', 'cpu'], probeMs: 20 });
    expect(choice.backend).toBe('cpu');
    expect(choice.reason).toBe('fastest');
    expect(choice.measurements.map((m) => [m.backend, m.status])).toEqual([
      ['webgpu', 'failed'],
      ['webgl', 'failed'],
      ['cpu', 'ok'],
    ]);
    expect(choice.measurements[0].reason).toMatch(/WebGPU is not available|did not start/);
    expect(choice.measurements[2].sequencesPerSecond).toBeGreaterThan(0);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('takes a working preferred backend without probing the others', async () => {
    const choice = await selectBackend({ preferred: 'cpu', candidates: ['webgl', 'cpu'] });
    expect(choice).toMatchObject({ backend: 'cpu', reason: 'preferred' });
    expect(choice.measurements.map((m) => [m.backend, m.status])).toEqual([
      ['cpu', 'ok'],
      ['webgl', 'skipped'],
    ]);
  });

  it('leaves no tensor behind', async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    await selectBackend({ candidates: ['cpu'], probeMs: 20 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad candidate with its name, and an aborted signal with an AbortError', async () => {
    await expect(selectBackend({ candidates: ['tpu' as 'cpu'] })).rejects.toThrow(/invalid candidate: "tpu"/);
    const controller = new AbortController();
    controller.abort();
    await expect(selectBackend({ candidates: ['cpu'], signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects when no candidate works', async () => {
    await expect(selectBackend({ candidates: ['webgpu'] })).rejects.toThrow(/no TF.js backend works: webgpu/);
    await useBackend('cpu');
  });
});

describe('wasmThreadsDecision', () => {
  it("'auto' uses threads only where the page is isolated and TF.js would run at least 2 (half the logical cores)", () => {
    expect(wasmThreadsDecision('auto', true, 8)).toEqual({ threads: true, note: '4 threads (half of 8 logical cores)' });
    expect(wasmThreadsDecision('auto', true, 4).threads).toBe(true);
    expect(wasmThreadsDecision('auto', true, 3)).toEqual({ threads: false, note: 'one thread: TF.js would run 1 thread on 3 logical cores' });
    expect(wasmThreadsDecision('auto', true, 2).threads).toBe(false);
    expect(wasmThreadsDecision('auto', false, 16)).toEqual({ threads: false, note: 'one thread: the page is not cross-origin isolated (no COOP/COEP headers)' });
  });

  it("'on' needs isolation only; 'off' never uses threads; TF.js's own cap of 8 threads is reported", () => {
    expect(wasmThreadsDecision('on', true, 2)).toEqual({ threads: true, note: 'threaded build (your setting), 1 thread' });
    expect(wasmThreadsDecision('on', true, 64)).toEqual({ threads: true, note: 'threaded build (your setting), 8 threads' });
    expect(wasmThreadsDecision('on', false, 8).threads).toBe(false);
    expect(wasmThreadsDecision('off', true, 8)).toEqual({ threads: false, note: 'threads off (your setting)' });
  });

  it('rejects an unknown mode', async () => {
    await expect(useBackend('cpu', { wasmThreads: 'sometimes' as 'on' })).rejects.toThrow(/wasmThreads/);
  });
});
