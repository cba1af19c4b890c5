import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { addPeriods, isoFromDay } from '../../src/lib/core/dates';
import { generateDemoWorkspace } from '../../src/lib/demo/workspace';
import { csv, openApp } from './helpers';

/** The app's demo seed (src/ui/state/demo.svelte.ts DEMO_SEED): the file below is written for that demo's daily items. */
const DEMO_SEED = 20240101;

/**
 * A file as statsforecast writes it (`sf.forecast(df=..., h=35, level=[80]).to_csv(index=False)`): AutoETS with its
 * 80 % interval, AutoARIMA without one, for every daily demo item, plus one item the dataset does not have.
 * The numbers are each item's mean of its last 28 days (±30 % as the interval): what matters here is the plumbing.
 */
function statsforecastFile(): string {
  const daily = generateDemoWorkspace({ seed: DEMO_SEED }).datasets[1];
  const last = daily.calendar.days.at(-1)!;
  const lines = ['unique_id,ds,AutoETS,AutoETS-lo-80,AutoETS-hi-80,AutoARIMA'];
  for (const s of daily.series) {
    const tail = Array.from(s.values.slice(-28)).filter(Number.isFinite);
    const mean = tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
    for (let h = 1; h <= 35; h++) {
      lines.push(`${s.id},${isoFromDay(addPeriods(last, h, 'daily'))},${mean.toFixed(4)},${(0.7 * mean).toFixed(4)},${(1.3 * mean).toFixed(4)},${(1.1 * mean).toFixed(4)}`);
    }
  }
  lines.push(`NOT-AN-ITEM,${isoFromDay(last + 1)},1,0,2,1`);
  return lines.join('\n');
}

test('a statsforecast file imported onto the demo items is listed, shown and planned from in Orders', async ({ page }) => {
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  await page.getByTestId('tab-forecast').click();
  const view = page.getByTestId('forecast-view');
  await view.getByTestId('forecast-dataset').selectOption({ label: 'Demo: daily item demand' });

  const panel = view.getByTestId('external-forecast');
  await panel.getByText('Import a forecast made elsewhere…').click();
  // A file that is not a forecast is refused with its reason, and nothing can be saved.
  await panel.getByTestId('external-forecast-file').setInputFiles(csv('cv.csv', 'unique_id,ds,cutoff,y,AutoETS\nS01 / I001,2024-12-01,2024-11-30,3,4\n'));
  await expect(panel.getByTestId('external-forecast-issues')).toContainText('it is the output of cross_validation()');
  await expect(panel.getByTestId('external-forecast-save')).toHaveCount(0);
  await panel.getByTestId('external-forecast-file').setInputFiles(csv('statsforecast.csv', statsforecastFile()));

  // What the file holds, before anything is saved: both models, the unknown id named with its row.
  await expect(panel.getByTestId('external-forecast-summary')).toContainText('100 of 100 series have a forecast');
  await expect(panel.getByTestId('external-forecast-summary')).toContainText('1 rows (1 ids) match no series');
  const models = panel.getByTestId('external-forecast-models');
  await expect(models).toContainText('AutoETS');
  await expect(models).toContainText('10%, 90% from its intervals');
  await expect(models).toContainText('none: Orders sizes safety stock from a Poisson spread');
  await expect(panel.getByTestId('external-forecast-issues')).toContainText('Row 3502, unique_id "NOT-AN-ITEM": no series of Demo: daily item demand has this id');

  // The open dialog, its table and its notes pass axe (no serious or critical violations).
  const axe = await new AxeBuilder({ page }).include('[data-testid="external-forecast"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // AutoETS is chosen by default; AutoARIMA is added: both are saved, AutoETS (chosen first) as the newest.
  await models.getByRole('checkbox', { name: 'Import AutoARIMA' }).check();
  await expect(panel.getByTestId('external-forecast-save')).toHaveText('Import 2 models');
  await panel.getByTestId('external-forecast-save').click();
  await expect(panel.getByTestId('external-forecast-saved')).toContainText('Saved AutoETS, imported from statsforecast.csv');
  await expect(panel.getByTestId('external-forecast-saved')).toContainText('AutoARIMA, imported from statsforecast.csv (no intervals in the file: Orders assumes a Poisson spread)');
  // Listed with the dataset's forecasts, opened, and labelled with where it came from.
  await expect(view.getByRole('button', { name: 'AutoETS, imported from statsforecast.csv' })).toBeVisible();
  await expect(view.getByTestId('external-forecast-method')).toContainText("quantiles from the file's intervals: 0.1 (AutoETS-lo-80), 0.9 (AutoETS-hi-80)");
  await expect(view.getByTestId('series-models')).toContainText(/35 periods from .*; AutoETS, imported from statsforecast\.csv\./);

  // Orders plans from it: every item has a forecast, the safety stock's σ comes from the file's interval.
  await page.getByTestId('tab-orders').click();
  const orders = page.getByTestId('orders-view');
  await expect(orders.getByTestId('forecast-used')).toContainText('AutoETS, imported from statsforecast.csv (quantiles 10%, 90% from its intervals)', { timeout: 30_000 });
  await expect(orders.getByTestId('run-summary')).toContainText('100 items planned', { timeout: 30_000 });
  await expect(orders.getByTestId('status-counts')).not.toContainText('NO FORECAST');
  const first = orders.getByTestId('orders-table').getByTestId('order-row').first();
  await first.getByTestId('expand-row').click();
  const explanation = orders.getByTestId('orders-table').getByTestId('explanation');
  // The row's flags name where σ came from: the file's interval (flag sigma-from-quantiles), not the app's backtests
  // (cumulative-errors); words from src/ui/orders/flag-words.ts.
  await expect(explanation).toContainText("safety stock sized from the forecast's interval");
  await expect(explanation).not.toContainText("backtest's errors");
});
