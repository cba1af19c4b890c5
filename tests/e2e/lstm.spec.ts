import { expect, test } from '@playwright/test';
import { openDemoForecast } from './helpers';

// Issue #12: the LSTM says honestly what it is (epoch 0 plotted, refits that kept their baseline labelled so), and a
// Cancel during its training keeps the statistical models' results (#14, point 3).

test('Cancel during the LSTM keeps the statistical leaderboard and marks the LSTM cancelled; the loss chart starts at epoch 0', async ({ page }) => {
  const view = await openDemoForecast(page);
  await view.getByTestId('lstm-enabled').check();
  await expect(view.getByTestId('backend')).toContainText(/Backend: (wasm|cpu|webgl|webgpu)/, { timeout: 90_000 });
  await view.getByTestId('lstm-units').fill('8');
  await view.getByTestId('lstm-epochs').fill('500');
  await view.getByTestId('bt-step').fill('13');
  await view.getByTestId('run-backtest').click();
  // The statistical models have finished once the LSTM trains; the live curve's first point is epoch 0.
  const summary = view.getByTestId('loss-summary');
  await expect(summary).toHaveAttribute('data-first-epoch', '0', { timeout: 120_000 });
  await expect(summary).toContainText('epoch 0, the untrained baseline');
  const cancel = view.getByTestId('cancel-backtest');
  await expect(cancel).toHaveText('Cancel the LSTM (keep the other models)');
  await cancel.click();
  const board = view.getByTestId('leaderboard');
  await expect(board).toBeVisible({ timeout: 60_000 });
  await expect(board.locator('tr[data-model="snaive"]')).toHaveCount(1);
  await expect(board.locator('tr[data-model="lstm"]')).toHaveCount(0);
  await expect(view.getByTestId('lstm-cancelled')).toContainText(/LSTM: cancelled after \d+ of \d+ refits/);
  await expect(view.getByText('Cancelled; nothing was saved.')).toHaveCount(0);
  // Saved: the same leaderboard comes back after a reload.
  await page.reload();
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-dataset').selectOption({ label: 'Demo: weekly store sales' });
  await expect(page.getByTestId('leaderboard').locator('tr[data-model="snaive"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('lstm-cancelled')).toBeVisible();
});

test('each refit lists its chosen epoch and validation losses; the row says at how many refits it kept its baseline', async ({ page }) => {
  const view = await openDemoForecast(page);
  await view.getByTestId('lstm-enabled').check();
  await expect(view.getByTestId('backend')).toContainText(/Backend: (wasm|cpu|webgl|webgpu)/, { timeout: 90_000 });
  await view.getByTestId('lstm-units').fill('8');
  await view.getByTestId('lstm-epochs').fill('2');
  await view.getByTestId('bt-step').fill('13');
  await view.getByTestId('run-backtest').click();
  const board = view.getByTestId('leaderboard');
  await expect(board).toBeVisible({ timeout: 180_000 });
  const rows = view.getByTestId('lstm-refit');
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  let kept = 0;
  let trained = 0;
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    const source = await row.getAttribute('data-source');
    const epoch = await row.getAttribute('data-epoch');
    if (source === 'baseline') {
      kept++;
      expect(epoch).toBe('0');
      await expect(row).toContainText('kept its baseline');
    } else if (source === 'trained') {
      trained++;
      expect(Number(epoch)).toBeGreaterThan(0);
    }
    await expect(row).toContainText(/→|–/);
  }
  // The label follows the refits: an LSTM only where a trained network made forecasts, and the kept ones counted.
  const label = (await board.locator('tr[data-model="lstm"] th').textContent()) ?? '';
  if (trained === 0) expect(label).not.toMatch(/^LSTM/);
  else if (kept > 0) expect(label).toContain(`kept its baseline at ${kept} of ${n} refits`);
  else expect(label).not.toContain('kept its baseline');
  // The network's own 10-90 % intervals are scored on the later origins, and said to be uncalibrated.
  if (trained + kept > 0) await expect(view.getByTestId('lstm-network-coverage')).toContainText(/own 80 % intervals .*uncalibrated.* covered \d+\.\d % of \d+ actuals/);
});

test("the shipped demo model is trained, says which periods trained, validated and tested it, shows its test-span check and its losses from epoch 0, and the app's check agrees", async ({ page }) => {
  const view = await openDemoForecast(page);
  const shipped = view.getByTestId('saved-models').locator('li', { hasText: 'Pretrained demo LSTM' });
  await expect(shipped).toContainText(/trained, epoch [1-9]\d* chosen/);
  const meta = await page.evaluate(async () => (await fetch('./models/demo-weekly/meta.json')).json());
  const training = meta.networks[0].training;
  const check = meta.testCheck;
  expect(training.bestEpoch).toBeGreaterThan(0);
  // The panel of the demo model is open, and every sentence in it comes from its meta.json.
  const facts = shipped.getByTestId('model-facts');
  await expect(facts).toHaveAttribute('open', '');
  await expect(facts.getByTestId('model-epoch')).toHaveAttribute('data-epoch', String(training.bestEpoch));
  await expect(facts.getByTestId('model-epoch')).toContainText(`Trained: epoch ${training.bestEpoch} of ${training.epochs} was chosen`);
  const periods = facts.getByTestId('model-periods');
  await expect(periods).toContainText(/trained on windows forecasting \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/);
  await expect(periods).toContainText(/its epoch was chosen on the validation windows forecasting \d{4}-\d\d-\d\d/);
  await expect(periods).toContainText(/tested on \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d, periods used neither to train it nor to choose its epoch/);
  await expect(facts.getByTestId('model-outputs')).toContainText('its own 10, 50, 90 % quantiles');
  await expect(facts.getByTestId('model-inputs')).toContainText("for each week ahead, holiday flag, the baseline");
  await expect(facts.getByTestId('model-inputs')).toContainText("its peers' seasonal value against its own (the series that differ from it only in Store)");
  const table = facts.getByTestId('model-test-check');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tr[data-row="network"]')).toContainText(`${check.network.wape.toFixed(2)} %`);
  await expect(table.locator('tr[data-row="baseline"]')).toContainText(`${check.baseline.wape.toFixed(2)} %`);
  await expect(table.locator('tr[data-row="snaive"]')).toContainText(`${check.seasonalNaive.wape.toFixed(2)} %`);
  // Whether it beats its baseline on the test span is said either way.
  const beats = check.network.wape < check.baseline.wape;
  await expect(facts.getByTestId('model-verdict')).toContainText(beats ? 'the trained network beats its baseline' : 'the trained network does not beat its baseline');
  await expect(facts.getByTestId('model-coverage')).toContainText(`covered ${(100 * check.interval.coverage).toFixed(1)} % of the test span's actuals`);
  // The loss chart starts at epoch 0, the untrained network.
  await expect(facts.getByTestId('model-losses')).toHaveAttribute('data-first-epoch', '0');
  await expect(facts.getByTestId('model-losses')).toHaveAttribute('data-epochs', String(training.epochs + 1));
  await expect(facts.getByRole('img', { name: /loss per epoch of this model, from epoch 0/ })).toBeVisible();
  // Forecasting with it runs the app's own check on the same test span: the same WAPE as the stored check.
  await shipped.getByTestId('forecast-with-model').click();
  const holdout = view.getByTestId('holdout-check');
  await expect(holdout).toBeVisible({ timeout: 90_000 });
  await expect(holdout.locator('caption')).toHaveAttribute('data-span', 'test');
  await expect(holdout.locator('caption')).toContainText('used neither to train it nor to choose its epoch');
  await expect(holdout.locator('tbody tr').nth(1)).toContainText(`${check.network.wape.toFixed(2)}%`);
  await expect(holdout.locator('tbody tr').nth(0)).toContainText(`${check.seasonalNaive.wape.toFixed(2)}%`);
});

test('on weekly data the covariates are off by default and the panel says why; the choice is remembered', async ({ page }) => {
  const view = await openDemoForecast(page);
  await view.getByTestId('lstm-enabled').check();
  const box = view.getByTestId('lstm-covariates');
  await expect(box).not.toBeChecked();
  await expect(view.getByTestId('lstm-covariates-label')).toContainText('Temperature');
  await expect(view.getByTestId('lstm-covariates-note')).toContainText("Off by default for weekly data: its baseline copies last year's value");
  await box.check();
  await page.reload();
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-dataset').selectOption({ label: 'Demo: weekly store sales' });
  await expect(page.getByTestId('lstm-covariates')).toBeChecked();
});
