import { expect, test, type Page } from '@playwright/test';
import { csv, openApp, pickFiles, waitForStatus } from './helpers';

/**
 * Two tabs of one browser profile (two pages of one context share IndexedDB, BroadcastChannel and Web Locks),
 * issue #17 points 2, 7, 8, 9 and #14.1.
 */

const good = 'Store,Date,Weekly_Sales\n1,2010-02-05,100\n1,2010-02-12,110\n1,2010-02-19,120\n1,2010-02-26,130\n2,2010-02-05,7\n2,2010-02-12,8\n2,2010-02-19,9\n2,2010-02-26,10\n';

/** Resolves once the page's workspace has loaded and checked for interrupted jobs (App.svelte marks it). */
const ready = (page: Page) => page.waitForFunction(() => performance.getEntriesByName('shelfcast-ready').length > 0);

/** Records whose dataset is not in the workspace (what a delete must not leave behind), by store. */
function orphans(page: Page) {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const req = indexedDB.open('shelfcast');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const names = ['datasets', 'inventories', 'models', 'forecasts', 'backtests', 'simRuns', 'orders', 'recordMeta'];
          const tx = db.transaction(names, 'readonly');
          const all: Record<string, Array<{ id?: string; datasetId?: string | null }>> = {};
          for (const n of names) {
            const r = tx.objectStore(n).getAll();
            r.onsuccess = () => (all[n] = r.result);
          }
          tx.oncomplete = () => {
            db.close();
            const ids = new Set(all.datasets.map((d) => d.id));
            resolve(Object.fromEntries(names.slice(1).map((n) => [n, all[n].filter((r) => r.datasetId != null && !ids.has(r.datasetId)).length])));
          };
        };
      }),
  );
}

test('a second tab opened during an import does not call it interrupted, and both tabs follow each other\'s changes', async ({ page, context }) => {
  await openApp(page);
  await pickFiles(page, 'sales', csv('good.csv', good));
  await waitForStatus(page, ['review']);

  // The import is staged in tab A (its job record says 'running'); tab B opens meanwhile.
  const other = await context.newPage();
  await openApp(other);
  await ready(other);
  await expect(other.getByTestId('interrupted')).toHaveCount(0);

  // A stores it: B lists it without a reload.
  await page.getByTestId('commit-import').click();
  await waitForStatus(page, ['done']);
  await expect(other.getByTestId('dataset-row')).toHaveCount(1);
  await expect(other.getByTestId('interrupted')).toHaveCount(0);

  // B deletes it: A's list follows.
  other.on('dialog', (d) => void d.accept());
  await other.getByTestId('dataset-row').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('dataset-row')).toHaveCount(0);
});

test('a tab closed mid-import is reported as interrupted by the tab still open', async ({ page, context }) => {
  await openApp(page);
  const first = await context.newPage();
  await openApp(first);
  await pickFiles(first, 'sales', csv('good.csv', good));
  await waitForStatus(first, ['review']);
  await ready(page);
  await expect(page.getByTestId('interrupted')).toHaveCount(0);
  await first.close();
  await expect(page.getByTestId('interrupted')).toContainText('import of good.csv');
});

test('a newer version opened in another tab: the old tab closes its connection and says why, the new one opens', async ({ page, context }) => {
  await openApp(page);
  await ready(page);
  const newer = await context.newPage();
  await newer.goto('about:blank');
  await newer.goto(new URL('./?demo=0', page.url()).href);
  const version = await newer.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        // What a build with the next schema version does when it opens the workspace.
        const req = indexedDB.open('shelfcast', 99);
        const timer = setTimeout(() => reject(new Error('the upgrade waited forever behind the old tab')), 10_000);
        req.onsuccess = () => {
          clearTimeout(timer);
          resolve(req.result.version);
          req.result.close();
        };
        req.onerror = () => reject(req.error);
      }),
  );
  expect(version).toBe(99);
  await expect(page.getByRole('alert')).toContainText('A newer version of Shelfcast opened in another tab');
});

test('approving the same order twice (double click, two tabs) stores one line; deleting the dataset leaves nothing behind', async ({ page, context }) => {
  test.setTimeout(240_000);
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  await page.getByTestId('tab-orders').click();
  const view = page.getByTestId('orders-view');
  // The first visit made the demo's quick forecast in the background (openApp waited for it).
  await expect(view.getByTestId('forecast-used')).toBeVisible({ timeout: 120_000 });
  const rows = view.getByTestId('orders-table').getByTestId('order-row');
  await expect(rows.first()).toBeVisible();

  // A double click on ✓ approves once.
  await rows.nth(0).getByTestId('approve-row').dblclick();
  await expect(view.getByTestId('approved-count')).toHaveText('1');
  await expect(view.getByTestId('orders-notice')).toContainText(/Approved|already on an open order/);

  // Tab B plans the same snapshot; both approve the same item at once.
  const other = await context.newPage();
  await openApp(other);
  await other.getByTestId('tab-orders').click();
  const otherView = other.getByTestId('orders-view');
  await expect(otherView.getByTestId('forecast-used')).toBeVisible({ timeout: 60_000 });
  const item = (await rows.nth(1).getByTestId('item-name').getAttribute('title'))!;
  await view.getByTestId('filter-text').fill(item);
  await otherView.getByTestId('filter-text').fill(item);
  const otherRows = otherView.getByTestId('orders-table').getByTestId('order-row');
  await expect(rows).toHaveCount(1);
  await expect(otherRows).toHaveCount(1);
  // Both clicks in the same moment, at the DOM: on a slow machine the other tab's approval can arrive first and
  // cover this row's ✓ with its APPROVED chip, which would make a pointer click wait forever; the button is still
  // there and its click must not order the item twice.
  const approve = (b: HTMLElement) => b.click();
  await Promise.all([rows.first().getByTestId('approve-row').evaluate(approve), otherRows.first().getByTestId('approve-row').evaluate(approve)]);
  await expect(view.getByTestId('approved-count')).toHaveText('2');
  await expect(otherView.getByTestId('approved-count')).toHaveText('2');

  // Deleting the daily dataset deletes its snapshot, forecasts, backtests and order lines with it.
  await page.getByTestId('tab-data').click();
  page.on('dialog', (d) => void d.accept());
  await page.getByTestId('dataset-row').filter({ hasText: 'daily' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('dataset-row')).toHaveCount(1);
  expect(await orphans(page)).toEqual({ inventories: 0, models: 0, forecasts: 0, backtests: 0, simRuns: 0, orders: 0, recordMeta: 0 });
});
