import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, openDemoForecast } from './helpers';

test('a statsforecast-style forecast file imports onto a dataset and is shown like the app\'s own', async ({ page }) => {
  const view = await openDemoForecast(page);
  await view.getByTestId('bt-step').fill('8');
  await view.getByTestId('run-backtest').click();
  await expect(view.getByTestId('leaderboard')).toBeVisible({ timeout: 120_000 });
  await view.getByTestId('make-forecast').click();
  await expect(view.getByTestId('forecast-table').locator('tbody tr')).toHaveCount(8, { timeout: 60_000 });
  const download = page.waitForEvent('download');
  await view.getByTestId('export-forecast').click();
  const own = readFileSync((await (await download).path())!, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));

  // The same periods and series written as statsforecast does (unique_id, ds, model, model-lo-80, model-hi-80),
  // with a model of its own: twice the app's forecast.
  const csv = ['unique_id,ds,AutoETS,AutoETS-lo-80,AutoETS-hi-80', ...own.map(([series, date, , point, q10, , q90]) => `"${series}",${date},${2 * +point},${2 * +q10},${2 * +q90}`)].join('\n');
  await view.getByText('Import a forecast made elsewhere').click();
  await view.getByTestId('import-forecast').setInputFiles({ name: 'statsforecast.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(view.getByTestId('imported-forecast')).toContainText('Imported AutoETS from statsforecast.csv for 30 series', { timeout: 30_000 });
  const table = view.getByTestId('forecast-table');
  await expect(table.locator('tbody tr')).toHaveCount(8);
  await expect(view.getByText(/models imported:AutoETS/)).toBeVisible();
  await expect(table.locator('caption')).toContainText('with its 80% interval');
  await expect(table.locator('thead')).toContainText('q10');
  await expect(table.locator('thead')).toContainText('q90');
});

test('Orders plans from an imported forecast', async ({ page }) => {
  // The demo's orders plan the daily item demand: make the app's own forecast there, export it, and import a
  // statsforecast-style file holding twice its values.
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  await page.getByTestId('tab-orders').click();
  const orders = page.getByTestId('orders-view');
  await orders.getByTestId('preset-quick').check();
  await orders.getByTestId('make-forecast-here').click();
  await expect(orders.getByTestId('forecast-used')).toBeVisible({ timeout: 60_000 });
  const units = async () => Number((await orders.getByTestId('run-summary').innerText()).match(/orders proposed: ([\d,]+) units/)![1].replace(/,/g, ''));
  const ownUnits = await units();

  await page.getByTestId('tab-forecast').click();
  const view = page.getByTestId('forecast-view');
  await view.getByTestId('forecast-dataset').selectOption({ label: 'Demo: daily item demand' });
  await expect(view.getByTestId('export-forecast')).toBeVisible({ timeout: 30_000 });
  const download = page.waitForEvent('download');
  await view.getByTestId('export-forecast').click();
  const own = readFileSync((await (await download).path())!, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  const csv = ['unique_id,ds,AutoETS,AutoETS-lo-80,AutoETS-hi-80', ...own.map(([series, date, , point, q10, , q90]) => `"${series}",${date},${2 * +point},${2 * +q10},${2 * +q90}`)].join('\n');
  await view.getByText('Import a forecast made elsewhere').click();
  await view.getByTestId('import-forecast').setInputFiles({ name: 'statsforecast.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(view.getByTestId('imported-forecast')).toContainText('Imported AutoETS from statsforecast.csv', { timeout: 30_000 });

  await page.getByTestId('tab-orders').click();
  await expect(orders.getByTestId('forecast-used')).toContainText('imported from statsforecast.csv', { timeout: 30_000 });
  await expect.poll(units, { timeout: 30_000 }).toBeGreaterThan(ownUnits);
});
