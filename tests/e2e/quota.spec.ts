import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { openApp, pickFiles, waitForStatus } from './helpers';

/**
 * A full disk (issue #17 points 3 and 5), made with Chromium's per-origin quota override (DevTools protocol)
 * set before the visit it applies to, so every write of that visit meets it.
 */

/** Sets this origin's quota to `bytes` for the pages of the context. */
async function overrideQuota(context: BrowserContext, page: Page, origin: string, bytes: number): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: bytes });
}

/** A Walmart-shaped sales CSV of about `megabytes` MB. */
function salesCsv(megabytes: number): Buffer {
  const lines: string[] = ['Store,Dept,Date,Weekly_Sales'];
  let size = 0;
  for (let s = 1; size < megabytes * 1e6; s++) {
    for (let w = 0; w < 143; w++) {
      const line = `${s},${s % 7},${new Date(Date.UTC(2010, 1, 5 + 7 * w)).toISOString().slice(0, 10)},${(1000 + ((s * 7919 + w * 104729) % 50000) / 7).toFixed(2)}`;
      lines.push(line);
      size += line.length + 1;
    }
  }
  return Buffer.from(lines.join('\n'));
}

const datasetsStored = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('shelfcast');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const r = req.result.transaction(['datasets', 'seriesChunks'], 'readonly').objectStore('seriesChunks').count();
          r.onsuccess = () => (req.result.close(), resolve(r.result));
        };
      }),
  );

test('a full disk during an import says how much is needed and free, and stores nothing', async ({ page, context, baseURL }) => {
  await overrideQuota(context, page, new URL(baseURL!).origin, 1_000_000);
  await openApp(page);
  await pickFiles(page, 'sales', { name: 'big.csv', mimeType: 'text/csv', buffer: salesCsv(4) });
  await waitForStatus(page, ['review'], 120_000);
  await page.getByTestId('commit-import').click();
  await waitForStatus(page, ['failed']);
  await expect(page.getByTestId('import-error')).toContainText(/Not enough storage: [\d.,]+ MB needed, [\d.,]+ MB free\. Nothing was saved/);
  await expect(page.getByTestId('dataset-row')).toHaveCount(0);
  expect(await datasetsStored(page)).toBe(0);
});

/**
 * Fills the origin's storage to the quota with a database of its own: records of random bytes (constant bytes
 * would be compressed to nothing), 1 MB and then smaller, until the browser refuses even 16 bytes.
 */
const fillDisk = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('filler');
        req.onupgradeneeded = () => req.result.createObjectStore('x');
        req.onsuccess = () => {
          let n = 0;
          const next = (size: number) => {
            const tx = req.result.transaction('x', 'readwrite');
            const bytes = new Uint8Array(size);
            for (let o = 0; o < size; o += 65536) crypto.getRandomValues(bytes.subarray(o, o + 65536));
            tx.objectStore('x').put(bytes, n);
            tx.oncomplete = () => (++n > 300 ? resolve(-n) : next(size));
            tx.onabort = () => (size > 16 ? next(size >> 2) : resolve(n));
          };
          next(1 << 20);
        };
      }),
  );

test('reopening with a full disk after a tab closed mid-job: the datasets are listed and can be backed up and deleted', async ({ page, context, baseURL }) => {
  // The override applies from the first visit on: room for the app's cache and the demo, then the disk fills.
  await overrideQuota(context, page, new URL(baseURL!).origin, 40_000_000);
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  // A backtest left 'running' by a tab that closed (no tab holds its lock).
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('shelfcast');
        req.onsuccess = () => {
          const tx = req.result.transaction('jobs', 'readwrite');
          tx.objectStore('jobs').put({ id: 'orphan', kind: 'backtest', status: 'running', label: 'Demo: weekly store sales', startedAt: Date.now(), endedAt: null });
          tx.oncomplete = () => (req.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  // The disk fills: every write fails from now on.
  expect(await fillDisk(page)).toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'refused local storage' })).toHaveCount(0);
  await expect(page.getByTestId('backup-download')).toBeEnabled();
  await expect(page.getByTestId('clear-all')).toBeEnabled();
  const download = page.waitForEvent('download');
  await page.getByTestId('backup-download').click();
  expect((await download).suggestedFilename()).toMatch(/^shelfcast-backup-.*\.shelfcast$/);
  page.on('dialog', (d) => void d.accept());
  await page.getByTestId('dataset-row').filter({ hasText: 'weekly' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('dataset-row')).toHaveCount(1);
});
