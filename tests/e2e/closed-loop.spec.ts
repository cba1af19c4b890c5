import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('the closed loop replays every model of the last backtest through the engine, next to the simple rules, with a chart and the reasons', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });

  // A backtest of the daily items (the demo snapshot's dataset) with the quick models, one origin every 14 days.
  await page.getByTestId('tab-forecast').click();
  const fv = page.getByTestId('forecast-view');
  await fv.getByTestId('forecast-dataset').selectOption({ label: 'Demo: daily item demand' });
  for (const slow of ['ets', 'ets-nonseasonal', 'stl-ets']) {
    const box = fv.locator(`input[type="checkbox"][value="${slow}"]`);
    if (await box.isChecked()) await box.uncheck();
  }
  await fv.getByTestId('bt-step').fill('14');
  await fv.getByTestId('run-backtest').click();
  const board = fv.getByTestId('leaderboard');
  await expect(board).toBeVisible({ timeout: 180_000 });
  const models = await board.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-model')!));
  expect(models).toContain('ensemble');

  // The Orders tab: the closed loop lists every one of those models, then the two rules and the reference.
  await page.getByTestId('tab-orders').click();
  const view = page.getByTestId('orders-view');
  await expect(view.getByTestId('status-counts')).toBeVisible({ timeout: 60_000 });
  await view.getByTestId('run-closed-loop').click();
  const table = view.getByTestId('closed-loop-table');
  await expect(table).toBeVisible({ timeout: 120_000 });
  const replayed = await table.getByTestId('closed-loop-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-model')).filter((m) => m));
  expect(replayed.sort()).toEqual([...models].sort());
  await expect(table).toContainText('Fixed cover');
  await expect(table).toContainText('Order what sold');
  await expect(table).toContainText('perfect forecast (reference)');
  await expect(table.locator('caption')).toContainText('cycle service');
  await expect(view.getByTestId('closed-loop-why')).toContainText(/costs [\d.]+% less than/);
  await expect(view.getByTestId('closed-loop')).toContainText('held-out');
  await expect(view.getByRole('img', { name: /Cumulative cost of each policy/ })).toBeVisible();
});

test('the Inventory view shows the textbook models for a preset: exact Poisson (r,Q) and the Scarf DP', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-inventory').click();
  await expect(page.getByTestId('kpi-cost')).toBeVisible();
  await page.getByTestId('preset-poisson-rq').click();
  const panel = page.getByTestId('textbook-models');
  await panel.locator('summary').click();
  await expect(panel.getByTestId('textbook-rq-poisson')).toContainText('(3, 5)');
  await expect(panel.getByTestId('textbook-rq-poisson')).toContainText('no normal approximation');
  await page.getByTestId('preset-finite-horizon-dp').click();
  await expect(panel.getByTestId('textbook-finite-horizon')).toContainText('(110, 133)');
  await expect(panel.getByTestId('textbook-power-approximation')).toContainText('Ehrhardt');
});
