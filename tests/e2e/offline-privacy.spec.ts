import { expect, test } from '@playwright/test';
import { csv, openApp, pickFiles, waitForStatus } from './helpers';

const small = 'Store,Date,Weekly_Sales\n' + Array.from({ length: 120 }, (_, i) => `1,${new Date(Date.UTC(2020, 0, 3 + 7 * i)).toISOString().slice(0, 10)},${100 + 30 * Math.sin(i / 8) + (i % 52 === 50 ? 80 : 0)}`).join('\n') + '\n';

test('no request ever leaves the origin during a whole session: import, train, forecast, export, simulate, reorder', async ({ page, context, baseURL }) => {
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
  // Train: the LSTM loads TF.js and its WASM binaries, probes the backends and trains in the worker.
  await page.getByTestId('lstm-enabled').check();
  await expect(page.getByTestId('backend')).toContainText(/Backend: \w+ \(/, { timeout: 120_000 });
  await page.getByTestId('lstm-units').fill('4');
  await page.getByTestId('lstm-epochs').fill('1');
  await page.getByTestId('bt-step').fill('13');
  await page.getByTestId('run-backtest').click();
  await expect(page.getByTestId('leaderboard').locator('tr[data-model="lstm"]')).toHaveCount(1, { timeout: 180_000 });
  await page.getByTestId('make-forecast').click();
  await expect(page.getByTestId('forecast-table')).toBeVisible({ timeout: 60_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('export-forecast').click();
  await download;
  // Simulate: the inventory view runs its simulation in the worker as soon as it opens, then play a few periods.
  await page.getByTestId('tab-inventory').click();
  await expect(page.getByTestId('kpi-cost')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('play').click();
  await page.getByTestId('play').click();
  // Reorder: forecast in place and run the engine on the demo stock.
  await page.getByTestId('tab-orders').click();
  const orders = page.getByTestId('orders-view');
  await orders.getByTestId('preset-quick').check();
  await orders.getByTestId('make-forecast-here').click();
  await expect(orders.getByTestId('run-summary')).toContainText('items planned', { timeout: 90_000 });
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
  // The demo's shipped LSTM forecasts offline: TF.js, its WASM binaries and the model come from the cache.
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-dataset').selectOption({ label: 'Demo: weekly store sales' });
  await page.getByTestId('saved-models').locator('li', { hasText: 'Pretrained demo LSTM' }).getByTestId('forecast-with-model').click();
  await expect(page.getByTestId('holdout-check')).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('tab-data').click();
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
