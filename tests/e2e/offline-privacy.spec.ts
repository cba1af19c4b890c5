import { expect, test } from '@playwright/test';
import { csv, openApp, pickFiles, waitForStatus } from './helpers';

const small = 'Store,Date,Weekly_Sales\n' + Array.from({ length: 120 }, (_, i) => `1,${new Date(Date.UTC(2020, 0, 3 + 7 * i)).toISOString().slice(0, 10)},${100 + 30 * Math.sin(i / 8) + (i % 52 === 50 ? 80 : 0)}`).join('\n') + '\n';

test('no request ever leaves the origin during a whole session', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  await pickFiles(page, 'sales', csv('small.csv', small));
  await waitForStatus(page, ['review']);
  await page.getByTestId('commit-import').click();
  await waitForStatus(page, ['done']);
  await page.getByTestId('tab-explore').click();
  await expect(page.getByTestId('series-table')).toBeVisible();
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-dataset').selectOption({ label: 'Demo: weekly store sales' });
  await page.getByTestId('bt-step').fill('8');
  await page.getByTestId('run-backtest').click();
  await expect(page.getByTestId('leaderboard')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('make-forecast').click();
  await expect(page.getByTestId('forecast-table')).toBeVisible({ timeout: 60_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('export-forecast').click();
  await download;
  for (const tab of ['tab-inventory', 'tab-orders']) {
    const button = page.getByTestId(tab);
    if (await button.count()) {
      await button.click();
      await page.waitForTimeout(1500);
    }
  }
  expect(foreign).toEqual([]);
});

test('after one visit the app loads and works with the network off', async ({ page, context }) => {
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  // The service worker has precached the app once the page says so; the next navigation goes through it.
  await expect(page.getByTestId('offline-status')).toContainText('works with the network off', { timeout: 60_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('dataset-row')).toHaveCount(2);
  await pickFiles(page, 'sales', csv('offline.csv', small));
  await waitForStatus(page, ['review']);
  await page.getByTestId('commit-import').click();
  await waitForStatus(page, ['done']);
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('bt-step').fill('8');
  await page.getByTestId('run-backtest').click();
  await expect(page.getByTestId('leaderboard')).toBeVisible({ timeout: 120_000 });
  await context.setOffline(false);
});

test('the built page carries a Content-Security-Policy that allows only the origin', async ({ page }) => {
  await page.goto('./?demo=0');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toMatch(/'unsafe-eval'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(await page.locator('script:not([src])').count()).toBe(0);
});
