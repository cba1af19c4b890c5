import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateDemoWorkspace } from '../../../src/lib/demo';
import { saveDataset } from '../../../src/persistence/datasets';
import { countWorkspace } from '../../../src/persistence/backup';
import { freshDb } from './helpers';

afterEach(() => vi.restoreAllMocks());

/** What every write path rejects with on a full disk (Chromium's own error has an empty message). */
const QUOTA = { name: 'AppError', code: 'quota-exceeded', message: expect.stringMatching(/^Not enough storage: [\d.,]+ MB needed\b.*Nothing was saved/) };

/** Makes the `failAt`-th put of any store throw the quota error, as a full disk does. */
function quotaAfter(failAt: number) {
  const put = IDBObjectStore.prototype.put;
  let calls = 0;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (++calls === failAt) throw new DOMException('', 'QuotaExceededError');
    return put.apply(this, args);
  });
  return () => calls;
}

describe('storage full while saving a dataset', () => {
  const demo = generateDemoWorkspace({ seed: 5, stores: 40, items: 3 });
  const weekly = demo.datasets[0];

  for (const failAt of [1, 2, 3]) {
    it(`saveDataset with put #${failAt} failing (QuotaExceededError) rejects saying how much storage it needed and writes nothing`, async () => {
      const db = await freshDb();
      const calls = quotaAfter(failAt);
      await expect(saveDataset(db, weekly, { inventory: demo.inventory })).rejects.toMatchObject(QUOTA);
      expect(calls()).toBe(failAt);
      vi.restoreAllMocks();
      expect(Object.values(await countWorkspace(db)).every((c) => c === 0)).toBe(true);
    });
  }

  it('a failing second save leaves the first dataset whole', async () => {
    const db = await freshDb();
    await saveDataset(db, weekly);
    const before = await countWorkspace(db);
    quotaAfter(2);
    await expect(saveDataset(db, demo.datasets[1], { inventory: demo.inventory })).rejects.toMatchObject(QUOTA);
    vi.restoreAllMocks();
    expect(await countWorkspace(db)).toEqual(before);
  });
});
