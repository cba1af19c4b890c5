import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openDemoForecast } from './helpers';

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
