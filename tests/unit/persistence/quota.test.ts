import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/lib/core/errors';
import { isQuotaError, storageError } from '../../../src/persistence/quota';

afterEach(() => vi.unstubAllGlobals());

const estimate = (quota: number, usage: number) => vi.stubGlobal('navigator', { storage: { estimate: async () => ({ quota, usage }) } });

describe('storage-full errors are told by name and say the figures (#17.5)', () => {
  it("Chromium's QuotaExceededError with an empty message is recognised; other errors pass through unchanged", async () => {
    expect(isQuotaError(new DOMException('', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new AppError('quota-exceeded', ''))).toBe(true);
    expect(isQuotaError(new Error('quota exceeded'))).toBe(false);
    const other = new TypeError('x');
    expect(await storageError(other, {})).toBe(other);
  });

  it('says how much was needed and how much is free', async () => {
    estimate(10e6, 9.5e6);
    const error = (await storageError(new DOMException('', 'QuotaExceededError'), { values: new Float64Array(250_000) })) as AppError;
    expect(error).toMatchObject({ name: 'AppError', code: 'quota-exceeded' });
    expect(error.message).toMatch(/^Not enough storage: 2 MB needed, 0\.5 MB free\. Nothing was saved\. Delete old results/);
  });

  it('when the estimate shows room, both figures are given without pretending they add up', async () => {
    estimate(10e9, 1e6);
    const error = (await storageError(new DOMException('', 'QuotaExceededError'), new Float64Array(125_000))) as AppError;
    expect(error.message).toMatch(/^Not enough storage: 1 MB needed; the browser refused it although it reports 9,999 MB free/);
  });
});
