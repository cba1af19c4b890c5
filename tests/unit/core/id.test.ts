import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomId } from '../../../src/lib/core/id';

afterEach(() => vi.unstubAllGlobals());

describe('randomId (the one id generator)', () => {
  it('is a UUID from crypto.randomUUID where it exists, different each call', () => {
    const ids = new Set(Array.from({ length: 100 }, randomId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('falls back to 128 random bits as hex without randomUUID (plain-HTTP pages in older browsers)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => real.getRandomValues(a) });
    const a = randomId();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(randomId()).not.toBe(a);
  });

  it('falls back to time and Math.random without Web Crypto', () => {
    vi.stubGlobal('crypto', undefined);
    expect(randomId()).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
  });
});
